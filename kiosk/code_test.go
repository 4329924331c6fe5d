package kiosk

import (
	"errors"
	"strings"
	"testing"
)

func TestReferenceRoundTrip(t *testing.T) {
	seen := map[string]bool{}
	for seq := uint64(1); seq < 2000; seq++ {
		ref := NewReference("GNT01", "7Q", seq)
		if seen[ref] {
			t.Fatalf("reference %s issued twice", ref)
		}
		seen[ref] = true
		got, err := ParseReference(strings.ToLower(strings.ReplaceAll(ref, "-", " ")))
		if err != nil || got != ref {
			t.Fatalf("ParseReference(%s) = %q, %v", ref, got, err)
		}
	}
}

// Every single mistyped character and every swap of two different neighbours is caught.
func TestReferenceCatchesTypos(t *testing.T) {
	ref := normalizeCode(NewReference("GNT01", "7Q", 1234))
	for i := range ref {
		for _, r := range crockford {
			if byte(r) == ref[i] {
				continue
			}
			typo := ref[:i] + string(r) + ref[i+1:]
			if _, err := ParseReference(typo); !errors.Is(err, ErrCodeCheck) {
				t.Errorf("substitution %s accepted (%v)", typo, err)
			}
		}
		if i+1 < len(ref) && ref[i] != ref[i+1] {
			swapped := ref[:i] + string(ref[i+1]) + string(ref[i]) + ref[i+2:]
			if _, err := ParseReference(swapped); !errors.Is(err, ErrCodeCheck) {
				t.Errorf("transposition %s accepted (%v)", swapped, err)
			}
		}
	}
}

func TestReferenceLookAlikes(t *testing.T) {
	ref := NewReference("GNT01", "00", 1)
	typed := strings.ReplaceAll(ref, "0", "o")
	if got, err := ParseReference(typed); err != nil || got != ref {
		t.Fatalf("ParseReference(%q) = %q, %v; want %s", typed, got, err, ref)
	}
	for _, bad := range []string{"", "GNT01", "GNT01-7Q00-0AZ!", "GNT01-7Q00-0AZK-0000-0000"} {
		if _, err := ParseReference(bad); !errors.Is(err, ErrCodeFormat) {
			t.Errorf("ParseReference(%q) = %v, want ErrCodeFormat", bad, err)
		}
	}
}

func TestResumeCode(t *testing.T) {
	for range 500 {
		code := NewResumeCode()
		if len(code) != 8 || code[3] != '-' {
			t.Fatalf("resume code %q: want XXX-XXXX", code)
		}
		if got, err := ParseResumeCode(strings.ToLower(code)); err != nil || got != code {
			t.Fatalf("ParseResumeCode(%q) = %q, %v", code, got, err)
		}
		b := []byte(normalizeCode(code))
		b[2] = crockford[(symbolValue(rune(b[2]))+1)%32]
		if _, err := ParseResumeCode(string(b)); !errors.Is(err, ErrCodeCheck) {
			t.Fatalf("mistyped %s accepted: %v", b, err)
		}
	}
	if _, err := ParseResumeCode("ABC"); !errors.Is(err, ErrCodeFormat) {
		t.Fatalf("short code: %v", err)
	}
}

func TestValidKioskCode(t *testing.T) {
	for code, want := range map[string]bool{"GNT01": true, "AB": true, "A": false, "LEUVEN": false,
		"GENT01X": false, "gnt01": false, "ANT-1": false} {
		if got := ValidKioskCode(code); got != want {
			t.Errorf("ValidKioskCode(%q) = %v, want %v", code, got, want)
		}
	}
}

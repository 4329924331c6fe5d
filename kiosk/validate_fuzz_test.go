package kiosk_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"loket/kiosk"
)

// The fuzz targets check what must hold for any input, typed or pasted: no panic; a refusal
// carries no value and a code that has words in every language; an accepted answer has its
// documented shape, is accepted again as it is (drafts are re-validated on resume), and so
// is its printed form (the screens put that back in the input for a change).

// fuzzAnswers runs validate on every fuzzed string and checks the shared invariants; shape
// is the documented form of a normalized value, and printed (may be nil) its readable form.
func fuzzAnswers(f *testing.F, seeds []string, validate func(string) (string, *kiosk.Invalid),
	shape *regexp.Regexp, printed func(string) string) {
	for _, s := range seeds {
		f.Add(s)
	}
	nl := validationMessages(f, "nl")
	f.Fuzz(func(t *testing.T, raw string) {
		v, inv := validate(raw)
		if inv != nil {
			checkRefusal(t, nl, raw, v, inv)
			return
		}
		if !shape.MatchString(v) {
			t.Fatalf("%q gave %q, which does not match %s", raw, v, shape)
		}
		if again, inv := validate(v); inv != nil || again != v {
			t.Fatalf("%q gave %q, which validates to %q, %v", raw, v, again, inv)
		}
		if printed != nil {
			if again, inv := validate(printed(v)); inv != nil || again != v {
				t.Fatalf("%q printed as %q validates to %q, %v", v, printed(v), again, inv)
			}
		}
	})
}

func checkRefusal(t *testing.T, nl map[string]string, raw, v string, inv *kiosk.Invalid) {
	t.Helper()
	if v != "" {
		t.Fatalf("%q refused (%v) but returned %q", raw, inv, v)
	}
	if nl[inv.MessageKey()] == "" {
		t.Fatalf("%q refused with %q, which has no message", raw, inv.Code)
	}
}

func FuzzValidateRRN(f *testing.F) {
	fuzzAnswers(f, []string{"85.07.30-033.28", "00010100105", "00210100148", "85400000127",
		"00022900116", "85073003329", "8507300332", "", "85/07/30 033 28"},
		kiosk.ValidateRRN, regexp.MustCompile(`^\d{11}$`), kiosk.FormatRRN)
}

func FuzzValidateIBAN(f *testing.F) {
	fuzzAnswers(f, []string{"BE68 5390 0754 7034", "be71096123456769", "BE54000000000097",
		"BE41539007547035", "NL91ABNA0417164300", "BE6853900754703", "", "BE68-5390.0754/7034"},
		kiosk.ValidateIBAN, regexp.MustCompile(`^BE\d{14}$`), kiosk.FormatIBAN)
}

func FuzzValidatePostcode(f *testing.F) {
	fuzzAnswers(f, []string{"9000", " 1000 ", "B-9000", "0999", "9993", "9OOO", ""},
		func(raw string) (string, *kiosk.Invalid) {
			v, inv := kiosk.ValidatePostcode(raw)
			_ = kiosk.PostcodeName(v)
			if n, _ := strconv.Atoi(v); inv == nil && (n < 1000 || n > 9992) {
				return "out of range: " + v, nil // fails the shape check below
			}
			return v, inv
		}, regexp.MustCompile(`^\d{4}$`), nil)
}

func FuzzValidatePhone(f *testing.F) {
	fuzzAnswers(f, []string{"0470 12 34 56", "+32 (0)470 12 34 56", "0032 9 123 45 67",
		"(09) 123 45 67", "050/12.34.56", "+31 20 123 4567", "+", "+0032", ""},
		kiosk.ValidatePhone, regexp.MustCompile(`^\+32(4\d{8}|[1-9]\d{7})$`), kiosk.FormatPhone)
}

func FuzzValidatePlate(f *testing.F) {
	fuzzAnswers(f, []string{"1-ABC-123", "1abc123", "abc 123", "123-ABC", "0-ABC-123",
		"1-ıbc-123", ""},
		kiosk.ValidatePlate, regexp.MustCompile(`^([1-9]-[A-Z]{3}-\d{3}|[A-Z]{3}-\d{3}|\d{3}-[A-Z]{3})$`), nil)
}

func FuzzValidateEmail(f *testing.F) {
	fuzzAnswers(f, []string{"jan@voorbeeld.be", " Jan.Peeters@Voorbeeld.BE ",
		"Jan <jan@voorbeeld.be>", "jan@[10.0.0.1]", "jan@voorbeeld", "élodie@exemple.be", ""},
		func(raw string) (string, *kiosk.Invalid) {
			v, inv := kiosk.ValidateEmail(raw)
			if at := strings.LastIndexByte(v, '@'); inv == nil && v[at+1:] != strings.ToLower(v[at+1:]) {
				return "domain not lowered: " + v, nil // fails the shape check below
			}
			return v, inv
		}, regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@]+$`), nil)
}

func FuzzValidateNumber(f *testing.F) {
	f.Add("1.250", 0, 10000, true, true)
	f.Add(" 1 250 000 ", 0, 0, false, false)
	f.Add("-5", 1, 10, true, false)
	f.Add("1.5", 0, 0, false, false)
	f.Add("99999999999999999999", 0, 10, false, true)
	shape := regexp.MustCompile(`^(0|-?[1-9]\d*)$`)
	nl := validationMessages(f, "nl")
	f.Fuzz(func(t *testing.T, raw string, lo, hi int, hasMin, hasMax bool) {
		var min, max *int
		if hasMin {
			min = &lo
		}
		if hasMax {
			max = &hi
		}
		v, inv := kiosk.ValidateNumber(raw, min, max)
		if inv != nil {
			checkRefusal(t, nl, raw, v, inv)
			return
		}
		n, err := strconv.Atoi(v)
		if !shape.MatchString(v) || err != nil || (min != nil && n < *min) || (max != nil && n > *max) {
			t.Fatalf("%q gave %q, not a whole number within [%v, %v]", raw, v, min, max)
		}
		if again, inv := kiosk.ValidateNumber(v, min, max); inv != nil || again != v {
			t.Fatalf("%q gave %q, which validates to %q, %v", raw, v, again, inv)
		}
	})
}

func FuzzValidateDay(f *testing.F) {
	for _, s := range []string{"30/07/1985", "3.7.1985", "1985-07-30", "29 02 1900", "30/07/85",
		"31/02/2024", "", "0/0/0000"} {
		f.Add(s, int64(0), int64(0))
	}
	f.Add("15/03/2026", int64(1773532800), int64(1773619199))
	shape := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	nl := validationMessages(f, "nl")
	f.Fuzz(func(t *testing.T, raw string, before, after int64) {
		var notBefore, notAfter time.Time
		if before != 0 {
			notBefore = time.Unix(before, 0).UTC()
		}
		if after != 0 {
			notAfter = time.Unix(after, 0).UTC()
		}
		day, pinv := kiosk.ParseDay(raw)
		if pinv == nil && (day.Location() != time.UTC || day.Hour()+day.Minute()+day.Second()+day.Nanosecond() != 0) {
			t.Fatalf("ParseDay(%q) = %v, not 00:00 UTC", raw, day)
		}
		v, inv := kiosk.ValidateDay(raw, notBefore, notAfter)
		if inv != nil {
			checkRefusal(t, nl, raw, v, inv)
			return
		}
		if !shape.MatchString(v) || v != day.Format("2006-01-02") {
			t.Fatalf("%q gave %q, ParseDay %v", raw, v, day)
		}
		for _, typed := range []string{v, kiosk.FormatDay(v)} {
			if again, inv := kiosk.ValidateDay(typed, notBefore, notAfter); inv != nil || again != v {
				t.Fatalf("%q (from %q) validates to %q, %v; want %q", typed, raw, again, inv, v)
			}
		}
	})
}

func FuzzParseRelativeDay(f *testing.F) {
	for _, s := range []string{"", "today", "+14d", "-18y", "+3m", "-2w", "+3x", "+99999y", "-0d"} {
		f.Add(s, int64(1774992600))
	}
	f.Fuzz(func(t *testing.T, spec string, unix int64) {
		today := time.Unix(unix%(1<<40), 0).In(time.FixedZone("CEST", 2*3600))
		got, err := kiosk.ParseRelativeDay(spec, today)
		if err != nil {
			if !got.IsZero() || !strings.Contains(err.Error(), strconv.Quote(spec)) {
				t.Fatalf("%q: got %v and an error that does not quote the spec: %v", spec, got, err)
			}
			return
		}
		if strings.TrimSpace(spec) == "" && !got.IsZero() {
			t.Fatalf("%q gave %v, want no bound", spec, got)
		}
		if !got.IsZero() && (got.Location() != time.UTC || got.Hour() != 0 || got.Minute() != 0) {
			t.Fatalf("%q gave %v, not 00:00 UTC", spec, got)
		}
	})
}

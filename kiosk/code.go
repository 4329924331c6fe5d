package kiosk

import (
	"crypto/rand"
	"errors"
	"strings"
)

// Codes that citizens and staff read aloud or type back (reference numbers, resume codes)
// use Crockford's base-32 alphabet: no I, L, O or U, so 1/I/L and 0/O cannot be confused,
// and typed input is forgiving (O reads as 0, I and L as 1, lowercase and separators are
// fine). The last character is a Luhn mod 32 check character, which catches every single
// mistyped character and every swap of two neighbours.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// ErrCodeFormat and ErrCodeCheck tell a mistyped code apart from one that was never issued.
var (
	ErrCodeFormat = errors.New("code has the wrong length or characters")
	ErrCodeCheck  = errors.New("code has a typing error (the check character does not match)")
)

func symbolValue(r rune) int { return strings.IndexRune(crockford, r) }

// normalizeCode uppercases, drops spaces, dots and hyphens, and maps look-alike letters.
func normalizeCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch r {
		case ' ', '-', '.', '\t', '/':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// checkSymbol computes the Luhn mod 32 check character of s (all symbols in the alphabet).
func checkSymbol(s string) byte {
	factor, sum := 2, 0
	for i := len(s) - 1; i >= 0; i-- {
		addend := factor * symbolValue(rune(s[i]))
		factor = 3 - factor
		sum += addend/32 + addend%32
	}
	return crockford[(32-sum%32)%32]
}

// validCode reports whether the last character of s is its check character.
func validCode(s string) bool {
	if len(s) < 2 {
		return false
	}
	for _, r := range s {
		if symbolValue(r) < 0 {
			return false
		}
	}
	return checkSymbol(s[:len(s)-1]) == s[len(s)-1]
}

func randomSymbols(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails on Linux; crashes the program if it does
	for i := range b {
		b[i] = crockford[b[i]%32]
	}
	return string(b)
}

func base32(n uint64, width int) string {
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = crockford[n%32]
		n /= 32
	}
	return string(b)
}

// ValidKioskCode reports whether code can start reference numbers: 2 to 6 symbols of the
// alphabet (so it survives being typed back).
func ValidKioskCode(code string) bool {
	if len(code) < 2 || len(code) > 6 {
		return false
	}
	for _, r := range code {
		if symbolValue(r) < 0 {
			return false
		}
	}
	return true
}

// Reference numbers look like GNT01-7Q00-0AZK: the kiosk code, then two symbols chosen at
// random when the kiosk's database was created (so a kiosk whose disk was replaced does not
// reissue old numbers), a five-symbol sequence (33 million per database), and the check
// character. Unique across kiosks without any network, as long as kiosk codes are unique.

// NewReference builds the reference for the seq-th submission of a kiosk database.
func NewReference(kioskCode, epoch string, seq uint64) string {
	body := epoch + base32(seq, 5)
	check := checkSymbol(kioskCode + body)
	full := body + string(check)
	return kioskCode + "-" + full[:4] + "-" + full[4:]
}

// ParseReference normalizes a typed reference ("gnt01 7q00 0azk") to its printed form and
// checks its check character.
func ParseReference(typed string) (string, error) {
	s := normalizeCode(typed)
	if len(s) < 10 || len(s) > 14 {
		return "", ErrCodeFormat
	}
	for _, r := range s {
		if symbolValue(r) < 0 {
			return "", ErrCodeFormat
		}
	}
	if !validCode(s) {
		return "", ErrCodeCheck
	}
	kiosk, body := s[:len(s)-8], s[len(s)-8:]
	return kiosk + "-" + body[:4] + "-" + body[4:], nil
}

// Resume codes look like K7Q-4MZ2: six random symbols (a billion codes) and a check
// character, short enough to type on a touch screen.

// NewResumeCode returns a fresh random resume code in its printed form.
func NewResumeCode() string {
	s := randomSymbols(6)
	s += string(checkSymbol(s))
	return s[:3] + "-" + s[3:]
}

// ParseResumeCode normalizes a typed resume code to its printed form and checks it.
func ParseResumeCode(typed string) (string, error) {
	s := normalizeCode(typed)
	if len(s) != 7 {
		return "", ErrCodeFormat
	}
	for _, r := range s {
		if symbolValue(r) < 0 {
			return "", ErrCodeFormat
		}
	}
	if !validCode(s) {
		return "", ErrCodeCheck
	}
	return s[:3] + "-" + s[3:], nil
}

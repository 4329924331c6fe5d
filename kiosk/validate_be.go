package kiosk

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Validators for the Belgian identifiers a citizen types at the kiosk. Each returns the
// answer in one normalized form (what Answers stores, what the hub receives) or an *Invalid
// whose code names a message in assets/translations/validation. People write these numbers
// the way they see them printed, with spaces, dots, hyphens or slashes, so those are dropped
// before checking; the Format functions turn the stored form back into the printed one.

// ValidateRRN checks a national register number (rijksregisternummer) or a BIS number and
// returns its 11 digits. The check digits are tried for both centuries, because the number
// itself does not say whether someone was born before or after 2000; the century that
// matches then decides whether 29 February existed. BIS numbers add 20 or 40 to the month;
// a month of 0 (or 20, 40) with day 0 stands for an unknown birth date.
func ValidateRRN(raw string) (string, *Invalid) {
	d := stripSeparators(raw, ".-/")
	if len(d) != 11 || !isDigits(d) {
		return "", invalid("rrn.format")
	}
	first9, _ := strconv.Atoi(d[:9])
	check, _ := strconv.Atoi(d[9:])
	// 2000000000 mod 97 is 68, not 0, so at most one of the two centuries can match.
	var century int
	switch check {
	case 97 - first9%97:
		century = 1900
	case 97 - (2000000000+first9)%97:
		century = 2000
	default:
		return "", invalid("rrn.checksum")
	}
	yy, _ := strconv.Atoi(d[0:2])
	mm, _ := strconv.Atoi(d[2:4])
	dd, _ := strconv.Atoi(d[4:6])
	if !rrnBirthDateOK(century+yy, mm, dd) {
		return "", invalid("rrn.date")
	}
	return d, nil
}

// rrnBirthDateOK reports whether the month and day of a national or BIS number can be a
// birth date in year.
func rrnBirthDateOK(year, mm, dd int) bool {
	switch {
	case mm >= 60:
		return false
	case mm >= 40: // BIS number, sex known
		mm -= 40
	case mm >= 20: // BIS number, sex unknown at registration
		mm -= 20
	}
	if mm > 12 {
		return false
	}
	if mm == 0 { // birth date unknown
		return dd == 0
	}
	return dd >= 1 && dd <= daysInMonth(year, mm)
}

func daysInMonth(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// FormatRRN prints 11 digits as on the identity card: "85.07.30-033.28". Anything else is
// returned unchanged, so a screen never hides what was stored.
func FormatRRN(digits string) string {
	if len(digits) != 11 || !isDigits(digits) {
		return digits
	}
	d := digits
	return d[0:2] + "." + d[2:4] + "." + d[4:6] + "-" + d[6:9] + "." + d[9:11]
}

// ValidateIBAN checks a Belgian IBAN and returns it without spaces, in capitals:
// "BE68539007547034". A correct IBAN of another country gets its own code, because the
// citizen made no typing error and needs to hear that only Belgian accounts are taken.
//
// The 14 digits alone are accepted too, as "BE" + digits: the kiosk's keypad for account
// numbers has no letters, and a Belgian account is all the kiosk takes.
func ValidateIBAN(raw string) (string, *Invalid) {
	s := asciiUpper(stripSeparators(raw, ".-/"))
	if len(s) == 14 && isDigits(s) {
		s = "BE" + s
	}
	if len(s) != 16 || s[:2] != "BE" || !isDigits(s[2:]) {
		if foreignIBAN(s) {
			return "", invalid("iban.country")
		}
		return "", invalid("iban.format")
	}
	if ibanMod97(s) != 1 {
		return "", invalid("iban.checksum")
	}
	// The Belgian account number inside has its own check: the last 2 of its 12 digits are
	// the first 10 mod 97, with 97 in place of 0.
	first10, _ := strconv.Atoi(s[4:14])
	last2, _ := strconv.Atoi(s[14:])
	want := first10 % 97
	if want == 0 {
		want = 97
	}
	if last2 != want {
		return "", invalid("iban.account")
	}
	return s, nil
}

// foreignIBAN reports whether s is a well-formed IBAN of a country other than Belgium,
// check digits included; a mistyped Belgian number is a format error, not a foreign one.
func foreignIBAN(s string) bool {
	if len(s) < 15 || len(s) > 34 || s[:2] == "BE" {
		return false
	}
	if !isUpperLetter(s[0]) || !isUpperLetter(s[1]) || !isDigits(s[2:4]) {
		return false
	}
	for i := 4; i < len(s); i++ {
		if !isUpperLetter(s[i]) && !isDigit(s[i]) {
			return false
		}
	}
	return ibanMod97(s) == 1
}

// ibanMod97 computes the ISO 13616 remainder: the first 4 characters moved to the end,
// letters as 10..35, the whole read as one number mod 97. s must be capitals and digits.
func ibanMod97(s string) int {
	r := 0
	for _, c := range []byte(s[4:] + s[:4]) {
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A') + 10) % 97
		}
	}
	return r
}

// FormatIBAN prints an IBAN in groups of 4, as banks and cards do: "BE68 5390 0754 7034".
func FormatIBAN(s string) string {
	r := []rune(strings.ReplaceAll(s, " ", ""))
	var b strings.Builder
	for i, c := range r {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// ValidatePostcode checks a Belgian postal code: 4 digits from 1000 to 9992. The "B-"
// prefix that older people still write ("B-9000") is accepted.
func ValidatePostcode(raw string) (string, *Invalid) {
	s := stripSeparators(raw, ".-")
	if len(s) == 5 && (s[0] == 'B' || s[0] == 'b') {
		s = s[1:]
	}
	if len(s) != 4 || !isDigits(s) {
		return "", invalid("postcode.format")
	}
	if n, _ := strconv.Atoi(s); n < 1000 || n > 9992 {
		return "", invalid("postcode.range")
	}
	return s, nil
}

// ValidatePhone checks a Belgian phone number, written nationally ("0470 12 34 56",
// "09/123.45.67", "(09) 123 45 67") or internationally ("+32 470 12 34 56", "0032 ...",
// "+32 (0)470 ..."), and returns it in E.164 form: "+32470123456". Mobile numbers have 10
// digits nationally and start with 04; other numbers have 9 (0, the area code, the number).
func ValidatePhone(raw string) (string, *Invalid) {
	s := stripSeparators(raw, ".-/")
	intl := false
	switch {
	case strings.HasPrefix(s, "+"):
		s, intl = s[1:], true
	case strings.HasPrefix(s, "00"):
		s, intl = s[2:], true
	}
	if intl {
		if !strings.HasPrefix(s, "32") {
			// Country codes never start with 0: "+0032" is a Belgian number typed wrong.
			n := strings.NewReplacer("(", "", ")", "").Replace(s)
			if len(n) >= 7 && len(n) <= 15 && isDigits(n) && n[0] != '0' {
				return "", invalid("phone.foreign")
			}
			return "", invalid("phone.format")
		}
		s = strings.TrimPrefix(s[2:], "(0)")
		s = "0" + strings.TrimPrefix(s, "0") // "+32 0470 ...": a national 0 kept by habit
	}
	s = strings.NewReplacer("(", "", ")", "").Replace(s)
	if !isDigits(s) || !strings.HasPrefix(s, "0") {
		return "", invalid("phone.format")
	}
	switch {
	case len(s) == 10 && s[1] == '4': // mobile
	case len(s) == 9 && s[1] != '0': // landline or service number
	default:
		return "", invalid("phone.format")
	}
	return "+32" + s[1:], nil
}

// FormatPhone prints an E.164 Belgian number the way Belgians write it: mobiles
// "0470 12 34 56", landlines with a 1-digit area code (Brussels 02, Antwerp 03, Liège 04,
// Ghent 09) "09 123 45 67", other landlines "050 12 34 56". Anything else is unchanged.
func FormatPhone(e164 string) string {
	if !strings.HasPrefix(e164, "+32") {
		return e164
	}
	n := "0" + e164[3:]
	if !isDigits(n) {
		return e164
	}
	switch {
	case len(n) == 10 && n[1] == '4':
		return n[:4] + " " + n[4:6] + " " + n[6:8] + " " + n[8:]
	case len(n) == 9 && strings.IndexByte("2349", n[1]) >= 0:
		return n[:2] + " " + n[2:5] + " " + n[5:7] + " " + n[7:]
	case len(n) == 9:
		return n[:3] + " " + n[3:5] + " " + n[5:7] + " " + n[7:]
	}
	return e164
}

// ValidatePlate checks a Belgian licence plate in one of the three standard series and
// returns it in capitals with hyphens: "1-ABC-123" (since 2010), "ABC-123" and "123-ABC"
// (older). Personalised plates are refused: their rules changed over the years and a wrong
// rule would accept typing errors; the message sends those citizens to the counter.
func ValidatePlate(raw string) (string, *Invalid) {
	s := asciiUpper(stripSeparators(raw, ".-/"))
	switch {
	case len(s) == 7 && s[0] >= '1' && s[0] <= '9' && isLetters(s[1:4]) && isDigits(s[4:]):
		return s[:1] + "-" + s[1:4] + "-" + s[4:], nil
	case len(s) == 6 && isLetters(s[:3]) && isDigits(s[3:]),
		len(s) == 6 && isDigits(s[:3]) && isLetters(s[3:]):
		return s[:3] + "-" + s[3:], nil
	}
	return "", invalid("plate.format")
}

// stripSeparators drops white space of any kind and the runes in seps: the characters
// people put between groups of digits.
func stripSeparators(s, seps string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune(seps, r) {
			return -1
		}
		return r
	}, s)
}

// asciiUpper capitalizes a-z only: strings.ToUpper would turn "ı" or "ſ" into I or S and
// let look-alike letters through.
func asciiUpper(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isUpperLetter(c byte) bool { return c >= 'A' && c <= 'Z' }

// isDigits reports whether s is non-empty and all ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// isLetters reports whether s is non-empty and all capitals A-Z.
func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isUpperLetter(s[i]) {
			return false
		}
	}
	return s != ""
}

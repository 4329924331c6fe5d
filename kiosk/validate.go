package kiosk

import (
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Validators for answers that are not Belgian identifiers: e-mail addresses, whole numbers
// and days. Like those in validate_be.go they return the normalized answer or an *Invalid.

// ValidateEmail checks a bare e-mail address ("jan@voorbeeld.be") and returns it with the
// domain in lower case, since domains are case-insensitive and the stored form should
// compare equal however it was typed. Display names and angle brackets, which
// net/mail accepts, are refused: a citizen types an address, not a mail header.
func ValidateEmail(raw string) (string, *Invalid) {
	s := strings.TrimSpace(raw)
	if s == "" || len(s) > 254 || !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return "", invalid("email.format")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", invalid("email.format")
	}
	at := strings.LastIndexByte(s, '@')
	domain := strings.ToLower(s[at+1:])
	if !emailDomainOK(domain) {
		return "", invalid("email.format")
	}
	return s[:at] + "@" + domain, nil
}

// emailDomainOK asks for a dotted host name ("gmail.com", not "gmail" or "[10.0.0.1]")
// whose last part has 2 characters or more: "jan@gmail.c" is a typing error.
func emailDomainOK(domain string) bool {
	labels := strings.Split(domain, ".")
	if len(labels) < 2 || strings.ContainsAny(domain, "[]") {
		return false
	}
	for _, l := range labels {
		if l == "" {
			return false
		}
	}
	return utf8.RuneCountInString(labels[len(labels)-1]) >= 2
}

// ValidateNumber checks a whole number, optionally between min and max (inclusive), and
// returns it in plain digits: "1.250" and "1 250" give "1250". Dots and spaces count only
// as thousands separators, between groups of 3 digits, so "1.5" is refused rather than
// read as 15.
func ValidateNumber(raw string, min, max *int) (string, *Invalid) {
	s := strings.TrimSpace(raw)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
	for i, g := range groups {
		if !isDigits(g) || (i > 0 && len(g) != 3) || (i == 0 && len(groups) > 1 && len(g) > 3) {
			return "", invalid("number.format")
		}
	}
	if len(groups) == 0 {
		return "", invalid("number.format")
	}
	n, err := strconv.Atoi(sign + strings.Join(groups, ""))
	if err != nil { // only a number too large for an int gets here
		return "", numberOutOfBounds(min, max, sign == "-")
	}
	if min != nil && n < *min {
		return "", numberOutOfBounds(min, max, true)
	}
	if max != nil && n > *max {
		return "", numberOutOfBounds(min, max, false)
	}
	return strconv.Itoa(n), nil
}

// numberOutOfBounds names both bounds when there are two, so the citizen learns the whole
// range at once instead of bumping into the other end next.
func numberOutOfBounds(min, max *int, tooLow bool) *Invalid {
	switch {
	case min != nil && max != nil:
		return invalid("number.range", strconv.Itoa(*min), strconv.Itoa(*max))
	case tooLow && min != nil:
		return invalid("number.min", strconv.Itoa(*min))
	case !tooLow && max != nil:
		return invalid("number.max", strconv.Itoa(*max))
	}
	return invalid("number.format")
}

// Layouts of the stored and the printed form of a day.
const (
	isoDay = "2006-01-02"
	beDay  = "02/01/2006"
)

// ParseDay reads a day written the Belgian way, day first ("30/07/1985", "30-07-1985",
// "30.07.1985", "30 07 1985", "3/7/1985"), or in ISO order ("1985-07-30"), and returns it
// at 00:00 UTC. Two-digit years are refused: "30/07/25" could be 1925 or 2025, and a kiosk
// must not guess a birth year.
func ParseDay(raw string) (time.Time, *Invalid) {
	parts := strings.FieldsFunc(strings.TrimSpace(raw), func(r rune) bool {
		return r == '/' || r == '-' || r == '.' || unicode.IsSpace(r)
	})
	if len(parts) != 3 || !isDigits(parts[0]) || !isDigits(parts[1]) || !isDigits(parts[2]) {
		return time.Time{}, invalid("date.format")
	}
	d, m, y := parts[0], parts[1], parts[2]
	if len(parts[0]) == 4 {
		y, m, d = parts[0], parts[1], parts[2]
	}
	if len(d) > 2 || len(m) > 2 || len(y) > 4 {
		return time.Time{}, invalid("date.format")
	}
	if len(y) < 4 {
		return time.Time{}, invalid("date.year")
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if mi < 1 || mi > 12 || t.Month() != time.Month(mi) || t.Day() != di {
		return time.Time{}, invalid("date.exists")
	}
	return t, nil
}

// ParseRelativeDay turns a date bound from a service definition ("today", "+14d", "-2w",
// "+3m", "-18y") into a day relative to today's date, at 00:00 UTC; "" means no bound.
// Months and years keep the day of the month and clamp it to the month's last day (31 March
// minus 1 month is 28 February, not 3 March), so "-18y" on 29 February 2024 gives
// 28 February 2006 and an age check never lets someone through a day early.
func ParseRelativeDay(spec string, today time.Time) (time.Time, error) {
	s := strings.ToLower(strings.TrimSpace(spec))
	y, m, d := today.Date()
	base := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	switch s {
	case "":
		return time.Time{}, nil
	case "today":
		return base, nil
	}
	bad := fmt.Errorf(`date bound %q: want "today" or a number of days (d), weeks (w), months (m) `+
		`or years (y) such as "+14d"`, spec)
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') {
		return time.Time{}, bad
	}
	digits := s[1 : len(s)-1]
	if !isDigits(digits) || len(digits) > 5 {
		return time.Time{}, bad
	}
	n, _ := strconv.Atoi(digits)
	if s[0] == '-' {
		n = -n
	}
	switch s[len(s)-1] {
	case 'd':
		return base.AddDate(0, 0, n), nil
	case 'w':
		return base.AddDate(0, 0, 7*n), nil
	case 'm':
		return addMonthsClamped(base, n), nil
	case 'y':
		return addMonthsClamped(base, 12*n), nil
	}
	return time.Time{}, bad
}

// addMonthsClamped adds n months to t, keeping the day unless the target month is shorter.
func addMonthsClamped(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	day := min(t.Day(), daysInMonth(first.Year(), int(first.Month())))
	return time.Date(first.Year(), first.Month(), day, 0, 0, 0, 0, time.UTC)
}

// ValidateDay reads a day with ParseDay and checks it against bounds (inclusive; a zero
// time means no bound) and returns it as "1985-07-30". Only the bounds' dates count, not
// their time of day, so a bound of time.Now() still lets today through.
func ValidateDay(raw string, notBefore, notAfter time.Time) (string, *Invalid) {
	t, inv := ParseDay(raw)
	if inv != nil {
		return "", inv
	}
	if !notBefore.IsZero() {
		if b := dayOf(notBefore); t.Before(b) {
			return "", invalid("date.before", b.Format(beDay))
		}
	}
	if !notAfter.IsZero() {
		if a := dayOf(notAfter); t.After(a) {
			return "", invalid("date.after", a.Format(beDay))
		}
	}
	return t.Format(isoDay), nil
}

// dayOf returns t's calendar date, in t's own location, at 00:00 UTC.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// FormatDay prints a stored day the Belgian way: "1985-07-30" gives "30/07/1985". Anything
// that is not a stored day is returned unchanged.
func FormatDay(iso string) string {
	t, err := time.Parse(isoDay, iso)
	if err != nil {
		return iso
	}
	return t.Format(beDay)
}

package kiosk_test

import (
	"slices"
	"testing"
	"time"

	"loket/kiosk"
)

// answerCase is one typed answer and what a validator must make of it: the normalized
// value when code is empty, else a refusal with that code and args.
type answerCase struct {
	in, want, code string
	args           []string
}

func accepts(in, want string) answerCase { return answerCase{in: in, want: want} }

func refuses(in, code string, args ...string) answerCase {
	return answerCase{in: in, code: code, args: args}
}

func checkAnswers(t *testing.T, validate func(string) (string, *kiosk.Invalid), cases []answerCase) {
	t.Helper()
	for _, c := range cases {
		got, inv := validate(c.in)
		switch {
		case c.code == "" && (inv != nil || got != c.want):
			t.Errorf("%q: got %q, %v; want %q", c.in, got, inv, c.want)
		case c.code != "" && (inv == nil || inv.Code != c.code || !slices.Equal(inv.Args, c.args) || got != ""):
			t.Errorf("%q: got %q, %v; want refusal %s %q", c.in, got, inv, c.code, c.args)
		}
	}
}

func TestValidateEmail(t *testing.T) {
	checkAnswers(t, kiosk.ValidateEmail, []answerCase{
		accepts("jan@voorbeeld.be", "jan@voorbeeld.be"),
		accepts("  jan@voorbeeld.be  ", "jan@voorbeeld.be"),
		accepts("Jan.Peeters@Voorbeeld.BE", "Jan.Peeters@voorbeeld.be"), // only the domain is lowered
		accepts("an+kiosk@mail.gent.be", "an+kiosk@mail.gent.be"),
		accepts("o'brien@example.co.uk", "o'brien@example.co.uk"),
		accepts("élodie@exemple.be", "élodie@exemple.be"), // RFC 6532 allows UTF-8
		refuses("", "email.format"),
		refuses("jan", "email.format"),
		refuses("jan@", "email.format"),
		refuses("@voorbeeld.be", "email.format"),
		refuses("jan@voorbeeld", "email.format"), // no dot in the domain
		refuses("jan@voorbeeld.b", "email.format"),
		refuses("jan@@voorbeeld.be", "email.format"),
		refuses("jan @voorbeeld.be", "email.format"),
		refuses("jan@voorbeeld..be", "email.format"),
		refuses("jan@.voorbeeld.be", "email.format"),
		refuses("jan@voorbeeld.be.", "email.format"),
		refuses("jan@[10.0.0.1]", "email.format"),
		refuses("Jan <jan@voorbeeld.be>", "email.format"), // display name
		refuses("<jan@voorbeeld.be>", "email.format"),     // angle brackets
		refuses("jan@voorbeeld.be (Jan)", "email.format"), // comment
		refuses(`"jan"@voorbeeld.be`, "email.format"),
		refuses("jan,piet@voorbeeld.be", "email.format"),
		refuses("jan@voorbeeld.be,piet@voorbeeld.be", "email.format"),
	})
}

func intp(n int) *int { return &n }

func TestValidateNumber(t *testing.T) {
	unbounded := func(s string) (string, *kiosk.Invalid) { return kiosk.ValidateNumber(s, nil, nil) }
	checkAnswers(t, unbounded, []answerCase{
		accepts("12", "12"),
		accepts(" 1.250 ", "1250"),
		accepts("1 250", "1250"),
		accepts("1.250.000", "1250000"),
		accepts("007", "7"),
		accepts("0", "0"),
		accepts("-5", "-5"),
		refuses("", "number.format"),
		refuses("abc", "number.format"),
		refuses("1,5", "number.format"),
		refuses("1.5", "number.format"), // a decimal, not 15
		refuses("12.50", "number.format"),
		refuses("1250.000", "number.format"),
		refuses("1.2345", "number.format"),
		refuses("-", "number.format"),
		refuses("5 kg", "number.format"),
		refuses("1e3", "number.format"),
		refuses("٣", "number.format"), // an Arabic-Indic digit
		refuses("99999999999999999999999", "number.format"),
	})
	atLeast1 := func(s string) (string, *kiosk.Invalid) { return kiosk.ValidateNumber(s, intp(1), nil) }
	checkAnswers(t, atLeast1, []answerCase{
		accepts("1", "1"),
		accepts("1.000.000", "1000000"),
		refuses("0", "number.min", "1"),
		refuses("-3", "number.min", "1"),
	})
	atMost10 := func(s string) (string, *kiosk.Invalid) { return kiosk.ValidateNumber(s, nil, intp(10)) }
	checkAnswers(t, atMost10, []answerCase{
		accepts("10", "10"),
		accepts("-20", "-20"),
		refuses("11", "number.max", "10"),
		refuses("99999999999999999999999", "number.max", "10"),
	})
	from1to10 := func(s string) (string, *kiosk.Invalid) { return kiosk.ValidateNumber(s, intp(1), intp(10)) }
	checkAnswers(t, from1to10, []answerCase{
		accepts("1", "1"),
		accepts("5", "5"),
		accepts("10", "10"),
		refuses("0", "number.range", "1", "10"),
		refuses("11", "number.range", "1", "10"),
		refuses("1.000", "number.range", "1", "10"),
		refuses("x", "number.format"),
	})
}

func TestValidateDay(t *testing.T) {
	noBounds := func(s string) (string, *kiosk.Invalid) { return kiosk.ValidateDay(s, time.Time{}, time.Time{}) }
	checkAnswers(t, noBounds, []answerCase{
		accepts("30/07/1985", "1985-07-30"),
		accepts("30-07-1985", "1985-07-30"),
		accepts("30.07.1985", "1985-07-30"),
		accepts("30 07 1985", "1985-07-30"),
		accepts(" 30/07/1985 ", "1985-07-30"),
		accepts("3/7/1985", "1985-07-03"),
		accepts("1985-07-30", "1985-07-30"),
		accepts("29/02/2000", "2000-02-29"),
		accepts("29/02/2024", "2024-02-29"),
		refuses("", "date.format"),
		refuses("30/07", "date.format"),
		refuses("30/07/1985/1", "date.format"),
		refuses("30 juli 1985", "date.format"),
		refuses("300/07/1985", "date.format"),
		refuses("30/07/19855", "date.format"),
		refuses("30071985", "date.format"),
		refuses("30/07/85", "date.year"),
		refuses("30/07/985", "date.year"),
		refuses("31/02/1985", "date.exists"),
		refuses("29/02/1900", "date.exists"),
		refuses("29/02/2023", "date.exists"),
		refuses("32/01/2020", "date.exists"),
		refuses("15/13/2020", "date.exists"),
		refuses("00/01/2020", "date.exists"),
		refuses("1985-02-30", "date.exists"),
	})

	in2026 := func(s string) (string, *kiosk.Invalid) {
		return kiosk.ValidateDay(s, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC))
	}
	checkAnswers(t, in2026, []answerCase{
		accepts("01/01/2026", "2026-01-01"), // bounds are inclusive
		accepts("31/12/2026", "2026-12-31"),
		refuses("31/12/2025", "date.before", "01/01/2026"),
		refuses("01/01/2027", "date.after", "31/12/2026"),
		refuses("31/02/2026", "date.exists"),
	})

	// A bound with a time of day, in a zone ahead of UTC, still means its own calendar day.
	brussels := time.FixedZone("CEST", 2*3600)
	onlyThatDay := func(s string) (string, *kiosk.Invalid) {
		return kiosk.ValidateDay(s, time.Date(2026, 3, 15, 23, 30, 0, 0, brussels),
			time.Date(2026, 3, 15, 0, 30, 0, 0, brussels))
	}
	checkAnswers(t, onlyThatDay, []answerCase{
		accepts("15/03/2026", "2026-03-15"),
		refuses("14/03/2026", "date.before", "15/03/2026"),
		refuses("16/03/2026", "date.after", "15/03/2026"),
	})
}

func TestParseDay(t *testing.T) {
	got, inv := kiosk.ParseDay("3/7/1985")
	if want := time.Date(1985, 7, 3, 0, 0, 0, 0, time.UTC); inv != nil || !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("ParseDay = %v, %v; want %v", got, inv, want)
	}
	if got, inv := kiosk.ParseDay("31/02/1985"); inv == nil || inv.Code != "date.exists" || !got.IsZero() {
		t.Errorf("ParseDay(31/02/1985) = %v, %v; want date.exists", got, inv)
	}
}

func TestParseRelativeDay(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	endOfMarch := time.Date(2026, 3, 31, 23, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	leapDay := time.Date(2024, 2, 29, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		spec  string
		today time.Time
		want  time.Time
	}{
		{"", endOfMarch, time.Time{}},
		{"today", endOfMarch, day(2026, 3, 31)}, // the local date, not the UTC one
		{" Today ", endOfMarch, day(2026, 3, 31)},
		{"+0d", endOfMarch, day(2026, 3, 31)},
		{"+14d", endOfMarch, day(2026, 4, 14)},
		{"-2w", endOfMarch, day(2026, 3, 17)},
		{"+3m", endOfMarch, day(2026, 6, 30)}, // June has no 31st
		{"-1m", endOfMarch, day(2026, 2, 28)},
		{"-18y", endOfMarch, day(2008, 3, 31)},
		{"-18y", leapDay, day(2006, 2, 28)},
		{"+1y", leapDay, day(2025, 2, 28)},
		{"+4y", leapDay, day(2028, 2, 29)},
		{"-12m", leapDay, day(2023, 2, 28)},
	} {
		got, err := kiosk.ParseRelativeDay(c.spec, c.today)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("ParseRelativeDay(%q, %v) = %v, %v; want %v", c.spec, c.today, got, err, c.want)
		}
	}
	for _, spec := range []string{"+3x", "14d", "+d", "+-3d", "+1.5d", "tomorrow", "+ 3d", "+123456d", "d", "+"} {
		if got, err := kiosk.ParseRelativeDay(spec, leapDay); err == nil {
			t.Errorf("ParseRelativeDay(%q) = %v, want an error", spec, got)
		}
	}
	_, err := kiosk.ParseRelativeDay("+3x", leapDay)
	want := `date bound "+3x": want "today" or a number of days (d), weeks (w), months (m) or years (y) such as "+14d"`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestFormatDay(t *testing.T) {
	checkFormat(t, kiosk.FormatDay, map[string]string{
		"1985-07-30": "30/07/1985",
		"2000-02-29": "29/02/2000",
		"":           "",
		"30/07/1985": "30/07/1985",
		"1985-7-30":  "1985-7-30",
		"1985-02-30": "1985-02-30",
	})
}

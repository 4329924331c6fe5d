package kiosk

import (
	"time"
)

// SampleAnswer returns a valid answer to a step, as a citizen would type or tap it. It
// fills the demonstration tour that makes the screenshots, and the test that walks every
// shipped service from start to submission.
func SampleAnswer(st *Step, today time.Time) string {
	switch st.Type {
	case TypeText:
		return "Jan Peeters"
	case TypeLongText:
		return "De straatlamp voor huisnummer 12 brandt al een week niet meer."
	case TypeNumber:
		switch {
		case st.Min != nil:
			return itoa(*st.Min)
		case st.Max != nil && *st.Max < 1:
			return itoa(*st.Max)
		}
		return "1"
	case TypeDate:
		return FormatDay(sampleDay(st, today).Format("2006-01-02"))
	case TypeChoice:
		return st.Options[0].Value
	case TypeMultiChoice:
		n := 1
		if st.Min != nil && *st.Min > 1 {
			n = *st.Min
		}
		v := st.Options[0].Value
		for i := 1; i < n && i < len(st.Options); i++ {
			v += "," + st.Options[i].Value
		}
		return v
	case TypeYesNo, TypeConsent:
		return "yes"
	case TypeRRN:
		return "85.07.30-033.28"
	case TypeIBAN:
		return "BE68 5390 0754 7034"
	case TypePostcode:
		return "9000"
	case TypeAddress:
		return Address{Street: "Kerkstraat", Number: "12", Postcode: "9000", Municipality: "Gent"}.Encode()
	case TypeEmail:
		return "jan.peeters@example.be"
	case TypePhone:
		return "0470 12 34 56"
	case TypePlate:
		return "1-ABC-123"
	}
	return ""
}

// sampleDay picks a day inside the step's bounds: just after the earliest, or just before
// the latest, or today.
func sampleDay(st *Step, today time.Time) time.Time {
	before, _ := ParseRelativeDay(st.NotBefore, today)
	after, _ := ParseRelativeDay(st.NotAfter, today)
	switch {
	case !before.IsZero():
		d := before.AddDate(0, 0, 1)
		if !after.IsZero() && d.After(after) {
			return before
		}
		return d
	case !after.IsZero():
		return after.AddDate(0, 0, -1)
	}
	return today
}

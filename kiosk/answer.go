package kiosk

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Answers holds a citizen's answers by step id, each in its normalized form (what Validate
// returned): digits for a national number, E.164 for a phone, yyyy-mm-dd for a date,
// comma-separated option values for a multichoice, JSON for an address.
type Answers map[string]string

// Clone returns a copy that can be changed without touching a.
func (a Answers) Clone() Answers {
	out := make(Answers, len(a))
	for k, v := range a {
		out[k] = v
	}
	return out
}

// Default length limits for text answers, in characters.
const (
	defaultTextLength     = 200
	defaultLongTextLength = 2000
)

// Validate checks a typed or chosen answer against the step's rule and returns it
// normalized. today bounds dates. An empty answer is fine only for an optional step.
func (st *Step) Validate(raw string, today time.Time) (string, *Invalid) {
	raw = strings.TrimSpace(cleanText(raw))
	if st.Type == TypeAddress {
		return st.validateAddress(raw)
	}
	if raw == "" {
		switch {
		case st.Optional:
			return "", nil
		case st.Type == TypeConsent:
			return "", invalid("consent")
		case st.Type == TypeChoice || st.Type == TypeMultiChoice || st.Type == TypeYesNo:
			return "", invalid("choose")
		}
		return "", invalid("required")
	}
	switch st.Type {
	case TypeText, TypeLongText:
		return st.validateText(raw)
	case TypeNumber:
		return ValidateNumber(raw, st.Min, st.Max)
	case TypeDate:
		before, _ := ParseRelativeDay(st.NotBefore, today)
		after, _ := ParseRelativeDay(st.NotAfter, today)
		return ValidateDay(raw, before, after)
	case TypeChoice:
		if _, ok := st.Option(raw); !ok {
			return "", invalid("choose")
		}
		return raw, nil
	case TypeMultiChoice:
		return st.validateMulti(raw)
	case TypeYesNo:
		if raw != "yes" && raw != "no" {
			return "", invalid("choose")
		}
		return raw, nil
	case TypeConsent:
		if raw != "yes" {
			return "", invalid("consent")
		}
		return raw, nil
	case TypeRRN:
		return ValidateRRN(raw)
	case TypeIBAN:
		return ValidateIBAN(raw)
	case TypePostcode:
		return ValidatePostcode(raw)
	case TypeEmail:
		return ValidateEmail(raw)
	case TypePhone:
		return ValidatePhone(raw)
	case TypePlate:
		return ValidatePlate(raw)
	}
	return "", invalid("required")
}

// cleanText drops control characters other than newlines, which a paste or a barcode
// scanner can bring in and which would break receipts and exports.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || !unicode.IsControl(r) {
			return r
		}
		return -1
	}, s)
}

func (st *Step) validateText(raw string) (string, *Invalid) {
	limit := st.MaxLength
	if limit == 0 {
		limit = defaultTextLength
		if st.Type == TypeLongText {
			limit = defaultLongTextLength
		}
	}
	if st.Type == TypeText {
		raw = strings.Join(strings.Fields(raw), " ")
	}
	if n := len([]rune(raw)); n > limit {
		return "", invalid("text.long", itoa(limit), itoa(n))
	}
	return raw, nil
}

func (st *Step) validateMulti(raw string) (string, *Invalid) {
	picked := strings.Split(raw, ",")
	var out []string
	for _, o := range st.Options { // keep the definition's order, drop repeats
		if slices.Contains(picked, o.Value) {
			out = append(out, o.Value)
		}
	}
	if len(out) != len(dedupe(picked)) {
		return "", invalid("choose")
	}
	if st.Min != nil && len(out) < *st.Min {
		return "", invalid("multichoice.min", itoa(*st.Min))
	}
	if st.Max != nil && len(out) > *st.Max {
		return "", invalid("multichoice.max", itoa(*st.Max))
	}
	return strings.Join(out, ","), nil
}

func dedupe(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Address is the answer to an address step. It is stored as JSON in Answers.
type Address struct {
	Street       string `json:"street"`
	Number       string `json:"number"`
	Box          string `json:"box,omitempty"`
	Postcode     string `json:"postcode"`
	Municipality string `json:"municipality"`
}

// ParseAddress reads an address answer; anything that is not one gives an empty address.
func ParseAddress(v string) Address {
	var a Address
	_ = json.Unmarshal([]byte(v), &a)
	return a
}

// Encode returns the address as stored in Answers.
func (a Address) Encode() string {
	b, _ := json.Marshal(a)
	return string(b)
}

// String formats the address the Belgian way: "Kerkstraat 12 bus 3, 9000 Gent".
func (a Address) String() string {
	if a == (Address{}) {
		return ""
	}
	s := strings.TrimSpace(a.Street + " " + a.Number)
	if a.Box != "" {
		s += " bus " + a.Box
	}
	return s + ", " + strings.TrimSpace(a.Postcode+" "+a.Municipality)
}

func (st *Step) validateAddress(raw string) (string, *Invalid) {
	a := ParseAddress(raw)
	clean := func(s string) string { return strings.Join(strings.Fields(cleanText(s)), " ") }
	a = Address{Street: clean(a.Street), Number: strings.ToUpper(clean(a.Number)),
		Box: strings.ToUpper(clean(a.Box)), Postcode: clean(a.Postcode), Municipality: clean(a.Municipality)}
	if a == (Address{}) {
		if st.Optional {
			return "", nil
		}
		return "", invalid("required")
	}
	if a.Street == "" || len([]rune(a.Street)) > 100 {
		return "", invalid("address.street")
	}
	if a.Number == "" || len(a.Number) > 10 || !unicode.IsDigit(rune(a.Number[0])) {
		return "", invalid("address.number")
	}
	if len(a.Box) > 10 {
		return "", invalid("address.box")
	}
	pc, inv := ValidatePostcode(a.Postcode)
	if inv != nil {
		return "", inv
	}
	a.Postcode = pc
	if a.Municipality == "" {
		a.Municipality = PostcodeName(pc)
	}
	if a.Municipality == "" || len([]rune(a.Municipality)) > 60 {
		return "", invalid("address.municipality")
	}
	return a.Encode(), nil
}

func itoa(n int) string { return strconv.Itoa(n) }

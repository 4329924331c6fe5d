package kiosk

import (
	"slices"
	"strings"
)

// Lang is one of the languages the kiosk speaks, as an ISO 639-1 code.
type Lang string

// The kiosk's languages. Dutch is the language of the administration in Flanders and the
// fallback when a text is missing in another language.
const (
	NL Lang = "nl"
	FR Lang = "fr"
	EN Lang = "en"
)

// Languages lists the kiosk's languages in the order they are offered.
var Languages = []Lang{NL, FR, EN}

// ParseLang returns the language for a code such as "nl" or "fr-BE".
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_."); i >= 0 {
		s = s[:i]
	}
	l := Lang(s)
	return l, slices.Contains(Languages, l)
}

// Text is one piece of text in each of the kiosk's languages.
type Text map[Lang]string

// In returns the text in l, falling back to Dutch, then to any language present.
func (t Text) In(l Lang) string {
	if s := t[l]; s != "" {
		return s
	}
	if s := t[NL]; s != "" {
		return s
	}
	for _, l := range Languages {
		if s := t[l]; s != "" {
			return s
		}
	}
	return ""
}

// Empty reports whether the text has no words in any language.
func (t Text) Empty() bool { return t.In(NL) == "" }

// FieldType is the kind of answer a step asks for; it decides the input on screen and the
// validation rule.
type FieldType string

// The field types a service definition may use (docs/services.md).
const (
	TypeText        FieldType = "text"        // short text, one line
	TypeLongText    FieldType = "longtext"    // a few sentences
	TypeNumber      FieldType = "number"      // a whole number, optionally between min and max
	TypeDate        FieldType = "date"        // a day, dd/mm/yyyy
	TypeChoice      FieldType = "choice"      // one of the options, as big buttons
	TypeMultiChoice FieldType = "multichoice" // one or more of the options
	TypeYesNo       FieldType = "yesno"       // "yes" or "no"
	TypeRRN         FieldType = "rrn"         // national register number or BIS number
	TypeIBAN        FieldType = "iban"        // Belgian IBAN
	TypePostcode    FieldType = "postcode"    // Belgian postal code, with the municipality's name
	TypeAddress     FieldType = "address"     // street, number, box, postal code, municipality
	TypeEmail       FieldType = "email"
	TypePhone       FieldType = "phone" // Belgian phone number, national or +32 form
	TypePlate       FieldType = "plate" // Belgian licence plate
	TypeConsent     FieldType = "consent"
)

// FieldTypes lists every field type a definition may use.
var FieldTypes = []FieldType{TypeText, TypeLongText, TypeNumber, TypeDate, TypeChoice,
	TypeMultiChoice, TypeYesNo, TypeRRN, TypeIBAN, TypePostcode, TypeAddress, TypeEmail,
	TypePhone, TypePlate, TypeConsent}

// Service is one municipal e-service as a citizen meets it at the kiosk: a start page, one
// question per step, and a confirmation. Definitions are data (assets/services/*.toml).
type Service struct {
	ID           string       `toml:"id"`
	Version      int          `toml:"version"`
	Category     string       `toml:"category"`
	Pictogram    string       `toml:"pictogram"`
	Title        Text         `toml:"title"`
	Summary      Text         `toml:"summary"`
	Start        StartPage    `toml:"start"`
	Steps        []Step       `toml:"steps"`
	Confirmation Confirmation `toml:"confirmation"`
	// Configurable names the facts the municipality must check and may override in its
	// config ("cost", "duration", "lead_time"), because they differ between municipalities.
	Configurable []string `toml:"configurable"`
}

// StartPage tells a citizen, before the first question, what they will get and how.
type StartPage struct {
	What     Text `toml:"what"`     // what you get
	Cost     Text `toml:"cost"`     // what it costs
	Duration Text `toml:"duration"` // how long filling in takes
	Needs    Text `toml:"needs"`    // what to have at hand
	Other    Text `toml:"other"`    // the other ways to get it: counter, phone, online
}

// Confirmation is what a citizen reads after submitting.
type Confirmation struct {
	Next     Text `toml:"next"`      // what happens next
	LeadTime Text `toml:"lead_time"` // by when
}

// Step is one screen with one question.
type Step struct {
	ID       string    `toml:"id"`
	Type     FieldType `toml:"type"`
	Question Text      `toml:"question"`
	Hint     Text      `toml:"hint"`
	Example  Text      `toml:"example"`
	Optional bool      `toml:"optional"`
	Options  []Option  `toml:"options"`
	// Min and Max bound a number's value, or how many options a multichoice needs.
	Min *int `toml:"min"`
	Max *int `toml:"max"`
	// MaxLength bounds text answers in characters; 0 means the type's default.
	MaxLength int `toml:"max_length"`
	// NotBefore and NotAfter bound a date relative to today: "today", "+14d", "-18y", "+3m".
	NotBefore string `toml:"not_before"`
	NotAfter  string `toml:"not_after"`
	// When makes the step appear only when an earlier answer matches.
	When *Condition `toml:"when"`
}

// Option is one answer a choice offers.
type Option struct {
	Value string `toml:"value"`
	Label Text   `toml:"label"`
	Hint  Text   `toml:"hint"`
}

// Condition shows a step only when the answer to an earlier step equals a value or is one
// of several (for a multichoice: contains it).
type Condition struct {
	Step   string   `toml:"step"`
	Equals string   `toml:"equals"`
	In     []string `toml:"in"`
}

// Option returns the option with the given value.
func (s *Step) Option(value string) (Option, bool) {
	for _, o := range s.Options {
		if o.Value == value {
			return o, true
		}
	}
	return Option{}, false
}

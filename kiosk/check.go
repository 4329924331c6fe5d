package kiosk

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

var (
	serviceIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	stepIDPattern    = regexp.MustCompile(`^[a-z0-9]+([-_][a-z0-9]+)*$`)
	valuePattern     = regexp.MustCompile(`^[a-z0-9]+([-_.][a-z0-9]+)*$`)
)

// checker collects problems with field paths such as steps[2].options[0].label.fr.
type checker struct{ problems []Problem }

func (c *checker) add(field, format string, args ...any) {
	c.problems = append(c.problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

// text checks that t has words in every language; an optional text may be absent entirely.
func (c *checker) text(field string, t Text, required bool) {
	if !required && len(t) == 0 {
		return
	}
	for _, l := range Languages {
		if strings.TrimSpace(t[l]) == "" {
			c.add(field+"."+string(l), "missing: every text needs nl, fr and en")
		}
	}
	for l := range t {
		if !slices.Contains(Languages, l) {
			c.add(field+"."+string(l), "unknown language; use nl, fr or en")
		}
	}
}

func (c *checker) oneOf(field, value string, allowed []string) {
	if !slices.Contains(allowed, value) {
		c.add(field, "%q is not one of %s", value, strings.Join(allowed, ", "))
	}
}

// Check returns every problem with the definition, without the file name.
func (s *Service) Check() []Problem {
	c := &checker{}
	if !serviceIDPattern.MatchString(s.ID) {
		c.add("id", "%q: use lowercase letters, digits and hyphens, e.g. \"proof-of-residence\"", s.ID)
	}
	if s.Version < 1 {
		c.add("version", "must be a whole number of 1 or more")
	}
	c.oneOf("category", s.Category, Categories)
	c.oneOf("pictogram", s.Pictogram, Pictograms)
	c.text("title", s.Title, true)
	c.text("summary", s.Summary, true)
	c.text("start.what", s.Start.What, true)
	c.text("start.cost", s.Start.Cost, true)
	c.text("start.duration", s.Start.Duration, true)
	c.text("start.needs", s.Start.Needs, false)
	c.text("start.other", s.Start.Other, true)
	c.text("confirmation.next", s.Confirmation.Next, true)
	c.text("confirmation.lead_time", s.Confirmation.LeadTime, true)
	for i, f := range s.Configurable {
		c.oneOf(fmt.Sprintf("configurable[%d]", i), f, ConfigurableFacts)
	}
	if len(s.Steps) == 0 {
		c.add("steps", "a service needs at least one step")
	}
	seen := map[string]int{}
	for i := range s.Steps {
		c.step(s, i, seen)
		seen[s.Steps[i].ID] = i
	}
	return c.problems
}

func (c *checker) step(s *Service, i int, earlier map[string]int) {
	st := &s.Steps[i]
	at := fmt.Sprintf("steps[%d]", i)
	if !stepIDPattern.MatchString(st.ID) {
		c.add(at+".id", "%q: use lowercase letters, digits, hyphens or underscores", st.ID)
	} else if _, dup := earlier[st.ID]; dup {
		c.add(at+".id", "%q is used by an earlier step; step ids must be unique", st.ID)
	}
	if !slices.Contains(FieldTypes, st.Type) {
		names := make([]string, len(FieldTypes))
		for j, t := range FieldTypes {
			names[j] = string(t)
		}
		c.add(at+".type", "%q is not one of %s", st.Type, strings.Join(names, ", "))
	}
	c.text(at+".question", st.Question, true)
	c.text(at+".hint", st.Hint, false)
	c.text(at+".example", st.Example, false)
	c.options(at, st)
	c.bounds(at, st)
	if st.Type == TypeConsent && st.Optional {
		c.add(at+".optional", "a consent cannot be optional")
	}
	if st.When != nil {
		c.condition(at+".when", s, st.When, earlier)
	}
}

func (c *checker) options(at string, st *Step) {
	hasOptions := st.Type == TypeChoice || st.Type == TypeMultiChoice
	if !hasOptions {
		if len(st.Options) > 0 {
			c.add(at+".options", "only choice and multichoice steps have options")
		}
		return
	}
	if len(st.Options) < 2 {
		c.add(at+".options", "a %s needs at least two options", st.Type)
	}
	values := map[string]bool{}
	for j, o := range st.Options {
		oat := fmt.Sprintf("%s.options[%d]", at, j)
		if !valuePattern.MatchString(o.Value) {
			c.add(oat+".value", "%q: use lowercase letters, digits, hyphens or dots", o.Value)
		}
		if values[o.Value] {
			c.add(oat+".value", "%q appears twice", o.Value)
		}
		values[o.Value] = true
		c.text(oat+".label", o.Label, true)
		c.text(oat+".hint", o.Hint, false)
	}
}

func (c *checker) bounds(at string, st *Step) {
	if (st.Min != nil || st.Max != nil) && st.Type != TypeNumber && st.Type != TypeMultiChoice {
		c.add(at, "min and max are only for number and multichoice steps")
	}
	if st.Min != nil && st.Max != nil && *st.Min > *st.Max {
		c.add(at+".min", "min (%d) is larger than max (%d)", *st.Min, *st.Max)
	}
	if st.Type == TypeMultiChoice && st.Max != nil && *st.Max > len(st.Options) {
		c.add(at+".max", "max (%d) is more than the %d options", *st.Max, len(st.Options))
	}
	if st.MaxLength != 0 && st.Type != TypeText && st.Type != TypeLongText {
		c.add(at+".max_length", "max_length is only for text and longtext steps")
	}
	if st.MaxLength < 0 {
		c.add(at+".max_length", "must be 0 (the default) or more")
	}
	if (st.NotBefore != "" || st.NotAfter != "") && st.Type != TypeDate {
		c.add(at, "not_before and not_after are only for date steps")
	}
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	before, errB := ParseRelativeDay(st.NotBefore, today)
	after, errA := ParseRelativeDay(st.NotAfter, today)
	if errB != nil {
		c.add(at+".not_before", "%v", errB)
	}
	if errA != nil {
		c.add(at+".not_after", "%v", errA)
	}
	if errA == nil && errB == nil && !before.IsZero() && !after.IsZero() && after.Before(before) {
		c.add(at+".not_after", "is earlier than not_before: no date could be chosen")
	}
}

func (c *checker) condition(at string, s *Service, w *Condition, earlier map[string]int) {
	j, ok := earlier[w.Step]
	if !ok {
		c.add(at+".step", "%q is not an earlier step; a step can only depend on answers given before it", w.Step)
		return
	}
	if (w.Equals == "") == (len(w.In) == 0) {
		c.add(at, "give either equals or in")
		return
	}
	dep := &s.Steps[j]
	var allowed []string
	switch dep.Type {
	case TypeChoice, TypeMultiChoice:
		for _, o := range dep.Options {
			allowed = append(allowed, o.Value)
		}
	case TypeYesNo:
		allowed = []string{"yes", "no"}
	default:
		return
	}
	for _, v := range append([]string{w.Equals}, w.In...) {
		if v != "" && !slices.Contains(allowed, v) {
			c.add(at, "%q is not an answer step %q can give (%s)", v, w.Step, strings.Join(allowed, ", "))
		}
	}
}

package kiosk

import (
	"slices"
	"strings"
)

// Visible returns the indexes of the steps a citizen with these answers is asked, in order.
// A step whose condition refers to a hidden step is hidden too. It allocates only its
// result: the hub runs it for every submission it receives.
func (s *Service) Visible(a Answers) []int {
	out := make([]int, 0, len(s.Steps))
	for i := range s.Steps {
		st := &s.Steps[i]
		if st.When != nil {
			dep := slices.IndexFunc(s.Steps[:i], func(d Step) bool { return d.ID == st.When.Step })
			if dep < 0 || !slices.Contains(out, dep) || !st.When.matches(a[st.When.Step]) {
				continue
			}
		}
		out = append(out, i)
	}
	return out
}

// matches reports whether an answer meets the condition; a multichoice answer (values
// separated by commas) meets it when one of its values does.
func (w *Condition) matches(answer string) bool {
	for rest := answer; rest != ""; {
		var v string
		v, rest, _ = strings.Cut(rest, ",")
		if v != "" && (v == w.Equals || slices.Contains(w.In, v)) {
			return true
		}
	}
	return false
}

// Relevant returns only the answers to the steps a citizen with these answers is asked,
// dropping those a changed answer made irrelevant.
func (s *Service) Relevant(a Answers) Answers {
	out := Answers{}
	for _, i := range s.Visible(a) {
		if v, ok := a[s.Steps[i].ID]; ok && v != "" {
			out[s.Steps[i].ID] = v
		}
	}
	return out
}

// StepIndex returns the index of the step with the given id, or -1.
func (s *Service) StepIndex(id string) int {
	return slices.IndexFunc(s.Steps, func(st Step) bool { return st.ID == id })
}

// Display formats a stored answer for people: on the check-answers screen, a receipt, an
// export. Option values become their labels, numbers get their usual punctuation.
func (st *Step) Display(value string, l Lang, m Messages) string {
	if value == "" {
		return m.T(l, "answer.none")
	}
	switch st.Type {
	case TypeChoice:
		if o, ok := st.Option(value); ok {
			return o.Label.In(l)
		}
	case TypeMultiChoice:
		var labels []string
		for _, v := range strings.Split(value, ",") {
			if o, ok := st.Option(v); ok {
				labels = append(labels, o.Label.In(l))
			}
		}
		return strings.Join(labels, ", ")
	case TypeYesNo, TypeConsent:
		return m.T(l, "answer."+value)
	case TypeDate, TypeRRN, TypeIBAN, TypePhone:
		return st.EditValue(value) // the readable form people also type
	case TypeAddress:
		return ParseAddress(value).String()
	case TypePostcode:
		if name := PostcodeName(value); name != "" {
			return value + " " + name
		}
	}
	return value
}

// EditValue turns a stored answer back into what the citizen can edit in an input: the
// readable form for numbers and dates, which Validate accepts again.
func (st *Step) EditValue(value string) string {
	if value == "" {
		return ""
	}
	switch st.Type {
	case TypeDate:
		return FormatDay(value)
	case TypeRRN:
		return FormatRRN(value)
	case TypeIBAN:
		return FormatIBAN(value)
	case TypePhone:
		return FormatPhone(value)
	}
	return value
}

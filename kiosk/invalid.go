package kiosk

import "strings"

// Invalid says why an answer was refused. It carries a message key, not words: the screen
// that shows it turns it into plain language in the citizen's language ("invalid." + Code in
// assets/translations/validation), and the hub sends the code to the kiosk as it is.
type Invalid struct {
	Code string   // e.g. "rrn.checksum"
	Args []string // values for the placeholders {0}, {1}, … in the message, already formatted
}

func (e *Invalid) Error() string {
	if len(e.Args) == 0 {
		return "invalid answer: " + e.Code
	}
	return "invalid answer: " + e.Code + " (" + strings.Join(e.Args, ", ") + ")"
}

// MessageKey is the translation key of the message for this refusal.
func (e *Invalid) MessageKey() string { return "invalid." + e.Code }

func invalid(code string, args ...string) *Invalid { return &Invalid{Code: code, Args: args} }

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
)

// kioskEntry is a text entry that tells its screen when the citizen taps it, so the
// on-screen keyboard types into it and shows the keys it needs.
type kioskEntry struct {
	widget.Entry
	mode    KeyboardMode
	focused func(*kioskEntry)
}

func newKioskEntry(mode KeyboardMode, multiLine bool, focused func(*kioskEntry)) *kioskEntry {
	e := &kioskEntry{mode: mode, focused: focused}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained makes this entry the keyboard's target.
func (e *kioskEntry) FocusGained() {
	if e.focused != nil {
		e.focused(e)
	}
	e.Entry.FocusGained()
}

// Tapped makes this entry the keyboard's target even when it already had the focus.
func (e *kioskEntry) Tapped(ev *fyne.PointEvent) {
	if e.focused != nil {
		e.focused(e)
	}
	e.Entry.Tapped(ev)
}

// keyboardMode is the keyboard a step's answer needs: digits for numbers, the keypad with
// separators for dates and phones, @ and .be for e-mail, letters for the rest.
func keyboardMode(t kiosk.FieldType) KeyboardMode {
	switch t {
	case kiosk.TypeNumber, kiosk.TypePostcode:
		return KeyboardDigits
	case kiosk.TypeRRN, kiosk.TypeIBAN:
		return KeyboardNumeric
	case kiosk.TypeDate:
		return KeyboardDate
	case kiosk.TypePhone:
		return KeyboardPhone
	case kiosk.TypeEmail:
		return KeyboardEmail
	}
	return KeyboardText
}

// needsKeyboard reports whether a step is answered by typing.
func needsKeyboard(t kiosk.FieldType) bool {
	switch t {
	case kiosk.TypeChoice, kiosk.TypeMultiChoice, kiosk.TypeYesNo, kiosk.TypeConsent:
		return false
	}
	return true
}

package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// KeyboardMode chooses the keys the on-screen keyboard shows, after what the question asks:
// a citizen who must type a national number should not have to hunt for digits among letters.
type KeyboardMode int

const (
	// KeyboardText is Belgian AZERTY with digits, accented letters, ' - , . and space.
	KeyboardText KeyboardMode = iota
	// KeyboardEmail is the letters with @ .be .com - _ . instead of the accents.
	KeyboardEmail
	// KeyboardNumeric is a keypad with . - and space: national number, IBAN digits.
	KeyboardNumeric
	// KeyboardDigits is a keypad with digits only: postal code, PIN.
	KeyboardDigits
	// KeyboardDate is a keypad with / . - and space: 30/07/1985.
	KeyboardDate
	// KeyboardPhone is a keypad with + / . and space: +32 470 12 34 56, 0470/12.34.56.
	KeyboardPhone
)

// Keyboard is the kiosk's on-screen keyboard: large keys, taps only, for a touch screen
// without a physical keyboard.
//
// It types into whatever entry target returns at the moment of the tap, so a screen with
// several entries (an address) passes a func that returns the one tapped last. Keys go
// through the entry's TypedRune and TypedKey, as a physical keyboard's do: the cursor,
// a selection, OnChanged and undo behave the same. Keys are widget.Buttons, which the
// desktop driver does not focus on a tap, so the entry keeps the focus and a physical
// keyboard goes on working beside this one.
//
// Shift is one-shot, as on a phone: it makes the next character a capital and then turns
// itself off, so nobody gets stuck typing capitals. While it is on, the letter keys show
// capitals and the Shift key is filled, so its state is not shown by colour alone.
//
// All methods run on the UI goroutine.
type Keyboard struct {
	label      func(key string) string
	target     func() *widget.Entry
	onContinue func()

	mode  KeyboardMode
	shift bool
	keys  map[string]*widget.Button
	box   *fyne.Container
}

// NewKeyboard builds a keyboard in the given mode.
//
// label translates the words on the special keys: "keyboard.space", "keyboard.backspace",
// "keyboard.shift" and "keyboard.continue" (nil shows the keys themselves). target returns
// the entry to type into, or nil to type nowhere. onContinue is called by the Continue key,
// the same as the screen's own Continue button; nil does nothing.
func NewKeyboard(mode KeyboardMode, label func(key string) string, target func() *widget.Entry, onContinue func()) *Keyboard {
	if label == nil {
		label = func(key string) string { return key }
	}
	if target == nil {
		target = func() *widget.Entry { return nil }
	}
	kb := &Keyboard{label: label, target: target, onContinue: onContinue, box: container.NewStack()}
	kb.SetMode(mode)
	return kb
}

// Content is the keyboard to place under the question. It stays the same object when the
// mode changes, so a screen can keep it in its layout.
func (kb *Keyboard) Content() fyne.CanvasObject { return kb.box }

// Mode returns the keyboard's mode.
func (kb *Keyboard) Mode() KeyboardMode { return kb.mode }

// SetMode shows the keys of another mode, for example when the citizen taps an entry that
// asks for something else. Shift turns off.
func (kb *Keyboard) SetMode(m KeyboardMode) {
	kb.mode, kb.shift = m, false
	places := keyboardLayout(m)
	kb.keys = make(map[string]*widget.Button, len(places))
	objects := make([]fyne.CanvasObject, len(places))
	for i, p := range places {
		b := kb.newKey(p.name)
		kb.keys[p.name] = b
		objects[i] = b
	}
	kb.box.Objects = []fyne.CanvasObject{container.New(newKeyGrid(places), objects...)}
	kb.box.Refresh()
}

// Key returns the button of a key in the current mode, or nil if the mode has none: "a",
// "é", "1", "@", ".be", or one of "shift", "backspace", "space", "continue". Letters are
// named in lower case whatever Shift shows. Tests tap keys through it.
func (kb *Keyboard) Key(name string) *widget.Button { return kb.keys[name] }

// newKey makes the button of one key. The special keys carry a pictogram beside their word
// (↑ Shift, ← Backspace, → Continue), as on the keyboards citizens have seen before.
func (kb *Keyboard) newKey(name string) *widget.Button {
	switch name {
	case keyShift:
		return widget.NewButtonWithIcon(kb.label("keyboard.shift"), theme.MoveUpIcon(), func() { kb.setShift(!kb.shift) })
	case keyBackspace:
		return widget.NewButtonWithIcon(kb.label("keyboard.backspace"), theme.NavigateBackIcon(), kb.backspace)
	case keySpace:
		return widget.NewButton(kb.label("keyboard.space"), func() { kb.typeText(" ") })
	case keyContinue:
		b := widget.NewButtonWithIcon(kb.label("keyboard.continue"), theme.NavigateNextIcon(), kb.continued)
		b.Importance = widget.HighImportance
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	return widget.NewButton(name, func() { kb.typeText(kb.cased(name)) })
}

// typeText types s into the target, one rune at a time as a physical keyboard would, and
// ends a one-shot Shift.
func (kb *Keyboard) typeText(s string) {
	if e := kb.target(); e != nil {
		for _, r := range s {
			e.TypedRune(r)
		}
	}
	if kb.shift {
		kb.setShift(false)
	}
}

func (kb *Keyboard) backspace() {
	if e := kb.target(); e != nil {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
}

func (kb *Keyboard) continued() {
	if kb.onContinue != nil {
		kb.onContinue()
	}
}

// setShift turns Shift on or off and shows it on the keys: capitals on the letters, and a
// filled Shift key.
func (kb *Keyboard) setShift(on bool) {
	kb.shift = on
	for name, b := range kb.keys {
		if isLetterKey(name) {
			b.SetText(kb.cased(name))
		}
	}
	if b := kb.keys[keyShift]; b != nil {
		b.Importance = widget.MediumImportance
		if on {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
}

// cased is what a key types and shows: its name, in capitals while Shift is on. Only single
// letters change: ".be" and ".com" stay lower case, as addresses are written.
func (kb *Keyboard) cased(name string) string {
	if kb.shift && isLetterKey(name) {
		return strings.ToUpper(name)
	}
	return name
}

func isLetterKey(name string) bool {
	r, n := utf8.DecodeRuneInString(name)
	return n == len(name) && unicode.IsLetter(r)
}

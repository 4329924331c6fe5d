package ui

import (
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// keyboardModes is every mode, for the tests that must hold in each.
var keyboardModes = map[string]KeyboardMode{"text": KeyboardText, "email": KeyboardEmail,
	"numeric": KeyboardNumeric, "digits": KeyboardDigits, "date": KeyboardDate, "phone": KeyboardPhone}

// newTestKeyboard builds a keyboard under one entry in a 1080p window, with labels that are
// the translation keys themselves; it counts the taps on Continue.
func newTestKeyboard(t *testing.T, mode KeyboardMode) (*Keyboard, *widget.Entry, *int) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	entry := widget.NewEntry()
	continued := 0
	kb := NewKeyboard(mode, func(key string) string { return key },
		func() *widget.Entry { return entry }, func() { continued++ })
	w := test.NewWindow(container.NewBorder(entry, kb.Content(), nil, nil))
	w.Resize(screenSize)
	t.Cleanup(w.Close)
	return kb, entry, &continued
}

// keyboardTap taps the named keys in order, as a citizen would.
func keyboardTap(t testing.TB, kb *Keyboard, names ...string) {
	t.Helper()
	for _, n := range names {
		b := kb.Key(n)
		if b == nil {
			t.Fatalf("keyboard mode %d has no key %q", kb.Mode(), n)
		}
		test.Tap(b)
	}
}

// keyboardType types text with taps on the keyboard only: a capital is Shift, then its letter.
func keyboardType(t testing.TB, kb *Keyboard, text string) {
	t.Helper()
	for _, r := range text {
		switch {
		case r == ' ':
			keyboardTap(t, kb, keySpace)
		case unicode.IsUpper(r):
			keyboardTap(t, kb, keyShift, string(unicode.ToLower(r)))
		default:
			keyboardTap(t, kb, string(r))
		}
	}
}

func TestKeyboardTypesWithShiftAndAccents(t *testing.T) {
	kb, entry, _ := newTestKeyboard(t, KeyboardText)
	changes := 0
	entry.OnChanged = func(string) { changes++ }

	keyboardTap(t, kb, keyShift)
	if got := kb.Key("e").Text + kb.Key("é").Text + kb.Key("1").Text; got != "EÉ1" {
		t.Errorf("with Shift on the keys show %q, want EÉ1", got)
	}
	if kb.Key(keyShift).Importance != widget.HighImportance {
		t.Error("Shift on does not look on")
	}
	keyboardTap(t, kb, "r")
	if got := kb.Key("e").Text; got != "e" {
		t.Errorf("after one capital the keys show %q: Shift should be one-shot", got)
	}
	keyboardTap(t, kb, "u", "e", keySpace, "d", "e", keySpace, "l", "'", keyShift, "é", "g", "l",
		"i", "s", "e", keySpace, "1", "2")

	if entry.Text != "Rue de l'Église 12" {
		t.Errorf("typed %q, want %q", entry.Text, "Rue de l'Église 12")
	}
	if changes != len([]rune(entry.Text)) {
		t.Errorf("OnChanged ran %d times for %d characters", changes, len([]rune(entry.Text)))
	}
}

func TestKeyboardShiftTwiceIsOff(t *testing.T) {
	kb, entry, _ := newTestKeyboard(t, KeyboardText)
	keyboardTap(t, kb, keyShift, keyShift, "ç", "a")
	if entry.Text != "ça" {
		t.Errorf("typed %q, want ça", entry.Text)
	}
}

func TestKeyboardBackspace(t *testing.T) {
	kb, entry, _ := newTestKeyboard(t, KeyboardText)
	keyboardType(t, kb, "Gentt")
	keyboardTap(t, kb, keyBackspace)
	if entry.Text != "Gent" {
		t.Errorf("after Backspace %q, want Gent", entry.Text)
	}
	keyboardTap(t, kb, keyBackspace, keyBackspace, keyBackspace, keyBackspace, keyBackspace)
	if entry.Text != "" {
		t.Errorf("after clearing %q, want nothing", entry.Text)
	}
	keyboardType(t, kb, "Aalst")
	if entry.Text != "Aalst" {
		t.Errorf("typed %q after clearing, want Aalst", entry.Text)
	}
}

func TestKeyboardNumericTypesNationalNumber(t *testing.T) {
	kb, entry, _ := newTestKeyboard(t, KeyboardNumeric)
	keyboardType(t, kb, "85.07.30-033.28")
	if entry.Text != "85.07.30-033.28" {
		t.Errorf("typed %q, want 85.07.30-033.28", entry.Text)
	}
	if kb.Key("a") != nil || kb.Key(keyShift) != nil {
		t.Error("the numeric keypad shows letters")
	}
}

func TestKeyboardKeypadSeparators(t *testing.T) {
	for mode, text := range map[KeyboardMode]string{KeyboardDate: "30/07/1985",
		KeyboardPhone: "+32 470/12.34.56", KeyboardDigits: "9000"} {
		kb, entry, _ := newTestKeyboard(t, mode)
		keyboardType(t, kb, text)
		if entry.Text != text {
			t.Errorf("mode %d typed %q, want %q", mode, entry.Text, text)
		}
	}
}

func TestKeyboardEmailTypesAddress(t *testing.T) {
	kb, entry, _ := newTestKeyboard(t, KeyboardEmail)
	keyboardType(t, kb, "jan.peeters@example")
	keyboardTap(t, kb, ".be")
	if entry.Text != "jan.peeters@example.be" {
		t.Errorf("typed %q, want jan.peeters@example.be", entry.Text)
	}
	keyboardTap(t, kb, keyShift, ".com")
	if entry.Text != "jan.peeters@example.be.com" {
		t.Errorf("Shift changed .com: %q", entry.Text)
	}
}

func TestKeyboardContinue(t *testing.T) {
	kb, entry, continued := newTestKeyboard(t, KeyboardText)
	keyboardType(t, kb, "Jan")
	keyboardTap(t, kb, keyContinue)
	if *continued != 1 || entry.Text != "Jan" {
		t.Errorf("Continue: called %d times, entry %q; want once, Jan", *continued, entry.Text)
	}
	kb.SetMode(KeyboardDigits)
	keyboardTap(t, kb, keyContinue)
	if *continued != 2 {
		t.Errorf("Continue on the keypad: called %d times in all, want 2", *continued)
	}
}

// An address has several entries: the keys type into the one the screen says is current.
func TestKeyboardTypesIntoCurrentTarget(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(NewTheme())
	street, number := widget.NewEntry(), widget.NewEntry()
	current := street
	kb := NewKeyboard(KeyboardText, nil, func() *widget.Entry { return current }, nil)
	keyboardType(t, kb, "Markt")
	current = number
	kb.SetMode(KeyboardDigits)
	keyboardType(t, kb, "7")
	keyboardTap(t, kb, keyContinue) // no callback: nothing happens
	current = nil
	keyboardType(t, kb, "8") // no entry: typed nowhere
	if street.Text != "Markt" || number.Text != "7" {
		t.Errorf("street %q, number %q; want Markt, 7", street.Text, number.Text)
	}
	if kb.Key(keyContinue).Text != "keyboard.continue" {
		t.Errorf("without a translator Continue reads %q", kb.Key(keyContinue).Text)
	}
}

func TestKeyboardSetModeKeepsContent(t *testing.T) {
	kb, _, _ := newTestKeyboard(t, KeyboardText)
	before := kb.Content()
	if kb.Key("@") != nil {
		t.Error("the text keyboard shows @")
	}
	kb.SetMode(KeyboardEmail)
	if kb.Content() != before || kb.Key("@") == nil || kb.Mode() != KeyboardEmail {
		t.Error("SetMode(KeyboardEmail) did not show the e-mail keys in the same content")
	}
}

// The keyboard fits under a question on a 1080p screen in every mode: 1080 less a top bar
// of 80, an action bar of about 100, and room for the question.
func TestKeyboardFitsUnderQuestion(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(NewTheme())
	for name, mode := range keyboardModes {
		kb := NewKeyboard(mode, func(key string) string { return key }, nil, nil)
		if min := kb.Content().MinSize(); min.Width > 1820 || min.Height > 430 {
			t.Errorf("%s: needs %.0f×%.0f, the budget is 1820×430", name, min.Width, min.Height)
		}
	}
}

// Every key is a touch target of at least 48×48 dp with at least 8 dp to its neighbours
// (KIOSK-UX.md), at the keyboard's smallest size and at the full width of the screen.
func TestKeyboardKeysAreTouchTargets(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(NewTheme())
	for name, mode := range keyboardModes {
		kb := NewKeyboard(mode, func(key string) string { return key }, nil, nil)
		content := kb.Content()
		min := content.MinSize()
		for _, size := range []fyne.Size{min, fyne.NewSize(screenSize.Width-96, min.Height)} {
			content.Resize(size)
			type key struct {
				pos  fyne.Position
				size fyne.Size
			}
			var keys []key
			keyboardButtons(content, fyne.Position{}, func(b *widget.Button, pos fyne.Position) {
				keys = append(keys, key{pos, b.Size()})
				if s := b.Size(); s.Width < 48 || s.Height < 48 {
					t.Errorf("%s at %.0f wide: key %q is %.0f×%.0f", name, size.Width, b.Text, s.Width, s.Height)
				}
				if pos.X < 0 || pos.Y < 0 || pos.X+b.Size().Width > size.Width+0.5 || pos.Y+b.Size().Height > size.Height+0.5 {
					t.Errorf("%s at %.0f wide: key %q sticks out of the keyboard", name, size.Width, b.Text)
				}
			})
			if len(keys) != len(keyboardLayout(mode)) {
				t.Fatalf("%s: found %d keys in the tree, the layout has %d", name, len(keys), len(keyboardLayout(mode)))
			}
			for i, a := range keys {
				for _, b := range keys[i+1:] {
					apartX := max(b.pos.X-(a.pos.X+a.size.Width), a.pos.X-(b.pos.X+b.size.Width))
					apartY := max(b.pos.Y-(a.pos.Y+a.size.Height), a.pos.Y-(b.pos.Y+b.size.Height))
					if max(apartX, apartY) < 8-0.01 {
						t.Errorf("%s: keys at %v and %v are %.1f dp apart", name, a.pos, b.pos, max(apartX, apartY))
					}
				}
			}
		}
	}
}

// keyboardButtons walks the object tree under o and reports every button with its position
// relative to where the walk began.
func keyboardButtons(o fyne.CanvasObject, origin fyne.Position, found func(*widget.Button, fyne.Position)) {
	pos := origin.Add(o.Position())
	switch x := o.(type) {
	case *widget.Button:
		found(x, pos)
	case *fyne.Container:
		for _, c := range x.Objects {
			keyboardButtons(c, pos, found)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			keyboardButtons(c, pos, found)
		}
	}
}

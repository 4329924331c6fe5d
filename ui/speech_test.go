package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"loket/kiosk"
)

// fakeSpeaker records what the screens ask to be read aloud.
type fakeSpeaker struct {
	available bool
	said      []string
	langs     []kiosk.Lang
	stops     int
}

func (f *fakeSpeaker) Available() bool { return f.available }
func (f *fakeSpeaker) Say(l kiosk.Lang, text string) {
	f.langs, f.said = append(f.langs, l), append(f.said, text)
}
func (f *fakeSpeaker) Stop() { f.stops++ }

// Read aloud speaks the screen's question, hint and choices in the screen's language, and
// stops when the screen changes; without a speech engine the buttons are hidden.
func TestReadAloud(t *testing.T) {
	k, _ := newTestKiosk(t)
	if k.foot.speak.Visible() {
		t.Fatal("without a speech engine there is no read-aloud button")
	}
	sp := &fakeSpeaker{available: true}
	k.deps.Speaker = sp
	test.Tap(k.bar.langs[kiosk.FR])
	openService(t, k, "certificates", "proof-of-residence")
	if !k.foot.speak.Visible() {
		t.Fatal("with a speech engine the read-aloud button shows")
	}
	test.Tap(k.foot.speak)
	if len(sp.said) != 1 || sp.langs[0] != kiosk.FR {
		t.Fatalf("one utterance in French, got %v", sp.langs)
	}
	q := k.flow.Step()
	for _, want := range []string{q.Question.In(kiosk.FR), q.Options[0].Label.In(kiosk.FR)} {
		if !strings.Contains(sp.said[0], want) {
			t.Errorf("the screen read aloud lacks %q:\n%s", want, sp.said[0])
		}
	}
	stops := sp.stops
	tapOption(t, k, "self")
	tapContinue(t, k)
	if sp.stops <= stops {
		t.Fatal("speech stops when the screen changes")
	}
}

package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"loket/kiosk"
)

// on returns the screen on display as type S, failing the test if it is another.
func on[S screen](t *testing.T, k *Kiosk) S {
	t.Helper()
	s, ok := k.current.(S)
	if !ok {
		t.Fatalf("on %T, want %T", k.current, *new(S))
	}
	return s
}

// tapOption taps the option with the given value on a choice question.
func tapOption(t *testing.T, k *Kiosk, value string) {
	t.Helper()
	c := on[*questionScreen](t, k).input.(*choiceInput)
	for i, o := range c.options {
		if o.Value == value {
			c.showPage(i / c.per)
			test.Tap(c.buttons[i])
			return
		}
	}
	t.Fatalf("no option %q", value)
}

// typeAnswer types into the entry of a text question, replacing what was there.
func typeAnswer(t *testing.T, k *Kiosk, text string) {
	t.Helper()
	e := on[*questionScreen](t, k).input.(*entryInput).entry
	e.SetText("")
	test.Type(e, text)
}

func tapContinue(t *testing.T, k *Kiosk) { t.Helper(); test.Tap(on[*questionScreen](t, k).next) }

func openService(t *testing.T, k *Kiosk, category, id string) {
	t.Helper()
	test.Tap(on[*homeScreen](t, k).tiles[category])
	if cs, ok := k.current.(*categoryScreen); ok {
		test.Tap(cs.tiles[id])
	}
	if got := k.flow.Service().ID; got != id {
		t.Fatalf("opened %s, want %s", got, id)
	}
	test.Tap(on[*startScreen](t, k).begin)
}

func problemShown(k *Kiosk) string {
	if q, ok := k.current.(*questionScreen); ok {
		return q.problem
	}
	return ""
}

// Proof of residence, tapped and typed through: a wrong national number is refused with a
// message in the citizen's language, a Change from check-your-answers comes back there,
// and the stored submission holds exactly the answers given.
func TestProofOfResidenceByTouch(t *testing.T) {
	k, _ := newTestKiosk(t)
	openService(t, k, "certificates", "proof-of-residence")
	tapOption(t, k, "self")
	tapContinue(t, k)
	typeAnswer(t, k, "85.07.30-033.29")
	tapContinue(t, k)
	if msg := problemShown(k); !strings.Contains(msg, "rijksregisternummer") {
		t.Fatalf("a wrong national number shows a Dutch message, got %q", msg)
	}
	if got := on[*questionScreen](t, k).input.value(); got != "85.07.30-033.29" {
		t.Fatalf("what was typed stays, got %q", got)
	}
	typeAnswer(t, k, "85.07.30-033.28")
	tapContinue(t, k)
	for k.flow.Screen() == kiosk.ScreenQuestion {
		answerWithSample(t, k)
	}
	check := on[*checkScreen](t, k)
	test.Tap(check.changes["rrn"])
	typeAnswer(t, k, "00.01.01-001.05")
	tapContinue(t, k)
	if msg := problemShown(k); msg != "" {
		t.Fatalf("valid number refused: %s", msg)
	}
	check = on[*checkScreen](t, k)
	test.Tap(check.submit)
	done := on[*doneScreen](t, k)
	sub, err := k.deps.Store.Submission(context.Background(), done.ref.Text)
	if err != nil {
		t.Fatal(err)
	}
	if sub.ServiceID != "proof-of-residence" || sub.Answers["for-whom"] != "self" {
		t.Fatalf("stored %+v", sub)
	}
	if sub.Answers["rrn"] != "00010100105" {
		t.Fatalf("the changed national number is stored, got %q", sub.Answers["rrn"])
	}
	test.Tap(done.finish)
	on[*homeScreen](t, k)
}

// answerWithSample answers the question on screen with a valid sample, through its input.
func answerWithSample(t *testing.T, k *Kiosk) {
	t.Helper()
	q := on[*questionScreen](t, k)
	st := k.flow.Step()
	sample := kiosk.SampleAnswer(st, k.flow.Today())
	switch in := q.input.(type) {
	case *entryInput:
		typeAnswer(t, k, sample)
	case *choiceInput:
		for _, v := range strings.Split(sample, ",") {
			tapOption(t, k, v)
		}
	case *addressInput:
		a := kiosk.ParseAddress(sample)
		for e, v := range map[*kioskEntry]string{in.street: a.Street, in.number: a.Number,
			in.postcode: a.Postcode, in.municipality: a.Municipality} {
			test.Type(e, v)
		}
	}
	tapContinue(t, k)
	if msg := problemShown(k); msg != "" {
		t.Fatalf("%s: sample %q refused: %s", st.ID, sample, msg)
	}
}

// The parking card in French, with a switch to English and back mid-question (typed text
// and earlier answers survive it), a Change that opens a new question, and a submission
// holding both plates.
func TestParkingCardByTouchWithLanguageSwitch(t *testing.T) {
	k, _ := newTestKiosk(t)
	test.Tap(on[*homeScreen](t, k).k.bar.langs[kiosk.FR])
	if k.Lang() != kiosk.FR {
		t.Fatalf("the language buttons switch the session's language")
	}
	openService(t, k, "permits", "resident-parking-card")
	in := on[*questionScreen](t, k).input.(*addressInput)
	test.Type(in.street, "Rue de l'Église")
	test.Type(in.number, "3")
	test.Type(in.postcode, "1000")
	test.Tap(k.bar.langs[kiosk.EN])
	in = on[*questionScreen](t, k).input.(*addressInput)
	if in.street.Text != "Rue de l'Église" || in.postcode.Text != "1000" {
		t.Fatalf("typed text survives a change of language: %q %q", in.street.Text, in.postcode.Text)
	}
	test.Tap(k.bar.langs[kiosk.FR])
	tapContinue(t, k)
	if k.flow.Step().ID != "car-count" {
		t.Fatalf("on %s: the municipality is filled in from the postal code", k.flow.Step().ID)
	}
	tapOption(t, k, "1")
	tapContinue(t, k)
	typeAnswer(t, k, "1 abc 123")
	tapContinue(t, k)
	for k.flow.Screen() == kiosk.ScreenQuestion {
		answerWithSample(t, k)
	}
	check := on[*checkScreen](t, k)
	test.Tap(check.changes["car-count"])
	tapOption(t, k, "2")
	tapContinue(t, k)
	if k.flow.Step().ID != "plate-2" {
		t.Fatalf("a change to two cars asks the second plate, on %s", k.flow.Step().ID)
	}
	typeAnswer(t, k, "ABC-123")
	tapContinue(t, k)
	test.Tap(on[*checkScreen](t, k).submit)
	done := on[*doneScreen](t, k)
	sub, err := k.deps.Store.Submission(context.Background(), done.ref.Text)
	if err != nil {
		t.Fatal(err)
	}
	a := kiosk.ParseAddress(sub.Answers["address"])
	if sub.Lang != kiosk.FR || sub.Answers["plate-1"] != "1-ABC-123" || sub.Answers["plate-2"] != "ABC-123" ||
		a.Municipality != "Brussel" || a.Street != "Rue de l'Église" {
		t.Fatalf("stored %+v (address %+v)", sub, a)
	}
	test.Tap(done.finish)
	if k.Lang() != kiosk.NL {
		t.Fatalf("the next citizen starts in the default language")
	}
}

// Save and continue later, then resume by typing the code on the home screen; a mistyped
// code is caught by its check character.
func TestSaveAndResumeByTouch(t *testing.T) {
	k, _ := newTestKiosk(t)
	openService(t, k, "certificates", "proof-of-residence")
	tapOption(t, k, "self")
	tapContinue(t, k)
	test.Tap(on[*questionScreen](t, k).saveLate)
	saved := on[*savedScreen](t, k)
	code := saved.code.Text
	test.Tap(saved.finish)
	test.Tap(on[*homeScreen](t, k).resume)
	r := on[*resumeScreen](t, k)
	typo := []byte(code)
	typo[0] = 'Z'
	if code[0] == 'Z' {
		typo[0] = 'Y'
	}
	test.Type(r.entry, string(typo))
	test.Tap(r.next)
	if r = on[*resumeScreen](t, k); r.problem != "resume.typo" {
		t.Fatalf("a mistyped code: problem %q", r.problem)
	}
	r.entry.SetText("")
	test.Type(r.entry, strings.ToLower(code))
	test.Tap(r.next)
	q := on[*questionScreen](t, k)
	if k.flow.Step().ID != "rrn" {
		t.Fatalf("resumed at %s, want the step after the last answer", k.flow.Step().ID)
	}
	test.Tap(q.back)
	if got := on[*questionScreen](t, k).input.value(); got != "self" {
		t.Fatalf("the saved answer is back, got %q", got)
	}
}

// Stop asks first; stopping deletes the unsaved draft and returns home.
func TestStopDiscardsUnsavedDraft(t *testing.T) {
	k, _ := newTestKiosk(t)
	openService(t, k, "certificates", "proof-of-residence")
	tapOption(t, k, "self")
	tapContinue(t, k)
	draft := k.flow.DraftID()
	test.Tap(k.bar.stop)
	test.Tap(on[*stopScreen](t, k).goOn)
	on[*questionScreen](t, k)
	test.Tap(k.bar.stop)
	test.Tap(on[*stopScreen](t, k).discard)
	on[*homeScreen](t, k)
	if a, err := k.deps.Store.DraftAnswers(context.Background(), draft); err != nil || len(a) != 0 {
		t.Fatalf("stopping deletes the draft: %v %v", a, err)
	}
}

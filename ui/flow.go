package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
)

// startScreen says what the service gives, what it costs, how long it takes, what to have
// at hand, and the other ways to get it: the analog route is never hidden.
type startScreen struct {
	k     *Kiosk
	begin *widget.Button
	back  *widget.Button
	box   fyne.CanvasObject
}

func newStartScreen(k *Kiosk) *startScreen {
	s := &startScreen{k: k}
	svc, l := k.flow.Service(), k.lang
	m := k.deps.Config.Municipality
	pairs := []string{
		k.t("start.what"), svc.Start.What.In(l),
		k.t("start.cost"), svc.Start.Cost.In(l),
		k.t("start.duration"), svc.Start.Duration.In(l),
		k.t("start.needs"), svc.Start.Needs.In(l),
		k.t("start.other"), svc.Start.Other.In(l),
		k.t("start.counter"), m.Counter.In(l) + "\n" + k.t("start.hours") + ": " + m.OpeningHours.In(l) +
			"\n" + k.t("start.phone") + ": " + m.Phone,
	}
	left, right := balance(pairs)
	s.begin = button(k.t("start.begin"), nil, true, s.onBegin)
	s.back = button(k.t("nav.back"), k.icon("back"), false, k.Home)
	top := container.NewVBox(heading(svc.Title.In(l)), container.NewGridWithColumns(2, facts(left...), facts(right...)))
	s.box = page(top, actions([]fyne.CanvasObject{s.back}, s.begin))
	return s
}

// balance splits title/text pairs over two columns in order, so that the columns hold
// about as many characters each: a long description on the left then no longer pushes the
// page past the bottom of the screen while the right column stays half empty.
func balance(pairs []string) (left, right []string) {
	total := 0
	for _, p := range pairs {
		total += len(p)
	}
	sum := 0
	for i := 0; i+1 < len(pairs); i += 2 {
		n := len(pairs[i]) + len(pairs[i+1])
		if sum+n/2 <= total/2 {
			left = append(left, pairs[i], pairs[i+1])
		} else {
			right = append(right, pairs[i], pairs[i+1])
		}
		sum += n
	}
	return left, right
}

// facts sets out pairs of a bold title and its text as one wrapping text: one widget for
// the lot keeps the padding of many labels from pushing the page off the screen. Pairs
// with no text are left out; an empty title gives a paragraph on its own.
func facts(pairs ...string) *widget.RichText {
	strong := widget.RichTextStyleStrong
	strong.Inline = false
	var segs []widget.RichTextSegment
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			continue
		}
		if pairs[i] != "" {
			segs = append(segs, &widget.TextSegment{Text: pairs[i], Style: strong})
		}
		segs = append(segs, &widget.TextSegment{Text: pairs[i+1], Style: widget.RichTextStyleParagraph})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

func (s *startScreen) content() fyne.CanvasObject { return s.box }
func (s *startScreen) hold()                      {}

func (s *startScreen) onBegin() {
	if err := s.k.flow.Begin(context.Background()); err != nil {
		s.k.showStorageProblem()
		return
	}
	s.k.showFlow()
}

// questionScreen asks one question: progress in words, the question as the heading, a hint
// and an example, the input, the on-screen keyboard when the answer is typed, and Continue.
// A refused answer stays as typed, with the reason in a summary at the top.
type questionScreen struct {
	k        *Kiosk
	input    answerInput
	problem  string // why the last answer was refused, in the citizen's language
	kb       *Keyboard
	keys     fyne.CanvasObject // the keyboard, at a fixed text size
	keysBar  *fyne.Container
	showKeys *widget.Button
	hideKeys *widget.Button
	full     *widget.RichText // the question with its hint and example
	short    *widget.RichText // the question alone, while the keyboard is open at larger text
	target   *kioskEntry
	next     *widget.Button
	back     *widget.Button
	saveLate *widget.Button
	box      fyne.CanvasObject
}

func newQuestionScreen(k *Kiosk) *questionScreen {
	return newQuestionScreenWithProblem(k, nil)
}

func newQuestionScreenWithProblem(k *Kiosk, inv *kiosk.Invalid) *questionScreen {
	s := &questionScreen{k: k}
	f, l := k.flow, k.lang
	st := f.Step()
	n, total := f.Progress()
	top := container.NewVBox()
	if inv != nil {
		s.problem = k.t(inv.MessageKey(), inv.Args...)
		top.Add(problemBox(k.pal(), k.t("question.problem"), s.problem))
	}
	q := st.Question.In(l)
	if st.Optional {
		q += " " + k.t("question.optional")
	}
	progress := k.t("question.progress", itoa(n), itoa(total))
	s.full = questionText(progress, q, st.Hint.In(l), exampleText(k, st.Example.In(l)))
	s.short = questionText(progress, q, "", "")
	top.Add(container.NewStack(s.full, s.short))
	s.input = newInput(k, st, f.Current(), s.onContinue, s.setTarget)
	top.Add(s.input.object())
	if needsKeyboard(st.Type) {
		s.kb, s.keys = k.keyboard(keyboardMode(st.Type))
		s.showKeys = button(k.t("keyboard.show"), nil, false, func() { s.setKeyboard(true) })
		s.hideKeys = button(k.t("keyboard.hide"), nil, false, func() { s.setKeyboard(false) })
		s.keysBar = container.NewHBox(sized(s.showKeys, 0, heightButton), sized(s.hideKeys, 0, heightButton))
		top.Add(s.keysBar)
		top.Add(s.keys)
	}
	// With larger text the keyboard and the hint do not both fit: the keyboard then opens
	// on request (or a tap on the box), and the hint steps aside while it is open.
	s.setKeyboard(k.looks.textStep == 0)
	s.next = button(k.t("nav.continue"), nil, true, s.onContinue)
	s.back = button(k.t("nav.back"), k.icon("back"), false, s.onBack)
	s.saveLate = button(k.t("question.save"), k.icon("resume"), false, s.onSaveForLater)
	s.box = page(top, actions([]fyne.CanvasObject{s.back, s.saveLate}, s.next))
	return s
}

func exampleText(k *Kiosk, example string) string {
	if example == "" {
		return ""
	}
	return k.t("question.example", example)
}

// questionText is the progress, the question as a heading, the hint and the example as
// one wrapping text, so the question and the keyboard fit on the screen together.
func questionText(progress, question, hint, example string) *widget.RichText {
	strong := widget.RichTextStyleStrong
	strong.Inline = false
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: progress, Style: strong},
		&widget.TextSegment{Text: question, Style: widget.RichTextStyleHeading}}
	for _, p := range []string{hint, example} {
		if p != "" {
			segs = append(segs, &widget.TextSegment{Text: p, Style: widget.RichTextStyleParagraph})
		}
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// setKeyboard opens or closes the keyboard. At the first text step it is always open and
// there is no button for it.
func (s *questionScreen) setKeyboard(open bool) {
	large := s.k.looks.textStep > 0
	show := func(o fyne.CanvasObject, visible bool) {
		if visible {
			o.Show()
		} else {
			o.Hide()
		}
	}
	hasKeys := s.kb != nil
	if hasKeys {
		show(s.keys, open)
		show(s.showKeys, large && !open)
		show(s.hideKeys, large && open)
		show(s.keysBar, large)
	}
	show(s.full, !(hasKeys && large && open))
	// With larger text and the keyboard open, the reading aids at the foot step aside too;
	// they come back with the next screen or when the keyboard closes.
	show(s.k.foot.box, !(hasKeys && large && open))
	show(s.short, hasKeys && large && open)
}

// keyboard returns the session's on-screen keyboard in a mode, and the object to place. It
// is built once per language and look and then reused by every question: building its
// fifty keys took most of a question screen's build time. It types into the question on
// screen.
func (k *Kiosk) keyboard(mode KeyboardMode) (*Keyboard, fyne.CanvasObject) {
	key := keyboardKey{k.lang, k.looks.contrast}
	kb, ok := k.keyboards[key]
	if !ok {
		target := func() *widget.Entry {
			if q, ok := k.current.(*questionScreen); ok {
				return q.keyboardTarget()
			}
			return nil
		}
		next := func() {
			if q, ok := k.current.(*questionScreen); ok {
				q.onContinue()
			}
		}
		kb = &cachedKeyboard{kb: NewKeyboard(mode, func(name string) string { return k.t(name) }, target, next)}
		// The keys keep their size at every text step: their legends are large already, and
		// a keyboard that grew with the text would push the question off the screen.
		keysLooks := k.looks
		keysLooks.textStep = 0
		kb.obj = container.NewThemeOverride(kb.kb.Content(), themeFor(keysLooks))
		k.keyboards[key] = kb
	}
	if kb.kb.Mode() != mode {
		kb.kb.SetMode(mode)
	}
	kb.obj.Show()
	return kb.kb, kb.obj
}

// keyboardKey says which cached keyboard fits: its words are in a language, its colours
// in a contrast.
type keyboardKey struct {
	lang     kiosk.Lang
	contrast bool
}

type cachedKeyboard struct {
	kb  *Keyboard
	obj fyne.CanvasObject
}

// setTarget makes the tapped entry the keyboard's target and shows the keys it needs.
func (s *questionScreen) setTarget(e *kioskEntry) {
	if s.kb != nil && !s.keys.Visible() {
		s.setKeyboard(true)
	}
	s.target = e
	if s.kb != nil && s.kb.Mode() != e.mode {
		s.kb.SetMode(e.mode)
	}
}

// keyboardTarget is the entry the keyboard types into: the last one tapped, or the first.
func (s *questionScreen) keyboardTarget() *widget.Entry {
	if s.target == nil {
		switch in := s.input.(type) {
		case *entryInput:
			s.target = in.entry
		case *addressInput:
			s.target = in.street
		default:
			return nil
		}
	}
	return &s.target.Entry
}

func (s *questionScreen) content() fyne.CanvasObject { return s.box }
func (s *questionScreen) hold()                      { s.k.flow.Hold(s.input.value()) }

func (s *questionScreen) onContinue() {
	err := s.k.flow.Continue(context.Background(), s.input.value())
	var inv *kiosk.Invalid
	switch {
	case errors.As(err, &inv):
		s.k.show(func() screen { return newQuestionScreenWithProblem(s.k, inv) })
	case err != nil:
		s.k.showStorageProblem()
	default:
		s.k.showFlow()
	}
}

func (s *questionScreen) onBack() {
	s.hold()
	s.k.flow.Back()
	s.k.showFlow()
}

func (s *questionScreen) onSaveForLater() {
	s.hold()
	s.k.saveForLater()
}

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
	left := facts(
		k.t("start.what"), svc.Start.What.In(l),
		k.t("start.cost"), svc.Start.Cost.In(l),
		k.t("start.duration"), svc.Start.Duration.In(l),
		k.t("start.needs"), svc.Start.Needs.In(l))
	other := facts(
		k.t("start.other"), svc.Start.Other.In(l),
		k.t("start.counter"), m.Counter.In(l),
		k.t("start.hours"), m.OpeningHours.In(l),
		k.t("start.phone"), m.Phone)
	s.begin = button(k.t("start.begin"), nil, true, s.onBegin)
	s.back = button(k.t("nav.back"), k.icon("back"), false, k.Home)
	top := container.NewVBox(heading(svc.Title.In(l)), container.NewGridWithColumns(2, left, other))
	s.box = page(top, actions([]fyne.CanvasObject{s.back}, s.begin))
	return s
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
// and an example, the input, and Continue. A refused answer stays as typed, with the reason
// in a summary at the top and next to the input.
type questionScreen struct {
	k        *Kiosk
	input    answerInput
	problem  *widget.Label
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
	top := container.NewVBox(bold(k.t("question.progress", itoa(n), itoa(total))))
	var message string
	if inv != nil {
		message = k.t(inv.MessageKey(), inv.Args...)
		top.Add(problemBox(k.pal(), k.t("question.problem"), message))
	}
	q := st.Question.In(l)
	if st.Optional {
		q += " " + k.t("question.optional")
	}
	top.Add(heading(q))
	if h := st.Hint.In(l); h != "" {
		top.Add(para(h))
	}
	if e := st.Example.In(l); e != "" {
		top.Add(para(k.t("question.example", e)))
	}
	s.input = newInput(k, st, f.Current(), s.onContinue)
	s.problem = widget.NewLabel(message)
	s.problem.TextStyle.Bold = true
	s.problem.Importance = widget.DangerImportance
	s.problem.Wrapping = fyne.TextWrapWord
	if inv == nil {
		s.problem.Hide()
	}
	top.Add(s.problem)
	top.Add(s.input.object())
	s.next = button(k.t("nav.continue"), nil, true, s.onContinue)
	s.back = button(k.t("nav.back"), k.icon("back"), false, s.onBack)
	s.saveLate = button(k.t("question.save"), k.icon("resume"), false, s.onSaveForLater)
	s.box = page(top, actions([]fyne.CanvasObject{s.back, s.saveLate}, s.next))
	return s
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

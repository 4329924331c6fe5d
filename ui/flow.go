package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
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
	fact := func(key string, t kiosk.Text) fyne.CanvasObject {
		if t.Empty() {
			return layout.NewSpacer()
		}
		return container.NewVBox(bold(k.t(key)), para(t.In(l)))
	}
	left := container.NewVBox(fact("start.what", svc.Start.What), fact("start.cost", svc.Start.Cost),
		fact("start.duration", svc.Start.Duration), fact("start.needs", svc.Start.Needs))
	other := container.NewVBox(subheading(k.t("start.other")), para(svc.Start.Other.In(l)),
		bold(k.t("start.counter")), para(m.Counter.In(l)),
		bold(k.t("start.hours")), para(m.OpeningHours.In(l)),
		bold(k.t("start.phone")), para(m.Phone))
	s.begin = button(k.t("start.begin"), nil, true, s.onBegin)
	s.back = button(k.t("nav.back"), k.icon("back"), false, k.Home)
	top := container.NewVBox(heading(svc.Title.In(l)), container.NewGridWithColumns(2, left, other))
	s.box = page(top, actions([]fyne.CanvasObject{s.back}, s.begin))
	return s
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
		top.Add(problemBox(k.t("question.problem"), message))
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

package kiosk

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Screen is where a citizen is in a service, after the GOV.UK pattern: a start page, one
// question per screen, check your answers, confirmation.
type Screen int

// The screens of a flow.
const (
	ScreenStart Screen = iota
	ScreenQuestion
	ScreenCheck
	ScreenDone
)

// PositionCheck is the draft position of the check-answers screen; any other position is a
// step id.
const PositionCheck = "check"

// ErrWrongScreen is returned when a flow is asked for something its screen does not offer,
// such as submitting from a question; it is a programming error in the caller.
var ErrWrongScreen = errors.New("flow: not possible on this screen")

// DraftStore keeps a flow's answers on disk as they are given (Store implements it).
type DraftStore interface {
	CreateDraft(ctx context.Context, d *Draft) error
	SaveAnswer(ctx context.Context, draftID int64, stepID, value, position string) error
	SaveForLater(ctx context.Context, draftID int64, expires time.Time) (string, error)
	Submit(ctx context.Context, draftID int64, sub *Submission) error
	DiscardDraft(ctx context.Context, draftID int64) error
}

// Flow walks one citizen through one service. It holds no widgets: the screens ask it what
// to show and tell it what the citizen did. Every accepted answer is on disk before the flow
// moves on.
type Flow struct {
	svc      *Service
	store    DraftStore
	now      func() time.Time
	lang     Lang
	draftID  int64
	answers  Answers           // accepted answers; an optional step left empty maps to ""
	pending  map[string]string // what was typed but not accepted (refused, or not yet sent)
	screen   Screen
	step     int
	changing bool // came from check-your-answers: go back there after Continue
	done     *Submission
}

// NewFlow starts a flow at the service's start page.
func NewFlow(svc *Service, store DraftStore, now func() time.Time, l Lang) *Flow {
	return &Flow{svc: svc, store: store, now: now, lang: l, answers: Answers{},
		pending: map[string]string{}}
}

// ResumeFlow continues a saved draft where the citizen left it.
func ResumeFlow(svc *Service, d *Draft, store DraftStore, now func() time.Time, l Lang) *Flow {
	f := NewFlow(svc, store, now, l)
	f.draftID = d.ID
	for id, v := range d.Answers {
		if svc.StepIndex(id) >= 0 {
			f.answers[id] = v
		}
	}
	if i := svc.StepIndex(d.Position); i >= 0 && f.isVisible(i) {
		f.screen, f.step = ScreenQuestion, i
	} else {
		f.goToFirstUnanswered()
	}
	return f
}

// Service returns the service being filled in.
func (f *Flow) Service() *Service { return f.svc }

// Screen returns the screen the citizen is on.
func (f *Flow) Screen() Screen { return f.screen }

// Step returns the question on screen; only meaningful on ScreenQuestion.
func (f *Flow) Step() *Step { return &f.svc.Steps[f.step] }

// Changing reports whether the citizen came from check-your-answers.
func (f *Flow) Changing() bool { return f.changing }

// DraftID returns the id of the draft on disk, 0 before the first question.
func (f *Flow) DraftID() int64 { return f.draftID }

// Submission returns the submission once the flow is done.
func (f *Flow) Submission() *Submission { return f.done }

// SetLang records the language the citizen switched to; answers are kept.
func (f *Flow) SetLang(l Lang) { f.lang = l }

// Answers returns a copy of the accepted answers.
func (f *Flow) Answers() Answers { return f.answers.Clone() }

// Progress returns the current step's number and the number of steps, "Step 2 of 5", for
// the answers given so far.
func (f *Flow) Progress() (int, int) {
	visible := f.svc.Visible(f.answers)
	for k, i := range visible {
		if i == f.step {
			return k + 1, len(visible)
		}
	}
	return len(visible), len(visible)
}

// Current returns what the input on the question screen should hold: what was typed last,
// or the accepted answer in a form the citizen can edit.
func (f *Flow) Current() string {
	st := f.Step()
	if raw, ok := f.pending[st.ID]; ok {
		return raw
	}
	return st.EditValue(f.answers[st.ID])
}

// Hold keeps what the citizen typed without checking it, e.g. before the screen is rebuilt
// in another language.
func (f *Flow) Hold(raw string) {
	if f.screen == ScreenQuestion {
		f.pending[f.Step().ID] = raw
	}
}

// Begin leaves the start page for the first question, creating the draft on disk.
func (f *Flow) Begin(ctx context.Context) error {
	if f.screen != ScreenStart {
		return ErrWrongScreen
	}
	if f.draftID == 0 {
		d := &Draft{ServiceID: f.svc.ID, ServiceVersion: f.svc.Version, Lang: f.lang}
		if err := f.store.CreateDraft(ctx, d); err != nil {
			return fmt.Errorf("flow: begin %s: %w", f.svc.ID, err)
		}
		f.draftID = d.ID
	}
	f.goToFirstUnanswered()
	return nil
}

// Continue checks the answer to the question on screen, stores it durably and moves on. A
// refused answer returns *Invalid and is kept on screen as typed.
func (f *Flow) Continue(ctx context.Context, raw string) error {
	if f.screen != ScreenQuestion {
		return ErrWrongScreen
	}
	st := f.Step()
	value, inv := st.Validate(raw, f.today())
	if inv != nil {
		f.pending[st.ID] = raw
		return inv
	}
	next := f.answers.Clone()
	next[st.ID] = value
	position, step := f.nextPosition(next)
	if err := f.store.SaveAnswer(ctx, f.draftID, st.ID, value, position); err != nil {
		f.pending[st.ID] = raw
		return fmt.Errorf("flow: save answer to %s: %w", st.ID, err)
	}
	f.answers = next
	delete(f.pending, st.ID)
	if position == PositionCheck {
		f.screen, f.changing = ScreenCheck, false
	} else {
		f.step = step
	}
	return nil
}

// nextPosition decides where Continue leads: the next visible step, or check-your-answers.
// After a Change it goes straight back to the check screen, unless the new answer opened a
// question that has no answer yet.
func (f *Flow) nextPosition(a Answers) (string, int) {
	visible := f.svc.Visible(a)
	if f.changing {
		for _, i := range visible {
			if _, ok := a[f.svc.Steps[i].ID]; !ok {
				return f.svc.Steps[i].ID, i
			}
		}
		return PositionCheck, -1
	}
	for _, i := range visible {
		if i > f.step {
			return f.svc.Steps[i].ID, i
		}
	}
	return PositionCheck, -1
}

// Back goes one screen back: to the previous question, the start page, or from a Change
// straight back to check-your-answers. Nothing typed is lost.
func (f *Flow) Back() {
	visible := f.svc.Visible(f.answers)
	switch f.screen {
	case ScreenQuestion:
		if f.changing {
			f.screen, f.changing = ScreenCheck, false
			return
		}
		prev := -1
		for _, i := range visible {
			if i < f.step {
				prev = i
			}
		}
		if prev < 0 {
			f.screen = ScreenStart
		} else {
			f.step = prev
		}
	case ScreenCheck:
		if len(visible) > 0 {
			f.screen, f.step = ScreenQuestion, visible[len(visible)-1]
		}
	}
}

// Change opens a question from check-your-answers; Continue returns there.
func (f *Flow) Change(stepID string) error {
	i := f.svc.StepIndex(stepID)
	if f.screen != ScreenCheck || i < 0 || !f.isVisible(i) {
		return ErrWrongScreen
	}
	f.screen, f.step, f.changing = ScreenQuestion, i, true
	return nil
}

// Row is one line of check-your-answers.
type Row struct {
	Step  *Step
	Value string // normalized; Step.Display formats it
}

// Review returns the answers for check-your-answers, in the order they were asked.
func (f *Flow) Review() []Row {
	var rows []Row
	for _, i := range f.svc.Visible(f.answers) {
		st := &f.svc.Steps[i]
		rows = append(rows, Row{Step: st, Value: f.answers[st.ID]})
	}
	return rows
}

// Submit turns the draft into a submission with a reference number. Every answer is checked
// again first (a resumed draft may predate a change of the service); a failing one is
// opened for correction and its *Invalid returned.
func (f *Flow) Submit(ctx context.Context, assisted bool) (*Submission, error) {
	if f.screen != ScreenCheck {
		return nil, ErrWrongScreen
	}
	for _, i := range f.svc.Visible(f.answers) {
		st := &f.svc.Steps[i]
		if _, inv := st.Validate(st.EditValue(f.answers[st.ID]), f.today()); inv != nil {
			f.screen, f.step, f.changing = ScreenQuestion, i, true
			return nil, inv
		}
	}
	sub := &Submission{ServiceID: f.svc.ID, ServiceVersion: f.svc.Version, Lang: f.lang,
		Answers: f.svc.Relevant(f.answers), SubmittedAt: f.now().UTC(), Assisted: assisted}
	if err := f.store.Submit(ctx, f.draftID, sub); err != nil {
		return nil, fmt.Errorf("flow: submit %s: %w", f.svc.ID, err)
	}
	f.done, f.screen = sub, ScreenDone
	return sub, nil
}

// SaveForLater keeps the draft for days and returns its resume code and expiry.
func (f *Flow) SaveForLater(ctx context.Context, days int) (string, time.Time, error) {
	if f.draftID == 0 || f.screen == ScreenDone {
		return "", time.Time{}, ErrWrongScreen
	}
	expires := f.now().UTC().AddDate(0, 0, days)
	code, err := f.store.SaveForLater(ctx, f.draftID, expires)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("flow: save for later: %w", err)
	}
	return code, expires, nil
}

// Discard deletes an unsaved draft when the citizen stops or walks away.
func (f *Flow) Discard(ctx context.Context) error {
	if f.draftID == 0 || f.screen == ScreenDone {
		return nil
	}
	return f.store.DiscardDraft(ctx, f.draftID)
}

func (f *Flow) isVisible(i int) bool {
	for _, j := range f.svc.Visible(f.answers) {
		if j == i {
			return true
		}
	}
	return false
}

func (f *Flow) goToFirstUnanswered() {
	for _, i := range f.svc.Visible(f.answers) {
		if _, ok := f.answers[f.svc.Steps[i].ID]; !ok {
			f.screen, f.step = ScreenQuestion, i
			return
		}
	}
	f.screen = ScreenCheck
}

// Today returns the flow's date at midnight, the reference for date bounds.
func (f *Flow) Today() time.Time { return f.today() }

func (f *Flow) today() time.Time {
	y, m, d := f.now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

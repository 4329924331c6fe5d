package kiosk_test

import (
	"context"
	"errors"
	"testing"

	"loket/kiosk"
	"loket/kiosk/kiosktest"
)

func continueOK(t *testing.T, f *kiosk.Flow, raw string) {
	t.Helper()
	if err := f.Continue(context.Background(), raw); err != nil {
		t.Fatalf("Continue(%q) on %s: %v", raw, f.Step().ID, err)
	}
}

func TestFlowWalkAndSubmit(t *testing.T) {
	ctx := context.Background()
	clock := kiosktest.NewClock(kiosktest.Day)
	store := kiosktest.Store(t, clock)
	f := kiosk.NewFlow(kiosktest.Service(), store, clock.Now, kiosk.NL)
	if f.Screen() != kiosk.ScreenStart {
		t.Fatalf("a flow starts on the start page")
	}
	if err := f.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	if n, total := f.Progress(); n != 1 || total != 5 {
		t.Fatalf("progress %d of %d, want 1 of 5 (the plate step is hidden)", n, total)
	}
	continueOK(t, f, "yes")
	if f.Step().ID != "plate" {
		t.Fatalf("after car=yes the plate step shows, got %s", f.Step().ID)
	}
	if n, total := f.Progress(); n != 2 || total != 6 {
		t.Fatalf("progress %d of %d, want 2 of 6", n, total)
	}
	var inv *kiosk.Invalid
	if err := f.Continue(ctx, "not a plate"); !errors.As(err, &inv) || inv.Code != "plate.format" {
		t.Fatalf("a wrong plate gives plate.format, got %v", err)
	}
	if f.Current() != "not a plate" || f.Step().ID != "plate" {
		t.Fatalf("a refused answer stays on screen as typed: %q on %s", f.Current(), f.Step().ID)
	}
	continueOK(t, f, "1-abc-123")
	continueOK(t, f, "85.07.30-033.28")
	continueOK(t, f, "25/03/2026")
	continueOK(t, f, "")
	continueOK(t, f, "2")
	if f.Screen() != kiosk.ScreenCheck {
		t.Fatalf("after the last step comes check-your-answers")
	}
	rows := f.Review()
	if len(rows) != 6 || rows[1].Value != "1-ABC-123" || rows[2].Value != "85073003328" || rows[3].Value != "2026-03-25" {
		t.Fatalf("review rows: %+v", rows)
	}
	sub, err := f.Submit(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := store.Submission(ctx, sub.Reference)
	if err != nil {
		t.Fatal(err)
	}
	want := kiosk.Answers{"car": "yes", "plate": "1-ABC-123", "rrn": "85073003328", "day": "2026-03-25", "count": "2"}
	if len(got.Answers) != len(want) {
		t.Fatalf("stored answers %v, want %v", got.Answers, want)
	}
	for k, v := range want {
		if got.Answers[k] != v {
			t.Fatalf("stored %s = %q, want %q", k, got.Answers[k], v)
		}
	}
	if _, err := store.DraftAnswers(ctx, f.DraftID()); err != nil {
		t.Fatal(err)
	}
}

// A Change from check-your-answers returns to the check screen, unless the new answer opens
// a question that has no answer yet; an answer made irrelevant is not submitted.
func TestFlowChangeFromCheck(t *testing.T) {
	ctx := context.Background()
	clock := kiosktest.NewClock(kiosktest.Day)
	f := kiosk.NewFlow(kiosktest.Service(), kiosktest.Store(t, clock), clock.Now, kiosk.EN)
	if err := f.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"no", "85073003328", "2026-03-20", "a@b.be", "1"} {
		continueOK(t, f, a)
	}
	if err := f.Change("rrn"); err != nil {
		t.Fatal(err)
	}
	if f.Current() != "85.07.30-033.28" {
		t.Fatalf("a changed answer shows in its readable form, got %q", f.Current())
	}
	continueOK(t, f, "85073003328")
	if f.Screen() != kiosk.ScreenCheck {
		t.Fatalf("after a Change, Continue returns to check-your-answers")
	}
	if err := f.Change("car"); err != nil {
		t.Fatal(err)
	}
	continueOK(t, f, "yes")
	if f.Screen() != kiosk.ScreenQuestion || f.Step().ID != "plate" {
		t.Fatalf("a change that opens a new question asks it first")
	}
	f.Back()
	if f.Screen() != kiosk.ScreenCheck {
		t.Fatalf("Back during a change returns to check-your-answers")
	}
	if err := f.Change("car"); err != nil {
		t.Fatal(err)
	}
	continueOK(t, f, "no")
	sub, err := f.Submit(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := sub.Answers["plate"]; ok || !sub.Assisted || sub.Answers["email"] != "a@b.be" {
		t.Fatalf("submission %+v", sub)
	}
}

func TestFlowBack(t *testing.T) {
	clock := kiosktest.NewClock(kiosktest.Day)
	f := kiosk.NewFlow(kiosktest.Service(), kiosktest.Store(t, clock), clock.Now, kiosk.FR)
	if err := f.Begin(context.Background()); err != nil {
		t.Fatal(err)
	}
	continueOK(t, f, "no")
	f.Back()
	if f.Step().ID != "car" || f.Current() != "no" {
		t.Fatalf("Back shows the previous question with its answer: %s %q", f.Step().ID, f.Current())
	}
	f.Back()
	if f.Screen() != kiosk.ScreenStart {
		t.Fatalf("Back from the first question goes to the start page")
	}
	if err := f.Begin(context.Background()); err != nil {
		t.Fatal(err)
	}
	if f.Step().ID != "rrn" {
		t.Fatalf("beginning again goes to the first unanswered question, got %s", f.Step().ID)
	}
}

func TestFlowSaveAndResume(t *testing.T) {
	ctx := context.Background()
	clock := kiosktest.NewClock(kiosktest.Day)
	store := kiosktest.Store(t, clock)
	svc := kiosktest.Service()
	f := kiosk.NewFlow(svc, store, clock.Now, kiosk.NL)
	if err := f.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	continueOK(t, f, "yes")
	continueOK(t, f, "1ABC123")
	code, expires, err := f.SaveForLater(ctx, 30)
	if err != nil {
		t.Fatal(err)
	}
	if want := kiosktest.Day.AddDate(0, 0, 30); !expires.Equal(want) {
		t.Fatalf("expires %v, want %v", expires, want)
	}
	if err := f.Discard(ctx); err != nil {
		t.Fatal(err)
	}
	d, err := store.ResumeDraft(ctx, code)
	if err != nil {
		t.Fatalf("a saved draft survives the end of the session: %v", err)
	}
	r := kiosk.ResumeFlow(svc, d, store, clock.Now, kiosk.NL)
	if r.Screen() != kiosk.ScreenQuestion || r.Step().ID != "rrn" {
		t.Fatalf("resume at the step after the last answer, got %s", r.Step().ID)
	}
	clock.Advance(31 * 24 * 3600e9)
	if _, err := store.ResumeDraft(ctx, code); !errors.Is(err, kiosk.ErrDraftExpired) {
		t.Fatalf("an expired draft: %v", err)
	}
	if _, err := store.ResumeDraft(ctx, code); !errors.Is(err, kiosk.ErrNoDraft) {
		t.Fatalf("an expired draft is deleted: %v", err)
	}
}

func TestFlowDiscardUnsaved(t *testing.T) {
	ctx := context.Background()
	clock := kiosktest.NewClock(kiosktest.Day)
	store := kiosktest.Store(t, clock)
	f := kiosk.NewFlow(kiosktest.Service(), store, clock.Now, kiosk.NL)
	if err := f.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	continueOK(t, f, "no")
	if err := f.Discard(ctx); err != nil {
		t.Fatal(err)
	}
	a, err := store.DraftAnswers(ctx, f.DraftID())
	if err != nil || len(a) != 0 {
		t.Fatalf("an unsaved draft is gone after Discard: %v %v", a, err)
	}
}

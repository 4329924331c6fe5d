package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"loket/kiosk"
	"loket/kiosk/printer"
	"loket/kiosk/receipt"
)

// A printer that is missing never touches the submission: the confirmation stays, with a
// calm message and the QR code large enough to photograph, and the failed attempt is
// recorded for staff.
func TestPrinterFailureIsCalm(t *testing.T) {
	k, _ := newTestKiosk(t)
	cfg := k.deps.Config
	cfg.Printer.Queue = "LoketNoSuchQueue"
	p, err := printer.New(k.deps.Store, &receipt.Builder{Catalogue: k.deps.Catalogue, Config: cfg, Messages: k.deps.Messages})
	if err != nil {
		t.Fatal(err)
	}
	k.deps.Printer = p
	openService(t, k, "questions", "general-question")
	for k.flow.Screen() == kiosk.ScreenQuestion {
		answerWithSample(t, k)
	}
	test.Tap(on[*checkScreen](t, k).submit)
	done := on[*doneScreen](t, k)
	select {
	case last := <-done.print.done:
		if last.Stage != printer.StageFailed {
			t.Fatalf("printing to a missing queue fails, got stage %v", last.Stage)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the print job never ended")
	}
	runUI(t) // the stages reach the label through Deps.Do
	if done.print.label.Text != k.t("print.failed") {
		t.Fatalf("the citizen reads a calm message: %q", done.print.label.Text)
	}
	if _, err := k.deps.Store.Submission(context.Background(), done.ref.Text); err != nil {
		t.Fatalf("the submission is safe: %v", err)
	}
	st, err := p.Status(context.Background())
	if err != nil || len(st.Unprinted) == 0 {
		t.Fatalf("staff see the receipt that did not print: %+v %v", st, err)
	}
}

package printer_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"loket/kiosk"
	"loket/kiosk/kiosktest"
	"loket/kiosk/printer"
	"loket/kiosk/receipt"
	"loket/kiosk/receipt/receipttest"
)

// kiosk is a store holding one submission and one saved draft, and a printer for cfg.
type fixture struct {
	store *kiosk.Store
	sub   *kiosk.Submission
	draft *kiosk.Draft
	docs  *receipt.Builder
	p     *printer.Printer
}

func newFixture(t *testing.T, cfg kiosk.PrinterConfig) *fixture {
	t.Helper()
	clock := kiosktest.NewClock(kiosktest.Day)
	f := &fixture{store: kiosktest.Store(t, clock), docs: receipttest.Builder(t)}
	f.docs.Config.Printer = cfg
	f.sub = receipttest.Submit(t, f.store, f.docs.Catalogue, kiosk.FR, clock.Now())
	f.draft = receipttest.SaveDraft(t, f.store, kiosk.NL, clock.Now().AddDate(0, 0, 30))
	var err error
	if f.p, err = printer.New(f.store, f.docs); err != nil {
		t.Fatal(err)
	}
	return f
}

// finish waits for a job's last update, collecting the stages it went through.
func finish(t *testing.T, ch <-chan printer.Progress) ([]printer.Stage, printer.Progress) {
	t.Helper()
	var stages []printer.Stage
	var last printer.Progress
	deadline := time.After(60 * time.Second)
	for {
		select {
		case pr, ok := <-ch:
			if !ok {
				return stages, last
			}
			stages, last = append(stages, pr.Stage), pr
		case <-deadline:
			t.Fatal("the print job never finished")
		}
	}
}

// attempts returns what the store recorded.
func (f *fixture) attempts(t *testing.T) []kiosk.PrintAttempt {
	t.Helper()
	a, err := f.store.PrintAttempts(context.Background(), time.Time{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// submissionSafe fails the test unless the submission is still stored and queued.
func (f *fixture) submissionSafe(t *testing.T) {
	t.Helper()
	back, err := f.store.Submission(context.Background(), f.sub.Reference)
	if err != nil || back.Reference != f.sub.Reference {
		t.Fatalf("the submission is gone after a printer failure: %v", err)
	}
	var state string
	if err := f.store.DB().QueryRow(`SELECT o.state FROM outbox o JOIN submissions s ON s.seq = o.seq
		WHERE s.reference = ?`, f.sub.Reference).Scan(&state); err != nil || state != kiosk.OutboxPending {
		t.Fatalf("the submission left the outbox after a printer failure: %q %v", state, err)
	}
}

// Without lp on the PATH the job fails with NoSpooler, the submission is safe and the
// attempt is recorded for staff.
func TestLPMissing(t *testing.T) {
	f := newFixture(t, kiosk.PrinterConfig{Queue: "LoketPDF"})
	t.Setenv("PATH", t.TempDir()) // a PATH without lp
	stages, last := finish(t, f.p.Start(context.Background(), printer.Job{Document: receipt.KindReceipt, Reference: f.sub.Reference}))
	if last.Stage != printer.StageFailed || !errors.Is(last.Err, printer.NoSpooler) {
		t.Fatalf("stages %v, last %+v: want a NoSpooler failure", stages, last)
	}
	var pe *printer.Error
	if !errors.As(last.Err, &pe) || pe.Printer != "LoketPDF" {
		t.Fatalf("the error is a *printer.Error naming the queue: %#v", last.Err)
	}
	f.submissionSafe(t)
	a := f.attempts(t)
	if len(a) != 1 || a[0].Printed || a[0].Problem != string(printer.NoSpooler) || a[0].Reference != f.sub.Reference {
		t.Fatalf("recorded attempts: %+v", a)
	}
	st, err := f.p.Status(context.Background())
	if err != nil || st.Ready || st.Problem != printer.NoSpooler || len(st.Unprinted) != 1 {
		t.Fatalf("staff status: %+v %v", st, err)
	}
}

// A reference with a typing error or one never issued prints nothing, says so, and is
// recorded.
func TestNothingToPrint(t *testing.T) {
	f := newFixture(t, kiosk.PrinterConfig{Queue: "LoketPDF"})
	typo := []byte(f.sub.Reference)
	typo[len(typo)-1] ^= 1
	for _, job := range []printer.Job{
		{Document: receipt.KindReceipt, Reference: string(typo)},
		{Document: receipt.KindRequest, Reference: "TST01-ZZ00-0000"},
		{Document: receipt.KindResumeSlip, Code: "ABC-DEFG"},
	} {
		_, err := f.p.Print(context.Background(), job, nil)
		if !errors.Is(err, printer.NotFound) {
			t.Errorf("%+v: %v, want NotFound", job, err)
		}
	}
	if a := f.attempts(t); len(a) != 3 || a[0].Problem != string(printer.NotFound) {
		t.Fatalf("recorded attempts: %+v", a)
	}
}

// ESC/POS straight to a device file: the bytes are the document's ESC/POS, with the QR
// code's payload, accents in code page 1252 and a cut at the end. A stage is reported for
// each step.
func TestESCPOSToDevice(t *testing.T) {
	device := filepath.Join(t.TempDir(), "lp0")
	if err := os.WriteFile(device, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, kiosk.PrinterConfig{Method: kiosk.MethodESCPOS, Device: device})
	stages, last := finish(t, f.p.Start(context.Background(), printer.Job{Document: receipt.KindReceipt, Reference: f.sub.Reference, Reprint: true}))
	if last.Stage != printer.StageDone || last.Err != nil {
		t.Fatalf("stages %v, last %+v", stages, last)
	}
	if want := []printer.Stage{printer.StagePreparing, printer.StageSending, printer.StageDone}; !equalStages(stages, want) {
		t.Fatalf("stages %v, want %v", stages, want)
	}
	got, err := os.ReadFile(device)
	if err != nil {
		t.Fatal(err)
	}
	want := printer.ESCPOS(f.docs.Receipt(f.sub, true))
	if !bytes.Equal(got, want) {
		t.Fatalf("the device got %d bytes, want the receipt's %d", len(got), len(want))
	}
	for name, part := range map[string][]byte{
		"QR payload":    []byte(receipttest.StatusPrefix + f.sub.Reference),
		"reference":     []byte(f.sub.Reference),
		"copy mark":     []byte("DUPLICATA"),
		"é in cp1252":   []byte("T\xe9l\xe9phone"),
		"€ in cp1252":   []byte("0,50 \x80"),
		"ß in cp1252":   []byte("No\xeblstra\xdfe"),
		"cut at th end": {0x1d, 0x56, 0x42, 0x00},
	} {
		if !bytes.Contains(got, part) {
			t.Errorf("%s is missing from the ESC/POS bytes", name)
		}
	}
	if !bytes.HasSuffix(got, []byte{0x1d, 0x56, 0x42, 0x00}) {
		t.Error("the receipt does not end with a cut")
	}
	if a := f.attempts(t); len(a) != 1 || !a[0].Printed || !a[0].Reprint || a[0].Printer != device {
		t.Fatalf("recorded attempts: %+v", a)
	}
}

// An unplugged USB printer has no device file: NoPrinter, recorded.
func TestDeviceMissing(t *testing.T) {
	f := newFixture(t, kiosk.PrinterConfig{Method: kiosk.MethodESCPOS, Device: filepath.Join(t.TempDir(), "lp0")})
	_, err := f.p.Print(context.Background(), printer.Job{Document: receipt.KindResumeSlip, Code: f.draft.ResumeCode}, nil)
	if !errors.Is(err, printer.NoPrinter) {
		t.Fatalf("%v, want NoPrinter", err)
	}
	a := f.attempts(t)
	if len(a) != 1 || a[0].Reference != "" || a[0].Document != string(receipt.KindResumeSlip) {
		t.Fatalf("a slip is recorded without its code: %+v", a)
	}
	st, _ := f.p.Status(context.Background())
	if st.Ready || st.Problem != printer.NoPrinter {
		t.Fatalf("staff status: %+v", st)
	}
}

func equalStages(a, b []printer.Stage) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Staff read every problem in their language.
func TestProblemsTranslated(t *testing.T) {
	m := receipttest.Messages(t)
	for _, p := range printer.Problems {
		for _, l := range kiosk.Languages {
			if key := "printer.problem." + string(p); m.T(l, key) == key || m[l][key] == "" {
				t.Errorf("%s: no text for %s", l, key)
			}
		}
	}
}

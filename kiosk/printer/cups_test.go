package printer_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/kiosk"
	"loket/kiosk/printer"
	"loket/kiosk/receipt"
	"loket/kiosk/receipt/receipttest"
)

// The real path: a receipt goes through lp to the cups-pdf queue, comes out as a PDF with
// the reference on it, and the attempt is recorded with the CUPS job id.
func TestPrintThroughCUPS(t *testing.T) {
	queue, outDir := receipttest.NeedCUPS(t)
	receipttest.NeedPoppler(t)
	for _, job := range []struct {
		kind   receipt.Kind
		format string
	}{{receipt.KindReceipt, kiosk.FormatThermal80}, {receipt.KindRequest, kiosk.FormatA4}, {receipt.KindResumeSlip, kiosk.FormatThermal80}} {
		t.Run(string(job.kind), func(t *testing.T) {
			f := newFixture(t, kiosk.PrinterConfig{Queue: queue, Format: job.format})
			since := time.Now()
			j := printer.Job{Document: job.kind, Reference: f.sub.Reference, Code: f.draft.ResumeCode}
			stages, last := finish(t, f.p.Start(context.Background(), j))
			if last.Stage != printer.StageDone || last.Err != nil || !strings.HasPrefix(last.JobID, queue+"-") {
				t.Fatalf("stages %v, last %+v", stages, last)
			}
			want := []printer.Stage{printer.StagePreparing, printer.StageSending, printer.StagePrinting, printer.StageDone}
			if !equalStages(stages, want) {
				t.Fatalf("stages %v, want %v", stages, want)
			}
			name, qr := string(job.kind)+"-"+f.sub.Reference, receipttest.StatusPrefix+f.sub.Reference
			if job.kind == receipt.KindResumeSlip {
				name, qr = "resume-slip", f.draft.ResumeCode
			}
			out := receipttest.WaitForPDF(t, outDir, name, since, 30*time.Second)
			t.Cleanup(func() { os.Remove(out) })
			// cups-pdf redraws the text as Type 3 glyphs that pdftotext cannot read back, so
			// the QR code on the printed page is what proves which document came out.
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			printed := filepath.Join(t.TempDir(), "printed.pdf")
			if err := os.WriteFile(printed, data, 0o600); err != nil {
				t.Fatal(err)
			}
			if got := receipttest.QR(t, receipttest.PNG(t, printed, 150)); got != qr {
				t.Fatalf("the printed page's QR code holds %q, want %q", got, qr)
			}
			wd, _ := receipttest.PDFPageSize(t, out)
			if wantW := map[string]float64{kiosk.FormatThermal80: 80, kiosk.FormatA4: 210}[job.format]; wd < wantW-1 || wd > wantW+1 {
				t.Fatalf("CUPS printed on paper %.0f mm wide, want %.0f mm: the media option was not passed", wd, wantW)
			}
			a := f.attempts(t)
			if len(a) != 1 || !a[0].Printed || a[0].JobID != last.JobID || a[0].Printer != queue {
				t.Fatalf("recorded attempts: %+v", a)
			}
		})
	}
}

// A disabled queue (a printer switched off, or paused by staff) refuses the job before CUPS
// can hold it: the error is PrinterOff, the submission is safe, staff see the problem and
// the receipt to reprint, and nothing prints when the queue comes back.
func TestDisabledQueue(t *testing.T) {
	receipttest.NeedCUPS(t)
	queue := receipttest.TempQueue(t, "cups-pdf:/")
	if out, err := exec.Command("cupsdisable", "-r", "Out of paper", queue).CombinedOutput(); err != nil {
		t.Fatalf("cupsdisable: %v %s", err, out)
	}
	f := newFixture(t, kiosk.PrinterConfig{Queue: queue})
	_, last := finish(t, f.p.Start(context.Background(), printer.Job{Document: receipt.KindReceipt, Reference: f.sub.Reference}))
	if last.Stage != printer.StageFailed || !errors.Is(last.Err, printer.PrinterOff) {
		t.Fatalf("last %+v, want PrinterOff", last)
	}
	f.submissionSafe(t)
	if out, _ := exec.Command("lpstat", "-o", queue).CombinedOutput(); strings.TrimSpace(string(out)) != "" {
		t.Fatalf("a job waits in the disabled queue and would print later: %s", out)
	}
	st, err := f.p.Status(context.Background())
	if err != nil || st.Ready || st.Problem != printer.PrinterOff || !strings.Contains(st.Message, "Out of paper") {
		t.Fatalf("staff status: %+v %v", st, err)
	}
	if len(st.Unprinted) != 1 || st.Unprinted[0].Reference != f.sub.Reference {
		t.Fatalf("staff see the receipt to reprint: %+v", st.Unprinted)
	}
	// Staff fix the printer and reprint: the list empties.
	if out, err := exec.Command("cupsenable", queue).CombinedOutput(); err != nil {
		t.Fatalf("cupsenable: %v %s", err, out)
	}
	if _, err := f.p.Print(context.Background(), printer.Job{Document: receipt.KindReceipt, Reference: f.sub.Reference, Reprint: true}, nil); err != nil {
		t.Fatalf("reprint: %v", err)
	}
	if st, _ := f.p.Status(context.Background()); !st.Ready || len(st.Unprinted) != 0 {
		t.Fatalf("after the reprint: %+v", st)
	}
}

// A queue that rejects jobs, and one that does not exist.
func TestRejectingAndUnknownQueues(t *testing.T) {
	receipttest.NeedCUPS(t)
	rejecting := receipttest.TempQueue(t, "cups-pdf:/")
	if out, err := exec.Command("cupsreject", rejecting).CombinedOutput(); err != nil {
		t.Fatalf("cupsreject: %v %s", err, out)
	}
	for queue, want := range map[string]printer.Problem{rejecting: printer.PrinterOff, "LoketNoSuchQueue": printer.NoPrinter} {
		f := newFixture(t, kiosk.PrinterConfig{Queue: queue})
		_, err := f.p.Print(context.Background(), printer.Job{Document: receipt.KindReceipt, Reference: f.sub.Reference}, nil)
		if !errors.Is(err, want) {
			t.Errorf("%s: %v, want %s", queue, err, want)
		}
		f.submissionSafe(t)
	}
}

// A printer that never answers (a network printer switched off): the job waits in CUPS
// until the timeout, is then cancelled so it cannot print later, and the error says so.
func TestStuckJobIsCancelled(t *testing.T) {
	receipttest.NeedCUPS(t)
	queue := receipttest.TempQueue(t, "socket://127.0.0.1:9") // nothing listens on the discard port
	f := newFixture(t, kiosk.PrinterConfig{Queue: queue, TimeoutSeconds: 2})
	start := time.Now()
	_, last := finish(t, f.p.Start(context.Background(), printer.Job{Document: receipt.KindReceipt, Reference: f.sub.Reference}))
	if last.Stage != printer.StageFailed || !errors.Is(last.Err, printer.Stuck) || last.JobID == "" {
		t.Fatalf("last %+v, want Stuck with the job id", last)
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Fatalf("gave up after %s, want about 2 s", took)
	}
	if out, _ := exec.Command("lpstat", "-o", queue).CombinedOutput(); strings.Contains(string(out), last.JobID) {
		t.Fatalf("the stuck job is still queued: %s", out)
	}
	if a := f.attempts(t); len(a) != 1 || a[0].Printed || a[0].Problem != string(printer.Stuck) || a[0].JobID != last.JobID {
		t.Fatalf("recorded attempts: %+v", a)
	}
}

// Package printer prints the kiosk's documents (package receipt) through CUPS, as PDF or
// as raw ESC/POS, or straight to a thermal printer's device file. It never holds up or
// endangers a submission: a submission is committed before anything is printed, printing
// runs beside the caller and reports its progress on a channel, every failure is a typed
// *Error, and every attempt is recorded in the store so staff see printer problems and
// can reprint.
package printer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"math"
	"time"

	"loket/kiosk"
	"loket/kiosk/receipt"
	"loket/kiosk/receipt/pdf"
)

// Job says what to print.
type Job struct {
	Document  receipt.Kind // receipt, request (the copy with the answers) or resume-slip
	Reference string       // the submission's reference, as typed (checked by ParseReference)
	Code      string       // the resume code, for a resume slip
	Reprint   bool         // staff reprint: the document carries the copy mark
}

// Stage is how far a job has come.
type Stage int

// The stages of a job, in order; a job ends in StageDone or StageFailed.
const (
	StagePreparing Stage = iota // reading the submission, laying out the document
	StageSending                // waiting for the printer's turn, handing the job over
	StagePrinting               // the printer has it (JobID is known)
	StageDone                   // it came out
	StageFailed                 // it did not; Err says why
)

// Progress is one step of a job, for a screen to show.
type Progress struct {
	Stage Stage
	JobID string // CUPS job id, from StagePrinting on ("" for a device)
	Err   error  // with StageFailed: a *Error
}

// Printer prints documents for one kiosk, one at a time.
type Printer struct {
	cfg    kiosk.PrinterConfig
	format pdf.Format
	store  *kiosk.Store
	docs   *receipt.Builder
	cups   *cups
	turn   chan struct{} // one job at a time: a roll has one cutter
}

// New returns a printer for the config in docs.Config.Printer, recording attempts in store.
func New(store *kiosk.Store, docs *receipt.Builder) (*Printer, error) {
	cfg := docs.Config.Printer
	format, err := pdf.ParseFormat(cfg.Format)
	if err != nil {
		return nil, fmt.Errorf("printer.format: %w", err)
	}
	return &Printer{cfg: cfg, format: format, store: store, docs: docs,
		cups: &cups{queue: cfg.Queue, options: cfg.Options, poll: 200 * time.Millisecond},
		turn: make(chan struct{}, 1)}, nil
}

// Start prints a job beside the caller and returns its progress; the channel is closed
// after StageDone or StageFailed. It never blocks, and nobody has to read the channel: it
// holds every update a job can send. A screen reads it in a goroutine and shows each stage
// with fyne.Do.
func (p *Printer) Start(ctx context.Context, job Job) <-chan Progress {
	ch := make(chan Progress, 4)
	go func() {
		defer close(ch)
		jobID, err := p.Print(ctx, job, func(pr Progress) { ch <- pr })
		if err != nil {
			ch <- Progress{Stage: StageFailed, JobID: jobID, Err: err}
			return
		}
		ch <- Progress{Stage: StageDone, JobID: jobID}
	}()
	return ch
}

// Print prints a job and returns when it came out or failed, reporting the stages before
// the last to report (which may be nil). The attempt is recorded either way. Headless
// commands (kiosk reprint) call it directly.
func (p *Printer) Print(ctx context.Context, job Job, report func(Progress)) (string, error) {
	if report == nil {
		report = func(Progress) {}
	}
	report(Progress{Stage: StagePreparing})
	attempt := &kiosk.PrintAttempt{Document: string(job.Document), Reprint: job.Reprint, Printer: p.where()}
	jobID, err := p.print(ctx, job, attempt, report)
	attempt.Printed, attempt.JobID = err == nil, jobID
	if err != nil {
		attempt.Problem = string(ProblemOf(err))
		var pe *Error
		if errors.As(err, &pe) {
			if pe.Printer == "" {
				pe.Printer = p.where()
			}
			attempt.Detail = pe.Detail
		}
	}
	// Recorded on a fresh context: a citizen's session ending must not erase the trace.
	rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if rerr := p.store.RecordPrintAttempt(rctx, attempt); rerr != nil {
		log.Printf("printer: record attempt for %s %s: %v", job.Document, attempt.Reference, rerr)
	}
	return jobID, err
}

func (p *Printer) print(ctx context.Context, job Job, attempt *kiosk.PrintAttempt, report func(Progress)) (string, error) {
	doc, err := p.document(ctx, job, attempt)
	if err != nil {
		return "", err
	}
	data, media, err := p.render(doc)
	if err != nil {
		return "", &Error{Problem: Failed, Printer: p.where(), Detail: "could not lay out the document", Err: err}
	}
	report(Progress{Stage: StageSending})
	select {
	case p.turn <- struct{}{}:
		defer func() { <-p.turn }()
	case <-ctx.Done():
		return "", &Error{Problem: Stuck, Printer: p.where(), Detail: "another document was still printing", Err: ctx.Err()}
	}
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout())
	defer cancel()
	if p.cfg.Device != "" {
		return "", writeDevice(ctx, p.cfg.Device, data)
	}
	jobID, err := p.cups.send(ctx, doc.Name, data, p.cfg.Method == kiosk.MethodESCPOS, media)
	if err != nil {
		return "", err
	}
	report(Progress{Stage: StagePrinting, JobID: jobID})
	queue := p.cups.queue
	if queue == "" {
		queue, _ = p.cups.destination(ctx)
	}
	return jobID, p.cups.wait(ctx, queue, jobID)
}

// document builds the job's document from what is stored.
func (p *Printer) document(ctx context.Context, job Job, attempt *kiosk.PrintAttempt) (*receipt.Document, error) {
	if job.Document == receipt.KindResumeSlip {
		d, err := p.store.ResumeDraft(ctx, job.Code)
		if err != nil {
			return nil, &Error{Problem: NotFound, Printer: p.where(), Detail: "no saved draft with that code", Err: err}
		}
		return p.docs.ResumeSlip(d, job.Reprint)
	}
	sub, err := p.store.Submission(ctx, job.Reference)
	if err != nil {
		return nil, &Error{Problem: NotFound, Printer: p.where(), Detail: "no submission " + job.Reference, Err: err}
	}
	attempt.Reference = sub.Reference
	switch job.Document {
	case receipt.KindReceipt:
		return p.docs.Receipt(sub, job.Reprint), nil
	case receipt.KindRequest:
		return p.docs.Request(sub, job.Reprint), nil
	}
	return nil, fmt.Errorf("printer: unknown document %q", job.Document)
}

// render lays the document out for the configured printer, and names the paper for CUPS
// ("" for raw ESC/POS): without it CUPS puts a receipt-sized page on the queue's default
// paper, scaled or cropped.
func (p *Printer) render(doc *receipt.Document) ([]byte, string, error) {
	if p.cfg.Method == kiosk.MethodESCPOS {
		return ESCPOS(doc), "", nil
	}
	var buf bytes.Buffer
	size, err := pdf.Render(&buf, p.format, doc)
	if err != nil {
		return nil, "", err
	}
	media := "A4"
	if p.format == pdf.Thermal80 {
		media = fmt.Sprintf("Custom.%.0fx%.0fmm", size.W, math.Ceil(size.H))
	}
	return buf.Bytes(), media, nil
}

// where names the printer for records and errors: the device, or the queue ("" = default).
func (p *Printer) where() string {
	if p.cfg.Device != "" {
		return p.cfg.Device
	}
	return p.cfg.Queue
}

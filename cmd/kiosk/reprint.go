package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"loket/kiosk"
	"loket/kiosk/printer"
	"loket/kiosk/receipt"
	"loket/kiosk/receipt/pdf"
)

// runReprint is `kiosk reprint [-config FILE] [-answers] [-out FILE.pdf] REFERENCE`: the
// receipt of one submission again, marked as a copy, on the kiosk's printer or into a PDF
// file. A mistyped reference is caught by its check character before anything is looked up.
func runReprint(args []string) error {
	fs := flag.NewFlagSet("kiosk reprint", flag.ContinueOnError)
	config := fs.String("config", "", "config file (TOML); defaults are used when empty")
	answers := fs.Bool("answers", false, "print the copy of the request, with the answers (personal data!)")
	out := fs.String("out", "", "write the PDF to this file instead of printing it")
	typed, err := parsePositional(fs, args)
	if err != nil {
		return errors.New("usage: kiosk reprint [-config FILE] [-answers] [-out FILE.pdf] REFERENCE")
	}
	ref, err := kiosk.ParseReference(typed)
	if err != nil {
		return fmt.Errorf("reference %q: %w; check each character, e.g. GNT01-7Q00-0AZK", typed, err)
	}
	s, err := load(*config)
	if err != nil {
		return err
	}
	defer s.store.Close()
	job := printer.Job{Document: receipt.KindReceipt, Reference: ref, Reprint: true}
	if *answers {
		job.Document = receipt.KindRequest
	}
	docs := receiptBuilder(s)
	if *out != "" {
		return reprintToFile(s, docs, job, *out)
	}
	p, err := printer.New(s.store, docs)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.Printer.Timeout()+10*time.Second)
	defer cancel()
	jobID, err := p.Print(ctx, job, func(pr printer.Progress) {
		switch pr.Stage {
		case printer.StageSending:
			fmt.Fprintln(os.Stderr, "sending to the printer…")
		case printer.StagePrinting:
			fmt.Fprintf(os.Stderr, "printing (CUPS job %s)…\n", pr.JobID)
		}
	})
	if err != nil {
		return err
	}
	fmt.Printf("printed %s (job %s)\n", ref, jobID)
	return nil
}

func reprintToFile(s *setup, docs *receipt.Builder, job printer.Job, path string) error {
	sub, err := s.store.Submission(context.Background(), job.Reference)
	if err != nil {
		return fmt.Errorf("reference %s: %w", job.Reference, err)
	}
	format, err := pdf.ParseFormat(s.cfg.Printer.Format)
	if err != nil {
		return err
	}
	doc := docs.Receipt(sub, true)
	if job.Document == receipt.KindRequest {
		doc = docs.Request(sub, true)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("reprint: %w", err)
	}
	if _, err := pdf.Render(f, format, doc); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("reprint: %w", err)
	}
	fmt.Printf("wrote %s to %s\n", job.Reference, path)
	return nil
}

// runPrinterStatus is `kiosk printer status [-config FILE]`: what CUPS says about the
// kiosk's printer, and the receipts of the last week that failed to print and have not
// printed since. It exits non-zero when the printer cannot print, for monitoring scripts.
func runPrinterStatus(args []string) error {
	fs := flag.NewFlagSet("kiosk printer status", flag.ContinueOnError)
	config := fs.String("config", "", "config file (TOML); defaults are used when empty")
	if len(args) == 0 || args[0] != "status" {
		return errors.New("usage: kiosk printer status [-config FILE]")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	s, err := load(*config)
	if err != nil {
		return err
	}
	defer s.store.Close()
	p, err := printer.New(s.store, receiptBuilder(s))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := p.Status(ctx)
	if err != nil {
		return err
	}
	name := st.Printer
	if name == "" {
		name = "(system default)"
	}
	fmt.Printf("printer: %s\nready:   %v\n", name, st.Ready)
	if !st.Ready {
		fmt.Printf("problem: %s: %s\n", st.Problem, st.Problem.Error())
	}
	if st.Message != "" {
		fmt.Printf("cups:    %s\n", st.Message)
	}
	for _, a := range st.Unprinted {
		fmt.Printf("not printed: %s %s at %s (%s) — kiosk reprint %s\n", a.Document, a.Reference,
			receipt.FormatTime(a.At), a.Problem, a.Reference)
	}
	if !st.Ready {
		return fmt.Errorf("the printer cannot print: %s", st.Problem.Error())
	}
	return nil
}

// parsePositional parses flags before and after one positional argument, so that both
// `reprint -config x REF` and `reprint REF -config x` work.
func parsePositional(fs *flag.FlagSet, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if fs.NArg() == 0 {
		return "", errors.New("missing argument")
	}
	pos := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		return "", errors.New("too many arguments")
	}
	return pos, nil
}

package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"loket/assets"
	"loket/kiosk"
	"loket/kiosk/receipt"
	"loket/kiosk/receipt/pdf"
)

// exportProgressEvery is how often a long export says how far it is.
const exportProgressEvery = 100

// runExport is `kiosk export --from DATE --to DATE [--service ID] --out FILE.pdf`: every
// confirmation in a range of days as one PDF, one receipt per page with the copy mark, for
// printing and archiving, and a CSV beside it (reference, service, time, sync state) for a
// spreadsheet. Days are Brussels days, both ends included.
func runExport(args []string) error {
	fs := flag.NewFlagSet("kiosk export", flag.ContinueOnError)
	config := fs.String("config", "", "config file (TOML); defaults are used when empty")
	fromS := fs.String("from", "", "first day, e.g. 2026-03-01 or 01/03/2026")
	toS := fs.String("to", "", "last day (included); default: the same as -from")
	service := fs.String("service", "", "only this service id")
	out := fs.String("out", "", "PDF file to write")
	csvOut := fs.String("csv", "", "CSV file to write; default: the PDF's name with .csv")
	format := fs.String("format", string(pdf.A4), "page format: a4 or thermal80")
	answers := fs.Bool("answers", false, "print each request with its answers (personal data!) instead of the receipt")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || *fromS == "" || fs.NArg() > 0 {
		return errors.New("usage: kiosk export [-config FILE] -from DATE [-to DATE] [-service ID] [-answers] -out FILE.pdf [-csv FILE.csv]")
	}
	if *toS == "" {
		toS = fromS
	}
	from, err := parseDay(*fromS)
	if err != nil {
		return fmt.Errorf("-from: %w", err)
	}
	to, err := parseDay(*toS)
	if err != nil {
		return fmt.Errorf("-to: %w", err)
	}
	if to.Before(from) {
		return fmt.Errorf("-to %s is before -from %s", *toS, *fromS)
	}
	f, err := pdf.ParseFormat(*format)
	if err != nil {
		return fmt.Errorf("-format: %w", err)
	}
	if *csvOut == "" {
		*csvOut = strings.TrimSuffix(*out, ".pdf") + ".csv"
	}
	s, err := load(*config)
	if err != nil {
		return err
	}
	defer s.store.Close()
	x := export{store: s.store, docs: receiptBuilder(s), format: f, answers: *answers, progress: os.Stderr}
	n, err := x.run(context.Background(), from, to.AddDate(0, 0, 1), *service, *out, *csvOut)
	if err != nil {
		return err
	}
	fmt.Printf("exported %d confirmation(s) to %s and %s\n", n, *out, *csvOut)
	return nil
}

// export writes confirmations to a PDF and a CSV.
type export struct {
	store    *kiosk.Store
	docs     *receipt.Builder
	format   pdf.Format
	answers  bool
	progress io.Writer
}

// run exports the submissions made in [from, to), of one service when service is not "".
// The files are written next to their final names and renamed at the end, so an export
// that fails half-way leaves no half file that looks complete.
func (x *export) run(ctx context.Context, from, to time.Time, service, pdfPath, csvPath string) (int, error) {
	subs, err := x.store.Submissions(ctx, from, to)
	if err != nil {
		return 0, err
	}
	if service != "" {
		kept := subs[:0]
		for _, sub := range subs {
			if sub.ServiceID == service {
				kept = append(kept, sub)
			}
		}
		subs = kept
	}
	if len(subs) == 0 {
		return 0, fmt.Errorf("no confirmations from %s to %s%s", receipt.FormatDate(from),
			receipt.FormatDate(to.Add(-time.Second)), map[bool]string{true: " for " + service}[service != ""])
	}
	states, err := x.store.SyncStates(ctx, from, to)
	if err != nil {
		return 0, err
	}
	title := x.docs.Messages.T(kiosk.NL, "receipt.export.title", receipt.FormatDate(from), receipt.FormatDate(to.Add(-time.Second)))
	book, err := pdf.NewBook(x.format, title)
	if err != nil {
		return 0, err
	}
	rows := [][]string{{"reference", "service", "submitted_at", "sync_state"}}
	for i, sub := range subs {
		doc := x.docs.Receipt(sub, true)
		if x.answers {
			doc = x.docs.Request(sub, true)
		}
		if err := book.Add(doc); err != nil {
			return 0, fmt.Errorf("export %s: %w", sub.Reference, err)
		}
		rows = append(rows, []string{sub.Reference, sub.ServiceID,
			sub.SubmittedAt.In(receipt.Brussels).Format(time.RFC3339), states[sub.Reference]})
		if (i+1)%exportProgressEvery == 0 || i+1 == len(subs) {
			fmt.Fprintf(x.progress, "exported %d/%d\n", i+1, len(subs))
		}
	}
	if err := writeAtomic(pdfPath, book.Write); err != nil {
		return 0, err
	}
	err = writeAtomic(csvPath, func(w io.Writer) error {
		c := csv.NewWriter(w)
		c.WriteAll(rows)
		return c.Error()
	})
	return len(subs), err
}

// writeAtomic writes a file through a temporary name in the same folder.
func writeAtomic(path string, write func(io.Writer) error) error {
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	w := bufio.NewWriter(f)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("export: %s: %w", path, err)
	}
	return nil
}

// parseDay reads a day as staff type it, ISO or Belgian, as the start of that day in
// Brussels.
func parseDay(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02-01-2006"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), receipt.Brussels); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q: give a day as 2026-03-18 or 18/03/2026", s)
}

// receiptBuilder returns the builder for the kiosk's documents. Until assets.TranslationDirs
// lists "receipt", its texts are added here, so receipts never show bare keys.
func receiptBuilder(s *setup) *receipt.Builder {
	m := s.deps.Messages
	if _, ok := m[kiosk.NL]["receipt.title"]; !ok {
		if extra, err := kiosk.LoadMessages(assets.Translations(), "receipt"); err == nil {
			for l, kv := range extra {
				for k, v := range kv {
					m[l][k] = v
				}
			}
		}
	}
	return &receipt.Builder{Catalogue: s.deps.Catalogue, Config: s.cfg, Messages: m}
}

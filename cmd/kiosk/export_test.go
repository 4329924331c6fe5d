package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/kiosk"
	"loket/kiosk/kiosktest"
	"loket/kiosk/receipt/pdf"
	"loket/kiosk/receipt/receipttest"
)

// exportKiosk writes a config whose data folder holds n submissions of the fixture service
// on kiosktest.Day and three of another service the day after, with a mix of sync states.
// It returns the config's path and the references, oldest first.
func exportKiosk(t testing.TB, n int, printerSection string) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	config := filepath.Join(dir, "loket.toml")
	text := fmt.Sprintf("[kiosk]\nid = \"TST01\"\ndata_dir = %q\n%s", filepath.Join(dir, "data"), printerSection)
	if err := os.WriteFile(config, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o700); err != nil {
		t.Fatal(err)
	}
	clock := kiosktest.NewClock(kiosktest.Day)
	store, err := kiosk.OpenStore(filepath.Join(dir, "data", "kiosk.db"), kiosk.StoreOptions{KioskCode: "TST01", Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	cat := receipttest.Catalogue(t)
	var refs []string
	for i := 0; i < n; i++ {
		sub := receipttest.Submit(t, store, cat, kiosk.Languages[i%3], clock.Now().Add(time.Duration(i)*time.Second))
		refs = append(refs, sub.Reference)
	}
	for i := 0; i < 3; i++ {
		sub := &kiosk.Submission{ServiceID: "proof-of-residence", ServiceVersion: 1, Lang: kiosk.NL,
			Answers: kiosk.Answers{"for-whom": "self"}, SubmittedAt: kiosktest.Day.Add(24 * time.Hour)}
		if err := store.Submit(context.Background(), 0, sub); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.DB().Exec(`UPDATE outbox SET state = CASE WHEN seq % 7 = 0 THEN 'attention'
		WHEN seq % 2 = 0 THEN 'sent' ELSE 'pending' END`); err != nil {
		t.Fatal(err)
	}
	return config, refs
}

// 500 confirmations: one A4 page each, a CSV row each with its sync state, the service
// filter, and progress on the way.
func TestExport500(t *testing.T) {
	receipttest.NeedPoppler(t)
	config, refs := exportKiosk(t, 500, "")
	out := filepath.Join(t.TempDir(), "march.pdf")
	if err := runExport([]string{"-config", config, "-from", "2026-03-18", "-to", "19/03/2026",
		"-service", receipttest.Service, "-out", out}); err != nil {
		t.Fatal(err)
	}
	if pages := receipttest.PDFPages(t, out); pages != 500 {
		t.Fatalf("%d pages, want one per confirmation: 500", pages)
	}
	f, err := os.Open(strings.TrimSuffix(out, ".pdf") + ".csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 501 || strings.Join(rows[0], ",") != "reference,service,submitted_at,sync_state" {
		t.Fatalf("%d CSV lines (want a header and 500 rows), header %v", len(rows), rows[0])
	}
	count := map[string]int{}
	for i, row := range rows[1:] {
		if row[0] != refs[i] || row[1] != receipttest.Service {
			t.Fatalf("row %d: %v, want %s", i, row, refs[i])
		}
		count[row[3]]++
	}
	if count["pending"] == 0 || count["sent"] == 0 || count["attention"] == 0 || count[""] != 0 {
		t.Fatalf("sync states: %v", count)
	}
	if first, _ := time.Parse(time.RFC3339, rows[1][2]); !first.Equal(kiosktest.Day) || !strings.HasSuffix(rows[1][2], "+01:00") {
		t.Fatalf("time %q: want Brussels time with its offset", rows[1][2])
	}
	text := receipttest.PDFText(t, out)
	for _, want := range []string{refs[0], refs[499], "DUPLICAAT", "DUPLICATA", "COPY"} {
		if !strings.Contains(text, want) {
			t.Errorf("the export lacks %q", want)
		}
	}
}

func TestExportRangeAndProgress(t *testing.T) {
	receipttest.NeedPoppler(t)
	config, _ := exportKiosk(t, 250, "")
	s, err := load(config)
	if err != nil {
		t.Fatal(err)
	}
	defer s.store.Close()
	var progress bytes.Buffer
	x := export{store: s.store, docs: receiptBuilder(s), format: pdf.Thermal80, progress: &progress}
	dir := t.TempDir()
	day2, _ := parseDay("19/03/2026")
	n, err := x.run(context.Background(), day2, day2.AddDate(0, 0, 1), "", filepath.Join(dir, "a.pdf"), filepath.Join(dir, "a.csv"))
	if err != nil || n != 3 {
		t.Fatalf("the second day holds the 3 other submissions: %d %v", n, err)
	}
	progress.Reset()
	day1, _ := parseDay("2026-03-18")
	if n, err = x.run(context.Background(), day1, day2, "", filepath.Join(dir, "b.pdf"), filepath.Join(dir, "b.csv")); err != nil || n != 250 {
		t.Fatalf("the first day: %d %v", n, err)
	}
	if got := progress.String(); got != "exported 100/250\nexported 200/250\nexported 250/250\n" {
		t.Fatalf("progress: %q", got)
	}
	if _, err := x.run(context.Background(), day1, day2, "no-such-service", filepath.Join(dir, "c.pdf"), filepath.Join(dir, "c.csv")); err == nil {
		t.Fatal("an empty export is an error, not an empty file")
	}
	if _, err := os.Stat(filepath.Join(dir, "c.pdf")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("no file for an empty export: %v", err)
	}
	for _, bad := range [][]string{{"-config", config, "-from", "2026-13-01", "-out", "x.pdf"},
		{"-config", config, "-from", "2026-03-18", "-to", "2026-03-01", "-out", "x.pdf"},
		{"-config", config, "-from", "2026-03-18"}} {
		if err := runExport(bad); err == nil {
			t.Errorf("export %v: want an error", bad)
		}
	}
}

// Reprint by reference: the copy mark, and a typo caught by the check character.
func TestReprint(t *testing.T) {
	receipttest.NeedPoppler(t)
	config, refs := exportKiosk(t, 1, "")
	out := filepath.Join(t.TempDir(), "copy.pdf")
	if err := runReprint([]string{"-config", config, "-out", out, strings.ToLower(refs[0])}); err != nil {
		t.Fatal(err)
	}
	if text := receipttest.PDFText(t, out); !strings.Contains(text, refs[0]) || !strings.Contains(text, "DUPLICAAT") {
		t.Fatalf("the reprint lacks the reference or the copy mark:\n%s", text)
	}
	typo := []byte(refs[0])
	typo[7] = map[bool]byte{true: 'A', false: 'B'}[typo[7] != 'A']
	err := runReprint([]string{"-config", config, string(typo)})
	if !errors.Is(err, kiosk.ErrCodeCheck) || !strings.Contains(err.Error(), "check each character") {
		t.Fatalf("a typo is caught before the printer is asked: %v", err)
	}
}

// Reprint through the real CUPS queue, and the staff's status command.
func TestReprintThroughCUPS(t *testing.T) {
	queue, outDir := receipttest.NeedCUPS(t)
	config, refs := exportKiosk(t, 1, fmt.Sprintf("[printer]\nqueue = %q\n", queue))
	since := time.Now()
	if err := runReprint([]string{refs[0], "-config", config}); err != nil {
		t.Fatal(err)
	}
	printed := receipttest.WaitForPDF(t, outDir, "receipt-"+refs[0], since, 30*time.Second)
	os.Remove(printed)
	if err := runPrinterStatus([]string{"status", "-config", config}); err != nil {
		t.Fatalf("status of a ready printer: %v", err)
	}
}

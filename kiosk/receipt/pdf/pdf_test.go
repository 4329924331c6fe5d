package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loket/kiosk"
	"loket/kiosk/kiosktest"
	"loket/kiosk/receipt"
	"loket/kiosk/receipt/pdf"
	"loket/kiosk/receipt/receipttest"
)

// docs returns the three documents in language l, built from a submission and a draft
// stored in a real store.
func docs(t *testing.T, l kiosk.Lang) (sub *kiosk.Submission, draft *kiosk.Draft, out map[receipt.Kind]*receipt.Document) {
	t.Helper()
	clock := kiosktest.NewClock(kiosktest.Day)
	store := kiosktest.Store(t, clock)
	b := receipttest.Builder(t)
	sub = receipttest.Submit(t, store, b.Catalogue, l, clock.Now())
	draft = receipttest.SaveDraft(t, store, l, clock.Now().AddDate(0, 0, 30))
	slip, err := b.ResumeSlip(draft, false)
	if err != nil {
		t.Fatal(err)
	}
	return sub, draft, map[receipt.Kind]*receipt.Document{
		receipt.KindReceipt:    b.Receipt(sub, false),
		receipt.KindRequest:    b.Request(sub, false),
		receipt.KindResumeSlip: slip,
	}
}

func render(t *testing.T, dir, name string, f pdf.Format, d *receipt.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := pdf.Render(&buf, f, d); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Every document, in every language and both formats, reads back with its code, its title,
// the service and every accent, and its QR code holds the status URL or the resume code.
// LOKET_RECEIPT_SAMPLES=DIR keeps the PDFs and PNGs there, for looking at them.
func TestEveryDocumentReadsBack(t *testing.T) {
	receipttest.NeedPoppler(t)
	keep := os.Getenv("LOKET_RECEIPT_SAMPLES")
	for _, l := range kiosk.Languages {
		sub, draft, byKind := docs(t, l)
		m := receipttest.Messages(t)
		svc, _ := receipttest.Catalogue(t).Service(receipttest.Service)
		titles := map[receipt.Kind]string{receipt.KindReceipt: "receipt.title",
			receipt.KindRequest: "receipt.request.title", receipt.KindResumeSlip: "receipt.slip.title"}
		for _, f := range []pdf.Format{pdf.Thermal80, pdf.A4} {
			for kind, d := range byKind {
				name := fmt.Sprintf("%s-%s-%s", kind, f, l)
				t.Run(name, func(t *testing.T) {
					dir := t.TempDir()
					if keep != "" {
						dir = keep
					}
					path := render(t, dir, name, f, d)
					text := receipttest.PDFText(t, path)
					want := append([]string{m.T(l, titles[kind]), svc.Title.In(l)}, receipttest.Probes...)
					code, qr := sub.Reference, receipttest.StatusPrefix+sub.Reference
					if kind == receipt.KindResumeSlip {
						code, qr = draft.ResumeCode, draft.ResumeCode
						want = append(want, receipt.FormatDate(draft.ExpiresAt))
					} else {
						want = append(want, receipt.FormatTime(sub.SubmittedAt))
					}
					want = append(want, code)
					if kind == receipt.KindRequest {
						want = append(want, "Straße", "café", "tombée", "garçon", "Très", "250 €")
					}
					flat := strings.Join(strings.Fields(text), " ") // lines wrap on the roll
					for _, w := range want {
						if !strings.Contains(flat, w) {
							t.Errorf("%q is missing from the text:\n%s", w, text)
						}
					}
					if got := receipttest.QR(t, receipttest.PNG(t, path, 100)); got != qr {
						t.Errorf("QR code holds %q, want %q", got, qr)
					}
					wd, ht := receipttest.PDFPageSize(t, path)
					switch {
					case f == pdf.Thermal80 && (wd < 79.5 || wd > 80.5 || ht < 80 || ht > 400):
						t.Errorf("thermal page is %.1f × %.1f mm, want 80 mm wide, as long as its content", wd, ht)
					case f == pdf.A4 && (wd < 209.5 || wd > 210.5 || ht < 296.5 || ht > 297.5):
						t.Errorf("A4 page is %.1f × %.1f mm", wd, ht)
					}
				})
			}
		}
	}
}

// The thermal receipt and the resume slip are left on shelves: none of the citizen's
// answers may be on them. The copy of the request has them all.
func TestOnlyTheCopyHoldsPersonalData(t *testing.T) {
	receipttest.NeedPoppler(t)
	sub, _, byKind := docs(t, kiosk.NL)
	b := receipttest.Builder(t)
	svc, _ := b.Catalogue.Service(sub.ServiceID)
	var personal []string
	for _, i := range svc.Visible(sub.Answers) {
		st := &svc.Steps[i]
		switch st.Type {
		case kiosk.TypeAddress, kiosk.TypeEmail, kiosk.TypePhone, kiosk.TypeLongText, kiosk.TypeRRN, kiosk.TypeText:
			personal = append(personal, st.Display(sub.Answers[st.ID], kiosk.NL, b.Messages))
		}
	}
	if len(personal) < 3 {
		t.Fatalf("the fixture should hold personal answers, got %q", personal)
	}
	for kind, d := range byKind {
		for _, f := range []pdf.Format{pdf.Thermal80, pdf.A4} {
			text := receipttest.PDFText(t, render(t, t.TempDir(), "doc", f, d))
			flat := strings.Join(strings.Fields(text), " ")
			for _, p := range personal {
				first := strings.Fields(p)[0]
				has := strings.Contains(flat, strings.Join(strings.Fields(p), " "))
				switch {
				case kind == receipt.KindRequest && !has:
					t.Errorf("%s %s: the answer %q is missing", kind, f, p)
				case kind != receipt.KindRequest && (has || strings.Contains(text, first) && len(first) > 6):
					t.Errorf("%s %s: personal data %q is printed", kind, f, p)
				}
			}
		}
	}
}

// A reprint is the original plus the copy mark, nothing else: same reference, same date,
// same words.
func TestReprintIsTheOriginalWithACopyMark(t *testing.T) {
	receipttest.NeedPoppler(t)
	for _, l := range kiosk.Languages {
		sub, _, _ := docs(t, l)
		b := receipttest.Builder(t)
		mark := b.Messages.T(l, "receipt.copy")
		dir := t.TempDir()
		original := receipttest.PDFText(t, render(t, dir, "original", pdf.Thermal80, b.Receipt(sub, false)))
		reprint := receipttest.PDFText(t, render(t, dir, "reprint", pdf.Thermal80, b.Receipt(sub, true)))
		if strings.Contains(original, mark) || !strings.Contains(reprint, mark) {
			t.Fatalf("%s: the copy mark %q belongs on the reprint only", l, mark)
		}
		if got := strings.Replace(reprint, mark+"\n", "", 1); got != original {
			t.Fatalf("%s: the reprint differs from the original beyond the mark:\n%s\n---\n%s", l, original, reprint)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]pdf.Format{"": pdf.Thermal80, "thermal80": pdf.Thermal80, "a4": pdf.A4} {
		if got, err := pdf.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := pdf.ParseFormat("letter"); err == nil {
		t.Error("letter is not a kiosk format")
	}
}

// TestScreenshots renders the pictures in docs/screenshots from a realistic config when
// LOKET_RECEIPT_SCREENSHOTS names the folder (scripts or a person looking; see
// docs/PERFORMANCE-receipts.md): a thermal receipt (nl) at the printer's 203 dpi, an A4
// copy of a request (fr) and a reprinted resume slip (en).
func TestScreenshots(t *testing.T) {
	out := os.Getenv("LOKET_RECEIPT_SCREENSHOTS")
	if out == "" {
		t.Skip("set LOKET_RECEIPT_SCREENSHOTS=docs/screenshots to render the receipt screenshots")
	}
	receipttest.NeedPoppler(t)
	clock := kiosktest.NewClock(kiosktest.Day)
	store := kiosktest.Store(t, clock)
	b := receipttest.Builder(t)
	b.Config.Municipality = kiosk.DefaultConfig().Municipality
	b.Config.Municipality.Website = "https://www.voorbeeld.be"
	b.Config.Hub.StatusURL = "https://loket.voorbeeld.be/status/"
	nl := receipttest.Submit(t, store, b.Catalogue, kiosk.NL, clock.Now())
	fr := receipttest.Submit(t, store, b.Catalogue, kiosk.FR, clock.Now())
	slip, err := b.ResumeSlip(receipttest.SaveDraft(t, store, kiosk.EN, clock.Now().AddDate(0, 0, 30)), true)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for name, job := range map[string]struct {
		f   pdf.Format
		d   *receipt.Document
		dpi int
	}{
		"receipt-thermal": {pdf.Thermal80, b.Receipt(nl, false), 203},
		"receipt-a4":      {pdf.A4, b.Request(fr, false), 100},
		"resume-slip":     {pdf.Thermal80, slip, 203},
	} {
		png := receipttest.PNG(t, render(t, tmp, name, job.f, job.d), job.dpi)
		data, err := os.ReadFile(png)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name+".png"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

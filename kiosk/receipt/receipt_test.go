package receipt_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"loket/assets"
	"loket/kiosk"
	"loket/kiosk/kiosktest"
	"loket/kiosk/receipt"
	"loket/kiosk/receipt/receipttest"
)

func TestStatusURL(t *testing.T) {
	cases := []struct {
		hub  kiosk.HubConfig
		want string
	}{
		{kiosk.HubConfig{}, receipt.DefaultStatusURL},
		{kiosk.HubConfig{URL: "https://hub.gent.be"}, "https://hub.gent.be/status/"},
		{kiosk.HubConfig{URL: "https://hub.gent.be/"}, "https://hub.gent.be/status/"},
		{kiosk.HubConfig{URL: "https://hub.gent.be", StatusURL: "https://loket.gent.be/s/"}, "https://loket.gent.be/s/"},
		{kiosk.HubConfig{StatusURL: "https://loket.gent.be/status"}, "https://loket.gent.be/status/"},
	}
	for _, c := range cases {
		if got := receipt.StatusURL(c.hub); got != c.want {
			t.Errorf("StatusURL(%+v) = %q, want %q", c.hub, got, c.want)
		}
	}
}

// Every receipt text exists in every language, so no receipt shows a bare key.
func TestReceiptMessagesComplete(t *testing.T) {
	own, err := kiosk.LoadMessages(assets.Translations(), "receipt")
	if err != nil {
		t.Fatal(err)
	}
	for l, keys := range own.Missing() {
		if len(keys) > 0 {
			t.Errorf("%s lacks %v", l, keys)
		}
	}
	m := receipttest.Messages(t)
	for _, l := range kiosk.Languages {
		for _, key := range []string{"home.resume", "answer.yes", "receipt.title", "receipt.copy", "receipt.slip.how", "receipt.request.answers"} {
			if m.T(l, key) == key {
				t.Errorf("%s: %s is missing", l, key)
			}
		}
	}
}

func submission(t *testing.T, l kiosk.Lang) (*receipt.Builder, *kiosk.Submission) {
	t.Helper()
	clock := kiosktest.NewClock(kiosktest.Day)
	b := receipttest.Builder(t)
	return b, receipttest.Submit(t, kiosktest.Store(t, clock), b.Catalogue, l, clock.Now())
}

// The receipt's content: the reference, the QR code to the status page, the service, the
// Brussels time, the municipality's contact, the kiosk; and no answer at all.
func TestReceiptContent(t *testing.T) {
	b, sub := submission(t, kiosk.FR)
	d := b.Receipt(sub, false)
	text := d.Text()
	for _, want := range []string{sub.Reference, "Signaler un problème dans la rue", "18/03/2026 11:30",
		"Borne TST01", "Noëlstraße 1", "09 123 45 67", "Preuve de votre demande"} {
		if !strings.Contains(text, want) {
			t.Errorf("the receipt lacks %q:\n%s", want, text)
		}
	}
	if d.QRPayload() != receipttest.StatusPrefix+sub.Reference {
		t.Errorf("QR payload %q", d.QRPayload())
	}
	for step, v := range sub.Answers {
		if len(v) > 3 && strings.Contains(text, v) {
			t.Errorf("the receipt shows the answer to %s", step)
		}
	}
	if strings.Contains(text, "DUPLICATA") || !strings.Contains(b.Receipt(sub, true).Text(), "DUPLICATA") {
		t.Error("the copy mark belongs on reprints only")
	}
	if d.Name != "receipt-"+sub.Reference || !d.Date.Equal(sub.SubmittedAt) {
		t.Errorf("name %q, date %s", d.Name, d.Date)
	}
}

// The copy of the request lists every answer as check-your-answers shows it.
func TestRequestShowsAnswersAsOnCheck(t *testing.T) {
	b, sub := submission(t, kiosk.NL)
	svc, _ := b.Catalogue.Service(sub.ServiceID)
	d := b.Request(sub, false)
	var answers []receipt.Block
	for _, blk := range d.Blocks {
		if blk.Style == receipt.StyleAnswer {
			answers = append(answers, blk)
		}
	}
	visible := svc.Visible(sub.Answers)
	if len(answers) != len(sub.Answers) || len(answers) == 0 {
		t.Fatalf("%d answers printed, %d given", len(answers), len(sub.Answers))
	}
	i := 0
	for _, idx := range visible {
		st := &svc.Steps[idx]
		v, ok := sub.Answers[st.ID]
		if !ok {
			continue
		}
		want := receipt.Block{Style: receipt.StyleAnswer, Label: st.Question.In(kiosk.NL), Text: st.Display(v, kiosk.NL, b.Messages)}
		if answers[i] != want {
			t.Errorf("answer %d: %+v, want %+v", i, answers[i], want)
		}
		i++
	}
}

// A submission whose service the catalogue no longer offers still gets its receipt, and
// the copy still shows every answer, under its step id.
func TestReceiptForARetiredService(t *testing.T) {
	b := receipttest.Builder(t)
	sub := &kiosk.Submission{Reference: "TST01-AA00-001X", KioskID: "TST01", ServiceID: "dog-licence", Lang: kiosk.EN,
		Answers: kiosk.Answers{"dog": "Rex"}, SubmittedAt: kiosktest.Day}
	if !strings.Contains(b.Receipt(sub, false).Text(), "dog-licence") {
		t.Error("the receipt names the service by its id")
	}
	if !strings.Contains(b.Request(sub, false).Text(), "dog: Rex") {
		t.Error("the copy shows the answer under its step id")
	}
}

func TestResumeSlip(t *testing.T) {
	b := receipttest.Builder(t)
	expires := time.Date(2026, 4, 17, 22, 30, 0, 0, time.UTC) // 00:30 on the 18th in Brussels
	d, err := b.ResumeSlip(&kiosk.Draft{ResumeCode: "K7Q-4MZ2", ServiceID: receipttest.Service, Lang: kiosk.EN,
		ExpiresAt: expires, Answers: kiosk.Answers{"description": receipttest.Accented}}, false)
	if err != nil {
		t.Fatal(err)
	}
	text := d.Text()
	for _, want := range []string{"K7Q-4MZ2", "18/04/2026", "Report a problem in the street", "Continue a saved form"} {
		if !strings.Contains(text, want) {
			t.Errorf("the slip lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Straße") || d.QRPayload() != "K7Q-4MZ2" || strings.Contains(d.Name, "K7Q") {
		t.Errorf("the slip holds the code only, in its QR code and in large type, not in its name: %q %q", d.QRPayload(), d.Name)
	}
	if _, err := b.ResumeSlip(&kiosk.Draft{ServiceID: receipttest.Service}, false); !errors.Is(err, receipt.ErrNoCode) {
		t.Errorf("a draft without a code: %v", err)
	}
}

// Package receipttest holds fixtures for tests of receipts, printing and exports: a config
// whose texts probe every accent the kiosk must print (é è ë ç à ô ß €), stored
// submissions and saved drafts made through the real store, and readers that turn a PDF
// back into text (pdftotext) and a QR payload (pdftoppm and gozxing).
package receipttest

import (
	"context"
	"testing"
	"time"

	"loket/assets"
	"loket/kiosk"
	"loket/kiosk/receipt"
)

// Service is the shipped service the fixtures submit: it has a long text answer, an
// address and a yes/no, so the copy of a request shows most kinds of answer.
const Service = "report-problem"

// Accented is the citizen's description in the fixture submission: every accent the
// kiosk must print, in one sentence.
const Accented = "Straße bij café Noël: la tôle est tombée à côté, garçon blessé, schade 250 €. Très grave."

// Probes are words that each document carries in every language, from the config below:
// together they hold é è ë ç à ô ß €.
var Probes = []string{"Façade-Rhôde", "Noëlstraße", "bibliothèque", "één", "à", "€"}

// Config returns the kiosk config of the fixtures: a municipality whose name, counter and
// hours contain the accent probes, and a hub whose status page the QR codes point to.
func Config() kiosk.Config {
	cfg := kiosk.DefaultConfig()
	cfg.Kiosk.ID = "TST01"
	cfg.Municipality = kiosk.Municipality{
		Name:    "Gemeente Façade-Rhôde",
		Counter: kiosk.Text{kiosk.NL: "Noëlstraße 1, 9999 Façade-Rhôde", kiosk.FR: "Noëlstraße 1, 9999 Façade-Rhôde", kiosk.EN: "Noëlstraße 1, 9999 Façade-Rhôde"},
		OpeningHours: kiosk.Text{
			kiosk.NL: "maandag tot vrijdag, 9 tot 12 uur; één loket in de bibliothèque, à côté; kopie 0,50 €",
			kiosk.FR: "du lundi au vendredi, de 9 h à 12 h; één guichet à la bibliothèque; copie 0,50 €",
			kiosk.EN: "Monday to Friday, 9 am to noon; één desk in the bibliothèque, à côté; copy 0.50 €"},
		Phone:   "09 123 45 67",
		Website: "https://www.facade-rhode.be",
	}
	cfg.Hub.StatusURL = StatusPrefix
	return cfg
}

// StatusPrefix is where the fixture config's QR codes point.
const StatusPrefix = "https://hub.facade-rhode.be/status/"

// Messages loads the translations a receipt needs, naming the folders explicitly so the
// tests do not depend on assets.TranslationDirs.
func Messages(t testing.TB) kiosk.Messages {
	t.Helper()
	m, err := kiosk.LoadMessages(assets.Translations(), "ui", "validation", "receipt")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Catalogue returns the shipped catalogue.
func Catalogue(t testing.TB) *kiosk.Catalogue {
	t.Helper()
	cat, problems := kiosk.LoadCatalogue(assets.Services(), "")
	if len(problems) > 0 {
		t.Fatalf("shipped catalogue: %v", problems)
	}
	return cat
}

// Builder returns a receipt builder over the shipped catalogue and the fixture config.
func Builder(t testing.TB) *receipt.Builder {
	t.Helper()
	return &receipt.Builder{Catalogue: Catalogue(t), Config: Config(), Messages: Messages(t)}
}

// Answers returns valid, normalized answers to every step of the service, as a citizen
// would give them, with Accented as the long text.
func Answers(t testing.TB, svc *kiosk.Service, today time.Time) kiosk.Answers {
	t.Helper()
	a := kiosk.Answers{}
	for i := range svc.Steps {
		st := &svc.Steps[i]
		raw := kiosk.SampleAnswer(st, today)
		if st.Type == kiosk.TypeLongText {
			raw = Accented
		}
		v, inv := st.Validate(raw, today)
		if inv != nil {
			t.Fatalf("sample answer to %s: %v", st.ID, inv)
		}
		a[st.ID] = v
	}
	return svc.Relevant(a)
}

// Submit stores a submission of Service in language l, through the real store, and
// returns it as read back (as a reprint would).
func Submit(t testing.TB, s *kiosk.Store, cat *kiosk.Catalogue, l kiosk.Lang, at time.Time) *kiosk.Submission {
	t.Helper()
	svc, ok := cat.Service(Service)
	if !ok {
		t.Fatalf("no service %s", Service)
	}
	ctx := context.Background()
	sub := &kiosk.Submission{ServiceID: svc.ID, ServiceVersion: svc.Version, Lang: l,
		Answers: Answers(t, svc, at), SubmittedAt: at}
	if err := s.Submit(ctx, 0, sub); err != nil {
		t.Fatal(err)
	}
	back, err := s.Submission(ctx, sub.Reference)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// SaveDraft stores a draft of Service saved for later, and returns it as the resume screen
// would read it back.
func SaveDraft(t testing.TB, s *kiosk.Store, l kiosk.Lang, expires time.Time) *kiosk.Draft {
	t.Helper()
	ctx := context.Background()
	d := &kiosk.Draft{ServiceID: Service, ServiceVersion: 1, Lang: l}
	if err := s.CreateDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnswer(ctx, d.ID, "description", Accented, "feedback"); err != nil {
		t.Fatal(err)
	}
	code, err := s.SaveForLater(ctx, d.ID, expires)
	if err != nil {
		t.Fatal(err)
	}
	back, err := s.ResumeDraft(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

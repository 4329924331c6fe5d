package kiosk_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"loket/kiosk"
	"loket/kiosk/kiosktest"
)

// Answers are encrypted at rest: after a saved draft and a submission with known values,
// none of those values is anywhere in the database files, and they still read back.
func TestNoAnswerInClear(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "kiosk.db")
	clock := kiosktest.NewClock(kiosktest.Day)
	s, err := kiosk.OpenStore(path, kiosk.StoreOptions{KioskCode: "TST01", Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{"85073003328", "Kerkstraat-Geheim", "jan.geheim@example.be"}
	d := &kiosk.Draft{ServiceID: "x", Lang: kiosk.NL}
	if err := s.CreateDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	for i, v := range secrets {
		if err := s.SaveAnswer(ctx, d.ID, "q"+string(rune('a'+i)), v, "q"); err != nil {
			t.Fatal(err)
		}
	}
	code, err := s.SaveForLater(ctx, d.ID, clock.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	sub := &kiosk.Submission{ServiceID: "x", ServiceVersion: 1, Lang: kiosk.NL, SubmittedAt: clock.Now(),
		Answers: kiosk.Answers{"rrn": secrets[0], "street": secrets[1], "email": secrets[2]}}
	if err := s.Submit(ctx, 0, sub); err != nil {
		t.Fatal(err)
	}
	got, err := s.Submission(ctx, sub.Reference)
	if err != nil || got.Answers["street"] != secrets[1] {
		t.Fatalf("the submission reads back: %v %v", got, err)
	}
	draft, err := s.ResumeDraft(ctx, code)
	if err != nil || draft.Answers["qa"] != secrets[0] {
		t.Fatalf("the draft reads back: %v %v", draft, err)
	}
	s.Close()
	files, _ := filepath.Glob(path + "*")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range secrets {
			if bytes.Contains(data, []byte(v)) {
				t.Errorf("%s holds %q in clear", filepath.Base(f), v)
			}
		}
	}
	if st, err := os.Stat(path + ".key"); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the key file is created readable by the kiosk user only: %v %v", st, err)
	}
	other := make([]byte, 32)
	if _, err := kiosk.OpenStore(path, kiosk.StoreOptions{KioskCode: "TST01", Key: other}); err != nil {
		t.Fatal(err) // opening works; reading with the wrong key must not
	}
	s2, _ := kiosk.OpenStore(path, kiosk.StoreOptions{KioskCode: "TST01", Key: other})
	defer s2.Close()
	if _, err := s2.Submission(ctx, sub.Reference); err == nil {
		t.Fatal("another key must not decrypt the answers")
	}
}

// A value is bound to its row: copied into another draft's row, it does not decrypt.
func TestEncryptedValueBoundToRow(t *testing.T) {
	ctx := context.Background()
	s := kiosktest.Store(t, kiosktest.NewClock(kiosktest.Day))
	a, b := &kiosk.Draft{ServiceID: "x", Lang: kiosk.NL}, &kiosk.Draft{ServiceID: "x", Lang: kiosk.NL}
	for _, d := range []*kiosk.Draft{a, b} {
		if err := s.CreateDraft(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveAnswer(ctx, a.ID, "rrn", "85073003328", "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`INSERT INTO answers(draft_id, step_id, value)
		SELECT ?, step_id, value FROM answers WHERE draft_id = ?`, b.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DraftAnswers(ctx, b.ID); err == nil {
		t.Fatal("a value moved to another row must not decrypt")
	}
}

func TestPurgeSent(t *testing.T) {
	ctx := context.Background()
	clock := kiosktest.NewClock(kiosktest.Day)
	s := kiosktest.Store(t, clock)
	var refs []string
	for range 3 {
		sub := &kiosk.Submission{ServiceID: "x", ServiceVersion: 1, Lang: kiosk.NL, SubmittedAt: clock.Now()}
		if err := s.Submit(ctx, 0, sub); err != nil {
			t.Fatal(err)
		}
		refs = append(refs, sub.Reference)
	}
	// The hub confirmed the first two, ten days ago; the third still waits.
	if _, err := s.DB().Exec(`UPDATE outbox SET state = 'sent', sent_at = ? WHERE seq IN (1, 2)`,
		clock.Now().AddDate(0, 0, -10).Unix()); err != nil {
		t.Fatal(err)
	}
	if n, err := s.PurgeSent(ctx, clock.Now().AddDate(0, 0, -30)); err != nil || n != 0 {
		t.Fatalf("nothing confirmed 30 days ago: %d %v", n, err)
	}
	if n, err := s.PurgeSent(ctx, clock.Now().AddDate(0, 0, -7)); err != nil || n != 2 {
		t.Fatalf("the two confirmed ones go: %d %v", n, err)
	}
	if _, err := s.Submission(ctx, refs[0]); err != kiosk.ErrNoSubmission {
		t.Fatalf("purged: %v", err)
	}
	if _, err := s.Submission(ctx, refs[2]); err != nil {
		t.Fatalf("a waiting submission is never purged: %v", err)
	}
}

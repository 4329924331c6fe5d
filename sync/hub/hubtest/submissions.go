package hubtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"loket/kiosk"
	"loket/sync/wire"
)

// Answers returns valid, normalized answers to every step a citizen would be asked, as
// the kiosk's flow would have stored them; variant picks other options for choices so
// that submissions differ.
func Answers(svc *kiosk.Service, today time.Time, variant int) kiosk.Answers {
	a := kiosk.Answers{}
	for i := range svc.Steps {
		st := &svc.Steps[i]
		visible := false
		for _, j := range svc.Visible(a) {
			visible = visible || j == i
		}
		if !visible {
			continue
		}
		raw := kiosk.SampleAnswer(st, today)
		if st.Type == kiosk.TypeChoice && len(st.Options) > 0 {
			raw = st.Options[variant%len(st.Options)].Value
		}
		if st.Type == kiosk.TypeText || st.Type == kiosk.TypeLongText {
			raw = fmt.Sprintf("%s %d", raw, variant)
		}
		if v, inv := st.Validate(raw, today); inv == nil && v != "" {
			a[st.ID] = v
		}
	}
	return svc.Relevant(a)
}

// Key returns a fresh idempotency key like the kiosk's.
func Key() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Submission returns a valid submission of the service by the kiosk, the seq-th of its
// database (epoch "AB").
func Submission(t testing.TB, cat *kiosk.Catalogue, kioskID, serviceID string, seq int) wire.Submission {
	t.Helper()
	svc, ok := cat.Service(serviceID)
	if !ok {
		t.Fatalf("no service %q", serviceID)
	}
	now := time.Now().UTC().Truncate(time.Second)
	return wire.Submission{Reference: kiosk.NewReference(kioskID, "AB", uint64(seq)), KioskID: kioskID,
		ServiceID: svc.ID, ServiceVersion: svc.Version, Lang: "nl", Answers: Answers(svc, now, seq),
		SubmittedAt: now}
}

// Submit stores n submissions on a kiosk, cycling through the catalogue's services, each
// with its outbox entry, as the kiosk's flow does.
func Submit(t testing.TB, store *kiosk.Store, cat *kiosk.Catalogue, n int) []*kiosk.Submission {
	t.Helper()
	services := cat.Services()
	now := time.Now().UTC().Truncate(time.Second)
	out := make([]*kiosk.Submission, 0, n)
	for i := range n {
		svc := services[i%len(services)]
		sub := &kiosk.Submission{ServiceID: svc.ID, ServiceVersion: svc.Version, Lang: kiosk.Languages[i%3],
			Answers: Answers(svc, now, i), SubmittedAt: now, Assisted: i%7 == 0}
		if err := store.Submit(context.Background(), 0, sub); err != nil {
			t.Fatal(err)
		}
		out = append(out, sub)
	}
	return out
}

package hub_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"loket/sync/hub"
	"loket/sync/hub/hubtest"
	"loket/sync/wire"
)

// The store suite: every test runs against SQLite and PostgreSQL alike.
func TestStore(t *testing.T) {
	for _, b := range hubtest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			t.Run("accept", func(t *testing.T) { testAccept(t, b.Open(t)) })
			t.Run("concurrent", func(t *testing.T) { testConcurrentAccept(t, b.Open(t)) })
			t.Run("tokens", func(t *testing.T) { testTokens(t, b.Open(t)) })
			t.Run("fleet", func(t *testing.T) { testFleet(t, b.Open(t)) })
			t.Run("filter", func(t *testing.T) { testFilter(t, b.Open(t)) })
		})
	}
}

func item(t *testing.T, sub wire.Submission, key string) hub.Item {
	t.Helper()
	body := sub.Encode()
	sum := sha256.Sum256(body)
	return hub.Item{Key: key, Fingerprint: hex.EncodeToString(sum[:]), Sub: sub, Body: body,
		Answers: wire.EncodeAnswers(sub.Answers)}
}

func testAccept(t *testing.T, s hub.Store) {
	ctx := context.Background()
	cat := hubtest.Catalogue(t, "").Services
	sub := hubtest.Submission(t, cat, "TST01", "general-question", 1)
	a := item(t, sub, hubtest.Key())
	out, err := s.Accept(ctx, "TST01", []hub.Item{a})
	if err != nil || out[0].Result != hub.Created {
		t.Fatalf("first: %+v %v", out, err)
	}
	again, err := s.Accept(ctx, "TST01", []hub.Item{a})
	if err != nil || again[0].Result != hub.Replayed || again[0].Receipt != out[0].Receipt {
		t.Fatalf("same key and body replay the stored receipt: %+v (first %+v) %v", again, out, err)
	}
	changed := sub
	changed.Assisted = !sub.Assisted
	b := item(t, changed, a.Key)
	if out, err := s.Accept(ctx, "TST01", []hub.Item{b}); err != nil || out[0].Result != hub.KeyReused {
		t.Fatalf("same key, other body: %+v %v", out, err)
	}
	if out, err := s.Accept(ctx, "TST01", []hub.Item{item(t, sub, hubtest.Key())}); err != nil || out[0].Result != hub.ReferenceTaken {
		t.Fatalf("same reference, other key: %+v %v", out, err)
	}
	// Another kiosk may use the same key: keys are per kiosk.
	other := hubtest.Submission(t, cat, "TST02", "general-question", 1)
	if out, err := s.Accept(ctx, "TST02", []hub.Item{item(t, other, a.Key)}); err != nil || out[0].Result != hub.Created {
		t.Fatalf("another kiosk's same key: %+v %v", out, err)
	}
	if n := hubtest.Count(t, s); n != 2 {
		t.Fatalf("%d stored, want 2", n)
	}
	rec, err := s.Submission(ctx, sub.Reference)
	if err != nil {
		t.Fatal(err)
	}
	if string(rec.Body) != string(sub.Encode()) || rec.Answers != wire.EncodeAnswers(sub.Answers) || rec.Key != a.Key {
		t.Fatalf("stored %q / %q, want the bytes sent", rec.Body, rec.Answers)
	}
	if !rec.Sub.SubmittedAt.Equal(sub.SubmittedAt) || rec.Sub.Assisted != sub.Assisted || rec.State != "received" {
		t.Fatalf("stored %+v", rec)
	}
	if _, err := s.Submission(ctx, "TST01-ZZZZ-ZZZZ"); !errors.Is(err, hub.ErrNotFound) {
		t.Fatalf("unknown reference: %v", err)
	}
}

// Many requests with the same keys at once, as when a kiosk retries while its first
// attempt is still being handled: each key is stored once, whoever wins.
func testConcurrentAccept(t *testing.T, s hub.Store) {
	ctx := context.Background()
	cat := hubtest.Catalogue(t, "").Services
	var items []hub.Item
	for i := range 20 {
		items = append(items, item(t, hubtest.Submission(t, cat, "TST01", "general-question", i+1), hubtest.Key()))
	}
	var wg sync.WaitGroup
	counts := make([]map[hub.Result]int, 8)
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[g] = map[hub.Result]int{}
			// Each goroutine sends the items in another order.
			mine := append([]hub.Item(nil), items[g%len(items):]...)
			mine = append(mine, items[:g%len(items)]...)
			out, err := s.Accept(ctx, "TST01", mine)
			if err != nil {
				errs <- err
				return
			}
			for _, o := range out {
				counts[g][o.Result]++
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	created := 0
	for _, c := range counts {
		created += c[hub.Created]
		if c[hub.KeyReused]+c[hub.ReferenceTaken] > 0 {
			t.Fatalf("a concurrent duplicate was refused: %v", c)
		}
	}
	if created != len(items) || hubtest.Count(t, s) != len(items) {
		t.Fatalf("created %d, stored %d, want %d each", created, hubtest.Count(t, s), len(items))
	}
}

func testTokens(t *testing.T, s hub.Store) {
	ctx := context.Background()
	token := hub.NewToken()
	if len(token) < 40 || token == hub.NewToken() {
		t.Fatalf("token %q is not long and random", token)
	}
	if err := s.AddToken(ctx, hub.Token{Hash: hub.HashToken(token), Role: hub.RoleKiosk, Subject: "GNT01", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	p, err := s.Authenticate(ctx, hub.HashToken(token))
	if err != nil || p != (hub.Principal{Role: hub.RoleKiosk, Subject: "GNT01"}) {
		t.Fatalf("authenticate: %+v %v", p, err)
	}
	if _, err := s.Authenticate(ctx, token); !errors.Is(err, hub.ErrNotFound) {
		t.Fatalf("the token itself is not what is stored: %v", err)
	}
	if n, err := s.RevokeTokens(ctx, hub.RoleKiosk, "GNT01", time.Now()); err != nil || n != 1 {
		t.Fatalf("revoke: %d %v", n, err)
	}
	if _, err := s.Authenticate(ctx, hub.HashToken(token)); !errors.Is(err, hub.ErrNotFound) {
		t.Fatalf("a revoked token still works: %v", err)
	}
	kiosks, err := s.Kiosks(ctx)
	if err != nil || len(kiosks) != 1 || kiosks[0].ID != "GNT01" || kiosks[0].LastSeen != nil {
		t.Fatalf("the kiosk is registered with its first token: %+v %v", kiosks, err)
	}
}

func testFleet(t *testing.T, s hub.Store) {
	ctx := context.Background()
	hubtest.AddToken(t, s, hub.RoleKiosk, "GNT01")
	hubtest.AddToken(t, s, hub.RoleKiosk, "GNT02")
	at := time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC)
	if err := s.RecordHeartbeat(ctx, "GNT01", wire.Heartbeat{Version: "1.2", QueueLength: 3, Printer: "ok"}, at); err != nil {
		t.Fatal(err)
	}
	kiosks, err := s.Kiosks(ctx)
	if err != nil || len(kiosks) != 2 {
		t.Fatalf("%+v %v", kiosks, err)
	}
	if k := kiosks[0]; k.LastSeen == nil || !k.LastSeen.Equal(at) || k.Heartbeat.QueueLength != 3 || k.Heartbeat.Printer != "ok" {
		t.Fatalf("GNT01: %+v", k)
	}
	if kiosks[1].LastSeen != nil {
		t.Fatalf("GNT02 was never seen: %+v", kiosks[1])
	}
	id1, err := s.RaiseHelp(ctx, "GNT01", at)
	if err != nil {
		t.Fatal(err)
	}
	id2, _ := s.RaiseHelp(ctx, "GNT02", at.Add(time.Minute))
	if err := s.HandleHelp(ctx, id1, at.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	open, err := s.HelpRequests(ctx, true)
	if err != nil || len(open) != 1 || open[0].ID != id2 || open[0].KioskID != "GNT02" {
		t.Fatalf("open help requests: %+v %v", open, err)
	}
	all, _ := s.HelpRequests(ctx, false)
	if len(all) != 2 || all[0].HandledAt == nil {
		t.Fatalf("all help requests: %+v", all)
	}
	if err := s.HandleHelp(ctx, 999999, at); !errors.Is(err, hub.ErrNotFound) {
		t.Fatalf("unknown help request: %v", err)
	}
}

func testFilter(t *testing.T, s hub.Store) {
	ctx := context.Background()
	cat := hubtest.Catalogue(t, "").Services
	day := time.Date(2026, 3, 18, 12, 0, 0, 0, time.UTC)
	for i, svc := range []string{"general-question", "bulky-waste", "general-question"} {
		sub := hubtest.Submission(t, cat, "TST01", svc, i+1)
		sub.SubmittedAt = day.AddDate(0, 0, i)
		if _, err := s.Accept(ctx, "TST01", []hub.Item{item(t, sub, hubtest.Key())}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		f    hub.Filter
		want int
	}{
		{hub.Filter{}, 3},
		{hub.Filter{ServiceID: "general-question"}, 2},
		{hub.Filter{From: day.AddDate(0, 0, 1)}, 2},
		{hub.Filter{To: day.AddDate(0, 0, 1)}, 1},
		{hub.Filter{From: day, To: day.AddDate(0, 0, 3), ServiceID: "bulky-waste"}, 1},
	} {
		got, err := s.Submissions(ctx, c.f)
		if err != nil || len(got) != c.want {
			t.Errorf("%+v: %d submissions (%v), want %d", c.f, len(got), err, c.want)
		}
	}
	got, _ := s.Submissions(ctx, hub.Filter{})
	for i := 1; i < len(got); i++ {
		if got[i].Sub.SubmittedAt.Before(got[i-1].Sub.SubmittedAt) {
			t.Fatal(fmt.Sprint("not oldest first: ", got))
		}
	}
}

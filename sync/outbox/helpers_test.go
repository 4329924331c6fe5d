package outbox_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"loket/kiosk"
	"loket/sync/hub"
	"loket/sync/hub/hubtest"
	"loket/sync/outbox"
	"loket/sync/wire"
)

// kioskStore opens a kiosk database under t.TempDir().
func kioskStore(t testing.TB, code string) (*kiosk.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	s, err := kiosk.OpenStore(path, kiosk.StoreOptions{KioskCode: code})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// fastOptions are outbox options for tests: backoff in milliseconds instead of minutes.
func fastOptions(store *kiosk.Store, url, token string) outbox.Options {
	return outbox.Options{Store: store, URL: url, Token: token, RequestTimeout: 2 * time.Second,
		Backoff:   outbox.Backoff{Base: 2 * time.Millisecond, Max: 40 * time.Millisecond},
		PollEvery: 50 * time.Millisecond, HeartbeatEvery: 100 * time.Millisecond, BatchSize: 20}
}

// serve runs the outbox's loop until the test ends.
func serve(t testing.TB, ob *outbox.Outbox) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ob.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", within, what)
		}
		time.Sleep(5 * time.Millisecond) // polling interval, not a wait for a condition
	}
}

func pending(t testing.TB, s *kiosk.Store) int {
	t.Helper()
	st, err := s.OutboxStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Pending
}

// assertDelivered checks that the hub holds exactly the kiosk's submissions, once each,
// byte for byte: the canonical body and the answers the kiosk stored (encrypted at rest on
// the kiosk, so compared as the store decrypts them).
func assertDelivered(t testing.TB, kstore *kiosk.Store, hstore hub.Store) {
	t.Helper()
	ctx := context.Background()
	rows, err := kstore.DB().QueryContext(ctx, `SELECT reference, idempotency_key, answers FROM submissions ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type kept struct{ key, answers string }
	local := map[string]kept{}
	var inOrder []string // the kiosk's references in the order it made them
	for rows.Next() {
		var ref string
		var k kept
		var sealed string
		if err := rows.Scan(&ref, &k.key, &sealed); err != nil {
			t.Fatal(err)
		}
		sub, err := kstore.Submission(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := json.Marshal(sub.Answers)
		if err != nil {
			t.Fatal(err)
		}
		k.answers = string(plain)
		local[ref] = k
		inOrder = append(inOrder, ref)
	}
	records, err := hstore.Submissions(ctx, hub.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// Order is kept per kiosk: the hub lists a kiosk's submissions in the order the kiosk
	// made them, whatever order several batches in flight arrived in.
	var hubOrder []string
	for _, r := range records {
		if r.Sub.KioskID == kstore.KioskCode() {
			hubOrder = append(hubOrder, r.Sub.Reference)
		}
	}
	if len(hubOrder) == len(inOrder) {
		for i := range inOrder {
			if hubOrder[i] != inOrder[i] {
				t.Fatalf("the hub lists %s where the kiosk made %s: order per kiosk is lost", hubOrder[i], inOrder[i])
			}
		}
	}
	if len(records) != len(local) {
		t.Fatalf("the hub holds %d submissions, the kiosk made %d", len(records), len(local))
	}
	seen := map[string]bool{}
	for _, r := range records {
		k, ok := local[r.Sub.Reference]
		switch {
		case !ok:
			t.Fatalf("the hub holds %s, which the kiosk never made", r.Sub.Reference)
		case seen[r.Sub.Reference]:
			t.Fatalf("%s stored twice", r.Sub.Reference)
		case r.Key != k.key:
			t.Fatalf("%s stored under key %s, the kiosk's is %s", r.Sub.Reference, r.Key, k.key)
		case r.Answers != k.answers:
			t.Fatalf("%s: hub answers %q, kiosk answers %q", r.Sub.Reference, r.Answers, k.answers)
		}
		seen[r.Sub.Reference] = true
		sub, err := kstore.Submission(ctx, r.Sub.Reference)
		if err != nil {
			t.Fatal(err)
		}
		if want := wire.FromKiosk(sub).Encode(); string(r.Body) != string(want) {
			t.Fatalf("%s: hub body\n%s\nkiosk body\n%s", r.Sub.Reference, r.Body, want)
		}
	}
	var notSent int
	if err := kstore.DB().QueryRow(`SELECT count(*) FROM outbox WHERE state != 'sent'`).Scan(&notSent); err != nil || notSent != 0 {
		t.Fatalf("%d outbox entries not marked sent (%v)", notSent, err)
	}
}

// newHub starts a hub over a fresh store of the backend with kiosk TST01 registered.
func newHub(t testing.TB, open func(testing.TB) hub.Store) (*hubtest.Hub, string) {
	t.Helper()
	h := hubtest.Start(t, open(t))
	return h, h.AddKiosk(t, "TST01")
}

package outbox_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"loket/sync/hub/hubtest"
	"loket/sync/outbox"
	"loket/sync/wire"
)

// End to end: a kiosk store and its outbox against a real hub on loopback, for each of the
// hub's databases. Submissions arrive while the loop runs, as at a real kiosk.
func TestEndToEnd(t *testing.T) {
	for _, b := range hubtest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			h, token := newHub(t, b.Open)
			kstore, _ := kioskStore(t, "TST01")
			cat := hubtest.Catalogue(t, "").Services
			hubtest.Submit(t, kstore, cat, 30)
			opts := fastOptions(kstore, h.URL, token)
			opts.Version = "test-1"
			opts.Printer = func() string { return "ok" }
			opts.CatalogueFile = filepath.Join(t.TempDir(), outbox.CatalogueFileName)
			got := make(chan outbox.CatalogueUpdate, 1)
			opts.OnCatalogue = func(u outbox.CatalogueUpdate) { got <- u }
			ob, err := outbox.New(opts)
			if err != nil {
				t.Fatal(err)
			}
			serve(t, ob)
			for range 20 {
				hubtest.Submit(t, kstore, cat, 1)
				ob.Kick()
			}
			waitFor(t, "the queue to empty", 60*time.Second, func() bool { return pending(t, kstore) == 0 })
			assertDelivered(t, kstore, h.Store)

			select {
			case u := <-got:
				if len(u.Catalogue.Services()) != len(cat.Services()) || u.Version != hubtest.Catalogue(t, "").Wire.Version {
					t.Fatalf("pulled catalogue %s with %d services", u.Version, len(u.Catalogue.Services()))
				}
				saved, err := outbox.LoadCatalogueFile(opts.CatalogueFile)
				if err != nil || saved.Version != u.Version {
					t.Fatalf("the pulled catalogue is kept for the next start: %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("the catalogue was never pulled")
			}
			waitFor(t, "a heartbeat with an empty queue", 30*time.Second, func() bool {
				kiosks, err := h.Store.Kiosks(context.Background())
				return err == nil && len(kiosks) == 1 && kiosks[0].Heartbeat != nil &&
					kiosks[0].Heartbeat.QueueLength == 0 && kiosks[0].Heartbeat.Version == "test-1" &&
					kiosks[0].Heartbeat.Printer == "ok" && kiosks[0].Heartbeat.LastSync != nil
			})
			st, err := ob.Status(context.Background())
			if err != nil || st.Pending != 0 || st.LastSuccess.IsZero() || st.CatalogueVersion == "" {
				t.Fatalf("status: %+v %v", st, err)
			}
			if err := ob.RequestHelp(context.Background()); err != nil {
				t.Fatal(err)
			}
			open, err := h.Store.HelpRequests(context.Background(), true)
			if err != nil || len(open) != 1 || open[0].KioskID != "TST01" {
				t.Fatalf("help request: %+v %v", open, err)
			}
		})
	}
}

// The fault test: 1,000 submissions through a proxy that drops, resets, delays and fails
// requests, some after the hub committed, and answers 429 with Retry-After; the hub is
// also stopped for a while and started again. The hub must end with exactly the kiosk's
// submissions, byte for byte.
func TestFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 submissions through faults")
	}
	for _, b := range hubtest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			h, token := newHub(t, b.Open)
			kstore, _ := kioskStore(t, "TST01")
			cat := hubtest.Catalogue(t, "").Services
			const total = 1000
			hubtest.Submit(t, kstore, cat, total/2)

			rng := rand.New(rand.NewPCG(1, 2))
			var mu sync.Mutex
			limited := 0
			p := newProxy(t, h.Addr, func(r *http.Request) fault {
				if r.URL.Path != wire.PathBatch {
					return pass
				}
				mu.Lock()
				defer mu.Unlock()
				switch x := rng.IntN(100); {
				case x < 6:
					return refuse
				case x < 18:
					return resetAfter
				case x < 22:
					return slow
				case x < 27:
					return fail500
				case x < 33:
					return fail500Late
				case x < 36 && limited < 2: // each costs the test a second
					limited++
					return tooMany
				}
				return pass
			})
			opts := fastOptions(kstore, p.URL, token)
			opts.RequestTimeout = 400 * time.Millisecond
			opts.BatchSize = 5
			ob, err := outbox.New(opts)
			if err != nil {
				t.Fatal(err)
			}
			serve(t, ob)
			go func() {
				for range total / 2 { // the rest arrive while the outbox works
					hubtest.Submit(t, kstore, cat, 1)
					ob.Kick()
				}
			}()
			waitFor(t, "a third on the hub", 60*time.Second, func() bool { return hubtest.Count(t, h.Store) >= total/3 })
			h.Stop()
			waitFor(t, "the kiosk to find the hub down", 30*time.Second, func() bool { return p.downCount() >= 5 })
			h2 := hubtest.StartAt(t, h.Store, h.Addr, hubtest.Catalogue(t, ""))
			waitFor(t, "every submission on the hub", 120*time.Second, func() bool {
				return hubtest.Count(t, h2.Store) == total && pending(t, kstore) == 0
			})
			assertDelivered(t, kstore, h2.Store)
			for f := refuse; f < nFaults; f++ {
				if p.count(f) == 0 {
					t.Errorf("the %s fault never happened: the test proved less than it says", f)
				}
			}
			t.Logf("requests by fault: %v; forwarded while the hub was down: %d", p.counted(), p.downCount())
		})
	}
}

// A 429's Retry-After is honoured: the next attempt comes no sooner, whatever the backoff.
func TestRetryAfterHonoured(t *testing.T) {
	h, token := newHub(t, hubtest.SQLite)
	kstore, _ := kioskStore(t, "TST01")
	hubtest.Submit(t, kstore, hubtest.Catalogue(t, "").Services, 3)
	var answered atomic.Bool
	p := newProxy(t, h.Addr, func(r *http.Request) fault {
		if r.URL.Path == wire.PathBatch && answered.CompareAndSwap(false, true) {
			return tooMany
		}
		return pass
	})
	ob, err := outbox.New(fastOptions(kstore, p.URL, token))
	if err != nil {
		t.Fatal(err)
	}
	serve(t, ob)
	waitFor(t, "delivery", 30*time.Second, func() bool { return pending(t, kstore) == 0 })
	batches := p.times(wire.PathBatch)
	if len(batches) < 2 {
		t.Fatalf("%d batch requests", len(batches))
	}
	if gap := batches[1].Sub(batches[0]); gap < time.Second {
		t.Fatalf("retried %s after a 429 with Retry-After: 1", gap)
	}
	assertDelivered(t, kstore, h.Store)
}

package outbox_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"loket/kiosk"
	"loket/sync/hub"
	"loket/sync/hub/hubtest"
	"loket/sync/outbox"
	"loket/sync/wire"
)

// BenchmarkDrain10k drains 10,000 queued submissions to a real hub on loopback and, in the
// same run, times a bare loop that POSTs the same 10,000 bodies one by one to a handler
// that only reads them. It reports both rates and their ratio (drain / bare). Run with
//
//	go test -run '^$' -bench Drain10k -benchtime 3x ./sync/outbox
func BenchmarkDrain10k(b *testing.B) {
	for _, be := range hubtest.Backends() {
		b.Run(be.Name, func(b *testing.B) { benchDrain(b, be.Open) })
	}
}

const drainCount = 10000

func benchDrain(b *testing.B, open func(testing.TB) hub.Store) {
	var drained, bare time.Duration
	for range b.N {
		b.StopTimer()
		h := hubtest.Start(b, open(b))
		token := h.AddKiosk(b, "TST01")
		kstore, _ := kioskStore(b, "TST01")
		fillFast(b, kstore, drainCount)
		bodies := queuedBodies(b, kstore)
		ob, err := outbox.New(outbox.Options{Store: kstore, URL: h.URL, Token: token})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		n, err := ob.SyncNow(context.Background())
		drained += time.Since(start)
		b.StopTimer()
		if err != nil || n != drainCount || hubtest.Count(b, h.Store) != drainCount {
			b.Fatalf("drained %d (%v)", n, err)
		}
		bare += bareLoop(b, bodies)
		h.Stop()
	}
	rate := float64(drainCount*b.N) / drained.Seconds()
	bareRate := float64(drainCount*b.N) / bare.Seconds()
	b.ReportMetric(rate, "subs/s")
	b.ReportMetric(bareRate, "bare-subs/s")
	b.ReportMetric(rate/bareRate, "ratio")
	b.ReportMetric(0, "ns/op") // the loop's own timing is meaningless here
}

// fillFast queues n submissions with Submit, the real path, but without waiting for the
// disk on each (synchronous=OFF on a single connection) so that setting up 10,000 takes a
// second, not a minute. The drain itself runs with the store's FULL synchronous.
func fillFast(b *testing.B, s *kiosk.Store, n int) {
	b.Helper()
	db := s.DB()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`PRAGMA synchronous = OFF`); err != nil {
		b.Fatal(err)
	}
	hubtest.Submit(b, s, hubtest.Catalogue(b, "").Services, n)
	if _, err := db.Exec(`PRAGMA synchronous = FULL`); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(0)
}

func queuedBodies(b *testing.B, s *kiosk.Store) [][]byte {
	b.Helper()
	entries, err := s.PendingOutbox(context.Background(), 0, drainCount)
	if err != nil {
		b.Fatal(err)
	}
	out := make([][]byte, len(entries))
	for i, e := range entries {
		out[i] = wire.FromKiosk(e.Submission).Encode()
	}
	return out
}

// bareLoop is the yardstick: one POST per body, keep-alive, to a handler that reads the
// body and answers 201 — the cost of HTTP on loopback with no storage at all.
func bareLoop(b *testing.B, bodies [][]byte) time.Duration {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusCreated)
	})}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	client := &http.Client{Transport: outbox.NewTransport(nil)}
	url := "http://" + ln.Addr().String() + wire.PathSubmissions
	start := time.Now()
	for _, body := range bodies {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return time.Since(start)
}

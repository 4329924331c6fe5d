package hub

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// metrics counts what /metrics reports, in the Prometheus text format written by hand:
// a handful of counters do not justify a client library and its dependencies.
type metrics struct {
	mu          sync.Mutex
	requests    map[[2]string]uint64 // route, code
	submissions map[string]uint64    // result
}

func newMetrics() *metrics {
	return &metrics{requests: map[[2]string]uint64{}, submissions: map[string]uint64{}}
}

func (m *metrics) submission(result string) {
	m.mu.Lock()
	m.submissions[result]++
	m.mu.Unlock()
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// count wraps the mux to count requests by route pattern (never by raw path, which holds
// references) and status code.
func (m *metrics) count(next *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		_, route := next.Handler(r)
		if route == "" {
			route = "unmatched"
		}
		if rec.code == 0 {
			rec.code = http.StatusOK
		}
		m.mu.Lock()
		m.requests[[2]string{route, fmt.Sprint(rec.code)}]++
		m.mu.Unlock()
	})
}

// getMetrics is GET /metrics.
func (s *Server) getMetrics(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	kiosks, kerr := s.store.Kiosks(ctx)
	var b strings.Builder
	m := s.metrics
	m.mu.Lock()
	b.WriteString("# HELP loket_hub_requests_total HTTP requests by route and status code.\n")
	b.WriteString("# TYPE loket_hub_requests_total counter\n")
	keys := make([][2]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
	for _, k := range keys {
		fmt.Fprintf(&b, "loket_hub_requests_total{route=%q,code=%q} %d\n", k[0], k[1], m.requests[k])
	}
	b.WriteString("# HELP loket_hub_submissions_total Submissions received, by result.\n")
	b.WriteString("# TYPE loket_hub_submissions_total counter\n")
	for _, res := range []string{"created", "replayed", "key_reused", "in_progress", "reference_taken", "invalid"} {
		fmt.Fprintf(&b, "loket_hub_submissions_total{result=%q} %d\n", res, m.submissions[res])
	}
	b.WriteString("# HELP loket_hub_duplicates_refused_total Submissions not stored again: replays and reused keys.\n")
	b.WriteString("# TYPE loket_hub_duplicates_refused_total counter\n")
	fmt.Fprintf(&b, "loket_hub_duplicates_refused_total %d\n", m.submissions["replayed"]+m.submissions["key_reused"])
	m.mu.Unlock()
	s.mu.Lock()
	inFlight := len(s.inFlight)
	s.mu.Unlock()
	b.WriteString("# HELP loket_hub_submissions_in_flight Idempotency keys being handled by this instance now.\n")
	b.WriteString("# TYPE loket_hub_submissions_in_flight gauge\n")
	fmt.Fprintf(&b, "loket_hub_submissions_in_flight %d\n", inFlight)
	if kerr == nil {
		seen, recent := 0, 0
		for _, k := range kiosks {
			if k.LastSeen != nil {
				seen++
				if s.now().Sub(*k.LastSeen) < 15*time.Minute {
					recent++
				}
			}
		}
		b.WriteString("# HELP loket_hub_kiosks Registered kiosks.\n# TYPE loket_hub_kiosks gauge\n")
		fmt.Fprintf(&b, "loket_hub_kiosks %d\n", len(kiosks))
		b.WriteString("# HELP loket_hub_kiosks_seen Kiosks that ever sent a heartbeat.\n# TYPE loket_hub_kiosks_seen gauge\n")
		fmt.Fprintf(&b, "loket_hub_kiosks_seen %d\n", seen)
		b.WriteString("# HELP loket_hub_kiosks_seen_recently Kiosks heard from in the last 15 minutes.\n# TYPE loket_hub_kiosks_seen_recently gauge\n")
		fmt.Fprintf(&b, "loket_hub_kiosks_seen_recently %d\n", recent)
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = w.Write([]byte(b.String()))
}

// getHealth is GET /healthz: 200 when the database answers, 503 otherwise.
func (s *Server) getHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.store.Ping(ctx); err != nil {
		s.log.Error("health check", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unreachable\n"))
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}

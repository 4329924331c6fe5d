// Package hub is the municipal hub: the server every kiosk of a municipality sends its
// submissions to, and where staff find them. It stores each submission exactly once
// whatever the network does (Idempotency-Key and a unique constraint), checks every answer
// with the same rules as the kiosk, hands out the service catalogue, keeps the kiosks'
// heartbeats and help requests, and shows citizens the state of their request.
package hub

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"loket/sync/wire"
)

// Options configure a Server.
type Options struct {
	Store     Store
	Catalogue *Catalogue
	// Location is the municipality's time zone: it decides what "today" was for a
	// submission's dates and which days an export's date range covers. UTC when nil.
	Location *time.Location
	Now      func() time.Time // time.Now when nil
	Logger   *slog.Logger     // discards when nil; never given personal data
}

// Server is the hub's HTTP API (docs/api.md).
type Server struct {
	store   Store
	cat     *Catalogue
	loc     *time.Location
	now     func() time.Time
	log     *slog.Logger
	metrics *metrics

	mu       sync.Mutex
	inFlight map[string]bool // kiosk/key being handled by this instance
}

// NewServer returns a hub server.
func NewServer(o Options) *Server {
	s := &Server{store: o.Store, cat: o.Catalogue, loc: o.Location, now: o.Now, log: o.Logger,
		metrics: newMetrics(), inFlight: map[string]bool{}}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s
}

// Handler returns the routes of the API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+wire.PathSubmissions, s.auth(RoleKiosk, s.postSubmission))
	mux.HandleFunc("POST "+wire.PathBatch, s.auth(RoleKiosk, s.postBatch))
	mux.HandleFunc("POST "+wire.PathHeartbeat, s.auth(RoleKiosk, s.postHeartbeat))
	mux.HandleFunc("POST "+wire.PathHelp, s.auth(RoleKiosk, s.postHelp))
	mux.HandleFunc("GET "+wire.PathHelp, s.auth(RoleStaff, s.getHelp))
	mux.HandleFunc("POST "+wire.PathHelp+"/{id}/handled", s.auth(RoleStaff, s.postHelpHandled))
	mux.HandleFunc("GET "+wire.PathCatalogue, s.auth("", s.getCatalogue))
	mux.HandleFunc("GET "+wire.PathKiosks, s.auth(RoleStaff, s.getKiosks))
	mux.HandleFunc("GET "+wire.PathExport, s.auth(RoleStaff, s.getExport))
	mux.HandleFunc("GET "+wire.PathStatus+"{reference}", s.getStatus)
	mux.HandleFunc("GET /healthz", s.getHealth)
	mux.HandleFunc("GET /metrics", s.getMetrics)
	return s.metrics.count(mux)
}

// principalHandler is a handler that knows who is asking.
type principalHandler func(w http.ResponseWriter, r *http.Request, p Principal)

// auth checks the bearer token and its role ("" lets any role through). A kiosk can only
// act as itself: handlers use p.Subject, never an id from the request.
func (s *Server) auth(role Role, next principalHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token := bearer(r.Header.Get("Authorization"))
		if token == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="loket-hub"`)
			writeProblem(w, http.StatusUnauthorized, "a token is needed", wire.Problem{Code: wire.CodeTokenMissing})
			return
		}
		p, err := s.store.Authenticate(r.Context(), HashToken(token))
		switch {
		case errors.Is(err, ErrNotFound):
			w.Header().Set("WWW-Authenticate", `Bearer realm="loket-hub", error="invalid_token"`)
			writeProblem(w, http.StatusUnauthorized, "the token is unknown or revoked", wire.Problem{Code: wire.CodeTokenRefused})
			return
		case err != nil:
			s.fail(w, r, err)
			return
		case role != "" && p.Role != role:
			writeProblem(w, http.StatusForbidden, "this token may not do that", wire.Problem{Code: wire.CodeForbidden})
			return
		}
		next(w, r, p)
	}
}

// claim marks keys as being handled by this instance; it returns false for a key that
// already is (the caller answers 409 for it).
func (s *Server) claim(names []string) []bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ok := make([]bool, len(names))
	for i, n := range names {
		if !s.inFlight[n] {
			s.inFlight[n], ok[i] = true, true
		}
	}
	return ok
}

func (s *Server) release(names []string, claimed []bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, n := range names {
		if claimed[i] {
			delete(s.inFlight, n)
		}
	}
}

// readBody reads at most limit bytes; a larger body is answered 413 and nil is returned.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) []byte {
	if ct := r.Header.Get("Content-Type"); !isJSON(ct) {
		writeProblem(w, http.StatusUnsupportedMediaType, "send application/json", wire.Problem{Code: wire.CodeContentType})
		return nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		writeProblem(w, http.StatusRequestEntityTooLarge, "the body is too large",
			wire.Problem{Code: wire.CodeTooLarge, Args: []string{strconv.FormatInt(limit, 10)}})
		return nil
	case err != nil:
		writeProblem(w, http.StatusBadRequest, "the body could not be read", wire.Problem{Code: wire.CodeSyntax})
		return nil
	}
	return body
}

func isJSON(ct string) bool {
	for i := 0; i < len(ct); i++ {
		if ct[i] == ';' {
			ct = ct[:i]
			break
		}
	}
	return ct == "application/json"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeProblem(w http.ResponseWriter, status int, title string, problems ...wire.Problem) {
	w.Header().Set("Content-Type", wire.ContentTypeProblem)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(wire.ProblemDetails{Title: title, Status: status, Problems: problems})
}

// fail answers 503 for an error of the hub's own (the database is down, say): the kiosk
// retries later. The log names the route, not the request's content.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	s.log.Error("request failed", "route", r.Pattern, "err", err)
	w.Header().Set("Retry-After", "5")
	writeProblem(w, http.StatusServiceUnavailable, "the hub cannot store this now; try again later")
}

func itoa(n int) string { return strconv.Itoa(n) }

package hub

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"loket/sync/wire"
)

// postHeartbeat is POST /v1/heartbeat: a kiosk says it is alive and how its queue is.
func (s *Server) postHeartbeat(w http.ResponseWriter, r *http.Request, p Principal) {
	body := readBody(w, r, wire.MaxSmallBodyBytes)
	if body == nil {
		return
	}
	var hb wire.Heartbeat
	if pr := wire.Decode(body, &hb); pr != nil {
		writeProblem(w, http.StatusBadRequest, "the heartbeat is not valid JSON for this API", *pr)
		return
	}
	if err := s.store.RecordHeartbeat(r.Context(), p.Subject, hb, s.now()); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// postHelp is POST /v1/help: a citizen at the kiosk needs a person. The body is empty or
// {}; the hub records which kiosk and when, nothing else.
func (s *Server) postHelp(w http.ResponseWriter, r *http.Request, p Principal) {
	if r.ContentLength != 0 {
		body := readBody(w, r, wire.MaxSmallBodyBytes)
		if body == nil {
			return
		}
		if pr := wire.Decode(body, &struct{}{}); pr != nil {
			writeProblem(w, http.StatusBadRequest, "send an empty body or {}", *pr)
			return
		}
	}
	at := s.now()
	id, err := s.store.RaiseHelp(r.Context(), p.Subject, at)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("help requested", "kiosk", p.Subject, "id", id)
	writeJSON(w, http.StatusCreated, wire.HelpRequest{ID: id, KioskID: p.Subject, RaisedAt: at.UTC().Truncate(time.Millisecond)})
}

// getHelp is GET /v1/help[?state=all]: open help requests for staff, oldest first.
func (s *Server) getHelp(w http.ResponseWriter, r *http.Request, _ Principal) {
	list, err := s.store.HelpRequests(r.Context(), r.URL.Query().Get("state") != "all")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if list == nil {
		list = []wire.HelpRequest{}
	}
	writeJSON(w, http.StatusOK, list)
}

// postHelpHandled is POST /v1/help/{id}/handled: staff took care of it.
func (s *Server) postHelpHandled(w http.ResponseWriter, r *http.Request, _ Principal) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeProblem(w, http.StatusBadRequest, "the id is a number", wire.Problem{Field: "id", Code: wire.CodeFormat})
		return
	}
	switch err := s.store.HandleHelp(r.Context(), id, s.now()); {
	case errors.Is(err, ErrNotFound):
		writeProblem(w, http.StatusNotFound, "no help request with that id")
	case err != nil:
		s.fail(w, r, err)
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}

// getKiosks is GET /v1/kiosks: every registered kiosk, when it was last seen and its last
// heartbeat.
func (s *Server) getKiosks(w http.ResponseWriter, r *http.Request, _ Principal) {
	list, err := s.store.Kiosks(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if list == nil {
		list = []wire.Kiosk{}
	}
	writeJSON(w, http.StatusOK, list)
}

// getCatalogue is GET /v1/catalogue, for kiosks (and staff). The version is the ETag, so a
// kiosk that has it gets 304 and no body.
func (s *Server) getCatalogue(w http.ResponseWriter, r *http.Request, _ Principal) {
	etag := `"` + s.cat.Wire.Version + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeJSON(w, http.StatusOK, s.cat.Wire)
}

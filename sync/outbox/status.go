package outbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"loket/kiosk"
	"loket/sync/wire"
)

// Status is the outbox as staff see it: on the staff screen and from `kiosk sync status`.
// It holds references and counts, never a citizen's answers.
type Status struct {
	Pending          int                    // waiting to be sent
	Attention        []kiosk.AttentionEntry // refused by the hub: a person must look
	OldestWaiting    time.Time              // when the oldest waiting one was submitted
	LastSuccess      time.Time              // when the hub last confirmed one
	LastError        string                 // the last failure, for staff
	LastErrorAt      time.Time
	NextAttempt      time.Time // zero: as soon as there is something to send
	CatalogueVersion string    // the hub catalogue in use; "" for the built-in one
	LastHeartbeat    time.Time
}

// ReadStatus reads what the database knows, from any process: the running kiosk may be
// another process than the one asking.
func ReadStatus(ctx context.Context, store *kiosk.Store) (Status, error) {
	st, err := store.OutboxStats(ctx)
	if err != nil {
		return Status{}, fmt.Errorf("outbox: status: %w", err)
	}
	version, err := store.SyncMeta(ctx, "catalogue_version")
	if err != nil {
		return Status{}, fmt.Errorf("outbox: status: %w", err)
	}
	s := Status{Pending: st.Pending, Attention: st.Attention, OldestWaiting: st.OldestWaiting,
		LastSuccess: st.LastSent, CatalogueVersion: version}
	if st.HeadAttempts > 0 && st.HeadError != "" {
		s.LastError, s.LastErrorAt = st.HeadError, st.LastAttempt
	}
	return s, nil
}

// Status adds what the running loop knows to ReadStatus.
func (ob *Outbox) Status(ctx context.Context) (Status, error) {
	s, err := ReadStatus(ctx, ob.o.Store)
	if err != nil {
		return s, err
	}
	ob.mu.Lock()
	defer ob.mu.Unlock()
	if ob.lastErrorAt.After(s.LastErrorAt) {
		s.LastError, s.LastErrorAt = ob.lastError, ob.lastErrorAt
	}
	if ob.lastSuccess.After(s.LastSuccess) && s.Pending == 0 {
		s.LastSuccess = ob.lastSuccess
	}
	s.NextAttempt, s.LastHeartbeat, s.CatalogueVersion = ob.retryAt, ob.heartbeatAt, ob.catalogue
	return s, nil
}

// heartbeat tells the hub this kiosk is alive and how its queue is.
func (ob *Outbox) heartbeat(ctx context.Context) {
	st, err := ob.Status(ctx)
	if err != nil {
		ob.noteError(err)
		return
	}
	hb := wire.Heartbeat{Version: ob.o.Version, CatalogueVersion: st.CatalogueVersion,
		QueueLength: st.Pending, Attention: len(st.Attention)}
	if !st.OldestWaiting.IsZero() {
		hb.OldestWaiting = &st.OldestWaiting
	}
	if !st.LastSuccess.IsZero() {
		hb.LastSync = &st.LastSuccess
	}
	if ob.o.Printer != nil {
		hb.Printer = ob.o.Printer()
	}
	body, _ := json.Marshal(hb)
	if err := ob.post(ctx, wire.PathHeartbeat, body, nil); err != nil {
		ob.noteError(fmt.Errorf("heartbeat: %w", err))
		return
	}
	ob.mu.Lock()
	ob.heartbeatAt = ob.o.Now()
	ob.mu.Unlock()
}

// RequestHelp tells the hub that a citizen at this kiosk needs a person. It is sent at once,
// not queued: help that arrives an hour later is no help, so on failure the screen should
// point the citizen to the counter instead.
func (ob *Outbox) RequestHelp(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, min(ob.o.RequestTimeout, 10*time.Second))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ob.o.URL+wire.PathHelp, bytes.NewReader([]byte("{}")))
	if err != nil {
		return fmt.Errorf("outbox: help: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := ob.do(req)
	if err != nil {
		return fmt.Errorf("outbox: help: %w", err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// Write prints the status for a person at a terminal.
func (s Status) Write(w io.Writer, now time.Time) {
	when := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return fmt.Sprintf("%s (%s ago)", t.Local().Format("2006-01-02 15:04:05"), now.Sub(t).Round(time.Second))
	}
	fmt.Fprintf(w, "waiting to be sent: %d\n", s.Pending)
	if s.Pending > 0 {
		fmt.Fprintf(w, "oldest waiting:     %s\n", when(s.OldestWaiting))
	}
	fmt.Fprintf(w, "last confirmed:     %s\n", when(s.LastSuccess))
	if s.LastError != "" {
		fmt.Fprintf(w, "last error:         %s: %s\n", when(s.LastErrorAt), s.LastError)
	}
	if !s.NextAttempt.IsZero() {
		fmt.Fprintf(w, "next attempt:       %s\n", s.NextAttempt.Local().Format("15:04:05"))
	}
	catalogue := s.CatalogueVersion
	if catalogue == "" {
		catalogue = "built-in"
	}
	fmt.Fprintf(w, "catalogue:          %s\n", catalogue)
	fmt.Fprintf(w, "needs attention:    %d\n", len(s.Attention))
	for _, a := range s.Attention {
		fmt.Fprintf(w, "  %s  %s  %s\n", a.Reference, a.ServiceID, a.Reasons)
	}
}

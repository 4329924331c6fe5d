package outbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"loket/kiosk"
	"loket/sync/wire"
)

// maxBatchBytes keeps a batch well under the hub's limit (wire.MaxBatchBytes).
const maxBatchBytes = 1 << 20

// transientError is a failed attempt worth retrying as it is: the network, a timeout, a
// hub that is busy (429), overloaded or broken (5xx), or still handling the key (409).
type transientError struct {
	err  error
	wait time.Duration // the hub's Retry-After, if any
}

func (e *transientError) Error() string { return e.err.Error() }
func (e *transientError) Unwrap() error { return e.err }

// deliver sends the pending entries, batches in queue order, until the queue is empty or
// an attempt fails. It returns how many the hub confirmed.
//
// Up to inFlight batches travel at once: while the hub commits batch k, batch k+1 is
// already on its way, and the next one is read and encoded; results are written to disk
// in the background, in the order the batches left. Every submission still carries its
// own idempotency key, so a resend after any failure is answered from what the hub stored:
// exactly once holds per submission. The hub may commit k+1 before k; it keeps each
// kiosk's order by the kiosk's own sequence (submitted_at, then the reference), not by
// arrival.
func (ob *Outbox) deliver(ctx context.Context) (int, error) {
	ob.drainMu.Lock()
	defer ob.drainMu.Unlock()
	rec := ob.newRecorder(ctx)
	sent, single := 0, false
	fetched := make(chan batch, 1)
	fetching := true // a prefetch is outstanding and must be received before leaving
	ob.prefetch(ctx, 0, ob.o.BatchSize, fetched)
	var queue []chan sentBatch
	// settle waits for the batches still in flight and records what they got, so that a
	// failure of one never loses the results of another.
	settle := func() {
		for _, ch := range queue {
			if s := <-ch; len(s.results) > 0 {
				rec.push(s.results)
			}
		}
		queue = nil
		if fetching {
			<-fetched
			fetching = false
		}
	}
	stop := func(err error, wait time.Duration) (int, error) {
		settle()
		if rerr := rec.wait(); rerr != nil && err == nil {
			err = rerr
		}
		if err != nil {
			ob.failed(err, wait)
			return sent, err
		}
		ob.succeeded()
		return sent, nil
	}
	var fetchErr error
	for {
		window := inFlight
		if single {
			window = 1
		}
		for len(queue) < window && fetching {
			b := <-fetched
			fetching = false
			if b.err != nil {
				fetchErr = b.err
				break
			}
			if len(b.entries) == 0 {
				break
			}
			limit := ob.o.BatchSize
			if single {
				limit = 1
			}
			ob.prefetch(ctx, b.entries[len(b.entries)-1].Seq, limit, fetched)
			fetching = true
			queue = append(queue, ob.sendAsync(ctx, b))
		}
		if len(queue) == 0 {
			return stop(fetchErr, 0)
		}
		s := <-queue[0]
		queue = queue[1:]
		if len(s.results) > 0 {
			rec.push(s.results)
		}
		var bad *batchRefused
		switch {
		case errors.As(s.err, &bad) && !single:
			// The hub refused the batch as a whole: find the culprit by sending one by one,
			// starting again from this batch (what followed it is resent; the hub answers
			// those from what it stored).
			settle()
			single = true
			ob.prefetch(ctx, s.b.after, 1, fetched)
			fetching = true
			continue
		case s.err != nil:
			var t *transientError
			wait := time.Duration(0)
			if errors.As(s.err, &t) {
				wait = t.wait
			}
			return stop(s.err, wait)
		case rec.failed() != nil:
			return stop(nil, 0)
		}
		sent += s.n
		if s.n > 0 {
			ob.o.Logger.Info("outbox: delivered", "count", s.n)
		}
	}
}

// inFlight is how many batches travel to the hub at once. Measured with BenchmarkDrain10k:
// one in flight drained at 0.5× the bare POST loop, two at 0.7×, four at 0.8×, six at
// 0.99–1.03× (the hub's group commit takes several batches in one fsync); eight were no
// faster.
const inFlight = 6

// sentBatch is what became of one batch.
type sentBatch struct {
	b       batch
	results []kiosk.OutboxResult
	n       int
	err     error
}

// sendAsync sends a batch beside the caller; its result arrives on the channel.
func (ob *Outbox) sendAsync(ctx context.Context, b batch) chan sentBatch {
	ch := make(chan sentBatch, 1)
	go func() {
		results, n, err := ob.sendBatch(ctx, b.entries, b.bodies)
		ch <- sentBatch{b: b, results: results, n: n, err: err}
	}()
	return ch
}

// batchRefused is a definitive refusal of a whole batch (400, 413, …).
type batchRefused struct{ problem *wire.ProblemDetails }

func (e *batchRefused) Error() string { return "hub refused the batch: " + e.problem.Error() }

// sendBatch posts one batch and returns every item's new state, to record, and how many
// the hub confirmed.
func (ob *Outbox) sendBatch(ctx context.Context, entries []kiosk.OutboxEntry, bodies []json.RawMessage) ([]kiosk.OutboxResult, int, error) {
	req := wire.BatchRequest{Items: make([]wire.BatchItem, len(entries))}
	for i, e := range entries {
		req.Items[i] = wire.BatchItem{IdempotencyKey: e.Submission.IdempotencyKey, Submission: bodies[i]}
	}
	body, _ := json.Marshal(req)
	var resp wire.BatchResponse
	err := ob.post(ctx, wire.PathBatch, body, &resp)
	var refused *batchRefused
	switch {
	case errors.As(err, &refused) && len(entries) == 1:
		// A batch of one refused as a whole: that one entry is at fault.
		ob.o.Logger.Warn("outbox: the hub refused a submission; it needs attention",
			"reference", entries[0].Submission.Reference, "reasons", refused.problem.Error())
		return []kiosk.OutboxResult{{Seq: entries[0].Seq, State: kiosk.OutboxAttention, Error: refused.problem.Error()}}, 0, nil
	case errors.As(err, &refused):
		return nil, 0, err
	case err != nil:
		results := make([]kiosk.OutboxResult, len(entries))
		for i, e := range entries {
			results[i] = kiosk.OutboxResult{Seq: e.Seq, State: kiosk.OutboxPending, Error: err.Error()}
		}
		return results, 0, err
	case len(resp.Results) != len(entries):
		return nil, 0, &transientError{err: fmt.Errorf("hub answered %d results for %d submissions", len(resp.Results), len(entries))}
	}
	return ob.classify(entries, resp.Results)
}

// classify maps each item's status to its new state: 201 sent; 408, 409, 429 and 5xx to
// retry; any other refusal needs a person, with the hub's reasons kept for them.
func (ob *Outbox) classify(entries []kiosk.OutboxEntry, res []wire.BatchResult) ([]kiosk.OutboxResult, int, error) {
	results := make([]kiosk.OutboxResult, len(entries))
	sent := 0
	var retry error
	for i, e := range entries {
		r := res[i]
		results[i].Seq = e.Seq
		switch {
		case r.IdempotencyKey != e.Submission.IdempotencyKey:
			results[i].State, results[i].Error = kiosk.OutboxPending, "hub answered out of order"
			retry = &transientError{err: errors.New("outbox: hub answered out of order")}
		case r.Status == http.StatusCreated && r.Receipt != nil && r.Receipt.Reference == e.Submission.Reference:
			results[i].State = kiosk.OutboxSent
			sent++
		case retryable(r.Status):
			results[i].State, results[i].Error = kiosk.OutboxPending, problemText(r.Status, r.Problems)
			retry = &transientError{err: fmt.Errorf("outbox: %s: %s", e.Submission.Reference, results[i].Error)}
		default:
			results[i].State, results[i].Error = kiosk.OutboxAttention, problemText(r.Status, r.Problems)
			ob.o.Logger.Warn("outbox: the hub refused a submission; it needs attention",
				"reference", e.Submission.Reference, "reasons", results[i].Error)
		}
	}
	return results, sent, retry
}

// retryable reports whether a status means "try the same request again later".
func retryable(status int) bool {
	return status == http.StatusRequestTimeout || status == http.StatusConflict ||
		status == http.StatusTooManyRequests || status >= 500 || status == 0
}

func problemText(status int, problems []wire.Problem) string {
	parts := make([]string, len(problems))
	for i, p := range problems {
		parts[i] = p.String()
	}
	s := fmt.Sprintf("%d %s", status, http.StatusText(status))
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, "; ")
	}
	return s
}

// post sends a JSON body and decodes a 2xx JSON answer into out. Any failure is a
// *transientError, an *authError or a *batchRefused.
func (ob *Outbox) post(ctx context.Context, path string, body []byte, out any) error {
	ctx, cancel := context.WithTimeout(ctx, ob.o.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ob.o.URL+path, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := ob.do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return &transientError{err: fmt.Errorf("outbox: read the hub's answer: %w", err)}
	}
	if out != nil && resp.StatusCode/100 == 2 {
		if err := json.Unmarshal(data, out); err != nil {
			return &transientError{err: fmt.Errorf("outbox: the hub's answer: %w", err)}
		}
	}
	return nil
}

// authError means the hub does not accept this kiosk's token: a configuration problem for
// staff, retried at the backoff's pace so the kiosk recovers by itself once it is fixed.
type authError struct{ status int }

func (e *authError) Error() string {
	return fmt.Sprintf("the hub refused this kiosk's token (%d): check hub.token and `hub kiosk add`", e.status)
}

// do sends a request with the kiosk's token and sorts out failures by their status; it
// returns the response only for 2xx and 304.
func (ob *Outbox) do(req *http.Request) (*http.Response, error) {
	req.Header.Set("Authorization", "Bearer "+ob.o.Token)
	resp, err := ob.o.Client.Do(req)
	if err != nil {
		return nil, &transientError{err: fmt.Errorf("outbox: hub unreachable: %w", err)}
	}
	if resp.StatusCode/100 == 2 || resp.StatusCode == http.StatusNotModified {
		return resp, nil
	}
	defer resp.Body.Close()
	var pd wire.ProblemDetails
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if json.Unmarshal(data, &pd) != nil || pd.Status == 0 {
		pd = wire.ProblemDetails{Status: resp.StatusCode, Title: http.StatusText(resp.StatusCode)}
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, &transientError{err: &authError{status: resp.StatusCode}}
	case retryable(resp.StatusCode):
		return nil, &transientError{err: fmt.Errorf("outbox: hub answered %s", pd.Error()),
			wait: retryAfter(resp.Header, ob.o.Now())}
	}
	return nil, &batchRefused{problem: &pd}
}

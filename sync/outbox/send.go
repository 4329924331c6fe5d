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

// deliver sends the pending entries, a batch at a time in queue order, until the queue is
// empty or an attempt fails. It returns how many the hub confirmed.
//
// Three things overlap, none of which changes what the hub sees: while the hub works on
// batch k, the next batch is read and encoded (a cursor says where it starts), and batch
// k-1's results are written to disk. Batch k+1 still leaves only after the hub answered
// batch k, so the hub sees the kiosk's order; a crash before a result is recorded only
// means a resend, which the hub answers from what it stored.
func (ob *Outbox) deliver(ctx context.Context) (int, error) {
	ob.drainMu.Lock()
	defer ob.drainMu.Unlock()
	rec := ob.newRecorder(ctx)
	sent, single := 0, false
	fetched := make(chan batch, 1)
	ob.prefetch(ctx, 0, ob.o.BatchSize, fetched)
	stop := func(err error, wait time.Duration) (int, error) {
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
	for {
		b := <-fetched
		if b.err != nil {
			return stop(b.err, 0)
		}
		if len(b.entries) == 0 {
			return stop(nil, 0)
		}
		limit := ob.o.BatchSize
		if single {
			limit = 1
		}
		ob.prefetch(ctx, b.entries[len(b.entries)-1].Seq, limit, fetched)
		results, n, err := ob.sendBatch(ctx, b.entries, b.bodies)
		if len(results) > 0 {
			rec.push(results)
		}
		var bad *batchRefused
		switch {
		case errors.As(err, &bad) && !single:
			// The hub refused the batch as a whole: find the culprit by sending one by one,
			// starting again from this batch.
			single = true
			<-fetched
			ob.prefetch(ctx, b.after, 1, fetched)
			continue
		case err != nil:
			<-fetched
			var t *transientError
			wait := time.Duration(0)
			if errors.As(err, &t) {
				wait = t.wait
			}
			return stop(err, wait)
		case rec.failed() != nil:
			<-fetched
			return stop(nil, 0)
		}
		sent += n
		if n > 0 {
			ob.o.Logger.Info("outbox: delivered", "count", n)
		}
	}
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

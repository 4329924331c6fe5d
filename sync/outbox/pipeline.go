package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"loket/kiosk"
	"loket/sync/wire"
)

// batch is a run of pending entries and their encoded bodies.
type batch struct {
	after   int64 // the cursor it was read after
	entries []kiosk.OutboxEntry
	bodies  []json.RawMessage
	err     error
}

// prefetch reads and encodes the next batch in the background and sends it on out.
func (ob *Outbox) prefetch(ctx context.Context, after int64, limit int, out chan<- batch) {
	go func() {
		entries, err := ob.o.Store.PendingOutbox(ctx, after, limit)
		if err != nil {
			out <- batch{after: after, err: fmt.Errorf("outbox: %w", err)}
			return
		}
		entries, bodies := encodeBatch(entries)
		out <- batch{after: after, entries: entries, bodies: bodies}
	}()
}

// recorder writes batches' results to the kiosk's database in order, in the background.
type recorder struct {
	ob   *Outbox
	ctx  context.Context
	jobs chan []kiosk.OutboxResult
	done chan struct{}
	mu   sync.Mutex
	err  error
}

func (ob *Outbox) newRecorder(ctx context.Context) *recorder {
	r := &recorder{ob: ob, ctx: ctx, jobs: make(chan []kiosk.OutboxResult, 1), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		for results := range r.jobs {
			if r.failed() != nil {
				continue
			}
			if err := ob.o.Store.RecordOutbox(context.WithoutCancel(ctx), results); err != nil {
				r.mu.Lock()
				r.err = fmt.Errorf("outbox: %w", err)
				r.mu.Unlock()
			}
		}
	}()
	return r
}

func (r *recorder) push(results []kiosk.OutboxResult) { r.jobs <- results }

func (r *recorder) failed() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// wait records what is left and returns the first error.
func (r *recorder) wait() error {
	close(r.jobs)
	<-r.done
	return r.failed()
}

// encodeBatch encodes each entry once and keeps the batch under maxBatchBytes (always at
// least one entry).
func encodeBatch(entries []kiosk.OutboxEntry) ([]kiosk.OutboxEntry, []json.RawMessage) {
	bodies := make([]json.RawMessage, 0, len(entries))
	total := 0
	for i, e := range entries {
		b := wire.FromKiosk(e.Submission).Encode()
		total += len(b) + 64
		if i > 0 && total > maxBatchBytes {
			return entries[:i], bodies
		}
		bodies = append(bodies, b)
	}
	return entries, bodies
}

// Package outbox delivers a kiosk's submissions to the municipal hub, exactly once, through
// any network failure. Each submission is queued in the same transaction that stores it
// (kiosk.Store.Submit); Serve sends the queue in order with the submission's idempotency
// key, retries with backoff until the hub confirms, and survives restarts because all its
// state is on disk. The hub stores a key once, so at-least-once sending has an exactly-once
// effect. The same loop pulls catalogue updates and sends heartbeats.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"loket/kiosk"
	"loket/sync/wire"
)

// Options configure an Outbox. Only Store, URL and Token are required.
type Options struct {
	Store *kiosk.Store
	URL   string // the hub, e.g. "https://loket-hub.gemeente.be"
	Token string // this kiosk's token
	// Client sends the requests; one trusting the system's roots when nil (see NewClient).
	Client *http.Client
	// RequestTimeout bounds one request, answer included: 30 s when zero. A hub that
	// answers later is treated as down, and the retry gets the stored answer.
	RequestTimeout time.Duration
	Backoff        Backoff       // DefaultBackoff when zero
	PollEvery      time.Duration // look at the queue this often even without Kick: 30 s when zero
	HeartbeatEvery time.Duration // 1 min when zero
	CatalogueEvery time.Duration // 15 min when zero
	BatchSize      int           // submissions per request: wire.MaxBatchItems (500) when zero, at most that
	// Version is the kiosk's software version, reported in heartbeats.
	Version string
	// Printer reports the receipt printer's state for heartbeats ("ok", "paper-out", …).
	Printer func() string
	// CatalogueFile is where a catalogue pulled from the hub is kept for the next start
	// (LoadCatalogueFile); no catalogue is pulled when empty.
	CatalogueFile string
	// OnCatalogue is called from the Serve goroutine with each new, checked catalogue. The
	// UI switches to it between sessions, never in the middle of a citizen's flow.
	OnCatalogue func(CatalogueUpdate)
	Now         func() time.Time // time.Now when nil
	Logger      *slog.Logger     // discards when nil; logs references, never answers
}

// Outbox sends the kiosk's queue to the hub. Its methods are safe for concurrent use.
type Outbox struct {
	o       Options
	kick    chan struct{}
	updates chan struct{}
	drainMu sync.Mutex // one delivery at a time, whoever asks (loop or staff)

	mu          sync.Mutex
	failures    int       // consecutive failed deliveries
	retryAt     time.Time // no automatic delivery before this
	lastError   string
	lastErrorAt time.Time
	lastSuccess time.Time
	heartbeatAt time.Time // last heartbeat the hub accepted
	catalogue   string    // version in use
}

// New returns an outbox; nothing is sent until Serve or SyncNow.
func New(o Options) (*Outbox, error) {
	if o.Store == nil {
		return nil, errors.New("outbox: no store")
	}
	if o.URL == "" || o.Token == "" {
		return nil, errors.New("outbox: no hub: set hub.url and hub.token in the config")
	}
	o.URL = strings.TrimSuffix(o.URL, "/")
	if o.Client == nil {
		o.Client = &http.Client{Transport: NewTransport(nil)}
	}
	if o.RequestTimeout == 0 {
		o.RequestTimeout = 30 * time.Second
	}
	if o.Backoff.Base == 0 {
		o.Backoff.Base, o.Backoff.Max = DefaultBackoff.Base, DefaultBackoff.Max
	}
	defaults := []struct {
		d   *time.Duration
		def time.Duration
	}{{&o.PollEvery, 30 * time.Second}, {&o.HeartbeatEvery, time.Minute}, {&o.CatalogueEvery, 15 * time.Minute}}
	for _, d := range defaults {
		if *d.d == 0 {
			*d.d = d.def
		}
	}
	if o.BatchSize <= 0 {
		o.BatchSize = wire.MaxBatchItems
	}
	o.BatchSize = min(o.BatchSize, wire.MaxBatchItems)
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	ob := &Outbox{o: o, kick: make(chan struct{}, 1), updates: make(chan struct{}, 1)}
	version, err := o.Store.SyncMeta(context.Background(), "catalogue_version")
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	ob.catalogue = version
	return ob, nil
}

// Kick asks the loop to look at the queue now, e.g. right after a submission. It never
// blocks and does not shorten a backoff the hub asked for.
func (ob *Outbox) Kick() {
	select {
	case ob.kick <- struct{}{}:
	default:
	}
}

// Updates signals (without blocking the loop) after each delivery attempt, so a staff
// screen can refresh its Status; read it from a goroutine and hop to the UI with fyne.Do.
func (ob *Outbox) Updates() <-chan struct{} { return ob.updates }

func (ob *Outbox) notify() {
	select {
	case ob.updates <- struct{}{}:
	default:
	}
}

// Serve runs the loop until ctx is done: deliver what is due, send a heartbeat and look
// for a new catalogue when their time comes, then wait for a kick or a timer.
func (ob *Outbox) Serve(ctx context.Context) error {
	var nextHeartbeat, nextCatalogue time.Time
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		now := ob.o.Now()
		if !now.Before(ob.retryTime()) {
			_, _ = ob.deliver(ctx)
		}
		if !now.Before(nextHeartbeat) {
			ob.heartbeat(ctx)
			nextHeartbeat = ob.o.Now().Add(ob.o.HeartbeatEvery)
		}
		if ob.o.CatalogueFile != "" && !now.Before(nextCatalogue) {
			ob.pullCatalogue(ctx)
			nextCatalogue = ob.o.Now().Add(ob.o.CatalogueEvery)
		}
		ob.notify()
		wake := min(ob.o.PollEvery, nextHeartbeat.Sub(ob.o.Now()))
		if ob.o.CatalogueFile != "" {
			wake = min(wake, nextCatalogue.Sub(ob.o.Now()))
		}
		if r := ob.retryTime(); !r.IsZero() {
			wake = min(wake, r.Sub(ob.o.Now()))
		}
		timer.Reset(max(wake, 0))
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
		case <-ob.kick:
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
		}
	}
}

func (ob *Outbox) retryTime() time.Time {
	ob.mu.Lock()
	defer ob.mu.Unlock()
	return ob.retryAt
}

// SyncNow delivers the queue at once, ignoring any backoff: staff pressed "send now" or ran
// `kiosk sync now`. It returns how many submissions the hub confirmed.
func (ob *Outbox) SyncNow(ctx context.Context) (int, error) {
	defer ob.notify()
	return ob.deliver(ctx)
}

// Retry puts a submission that needs attention back in the queue (all of them when
// reference is empty) and kicks the loop. Use it once the cause is fixed on the hub.
func (ob *Outbox) Retry(ctx context.Context, reference string) (int, error) {
	n, err := ob.o.Store.RetryOutbox(ctx, reference)
	if err != nil {
		return 0, fmt.Errorf("outbox: retry: %w", err)
	}
	ob.mu.Lock()
	ob.retryAt = time.Time{}
	ob.mu.Unlock()
	ob.Kick()
	return n, nil
}

// failed records a failed delivery and schedules the next: the backoff's jittered delay,
// or longer if the hub asked for it with Retry-After.
func (ob *Outbox) failed(err error, hubWait time.Duration) {
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.failures++
	wait := max(ob.o.Backoff.Delay(ob.failures), hubWait)
	ob.retryAt = ob.o.Now().Add(wait)
	ob.lastError, ob.lastErrorAt = err.Error(), ob.o.Now()
	ob.o.Logger.Warn("outbox: delivery failed; will retry", "err", err, "failures", ob.failures, "wait", wait)
}

func (ob *Outbox) succeeded() {
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.failures, ob.retryAt, ob.lastSuccess = 0, time.Time{}, ob.o.Now()
}

func (ob *Outbox) noteError(err error) {
	ob.mu.Lock()
	defer ob.mu.Unlock()
	ob.lastError, ob.lastErrorAt = err.Error(), ob.o.Now()
}

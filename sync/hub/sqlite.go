package hub

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "github.com/mattn/go-sqlite3" // the hub's default storage engine

	"loket/kiosk"
)

// OpenSQLite opens (creating if needed) the hub's SQLite database at path.
//
// Durability: synchronous=FULL, for the same reason as on the kiosk: a 201 tells the kiosk
// it may stop sending, so a commit lost to a power cut would be a submission lost for good.
// The cost of one fsync per commit is spread by group commit (groupCommit): concurrent
// Accepts share one transaction.
func OpenSQLite(path string) (Store, error) {
	db, err := sql.Open("sqlite3", kiosk.DSN(path)) // WAL, busy_timeout, FULL, BEGIN IMMEDIATE
	if err != nil {
		return nil, fmt.Errorf("hub store: open %s: %w", path, err)
	}
	s := &sqlStore{db: db, now: time.Now, d: dialect{name: "sqlite", rebind: func(q string) string { return q }}}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("hub store %s: %w", path, err)
	}
	g := newGroupCommit(s)
	s.commit, s.close = g.accept, g.stop
	return s, nil
}

// groupCommit funnels every Accept through one goroutine that takes whatever requests are
// waiting and stores them in one transaction. SQLite has one writer at a time anyway; this
// turns 200 kiosks' 200 fsyncs into one.
type groupCommit struct {
	s    *sqlStore
	reqs chan *commitRequest
	done chan struct{}
}

type commitRequest struct {
	ctx     context.Context
	kioskID string
	items   []Item
	reply   chan commitReply
}

type commitReply struct {
	out []Outcome
	err error
}

// maxGroupItems bounds one group transaction, so a burst does not hold the write lock long.
const maxGroupItems = 1000

func newGroupCommit(s *sqlStore) *groupCommit {
	g := &groupCommit{s: s, reqs: make(chan *commitRequest), done: make(chan struct{})}
	go g.run()
	return g
}

func (g *groupCommit) accept(ctx context.Context, kioskID string, items []Item) ([]Outcome, error) {
	req := &commitRequest{ctx: ctx, kioskID: kioskID, items: items, reply: make(chan commitReply, 1)}
	select {
	case g.reqs <- req:
	case <-g.done:
		return nil, fmt.Errorf("accept: the store is closed")
	case <-ctx.Done():
		return nil, fmt.Errorf("accept: %w", ctx.Err())
	}
	// Once handed over the request is always answered, so the caller never wonders
	// whether an abandoned transaction committed.
	r := <-req.reply
	return r.out, r.err
}

func (g *groupCommit) stop() {
	select {
	case <-g.done:
	default:
		close(g.done)
	}
}

func (g *groupCommit) run() {
	for {
		var group []*commitRequest
		select {
		case <-g.done:
			return
		case req := <-g.reqs:
			group = append(group, req)
		}
		n := len(group[0].items)
	more:
		for n < maxGroupItems {
			select {
			case req := <-g.reqs:
				group = append(group, req)
				n += len(req.items)
			default:
				break more
			}
		}
		g.commitGroup(group)
	}
}

func (g *groupCommit) commitGroup(group []*commitRequest) {
	outs, err := g.tryGroup(group)
	if err != nil && len(group) > 1 {
		// One request's failure must not fail the others: retry each on its own.
		for _, req := range group {
			out, err := g.tryGroup([]*commitRequest{req})
			req.reply <- commitReply{out: firstOrNil(out), err: err}
		}
		return
	}
	for i, req := range group {
		if err != nil {
			req.reply <- commitReply{err: err}
			continue
		}
		req.reply <- commitReply{out: outs[i]}
	}
}

func firstOrNil(outs [][]Outcome) []Outcome {
	if len(outs) == 0 {
		return nil
	}
	return outs[0]
}

func (g *groupCommit) tryGroup(group []*commitRequest) ([][]Outcome, error) {
	tx, err := g.s.db.BeginTx(context.Background(), nil)
	if err != nil {
		return nil, fmt.Errorf("accept: %w", err)
	}
	defer tx.Rollback()
	now := g.s.now()
	outs := make([][]Outcome, len(group))
	for i, req := range group {
		if outs[i], err = g.s.acceptTx(req.ctx, tx, req.kioskID, req.items, now); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("accept: commit: %w", err)
	}
	return outs, nil
}

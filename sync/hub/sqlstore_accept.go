package hub

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

func (s *sqlStore) Accept(ctx context.Context, kioskID string, items []Item) ([]Outcome, error) {
	return s.commit(ctx, kioskID, items)
}

// insertChunk bounds the rows of one multi-row INSERT: 12 parameters a row stays far below
// SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement.
const insertChunk = 250

// acceptTx stores items inside tx, set-based so a batch costs a few statements, not a few
// per item: claim the keys (PostgreSQL), insert every item with ON CONFLICT DO NOTHING
// RETURNING the keys that went in, then read back the rows that won the others' conflicts
// to tell a replay (same fingerprint) from a reused key, or a reference stored under
// another key.
func (s *sqlStore) acceptTx(ctx context.Context, tx *sql.Tx, kioskID string, items []Item, now time.Time) ([]Outcome, error) {
	out := make([]Outcome, len(items))
	todo := make([]int, 0, len(items))
	busy := map[string]bool{}
	if s.d.tryLocks != nil {
		var err error
		if busy, err = s.d.tryLocks(ctx, tx, kioskID, items); err != nil {
			return nil, fmt.Errorf("accept: lock: %w", err)
		}
	}
	for i, it := range items {
		if busy[it.Key] {
			out[i] = Outcome{Result: InProgress}
			continue
		}
		todo = append(todo, i)
	}
	created := map[string]int64{}
	for start := 0; start < len(todo); start += insertChunk {
		if err := s.insertRows(ctx, tx, kioskID, items, todo[start:min(start+insertChunk, len(todo))], now, created); err != nil {
			return nil, err
		}
	}
	var conflicts []int
	for _, i := range todo {
		if received, ok := created[items[i].Key]; ok {
			out[i] = Outcome{Result: Created, Receipt: receipt(items[i].Sub.Reference, received)}
			delete(created, items[i].Key) // a key twice in one batch: the second is a replay
			continue
		}
		conflicts = append(conflicts, i)
	}
	if len(conflicts) > 0 {
		if err := s.existing(ctx, tx, kioskID, items, conflicts, out); err != nil {
			return nil, fmt.Errorf("accept: %w", err)
		}
	}
	return out, nil
}

// insertRows inserts items[at…] in one statement and notes the keys that went in.
func (s *sqlStore) insertRows(ctx context.Context, tx *sql.Tx, kioskID string, items []Item, at []int, now time.Time, created map[string]int64) error {
	var b strings.Builder
	b.WriteString(`INSERT INTO submissions(kiosk_id, idempotency_key, fingerprint, reference, service_id,
		service_version, lang, answers, body, submitted_at, received_at, assisted) VALUES `)
	args := make([]any, 0, 12*len(at))
	for n, i := range at {
		if n > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
		it := items[i]
		args = append(args, kioskID, it.Key, it.Fingerprint, it.Sub.Reference, it.Sub.ServiceID,
			it.Sub.ServiceVersion, it.Sub.Lang, it.Answers, string(it.Body), it.Sub.SubmittedAt.Unix(),
			now.UnixMilli(), it.Sub.Assisted)
	}
	b.WriteString(" ON CONFLICT DO NOTHING RETURNING idempotency_key, received_at")
	rows, err := tx.QueryContext(ctx, s.q(b.String()), args...)
	if err != nil {
		return fmt.Errorf("accept: insert: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var received int64
		if err := rows.Scan(&key, &received); err != nil {
			return fmt.Errorf("accept: insert: %w", err)
		}
		created[key] = received
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("accept: insert: %w", err)
	}
	return nil
}

// existing classifies the items that were not inserted by the rows already stored.
func (s *sqlStore) existing(ctx context.Context, tx *sql.Tx, kioskID string, items []Item, at []int, out []Outcome) error {
	type row struct {
		fingerprint, reference string
		received               int64
	}
	stored := map[string]row{}
	for start := 0; start < len(at); start += insertChunk {
		chunk := at[start:min(start+insertChunk, len(at))]
		args := []any{kioskID}
		marks := make([]string, len(chunk))
		for n, i := range chunk {
			args, marks[n] = append(args, items[i].Key), "?"
		}
		rows, err := tx.QueryContext(ctx, s.q(`SELECT idempotency_key, fingerprint, reference, received_at
			FROM submissions WHERE kiosk_id = ? AND idempotency_key IN (`+strings.Join(marks, ", ")+`)`), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var key string
			var r row
			if err := rows.Scan(&key, &r.fingerprint, &r.reference, &r.received); err != nil {
				rows.Close()
				return err
			}
			stored[key] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, i := range at {
		r, ok := stored[items[i].Key]
		switch {
		case !ok:
			// The conflict was on the reference: another key stored it.
			out[i] = Outcome{Result: ReferenceTaken}
		case r.fingerprint != items[i].Fingerprint:
			out[i] = Outcome{Result: KeyReused}
		default:
			out[i] = Outcome{Result: Replayed, Receipt: receipt(r.reference, r.received)}
		}
	}
	return nil
}

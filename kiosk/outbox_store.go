package kiosk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The outbox's side of the store: which submissions still have to reach the hub, and what
// happened when they were sent. sync/outbox does the sending; the SQL stays here with the
// tables it reads.

// Outbox entry states (the outbox table's CHECK constraint).
const (
	OutboxPending   = "pending"   // to send
	OutboxSent      = "sent"      // the hub confirmed it
	OutboxAttention = "attention" // the hub refused it: staff must look, then retry
)

// OutboxEntry is a queued submission.
type OutboxEntry struct {
	Seq        int64
	Submission *Submission
	Attempts   int
	LastError  string
}

// PendingOutbox returns up to limit pending entries after seq afterSeq, in submission order,
// the order the hub must see them in. The cursor lets the outbox read the next batch while
// the previous one's results are still being recorded.
func (s *Store) PendingOutbox(ctx context.Context, afterSeq int64, limit int) ([]OutboxEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT o.seq, o.attempts, o.last_error, s.reference, s.idempotency_key,
		s.kiosk_id, s.service_id, s.service_version, s.lang, s.answers, s.submitted_at, s.assisted
		FROM outbox o JOIN submissions s ON s.seq = o.seq
		WHERE o.state = 'pending' AND o.seq > ? ORDER BY o.seq LIMIT ?`, afterSeq, limit)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxEntry
	for rows.Next() {
		e := OutboxEntry{Submission: &Submission{}}
		sub := e.Submission
		var lang, answers string
		var at int64
		if err := rows.Scan(&e.Seq, &e.Attempts, &e.LastError, &sub.Reference, &sub.IdempotencyKey, &sub.KioskID,
			&sub.ServiceID, &sub.ServiceVersion, &lang, &answers, &at, &sub.Assisted); err != nil {
			return nil, fmt.Errorf("store: outbox: %w", err)
		}
		sub.Lang, sub.SubmittedAt = Lang(lang), fromUnix(at)
		if err := s.openAnswers(answers, sub.Reference, &sub.Answers); err != nil {
			return nil, fmt.Errorf("store: outbox: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// OutboxResult is what the hub said about one entry.
type OutboxResult struct {
	Seq   int64
	State string // OutboxSent, OutboxAttention, or OutboxPending to try again
	Error string // for staff: the hub's reasons or the network error, never personal data
}

// RecordOutbox stores the results of one delivery attempt in one transaction. An entry
// already sent stays sent: a late answer from an earlier attempt cannot undo it.
func (s *Store) RecordOutbox(ctx context.Context, results []OutboxResult) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: outbox: %w", err)
	}
	defer tx.Rollback()
	sent, err := tx.PrepareContext(ctx, `UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1,
		last_error = '' WHERE seq = ? AND state != 'sent'`)
	if err != nil {
		return fmt.Errorf("store: outbox: %w", err)
	}
	defer sent.Close()
	other, err := tx.PrepareContext(ctx, `UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?,
		next_attempt_at = ? WHERE seq = ? AND state != 'sent'`)
	if err != nil {
		return fmt.Errorf("store: outbox: %w", err)
	}
	defer other.Close()
	now := unix(s.now())
	for _, r := range results {
		var err error
		switch r.State {
		case OutboxSent:
			_, err = sent.ExecContext(ctx, now, r.Seq)
		case OutboxAttention, OutboxPending:
			_, err = other.ExecContext(ctx, r.State, r.Error, now, r.Seq)
		default:
			err = fmt.Errorf("unknown state %q", r.State)
		}
		if err != nil {
			return fmt.Errorf("store: outbox %d: %w", r.Seq, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: outbox: %w", err)
	}
	return nil
}

// RetryOutbox puts entries that need attention back in the queue, after staff fixed the
// cause (on the hub: a service definition, a kiosk's registration). With an empty reference
// it retries them all. It returns how many it queued.
func (s *Store) RetryOutbox(ctx context.Context, typedReference string) (int, error) {
	query, args := `UPDATE outbox SET state = 'pending', next_attempt_at = 0 WHERE state = 'attention'`, []any{}
	if typedReference != "" {
		ref, err := ParseReference(typedReference)
		if err != nil {
			return 0, err
		}
		query += ` AND seq = (SELECT seq FROM submissions WHERE reference = ?)`
		args = append(args, ref)
	}
	res, err := s.db.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("store: retry outbox: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// OutboxStats is the queue as staff see it.
type OutboxStats struct {
	Pending       int
	Attention     []AttentionEntry
	OldestWaiting time.Time // when the oldest pending submission was made; zero when none
	LastSent      time.Time // when the hub last confirmed one; zero when never
	HeadAttempts  int       // failed attempts of the next entry to send
	HeadError     string    // why the next entry's last attempt failed
	LastAttempt   time.Time // when the next entry was last tried
}

// AttentionEntry is a submission the hub refused, with its reasons.
type AttentionEntry struct {
	Reference   string
	ServiceID   string
	SubmittedAt time.Time
	Reasons     string
}

// OutboxStats reads the queue's state; it works from any process (the headless `kiosk
// sync status` reads what the running kiosk wrote).
func (s *Store) OutboxStats(ctx context.Context) (OutboxStats, error) {
	var st OutboxStats
	var oldest, sent sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM outbox WHERE state = 'pending'),
		(SELECT min(s.submitted_at) FROM outbox o JOIN submissions s ON s.seq = o.seq WHERE o.state = 'pending'),
		(SELECT max(sent_at) FROM outbox WHERE state = 'sent')`).Scan(&st.Pending, &oldest, &sent)
	if err != nil {
		return st, fmt.Errorf("store: outbox stats: %w", err)
	}
	if oldest.Valid {
		st.OldestWaiting = fromUnix(oldest.Int64)
	}
	if sent.Valid {
		st.LastSent = fromUnix(sent.Int64)
	}
	var tried int64
	err = s.db.QueryRowContext(ctx, `SELECT attempts, last_error, next_attempt_at FROM outbox
		WHERE state = 'pending' ORDER BY seq LIMIT 1`).Scan(&st.HeadAttempts, &st.HeadError, &tried)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("store: outbox stats: %w", err)
	}
	if tried > 0 {
		st.LastAttempt = fromUnix(tried)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.reference, s.service_id, s.submitted_at, o.last_error
		FROM outbox o JOIN submissions s ON s.seq = o.seq WHERE o.state = 'attention' ORDER BY o.seq`)
	if err != nil {
		return st, fmt.Errorf("store: outbox stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a AttentionEntry
		var at int64
		if err := rows.Scan(&a.Reference, &a.ServiceID, &at, &a.Reasons); err != nil {
			return st, fmt.Errorf("store: outbox stats: %w", err)
		}
		a.SubmittedAt = fromUnix(at)
		st.Attention = append(st.Attention, a)
	}
	return st, rows.Err()
}

// SyncMeta reads a value the outbox keeps beside the queue ("hub.catalogue_version", …).
func (s *Store) SyncMeta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM kiosk_meta WHERE key = ?`, "sync."+key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: sync meta %s: %w", key, err)
	}
	return v, nil
}

// SetSyncMeta stores a value the outbox keeps beside the queue.
func (s *Store) SetSyncMeta(ctx context.Context, key, value string) error {
	if strings.TrimSpace(key) == "" {
		return errors.New("store: sync meta: empty key")
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO kiosk_meta(key, value) VALUES(?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, "sync."+key, value)
	if err != nil {
		return fmt.Errorf("store: sync meta %s: %w", key, err)
	}
	return nil
}

package kiosk

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Submission is a submitted request: immutable, with the reference number the citizen gets.
type Submission struct {
	Reference      string
	IdempotencyKey string // sent with every delivery attempt so the hub stores it once
	KioskID        string
	ServiceID      string
	ServiceVersion int
	Lang           Lang
	Answers        Answers
	SubmittedAt    time.Time
	Assisted       bool // a digital helper assisted (counted anonymously)
}

// ErrNoSubmission is returned for a reference this kiosk never issued.
var ErrNoSubmission = errors.New("no submission with that reference")

// Submit turns a draft into a submission in one transaction: the next sequence number makes
// the reference, the submission is written, the draft and its answers are deleted. It sets
// sub.Reference, sub.IdempotencyKey and sub.KioskID.
func (s *Store) Submit(ctx context.Context, draftID int64, sub *Submission) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: submit: %w", err)
	}
	defer tx.Rollback()
	var seq uint64 = 1
	var stored string
	switch err := tx.QueryRowContext(ctx, `SELECT value FROM kiosk_meta WHERE key = 'next_seq'`).Scan(&stored); {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("store: submit: %w", err)
	default:
		if seq, err = strconv.ParseUint(stored, 10, 64); err != nil {
			return fmt.Errorf("store: submit: bad sequence %q: %w", stored, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO kiosk_meta(key, value) VALUES('next_seq', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, strconv.FormatUint(seq+1, 10)); err != nil {
		return fmt.Errorf("store: submit: %w", err)
	}
	key := make([]byte, 16)
	_, _ = rand.Read(key) // never fails on Linux; crashes the program if it does
	sub.Reference = NewReference(s.kioskCode, s.epoch, seq)
	sub.IdempotencyKey = hex.EncodeToString(key)
	sub.KioskID = s.kioskCode
	answers, err := s.sealAnswers(sub.Answers, sub.Reference)
	if err != nil {
		return fmt.Errorf("store: submit: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO submissions(seq, reference, idempotency_key, kiosk_id,
		service_id, service_version, lang, answers, submitted_at, assisted) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		seq, sub.Reference, sub.IdempotencyKey, sub.KioskID, sub.ServiceID, sub.ServiceVersion,
		string(sub.Lang), answers, unix(sub.SubmittedAt), sub.Assisted); err != nil {
		return fmt.Errorf("store: submit: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox(seq) VALUES(?)`, seq); err != nil {
		return fmt.Errorf("store: submit: queue for the hub: %w", err)
	}
	if draftID != 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE id = ?`, draftID); err != nil {
			return fmt.Errorf("store: submit: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: submit: %w", err)
	}
	return nil
}

// Submission returns the submission with a reference as typed by a person; a typing error
// is caught by the check character (ErrCodeCheck) before the database is asked.
func (s *Store) Submission(ctx context.Context, typed string) (*Submission, error) {
	ref, err := ParseReference(typed)
	if err != nil {
		return nil, err
	}
	subs, err := s.querySubmissions(ctx, `WHERE reference = ?`, ref)
	if err != nil {
		return nil, err
	}
	if len(subs) == 0 {
		return nil, ErrNoSubmission
	}
	return subs[0], nil
}

// Submissions returns the submissions made in [from, to), oldest first.
func (s *Store) Submissions(ctx context.Context, from, to time.Time) ([]*Submission, error) {
	return s.querySubmissions(ctx, `WHERE submitted_at >= ? AND submitted_at < ? ORDER BY seq`, unix(from), unix(to))
}

func (s *Store) querySubmissions(ctx context.Context, where string, args ...any) ([]*Submission, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT reference, idempotency_key, kiosk_id, service_id, service_version,
		lang, answers, submitted_at, assisted FROM submissions `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: submissions: %w", err)
	}
	defer rows.Close()
	var out []*Submission
	for rows.Next() {
		sub := &Submission{}
		var lang, answers string
		var at int64
		if err := rows.Scan(&sub.Reference, &sub.IdempotencyKey, &sub.KioskID, &sub.ServiceID, &sub.ServiceVersion,
			&lang, &answers, &at, &sub.Assisted); err != nil {
			return nil, fmt.Errorf("store: submissions: %w", err)
		}
		sub.Lang, sub.SubmittedAt = Lang(lang), fromUnix(at)
		if err := s.openAnswers(answers, sub.Reference, &sub.Answers); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

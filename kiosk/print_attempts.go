package kiosk

import (
	"context"
	"fmt"
	"time"
)

// PrintAttempt is one try to print a document, kept so staff can see printer problems and
// reprint what did not come out. It holds no personal data: a resume slip is recorded
// without its code.
type PrintAttempt struct {
	ID        int64
	At        time.Time
	Document  string // "receipt", "request" or "resume-slip"
	Reference string // the submission's reference; "" for a resume slip
	Reprint   bool
	Printer   string // CUPS queue ("" = the system default) or device
	Printed   bool
	JobID     string // CUPS job id
	Problem   string // why it failed, as a short code (kiosk/printer's Problem)
	Detail    string // what the printing system said
}

// RecordPrintAttempt stores an attempt and sets a.ID; a zero At is now.
func (s *Store) RecordPrintAttempt(ctx context.Context, a *PrintAttempt) error {
	if a.At.IsZero() {
		a.At = s.now()
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO print_attempts(at, document, reference, reprint, printer,
		printed, job_id, problem, detail) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		unix(a.At), a.Document, a.Reference, a.Reprint, a.Printer, a.Printed, a.JobID, a.Problem, a.Detail)
	if err != nil {
		return fmt.Errorf("store: record print attempt: %w", err)
	}
	a.ID, err = res.LastInsertId()
	return err
}

// PrintAttempts returns up to limit attempts made at or after since, newest first.
func (s *Store) PrintAttempts(ctx context.Context, since time.Time, limit int) ([]PrintAttempt, error) {
	return s.queryPrintAttempts(ctx, `WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?`, unix(since), limit)
}

// UnprintedReceipts returns, oldest first, the last failed attempt of every receipt or
// request copy tried within the last window that has not printed since: the staff's list
// of what to reprint.
func (s *Store) UnprintedReceipts(ctx context.Context, window time.Duration) ([]PrintAttempt, error) {
	since := s.now().Add(-window)
	return s.queryPrintAttempts(ctx, `WHERE id IN (
			SELECT MAX(id) FROM print_attempts WHERE reference <> '' AND at >= ? GROUP BY reference, document)
		AND printed = 0 ORDER BY at, id`, unix(since))
}

func (s *Store) queryPrintAttempts(ctx context.Context, where string, args ...any) ([]PrintAttempt, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, document, reference, reprint, printer, printed, job_id,
		problem, detail FROM print_attempts `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: print attempts: %w", err)
	}
	defer rows.Close()
	var out []PrintAttempt
	for rows.Next() {
		var a PrintAttempt
		var at int64
		if err := rows.Scan(&a.ID, &at, &a.Document, &a.Reference, &a.Reprint, &a.Printer, &a.Printed,
			&a.JobID, &a.Problem, &a.Detail); err != nil {
			return nil, fmt.Errorf("store: print attempts: %w", err)
		}
		a.At = fromUnix(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

package kiosk

import (
	"context"
	"fmt"
	"time"
)

// PurgeSent deletes the submissions the hub confirmed before the given time: the kiosk only
// keeps personal data as long as it needs to (to resend, or reprint a receipt shortly
// after). Submissions still waiting or needing attention are never deleted. It returns how
// many were deleted.
func (s *Store) PurgeSent(ctx context.Context, confirmedBefore time.Time) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: purge sent: %w", err)
	}
	defer tx.Rollback()
	// The outbox row goes first: it refers to the submission.
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS purge(seq INTEGER PRIMARY KEY);
		DELETE FROM temp.purge;`); err != nil {
		return 0, fmt.Errorf("store: purge sent: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO temp.purge(seq) SELECT seq FROM outbox
		WHERE state = 'sent' AND sent_at IS NOT NULL AND sent_at < ?`, unix(confirmedBefore)); err != nil {
		return 0, fmt.Errorf("store: purge sent: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE seq IN (SELECT seq FROM temp.purge)`); err != nil {
		return 0, fmt.Errorf("store: purge sent: %w", err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM submissions WHERE seq IN (SELECT seq FROM temp.purge)`)
	if err != nil {
		return 0, fmt.Errorf("store: purge sent: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, tx.Commit()
}

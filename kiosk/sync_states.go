package kiosk

import (
	"context"
	"fmt"
	"time"
)

// SyncStates returns, by reference, the outbox state of every submission made in
// [from, to): OutboxPending, OutboxSent or OutboxAttention. Staff exports list it beside
// each confirmation, so a confirmation the hub never got stands out on paper too.
func (s *Store) SyncStates(ctx context.Context, from, to time.Time) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.reference, COALESCE(o.state, '') FROM submissions s
		LEFT JOIN outbox o ON o.seq = s.seq WHERE s.submitted_at >= ? AND s.submitted_at < ?`, unix(from), unix(to))
	if err != nil {
		return nil, fmt.Errorf("store: sync states: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var ref, state string
		if err := rows.Scan(&ref, &state); err != nil {
			return nil, fmt.Errorf("store: sync states: %w", err)
		}
		out[ref] = state
	}
	return out, rows.Err()
}

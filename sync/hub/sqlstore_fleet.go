package hub

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"loket/sync/wire"
)

// Tokens, kiosks and help requests: the small tables beside the submissions.

func (s *sqlStore) AddToken(ctx context.Context, t Token) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("add token: %w", err)
	}
	defer tx.Rollback()
	if t.Role == RoleKiosk {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO kiosks(id, registered_at) VALUES(?, ?) ON CONFLICT DO NOTHING`),
			t.Subject, t.CreatedAt.UnixMilli()); err != nil {
			return fmt.Errorf("add token: register kiosk %s: %w", t.Subject, err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO tokens(hash, role, subject, created_at) VALUES(?, ?, ?, ?)`),
		t.Hash, string(t.Role), t.Subject, t.CreatedAt.UnixMilli()); err != nil {
		return fmt.Errorf("add token for %s: %w", t.Subject, err)
	}
	return tx.Commit()
}

func (s *sqlStore) RevokeTokens(ctx context.Context, role Role, subject string, at time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE tokens SET revoked_at = ? WHERE role = ? AND subject = ? AND revoked_at IS NULL`),
		at.UnixMilli(), string(role), subject)
	if err != nil {
		return 0, fmt.Errorf("revoke tokens of %s: %w", subject, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (s *sqlStore) Authenticate(ctx context.Context, hash string) (Principal, error) {
	var p Principal
	var role string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT role, subject FROM tokens WHERE hash = ? AND revoked_at IS NULL`),
		hash).Scan(&role, &p.Subject)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("authenticate: %w", err)
	}
	p.Role = Role(role)
	return p, nil
}

func (s *sqlStore) RecordHeartbeat(ctx context.Context, kioskID string, hb wire.Heartbeat, at time.Time) error {
	body, _ := json.Marshal(hb)
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE kiosks SET last_seen_at = ?, heartbeat = ? WHERE id = ?`),
		at.UnixMilli(), string(body), kioskID)
	if err != nil {
		return fmt.Errorf("heartbeat of %s: %w", kioskID, err)
	}
	return nil
}

func (s *sqlStore) Kiosks(ctx context.Context) ([]wire.Kiosk, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, registered_at, last_seen_at, heartbeat FROM kiosks ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("kiosks: %w", err)
	}
	defer rows.Close()
	var out []wire.Kiosk
	for rows.Next() {
		var k wire.Kiosk
		var registered int64
		var seen sql.NullInt64
		var hb sql.NullString
		if err := rows.Scan(&k.ID, &registered, &seen, &hb); err != nil {
			return nil, fmt.Errorf("kiosks: %w", err)
		}
		k.RegisteredAt = time.UnixMilli(registered).UTC()
		if seen.Valid {
			t := time.UnixMilli(seen.Int64).UTC()
			k.LastSeen = &t
		}
		if hb.Valid {
			k.Heartbeat = &wire.Heartbeat{}
			if err := json.Unmarshal([]byte(hb.String), k.Heartbeat); err != nil {
				return nil, fmt.Errorf("kiosk %s: heartbeat: %w", k.ID, err)
			}
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

func (s *sqlStore) RaiseHelp(ctx context.Context, kioskID string, at time.Time) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, s.q(`INSERT INTO help_requests(kiosk_id, raised_at) VALUES(?, ?) RETURNING id`),
		kioskID, at.UnixMilli()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("help request from %s: %w", kioskID, err)
	}
	return id, nil
}

func (s *sqlStore) HelpRequests(ctx context.Context, openOnly bool) ([]wire.HelpRequest, error) {
	query := `SELECT id, kiosk_id, raised_at, handled_at FROM help_requests`
	if openOnly {
		query += ` WHERE handled_at IS NULL`
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY raised_at, id`)
	if err != nil {
		return nil, fmt.Errorf("help requests: %w", err)
	}
	defer rows.Close()
	var out []wire.HelpRequest
	for rows.Next() {
		var h wire.HelpRequest
		var raised int64
		var handled sql.NullInt64
		if err := rows.Scan(&h.ID, &h.KioskID, &raised, &handled); err != nil {
			return nil, fmt.Errorf("help requests: %w", err)
		}
		h.RaisedAt = time.UnixMilli(raised).UTC()
		if handled.Valid {
			t := time.UnixMilli(handled.Int64).UTC()
			h.HandledAt = &t
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

func (s *sqlStore) HandleHelp(ctx context.Context, id int64, at time.Time) error {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE help_requests SET handled_at = COALESCE(handled_at, ?) WHERE id = ?`),
		at.UnixMilli(), id)
	if err != nil {
		return fmt.Errorf("handle help request %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

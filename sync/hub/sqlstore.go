package hub

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"loket/sync/wire"
)

//go:embed migrations
var migrationFiles embed.FS

// dialect is what differs between SQLite and PostgreSQL. The SQL is otherwise shared: both
// speak INSERT … ON CONFLICT DO NOTHING RETURNING, which is all deduplication needs.
type dialect struct {
	name string
	// rebind turns the ? placeholders the queries are written with into the driver's.
	rebind func(string) string
	// tryLocks claims the items' idempotency keys for the rest of the transaction and
	// returns those another transaction holds (a request in progress, answered with 409).
	// Nil when the database serializes writers anyway (SQLite).
	tryLocks func(ctx context.Context, tx *sql.Tx, kioskID string, items []Item) (map[string]bool, error)
	// lockMigrations keeps two hub instances starting together from migrating at once.
	lockMigrations func(ctx context.Context, tx *sql.Tx) error
}

// sqlStore implements Store over database/sql for both databases.
type sqlStore struct {
	db     *sql.DB
	d      dialect
	now    func() time.Time
	commit func(ctx context.Context, kioskID string, items []Item) ([]Outcome, error)
	close  func()
}

func (s *sqlStore) q(query string) string { return s.d.rebind(query) }

// migrate applies the dialect's numbered migrations in one transaction, keeping the
// version in hub_schema.
func (s *sqlStore) migrate(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if s.d.lockMigrations != nil {
		if err := s.d.lockMigrations(ctx, tx); err != nil {
			return fmt.Errorf("migrate: lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS hub_schema (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	current := 0
	switch err := tx.QueryRowContext(ctx, `SELECT version FROM hub_schema`).Scan(&current); {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := tx.ExecContext(ctx, `INSERT INTO hub_schema(version) VALUES (0)`); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	case err != nil:
		return fmt.Errorf("migrate: read version: %w", err)
	}
	dir := "migrations/" + s.d.name
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	latest := 0
	for _, e := range entries {
		v, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			continue
		}
		latest = max(latest, v)
		if v <= current {
			continue
		}
		body, _ := migrationFiles.ReadFile(dir + "/" + e.Name())
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("migrate: %s: %w", e.Name(), err)
		}
	}
	if current > latest {
		return fmt.Errorf("migrate: the database has schema version %d, newer than this hub's %d", current, latest)
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE hub_schema SET version = ?`), latest); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return tx.Commit()
}

func receipt(reference string, receivedMilli int64) wire.Receipt {
	return wire.Receipt{Reference: reference, State: "received", ReceivedAt: time.UnixMilli(receivedMilli).UTC()}
}

// plainCommit runs each Accept in its own transaction (PostgreSQL: the server overlaps
// concurrent commits itself).
func (s *sqlStore) plainCommit(ctx context.Context, kioskID string, items []Item) ([]Outcome, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("accept: %w", err)
	}
	defer tx.Rollback()
	out, err := s.acceptTx(ctx, tx, kioskID, items, s.now())
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("accept: commit: %w", err)
	}
	return out, nil
}

const recordColumns = `id, idempotency_key, kiosk_id, reference, service_id, service_version, lang,
	answers, body, submitted_at, received_at, assisted, state`

func scanRecord(sc interface{ Scan(...any) error }) (Record, error) {
	var r Record
	var submitted, received int64
	var body string
	err := sc.Scan(&r.ID, &r.Key, &r.Sub.KioskID, &r.Sub.Reference, &r.Sub.ServiceID, &r.Sub.ServiceVersion,
		&r.Sub.Lang, &r.Answers, &body, &submitted, &received, &r.Sub.Assisted, &r.State)
	if err != nil {
		return r, err
	}
	r.Body = []byte(body)
	r.Sub.SubmittedAt = time.Unix(submitted, 0).UTC()
	r.ReceivedAt = time.UnixMilli(received).UTC()
	if err := json.Unmarshal([]byte(r.Answers), &r.Sub.Answers); err != nil {
		return r, fmt.Errorf("submission %s: answers: %w", r.Sub.Reference, err)
	}
	return r, nil
}

func (s *sqlStore) Submission(ctx context.Context, reference string) (Record, error) {
	row := s.db.QueryRowContext(ctx, s.q(`SELECT `+recordColumns+` FROM submissions WHERE reference = ?`), reference)
	r, err := scanRecord(row)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("submission: %w", err)
	}
	return r, nil
}

func (s *sqlStore) Submissions(ctx context.Context, f Filter) ([]Record, error) {
	where, args := []string{"1 = 1"}, []any{}
	if !f.From.IsZero() {
		where, args = append(where, "submitted_at >= ?"), append(args, f.From.Unix())
	}
	if !f.To.IsZero() {
		where, args = append(where, "submitted_at < ?"), append(args, f.To.Unix())
	}
	if f.ServiceID != "" {
		where, args = append(where, "service_id = ?"), append(args, f.ServiceID)
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+recordColumns+` FROM submissions WHERE `+
		strings.Join(where, " AND ")+` ORDER BY submitted_at, reference`), args...)
	if err != nil {
		return nil, fmt.Errorf("submissions: %w", err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, fmt.Errorf("submissions: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *sqlStore) CountSubmissions(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM submissions`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count submissions: %w", err)
	}
	return n, nil
}

func (s *sqlStore) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

func (s *sqlStore) Close() error {
	if s.close != nil {
		s.close()
	}
	return s.db.Close()
}

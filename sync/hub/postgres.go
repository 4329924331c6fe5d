package hub

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/stdlib" // PostgreSQL through database/sql, so both stores share their SQL
)

// OpenPostgres connects to PostgreSQL with a DSN such as
// "postgres://hub:secret@db.example:5432/loket?sslmode=verify-full" and brings the schema up
// to date. Several hub instances may share one database: the unique constraints and
// per-key advisory locks make them agree.
func OpenPostgres(ctx context.Context, dsn string) (Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("hub store: postgres: %w", err)
	}
	// Enough connections for concurrent kiosks without exhausting the server's default
	// max_connections (100) when a few hub instances share it.
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("hub store: postgres: %w", err)
	}
	s := &sqlStore{db: db, now: time.Now, d: dialect{
		name:           "postgres",
		rebind:         rebindDollar,
		tryLocks:       pgTryLocks,
		lockMigrations: pgLockMigrations,
	}}
	s.commit = s.plainCommit
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("hub store: postgres: %w", err)
	}
	return s, nil
}

var _ = stdlib.GetDefaultDriver // the import registers the "pgx" driver

// rebindDollar numbers the ? placeholders as $1, $2, … (the queries have no ? in literals).
func rebindDollar(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pgTryLocks takes a transaction-scoped advisory lock per key, named after the kiosk and
// the key, in one statement. A second hub instance handling the same key at the same
// moment does not wait for the first (and never deadlocks on a batch in another order): it
// answers 409 and the kiosk retries, then gets the stored result.
func pgTryLocks(ctx context.Context, tx *sql.Tx, kioskID string, items []Item) (map[string]bool, error) {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.Key
	}
	rows, err := tx.QueryContext(ctx, `SELECT k FROM unnest($1::text[]) AS k
		WHERE NOT pg_try_advisory_xact_lock(hashtextextended($2 || '/' || k, 0))`, keys, kioskID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	busy := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		busy[k] = true
	}
	return busy, rows.Err()
}

// migrationLockID is an arbitrary constant advisory lock id for schema migrations.
const migrationLockID = 0x4c6f6b6574 // "Loket"

func pgLockMigrations(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLockID)
	return err
}

package kiosk

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // the kiosk's storage engine
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store keeps drafts and submissions in one SQLite file on the kiosk.
//
// Durability: synchronous=FULL. A kiosk in a library is switched off at the wall, and a
// citizen who tapped Continue or Submit was told their answer is stored; with NORMAL the last
// commits may roll back after a power cut (FYNE-NOTES.md). FULL costs one extra fsync of the
// WAL per commit, which BenchmarkSaveAnswer measures against a bare INSERT.
type Store struct {
	db        *sql.DB
	seal      *sealer
	now       func() time.Time
	kioskCode string
	epoch     string
}

// StoreOptions configure a Store.
type StoreOptions struct {
	KioskCode string           // starts every reference number; see ValidKioskCode
	Now       func() time.Time // the clock; time.Now when nil
	// Key encrypts the answers (32 bytes). When nil, the key is read from KeyFile, which is
	// created with a new key at first start; KeyFile defaults to the database path + ".key".
	Key     []byte
	KeyFile string
}

// DSN returns the go-sqlite3 data source name with the pragmas the kiosk relies on: WAL so
// reads never wait for a write, a busy timeout instead of "database is locked", foreign keys,
// FULL synchronous (see Store), BEGIN IMMEDIATE for every transaction so two writers
// queue at the start instead of failing at the first write, and secure_delete so a deleted
// draft's pages are overwritten, not left readable in the file.
func DSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_journal_mode=WAL&_busy_timeout=10000&_foreign_keys=on&_synchronous=FULL&_txlock=immediate&_secure_delete=on"
}

// OpenStore opens (creating if needed) the database at path and brings its schema up to date.
func OpenStore(path string, opts StoreOptions) (*Store, error) {
	if !ValidKioskCode(opts.KioskCode) {
		return nil, fmt.Errorf("store: kiosk code %q: use 2 to 6 letters and digits, without I, L, O or U", opts.KioskCode)
	}
	key := opts.Key
	if key == nil {
		keyFile := opts.KeyFile
		if keyFile == "" {
			keyFile = path + ".key"
		}
		var err error
		if key, err = LoadOrCreateKey(keyFile); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	seal, err := newSealer(key)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	db, err := sql.Open("sqlite3", DSN(path))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{db: db, seal: seal, now: opts.Now, kioskCode: opts.KioskCode}
	if s.now == nil {
		s.now = time.Now
	}
	if err := Migrate(db, SchemaVersion()); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	if s.epoch, err = s.ensureEpoch(); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	if err := s.sealLegacy(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: encrypt older answers: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB gives tests and maintenance commands the database handle.
func (s *Store) DB() *sql.DB { return s.db }

// KioskCode returns the code that starts this kiosk's reference numbers.
func (s *Store) KioskCode() string { return s.kioskCode }

func (s *Store) ensureEpoch() (string, error) {
	_, err := s.db.Exec(`INSERT INTO kiosk_meta(key, value) VALUES('epoch', ?) ON CONFLICT DO NOTHING`, randomSymbols(2))
	if err != nil {
		return "", fmt.Errorf("create epoch: %w", err)
	}
	var epoch string
	err = s.db.QueryRow(`SELECT value FROM kiosk_meta WHERE key = 'epoch'`).Scan(&epoch)
	return epoch, err
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() []migration {
	entries, _ := fs.ReadDir(migrationFiles, "migrations")
	var out []migration
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			continue
		}
		body, _ := migrationFiles.ReadFile("migrations/" + e.Name())
		out = append(out, migration{version: n, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out
}

// SchemaVersion is the newest schema version this build knows.
func SchemaVersion() int {
	m := migrations()
	return m[len(m)-1].version
}

// Migrate brings the schema to version target in one transaction: either every pending
// migration is applied, or none. The version lives in PRAGMA user_version.
func Migrate(db *sql.DB, target int) error {
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRow(`PRAGMA user_version`).Scan(&current); err != nil {
		return fmt.Errorf("migrate: read version: %w", err)
	}
	if current > SchemaVersion() {
		return fmt.Errorf("migrate: the database has schema version %d, newer than this program's %d", current, SchemaVersion())
	}
	for _, m := range migrations() {
		if m.version <= current || m.version > target {
			continue
		}
		if _, err := tx.Exec(m.sql); err != nil {
			return fmt.Errorf("migrate: %s: %w", m.name, err)
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, m.version)); err != nil {
			return fmt.Errorf("migrate: %s: %w", m.name, err)
		}
	}
	rows, err := tx.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("migrate: foreign key check: %w", err)
	}
	broken := rows.Next()
	rows.Close()
	if broken {
		return errors.New("migrate: foreign key check failed")
	}
	return tx.Commit()
}

func unix(t time.Time) int64 { return t.UTC().Unix() }

func fromUnix(n int64) time.Time { return time.Unix(n, 0).UTC() }

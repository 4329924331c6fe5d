// Package hubtest starts real hubs for tests: an HTTP server on a loopback port in front
// of a real store, SQLite in a temporary folder or PostgreSQL in a fresh schema. Nothing is
// mocked; tests talk to the hub over TCP as a kiosk does.
package hubtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/assets"
	"loket/sync/hub"
)

// PGEnv names the environment variable with the DSN of the test PostgreSQL
// (scripts/setup-postgres.sh prints it).
const PGEnv = "LOKET_TEST_PG_DSN"

// Backend opens a fresh, empty store and closes it when the test ends.
type Backend struct {
	Name string
	Open func(t testing.TB) hub.Store
}

// Backends returns both stores, so one test runs against each (as subtests).
func Backends() []Backend {
	return []Backend{{"sqlite", SQLite}, {"postgres", Postgres}}
}

// SQLite opens a hub store in a file under t.TempDir().
func SQLite(t testing.TB) hub.Store {
	t.Helper()
	s, err := hub.OpenSQLite(filepath.Join(t.TempDir(), "hub.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// PostgresDSN returns the DSN of a fresh schema in the test database, dropped when the
// test ends. Without LOKET_TEST_PG_DSN it fails the test in CI (CI=true: nothing may be
// skipped there) and skips it elsewhere, saying how to run it.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(PGEnv)
	if dsn == "" {
		msg := PGEnv + " is not set: run `export " + PGEnv + "=\"$(scripts/setup-postgres.sh)\"` to test against PostgreSQL"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("postgres at %s: %v", PGEnv, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	return withSearchPath(dsn, schema)
}

// withSearchPath adds search_path to a URL or key=value DSN; pgx sends it as a run-time
// parameter, so every connection of the pool works in the schema.
func withSearchPath(dsn, schema string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return strings.TrimSpace(dsn) + " search_path=" + schema
}

// Postgres opens a hub store in a fresh schema of the test PostgreSQL.
func Postgres(t testing.TB) hub.Store {
	t.Helper()
	s, err := hub.OpenPostgres(context.Background(), PostgresDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Hub is a running hub.
type Hub struct {
	URL    string
	Addr   string
	Store  hub.Store
	Server *hub.Server
	http   *http.Server
}

// Catalogue loads the shipped catalogue, plus extraDir when given.
func Catalogue(t testing.TB, extraDir string) *hub.Catalogue {
	t.Helper()
	cat, problems := hub.LoadCatalogue(assets.Services(), extraDir)
	if len(problems) > 0 {
		t.Fatalf("catalogue: %v", problems)
	}
	return cat
}

// Start serves a hub over store on a free loopback port until the test ends.
func Start(t testing.TB, store hub.Store) *Hub {
	t.Helper()
	return StartAt(t, store, "127.0.0.1:0", Catalogue(t, ""))
}

// StartAt serves a hub on addr (e.g. the port of a hub that was stopped, to bring it back).
func StartAt(t testing.TB, store hub.Store, addr string, cat *hub.Catalogue) *Hub {
	t.Helper()
	var ln net.Listener
	var err error
	deadline := time.Now().Add(5 * time.Second)
	for {
		// A port just released can stay busy for a moment; retry until the deadline.
		if ln, err = net.Listen("tcp", addr); err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	srv := hub.NewServer(hub.Options{Store: store, Catalogue: cat})
	h := &Hub{URL: "http://" + ln.Addr().String(), Addr: ln.Addr().String(), Store: store, Server: srv,
		http: hub.NewHTTPServer(srv.Handler())}
	go func() { _ = h.http.Serve(ln) }()
	t.Cleanup(h.Stop)
	return h
}

// Stop closes the listener and every connection at once, as a crash would.
func (h *Hub) Stop() { _ = h.http.Close() }

// AddKiosk registers a kiosk and returns its token.
func (h *Hub) AddKiosk(t testing.TB, id string) string {
	t.Helper()
	return AddToken(t, h.Store, hub.RoleKiosk, id)
}

// AddStaff returns a staff token.
func (h *Hub) AddStaff(t testing.TB, name string) string {
	t.Helper()
	return AddToken(t, h.Store, hub.RoleStaff, name)
}

// AddToken stores a new token's hash and returns the token.
func AddToken(t testing.TB, s hub.Store, role hub.Role, subject string) string {
	t.Helper()
	token := hub.NewToken()
	err := s.AddToken(context.Background(), hub.Token{Hash: hub.HashToken(token), Role: role, Subject: subject, CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// Count returns how many submissions the store holds.
func Count(t testing.TB, s hub.Store) int {
	t.Helper()
	n, err := s.CountSubmissions(context.Background())
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	return n
}

package hub_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/kiosk"
	"loket/sync/hub"
	"loket/sync/hub/hubtest"
	"loket/sync/wire"
)

// call sends one request to a running hub and returns the status, headers and body.
type call struct {
	method, path, token, contentType string
	header                           map[string]string
	body                             []byte
}

func (c call) do(t testing.TB, h *hubtest.Hub) (int, http.Header, []byte) {
	t.Helper()
	if c.method == "" {
		c.method = http.MethodPost
	}
	req, err := http.NewRequest(c.method, h.URL+c.path, bytes.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.contentType == "" && c.body != nil {
		c.contentType = "application/json"
	}
	if c.contentType != "" {
		req.Header.Set("Content-Type", c.contentType)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, body
}

// post sends one submission with its key.
func post(t testing.TB, h *hubtest.Hub, token, key string, body []byte) (int, http.Header, []byte) {
	t.Helper()
	return call{path: wire.PathSubmissions, token: token, body: body,
		header: map[string]string{wire.HeaderIdempotencyKey: key}}.do(t, h)
}

func problems(t testing.TB, body []byte) wire.ProblemDetails {
	t.Helper()
	var pd wire.ProblemDetails
	if err := json.Unmarshal(body, &pd); err != nil {
		t.Fatalf("not a problem document: %s", body)
	}
	return pd
}

func hasCode(pd wire.ProblemDetails, field, code string) bool {
	for _, p := range pd.Problems {
		if p.Code == code && (field == "" || p.Field == field) {
			return true
		}
	}
	return false
}

func TestAuth(t *testing.T) {
	h := hubtest.Start(t, hubtest.SQLite(t))
	gnt := h.AddKiosk(t, "GNT01")
	other := h.AddKiosk(t, "BRG01")
	staff := h.AddStaff(t, "an")
	cat := hubtest.Catalogue(t, "").Services
	body := hubtest.Submission(t, cat, "GNT01", "general-question", 1).Encode()
	for _, c := range []struct {
		name, token string
		status      int
		code        string
	}{
		{"no token", "", 401, wire.CodeTokenMissing},
		{"wrong token", hub.NewToken(), 401, wire.CodeTokenRefused},
		{"the token's hash", hub.HashToken(gnt), 401, wire.CodeTokenRefused},
		{"another kiosk's token", other, 403, wire.CodeKioskMismatch},
		{"a staff token", staff, 403, wire.CodeForbidden},
	} {
		status, hdr, resp := post(t, h, c.token, hubtest.Key(), body)
		if status != c.status || !hasCode(problems(t, resp), "", c.code) {
			t.Errorf("%s: %d %s, want %d %s", c.name, status, resp, c.status, c.code)
		}
		if status == 401 && !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: no WWW-Authenticate challenge", c.name)
		}
	}
	if n := hubtest.Count(t, h.Store); n != 0 {
		t.Fatalf("%d stored by refused requests", n)
	}
	if status, _, _ := (call{method: "GET", path: wire.PathExport, token: gnt}).do(t, h); status != 403 {
		t.Fatalf("a kiosk reads the export: %d", status)
	}
	if status, _, _ := (call{method: "GET", path: wire.PathExport, token: staff}).do(t, h); status != 200 {
		t.Fatalf("staff export: %d", status)
	}
	if status, _, resp := post(t, h, gnt, hubtest.Key(), body); status != 201 {
		t.Fatalf("the right token: %d %s", status, resp)
	}
	if n, _ := h.Store.RevokeTokens(context.Background(), hub.RoleKiosk, "GNT01", time.Now()); n != 1 {
		t.Fatal("revoke")
	}
	if status, _, _ := post(t, h, gnt, hubtest.Key(), body); status != 401 {
		t.Fatalf("a revoked token: %d", status)
	}
}

// Tokens are stored as hashes: the token appears nowhere in the database file.
func TestTokensNotStoredInClear(t *testing.T) {
	dir := t.TempDir()
	s, err := hub.OpenSQLite(filepath.Join(dir, "hub.db"))
	if err != nil {
		t.Fatal(err)
	}
	token := hubtest.AddToken(t, s, hub.RoleKiosk, "GNT01")
	s.Close()
	db, err := sql.Open("sqlite3", kiosk.DSN(filepath.Join(dir, "hub.db")))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var hash string
	if err := db.QueryRow(`SELECT hash FROM tokens WHERE subject = 'GNT01'`).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if hash == token || strings.Contains(hash, token) || hash != hub.HashToken(token) {
		t.Fatalf("stored %q for token %q", hash, token)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM tokens WHERE hash = ? OR subject = ?`, token, token).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the token is in the database: %d %v", n, err)
	}
}

func TestIdempotency(t *testing.T) {
	for _, b := range hubtest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			h := hubtest.Start(t, b.Open(t))
			token := h.AddKiosk(t, "GNT01")
			cat := hubtest.Catalogue(t, "").Services
			sub := hubtest.Submission(t, cat, "GNT01", "general-question", 1)
			key := hubtest.Key()
			status, hdr, first := post(t, h, token, key, sub.Encode())
			if status != 201 || hdr.Get(wire.HeaderReplayed) != "" {
				t.Fatalf("first: %d %s", status, first)
			}
			// The same submission, differently formatted: the same request.
			var loose bytes.Buffer
			_ = json.Indent(&loose, sub.Encode(), "", "   ")
			status, hdr, again := post(t, h, token, key, loose.Bytes())
			if status != 201 || hdr.Get(wire.HeaderReplayed) != "true" || string(again) != string(first) {
				t.Fatalf("replay: %d %s, want the stored answer %s", status, again, first)
			}
			changed := sub
			changed.Lang = "fr"
			status, _, resp := post(t, h, token, key, changed.Encode())
			if status != 422 || !hasCode(problems(t, resp), "", wire.CodeKeyReused) {
				t.Fatalf("same key, other body: %d %s", status, resp)
			}
			status, _, resp = post(t, h, token, hubtest.Key(), sub.Encode())
			if status != 422 || !hasCode(problems(t, resp), "reference", wire.CodeReferenceTaken) {
				t.Fatalf("same reference, other key: %d %s", status, resp)
			}
			if n := hubtest.Count(t, h.Store); n != 1 {
				t.Fatalf("%d stored, want 1", n)
			}
		})
	}
}

// A request whose key is still being handled gets 409. The first request is held in the
// middle of its transaction by a lock the test takes on the database itself.
func TestInProgress(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "hub.db")
		s, err := hub.OpenSQLite(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		lock, err := sql.Open("sqlite3", kiosk.DSN(path))
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Close()
		testInProgress(t, s, func() func() error {
			tx, err := lock.Begin() // BEGIN IMMEDIATE: the hub's writer now waits
			if err != nil {
				t.Fatal(err)
			}
			return tx.Rollback
		}, true)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := hubtest.PostgresDSN(t)
		s, err := hub.OpenPostgres(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		lock, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Close()
		testInProgress(t, s, func() func() error {
			tx, err := lock.Begin()
			if err != nil {
				t.Fatal(err)
			}
			// Another hub instance has claimed the key: its advisory lock is held.
			if _, err := tx.Exec(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, "GNT01/"+inProgressKey); err != nil {
				t.Fatal(err)
			}
			return tx.Rollback
		}, false)
	})
}

const inProgressKey = "0123456789abcdef0123456789abcdef"

func testInProgress(t *testing.T, s hub.Store, hold func() (release func() error), sameInstance bool) {
	h := hubtest.Start(t, s)
	token := h.AddKiosk(t, "GNT01")
	body := hubtest.Submission(t, hubtest.Catalogue(t, "").Services, "GNT01", "general-question", 1).Encode()
	release := hold()
	first := make(chan int, 1)
	if sameInstance {
		// The first request is stuck in this hub's transaction; wait until the hub says so.
		go func() {
			status, _, _ := post(t, h, token, inProgressKey, body)
			first <- status
		}()
		deadline := time.Now().Add(10 * time.Second)
		for {
			_, _, m := call{method: "GET", path: "/metrics"}.do(t, h)
			if strings.Contains(string(m), "loket_hub_submissions_in_flight 1") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the first request never got in flight")
			}
		}
	} else {
		first <- 0 // the first request is another instance's, holding the lock
	}
	status, _, resp := post(t, h, token, inProgressKey, body)
	if status != 409 || !hasCode(problems(t, resp), "", wire.CodeInProgress) {
		t.Fatalf("while the key is busy: %d %s, want 409", status, resp)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	select {
	case status := <-first:
		if status != 201 && status != 0 {
			t.Fatalf("the held request: %d", status)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the held request never finished")
	}
	status, hdr, resp := post(t, h, token, inProgressKey, body)
	if status != 201 || (sameInstance && hdr.Get(wire.HeaderReplayed) != "true") {
		t.Fatalf("after the lock: %d %s", status, resp)
	}
	if n := hubtest.Count(t, h.Store); n != 1 {
		t.Fatalf("%d stored, want 1", n)
	}
}

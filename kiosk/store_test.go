package kiosk_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"loket/kiosk"
	"loket/kiosk/kiosktest"
)

// fixtures insert data that is valid at a schema version, so the upgrade test can check it
// survives every later migration.
var fixtures = map[int]string{
	1: `INSERT INTO drafts(id, service_id, service_version, lang, position, created_at, updated_at)
	        VALUES(7, 'test-service', 1, 'nl', 'rrn', 1773800000, 1773800000);
	    INSERT INTO answers(draft_id, step_id, value) VALUES(7, 'car', 'no');`,
	2: `UPDATE drafts SET resume_code = 'ABC-DEFG', expires_at = 1900000000 WHERE id = 7;`,
	3: `INSERT INTO submissions(seq, reference, idempotency_key, kiosk_id, service_id, service_version, lang,
	        answers, submitted_at) VALUES(1, 'TST01-AA00-001X', 'k1', 'TST01', 'test-service', 1, 'nl', '{}', 1773800000);
	    INSERT INTO kiosk_meta(key, value) VALUES('next_seq', '2');`,
	4: `INSERT INTO outbox(seq) VALUES(1);`, // from version 4 on, every submission is queued with it
}

func TestUpgradeFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	for from := 0; from < kiosk.SchemaVersion(); from++ {
		t.Run(fmt.Sprintf("from%d", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			db, err := sql.Open("sqlite3", kiosk.DSN(path))
			if err != nil {
				t.Fatal(err)
			}
			if err := kiosk.Migrate(db, from); err != nil {
				t.Fatal(err)
			}
			for v := 1; v <= from; v++ {
				if _, err := db.Exec(fixtures[v]); err != nil {
					t.Fatalf("fixture %d: %v", v, err)
				}
			}
			db.Close()
			clock := kiosktest.NewClock(kiosktest.Day)
			s, err := kiosk.OpenStore(path, kiosk.StoreOptions{KioskCode: "TST01", Now: clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var version int
			if err := s.DB().QueryRow(`PRAGMA user_version`).Scan(&version); err != nil || version != kiosk.SchemaVersion() {
				t.Fatalf("version %d (%v), want %d", version, err, kiosk.SchemaVersion())
			}
			if from >= 1 {
				a, err := s.DraftAnswers(ctx, 7)
				if err != nil || a["car"] != "no" {
					t.Fatalf("the old draft's answers survive the upgrade: %v %v", a, err)
				}
			}
			sub := &kiosk.Submission{ServiceID: "test-service", ServiceVersion: 1, Lang: kiosk.NL,
				Answers: kiosk.Answers{"car": "no"}, SubmittedAt: clock.Now()}
			if err := s.Submit(ctx, 7, sub); err != nil {
				t.Fatalf("submit after upgrade: %v", err)
			}
			var queued int
			if err := s.DB().QueryRow(`SELECT count(*) FROM outbox WHERE state = 'pending'`).Scan(&queued); err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: 2, false: 1}[from >= 3]; queued != want {
				t.Fatalf("%d submissions queued for the hub, want %d (old ones too)", queued, want)
			}
		})
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, _ := sql.Open("sqlite3", kiosk.DSN(path))
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, kiosk.SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err := kiosk.OpenStore(path, kiosk.StoreOptions{KioskCode: "TST01"})
	if err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("a database from a newer program is refused, got %v", err)
	}
}

func TestReferencesNeverRepeat(t *testing.T) {
	ctx := context.Background()
	clock := kiosktest.NewClock(kiosktest.Day)
	path := filepath.Join(t.TempDir(), "k.db")
	seen := map[string]bool{}
	for round := 0; round < 2; round++ { // reopening keeps the sequence
		s, err := kiosk.OpenStore(path, kiosk.StoreOptions{KioskCode: "TST01", Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		for range 50 {
			sub := &kiosk.Submission{ServiceID: "x", ServiceVersion: 1, Lang: kiosk.NL, SubmittedAt: clock.Now()}
			if err := s.Submit(ctx, 0, sub); err != nil {
				t.Fatal(err)
			}
			if seen[sub.Reference] || seen[sub.IdempotencyKey] {
				t.Fatalf("%s issued twice", sub.Reference)
			}
			seen[sub.Reference], seen[sub.IdempotencyKey] = true, true
		}
		s.Close()
	}
}

func TestPurgeDrafts(t *testing.T) {
	ctx := context.Background()
	clock := kiosktest.NewClock(kiosktest.Day)
	s := kiosktest.Store(t, clock)
	saved, unsaved := &kiosk.Draft{ServiceID: "x", Lang: kiosk.NL}, &kiosk.Draft{ServiceID: "x", Lang: kiosk.NL}
	for _, d := range []*kiosk.Draft{saved, unsaved} {
		if err := s.CreateDraft(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	code, err := s.SaveForLater(ctx, saved.ID, clock.Now().AddDate(0, 0, 2))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.PurgeDrafts(ctx, clock.Now().Add(time.Second)); err != nil || n != 1 {
		t.Fatalf("purge removes the abandoned unsaved draft only: %d %v", n, err)
	}
	clock.Advance(49 * time.Hour)
	if n, err := s.PurgeDrafts(ctx, clock.Now().Add(-time.Hour)); err != nil || n != 1 {
		t.Fatalf("purge removes the expired saved draft: %d %v", n, err)
	}
	if _, err := s.ResumeDraft(ctx, code); err != kiosk.ErrNoDraft {
		t.Fatalf("purged draft: %v", err)
	}
}

// The crash test: a child process saves answers in a loop and reports each one after its
// commit; it is killed with SIGKILL mid-loop. Every answer it reported must be there, and
// the database must pass integrity_check.
func TestCrashWhileSaving(t *testing.T) {
	if path := os.Getenv("LOKET_CRASH_CHILD_DB"); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWhileSaving$")
	cmd.Env = append(os.Environ(), "LOKET_CRASH_CHILD_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reported := map[string]string{}
	var draftID int64
	lines := bufio.NewScanner(out)
	for lines.Scan() && len(reported) < 300 {
		f := strings.Fields(lines.Text())
		switch {
		case len(f) == 2 && f[0] == "draft":
			draftID, _ = strconv.ParseInt(f[1], 10, 64)
		case len(f) == 3 && f[0] == "saved":
			reported[f[1]] = f[2]
		}
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	if len(reported) < 300 {
		t.Fatalf("the child reported only %d saves", len(reported))
	}
	s, err := kiosk.OpenStore(path, kiosk.StoreOptions{KioskCode: "TST01"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var check string
	if err := s.DB().QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q %v", check, err)
	}
	got, err := s.DraftAnswers(context.Background(), draftID)
	if err != nil {
		t.Fatal(err)
	}
	for step, v := range reported {
		if got[step] != v {
			t.Fatalf("answer %s reported saved as %q, found %q", step, v, got[step])
		}
	}
}

func crashChild(path string) {
	ctx := context.Background()
	s, err := kiosk.OpenStore(path, kiosk.StoreOptions{KioskCode: "TST01"})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	d := &kiosk.Draft{ServiceID: "test-service", Lang: kiosk.NL}
	if err := s.CreateDraft(ctx, d); err != nil {
		os.Exit(1)
	}
	fmt.Println("draft", d.ID)
	for i := 0; ; i++ {
		step, value := fmt.Sprintf("q%d", i%500), fmt.Sprintf("v%d", i)
		if err := s.SaveAnswer(ctx, d.ID, step, value, step); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("saved", step, value)
	}
}

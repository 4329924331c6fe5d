package outbox_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"loket/kiosk"
	"loket/sync/hub/hubtest"
	"loket/sync/outbox"
)

// The crash test: a kiosk process syncing 1,000 submissions is killed with SIGKILL in the
// middle, twice, and started again each time. Whatever the kill interrupted (a request in
// flight, the hub's commit, the kiosk recording the answer), the hub ends with every
// submission exactly once and the kiosk's database is intact.
func TestKioskKilledWhileSyncing(t *testing.T) {
	if os.Getenv("LOKET_OUTBOX_CHILD_DB") != "" {
		syncChild()
		return
	}
	if testing.Short() {
		t.Skip("starts child processes")
	}
	h, token := newHub(t, hubtest.SQLite)
	kstore, path := kioskStore(t, "TST01")
	const total = 1000
	hubtest.Submit(t, kstore, hubtest.Catalogue(t, "").Services, total)
	kstore.Close()

	for _, killAt := range []int{total / 5, total * 3 / 5} {
		child := startChild(t, path, h.URL, token)
		waitFor(t, fmt.Sprintf("%d on the hub", killAt), 60*time.Second, func() bool { return hubtest.Count(t, h.Store) >= killAt })
		_ = child.Process.Signal(syscall.SIGKILL)
		_ = child.Wait()
		if n := hubtest.Count(t, h.Store); n >= total {
			t.Fatalf("the child finished (%d) before it was killed: kill earlier", n)
		}
	}
	last := startChild(t, path, h.URL, token)
	done := make(chan error, 1)
	go func() { done <- last.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the restarted kiosk: %v", err)
		}
	case <-time.After(90 * time.Second):
		_ = last.Process.Kill()
		t.Fatal("the restarted kiosk never emptied its queue")
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
	assertDelivered(t, s, h.Store)
}

func startChild(t *testing.T, dbPath, url, token string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKioskKilledWhileSyncing$")
	cmd.Env = append(os.Environ(), "LOKET_OUTBOX_CHILD_DB="+dbPath, "LOKET_OUTBOX_CHILD_URL="+url,
		"LOKET_OUTBOX_CHILD_TOKEN="+token)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	if !lines.Scan() || lines.Text() != "syncing" {
		_ = cmd.Process.Kill()
		t.Fatalf("the child did not start: %q", lines.Text())
	}
	go func() { // keep draining so the child never blocks on a full pipe
		for lines.Scan() {
		}
	}()
	return cmd
}

// syncChild is the kiosk process: it opens the database, runs the outbox loop, and exits
// once its queue is empty.
func syncChild() {
	s, err := kiosk.OpenStore(os.Getenv("LOKET_OUTBOX_CHILD_DB"), kiosk.StoreOptions{KioskCode: "TST01"})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	opts := fastOptions(s, os.Getenv("LOKET_OUTBOX_CHILD_URL"), os.Getenv("LOKET_OUTBOX_CHILD_TOKEN"))
	opts.BatchSize = 5
	ob, err := outbox.New(opts)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for range ob.Updates() {
			if st, err := s.OutboxStats(ctx); err == nil && st.Pending == 0 {
				cancel()
				return
			}
		}
	}()
	fmt.Println("syncing")
	if err := ob.Serve(ctx); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	s.Close()
	os.Exit(0)
}

package kiosk_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"loket/kiosk"
)

// TestInstanceLock locks a data folder here, then starts this test binary again as a second
// kiosk, which must be refused while the lock is held and succeed after release.
func TestInstanceLock(t *testing.T) {
	if dir := os.Getenv("LOKET_LOCK_CHILD_DIR"); dir != "" {
		instanceChild(dir)
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	release, err := kiosk.LockInstance(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer release()

	out := secondKiosk(t, dir)
	want := fmt.Sprintf("refused: another Loket kiosk is already running with data folder %s (process %d)", dir, os.Getpid())
	if out != want {
		t.Fatalf("a second kiosk on the same data folder:\n got %q\nwant %q", out, want)
	}
	if _, err := kiosk.LockInstance(dir); !errors.Is(err, kiosk.ErrAlreadyRunning) {
		t.Fatalf("a second lock in the same process is refused too: %v", err)
	}
	if out := secondKiosk(t, t.TempDir()); out != "locked" {
		t.Fatalf("another data folder is free: %q", out)
	}

	release()
	release() // twice does no harm
	if out := secondKiosk(t, dir); out != "locked" {
		t.Fatalf("after release: %q", out)
	}
}

func secondKiosk(t *testing.T, dir string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestInstanceLock$")
	cmd.Env = append(os.Environ(), "LOKET_LOCK_CHILD_DIR="+dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	line, _, _ := strings.Cut(string(out), "\n")
	return line
}

func instanceChild(dir string) {
	release, err := kiosk.LockInstance(dir)
	if err != nil {
		fmt.Println("refused:", err)
		return
	}
	release()
	fmt.Println("locked")
}

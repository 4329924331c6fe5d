package receipttest

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// NeedCUPS returns the PDF queue that scripts/setup-cups.sh made and the folder its PDFs
// land in (LOKET_TEST_CUPS_QUEUE, default LoketPDF; LOKET_TEST_CUPS_PDF_DIR, default
// ~/PDF). Without a running cupsd and that queue the test is skipped, or fails in CI
// (CI=true), where .ci/run runs the script first.
func NeedCUPS(t testing.TB) (queue, outDir string) {
	t.Helper()
	queue = os.Getenv("LOKET_TEST_CUPS_QUEUE")
	if queue == "" {
		queue = "LoketPDF"
	}
	outDir = os.Getenv("LOKET_TEST_CUPS_PDF_DIR")
	if outDir == "" {
		home, _ := os.UserHomeDir()
		outDir = filepath.Join(home, "PDF")
	}
	problem := ""
	if out, err := exec.Command("lpstat", "-r").CombinedOutput(); err != nil || !strings.Contains(string(out), "is running") || strings.Contains(string(out), "not running") {
		problem = "cupsd is not running"
	} else if out, err := exec.Command("lpstat", "-p", queue).CombinedOutput(); err != nil {
		problem = "there is no CUPS queue " + queue + ": " + strings.TrimSpace(string(out))
	}
	if problem != "" {
		msg := problem + "; run scripts/setup-cups.sh (installs cups and cups-pdf, starts cupsd, adds the queue)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return queue, outDir
}

// TempQueue adds a CUPS queue for one test, with the given device URI, and removes it
// when the test ends: a test may then disable it or let it hang without disturbing tests
// that print to the shared PDF queue at the same time.
func TempQueue(t testing.TB, deviceURI string) string {
	t.Helper()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := "LoketTest" + hex.EncodeToString(b)
	if out, err := exec.Command("lpadmin", "-p", name, "-E", "-v", deviceURI).CombinedOutput(); err != nil {
		t.Fatalf("lpadmin -p %s: %v\n%s", name, err, out)
	}
	t.Cleanup(func() {
		_ = exec.Command("cancel", "-a", name).Run()
		_ = exec.Command("lpadmin", "-x", name).Run()
	})
	return name
}

// WaitForPDF returns the path of the first PDF in dir whose name starts with prefix and
// that was written after since, polling until the deadline: cups-pdf writes a second or
// two after lp returns.
func WaitForPDF(t testing.TB, dir, prefix string, since time.Time, within time.Duration) string {
	t.Helper()
	deadline := time.After(within)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		matches, _ := filepath.Glob(filepath.Join(dir, prefix+"*.pdf"))
		for _, m := range matches {
			if st, err := os.Stat(m); err == nil && !st.ModTime().Before(since.Add(-time.Second)) && st.Size() > 0 {
				return m
			}
		}
		select {
		case <-deadline:
			t.Fatalf("no PDF %s* in %s after %s", prefix, dir, within)
		case <-tick.C:
		}
	}
}

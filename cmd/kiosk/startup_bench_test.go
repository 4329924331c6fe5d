package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkStartup starts the kiosk and the fyne-floor baseline (the smallest full-screen
// Fyne window) alternately under the X server in $DISPLAY (Xvfb at 1920×1080), and reports
// the time from exec to first frame and the memory (PSS) one second after it, for each, so
// the ratio comes from one run on one machine. `make bench` runs it under Xvfb.
func BenchmarkStartup(b *testing.B) {
	if os.Getenv("DISPLAY") == "" {
		b.Skip("needs an X server: run under Xvfb (make bench)")
	}
	dir := b.TempDir()
	bins := map[string]string{"kiosk": filepath.Join(dir, "kiosk"), "floor": filepath.Join(dir, "floor")}
	for name, pkg := range map[string]string{"kiosk": ".", "floor": "../fyne-floor"} {
		if out, err := exec.Command("go", "build", "-o", bins[name], pkg).CombinedOutput(); err != nil {
			b.Fatalf("build %s: %v\n%s", name, err, out)
		}
	}
	cfg := filepath.Join(dir, "loket.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("[kiosk]\nid = \"GNT01\"\ndata_dir = %q\n", filepath.Join(dir, "data"))), 0o600)
	var start, pss = map[string]time.Duration{}, map[string]float64{}
	for range b.N {
		for _, name := range []string{"floor", "kiosk"} {
			d, mib := startOnce(b, bins[name], cfg)
			start[name] += d
			pss[name] += mib
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(start["kiosk"].Milliseconds())/n, "kiosk-ms")
	b.ReportMetric(float64(start["floor"].Milliseconds())/n, "floor-ms")
	b.ReportMetric(float64(start["kiosk"])/float64(start["floor"]), "start-ratio")
	b.ReportMetric(pss["kiosk"]/n, "kiosk-PSS-MiB")
	b.ReportMetric(pss["floor"]/n, "floor-PSS-MiB")
	b.ReportMetric(pss["kiosk"]/pss["floor"], "PSS-ratio")
}

// startOnce runs one program until it reports its first frame, reads its PSS a second
// later, and stops it.
func startOnce(b *testing.B, bin, cfg string) (time.Duration, float64) {
	cmd := exec.Command(bin, "-config", cfg)
	cmd.Env = append(os.Environ(), "LOKET_REPORT_FIRST_FRAME=1")
	out, _ := cmd.StdoutPipe()
	began := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if lines.Text() == "first-frame" {
			break
		}
	}
	took := time.Since(began)
	time.Sleep(time.Second) // let the process settle before reading its memory
	return took, readPSS(b, cmd.Process.Pid)
}

func readPSS(b *testing.B, pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "Pss:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	b.Fatal("no Pss in smaps_rollup")
	return 0
}

package main

import (
	"context"
	"io"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"loket/kiosk/receipt/pdf"
)

// BenchmarkExport500 exports 500 confirmations (A4 PDF and CSV) and reports the peak heap
// during the export, sampled every 5 ms, and the process's peak resident memory (an upper
// bound: it includes making the 500 submissions), besides the time per export.
func BenchmarkExport500(b *testing.B) {
	config, _ := exportKiosk(b, 500, "")
	s, err := load(config)
	if err != nil {
		b.Fatal(err)
	}
	defer s.store.Close()
	x := export{store: s.store, docs: receiptBuilder(s), format: pdf.A4, progress: io.Discard}
	day, _ := parseDay("2026-03-18")
	dir := b.TempDir()
	var peak uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runtime.GC()
		stop, sampled := sampleHeap()
		n, err := x.run(context.Background(), day, day.AddDate(0, 0, 1), "", filepath.Join(dir, "x.pdf"), filepath.Join(dir, "x.csv"))
		close(stop)
		peak = max(peak, <-sampled)
		if err != nil || n != 500 {
			b.Fatalf("%d %v", n, err)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "maxrss-MB") // the whole test process, set-up included
	}
}

// sampleHeap records the largest HeapAlloc until stop is closed.
func sampleHeap() (chan struct{}, chan uint64) {
	stop, out := make(chan struct{}), make(chan uint64, 1)
	var once sync.Once
	go func() {
		var peak uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
			select {
			case <-stop:
				once.Do(func() { out <- peak })
				return
			case <-tick.C:
			}
		}
	}()
	return stop, out
}

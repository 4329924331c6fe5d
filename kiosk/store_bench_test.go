package kiosk_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"loket/kiosk"
	"loket/kiosk/kiosktest"
)

// BenchmarkDurableSave compares what a citizen's Continue costs (Store.SaveAnswer: an upsert
// of the answer and the draft's position in one BEGIN IMMEDIATE transaction) with the
// cheapest durable write SQLite offers: one single-row INSERT with the same pragmas (WAL,
// synchronous=FULL), in a file on the same disk. Both are dominated by fsync, whose cost
// drifts with whatever else uses the disk, so the two alternate write by write and the
// ratio of their totals is reported.
func BenchmarkDurableSave(b *testing.B) {
	ctx := context.Background()
	store := kiosktest.Store(b, kiosktest.NewClock(kiosktest.Day))
	d := &kiosk.Draft{ServiceID: "bench", Lang: kiosk.NL}
	if err := store.CreateDraft(ctx, d); err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("sqlite3", kiosk.DSN(filepath.Join(b.TempDir(), "raw.db")))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)`); err != nil {
		b.Fatal(err)
	}
	var inStore, inRaw time.Duration
	b.ResetTimer()
	for i := range b.N {
		step := fmt.Sprintf("q%d", i%20)
		t0 := time.Now()
		if err := store.SaveAnswer(ctx, d.ID, step, "85073003328", step); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := db.Exec(`INSERT INTO t(v) VALUES(?)`, "85073003328"); err != nil {
			b.Fatal(err)
		}
		inStore, inRaw = inStore+t1.Sub(t0), inRaw+time.Since(t1)
	}
	b.ReportMetric(float64(inStore.Microseconds())/float64(b.N), "save-µs")
	b.ReportMetric(float64(inRaw.Microseconds())/float64(b.N), "insert-µs")
	b.ReportMetric(float64(inStore)/float64(inRaw), "ratio")
}

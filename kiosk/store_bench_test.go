package kiosk_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"loket/kiosk"
	"loket/kiosk/kiosktest"
)

// BenchmarkDurableSave compares what a citizen's Continue costs (Store.SaveAnswer: an upsert
// of the answer and the draft's position in one BEGIN IMMEDIATE transaction) with the
// cheapest durable write SQLite offers: one single-row INSERT with the same pragmas
// (WAL, synchronous=FULL). Run both in the same invocation and compare ns/op.
func BenchmarkDurableSave(b *testing.B) {
	b.Run("store-save-answer", func(b *testing.B) {
		ctx := context.Background()
		store := kiosktest.Store(b, kiosktest.NewClock(kiosktest.Day))
		d := &kiosk.Draft{ServiceID: "bench", Lang: kiosk.NL}
		if err := store.CreateDraft(ctx, d); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := range b.N {
			step := fmt.Sprintf("q%d", i%20)
			if err := store.SaveAnswer(ctx, d.ID, step, "85073003328", step); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw-insert", func(b *testing.B) {
		db, err := sql.Open("sqlite3", kiosk.DSN(filepath.Join(b.TempDir(), "raw.db")))
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)`); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for range b.N {
			if _, err := db.Exec(`INSERT INTO t(v) VALUES(?)`, "85073003328"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

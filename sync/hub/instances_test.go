package hub_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"loket/sync/hub"
	"loket/sync/hub/hubtest"
	"loket/sync/wire"
)

// Two hub instances share one PostgreSQL database, as behind a load balancer, and both
// receive every submission at the same moment (a kiosk that timed out on one and retried
// on the other). Each submission must be stored once, and both must answer with the same
// receipt once the race is over.
func TestTwoInstancesOnePostgres(t *testing.T) {
	dsn := hubtest.PostgresDSN(t)
	ctx := context.Background()
	var hubs [2]*hubtest.Hub
	for i := range hubs {
		s, err := hub.OpenPostgres(ctx, dsn) // both migrate at once: the advisory lock serializes them
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		hubs[i] = hubtest.Start(t, s)
	}
	token := hubs[0].AddKiosk(t, "GNT01")
	cat := hubtest.Catalogue(t, "").Services
	const n = 200
	type sent struct {
		key  string
		body []byte
	}
	subs := make([]sent, n)
	for i := range subs {
		subs[i] = sent{hubtest.Key(), hubtest.Submission(t, cat, "GNT01", "general-question", i+1).Encode()}
	}
	receipts := make([][2]wire.Receipt, n)
	var wg sync.WaitGroup
	errs := make(chan string, 2*n)
	for i := range subs {
		for j := range hubs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				deadline := time.Now().Add(30 * time.Second)
				for {
					status, _, resp := post(t, hubs[j], token, subs[i].key, subs[i].body)
					if status == 201 {
						_ = json.Unmarshal(resp, &receipts[i][j])
						return
					}
					if status != 409 || time.Now().After(deadline) {
						errs <- string(resp)
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatalf("a request failed: %s", e)
	}
	for i, r := range receipts {
		if r[0] != r[1] || r[0].Reference == "" {
			t.Fatalf("submission %d: the instances answered %+v and %+v", i, r[0], r[1])
		}
	}
	records, err := hubs[1].Store.Submissions(ctx, hub.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range records {
		if seen[r.Sub.Reference] {
			t.Fatalf("%s stored twice", r.Sub.Reference)
		}
		seen[r.Sub.Reference] = true
	}
	if len(records) != n {
		t.Fatalf("%d rows, want %d", len(records), n)
	}
}

package hub_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"loket/sync/hub"
	"loket/sync/hub/hubtest"
	"loket/sync/wire"
)

// FuzzSubmissionDecoding throws arbitrary bodies and keys at the submission endpoints: the
// hub must never panic, must answer 201 or a 4xx with a problem document, and must store
// something only when it answered 201. Seeds cover valid bodies and the usual mistakes;
// `go test -fuzz FuzzSubmissionDecoding ./sync/hub` explores further.
func FuzzSubmissionDecoding(f *testing.F) {
	store := hubtest.SQLite(f)
	cat := hubtest.Catalogue(f, "")
	token := hubtest.AddToken(f, store, hub.RoleKiosk, "GNT01")
	srv := hub.NewServer(hub.Options{Store: store, Catalogue: cat}).Handler()
	valid := hubtest.Submission(f, cat.Services, "GNT01", "general-question", 1)
	f.Add(valid.Encode(), "0123456789abcdef0123456789abcdef", false)
	f.Add(hubtest.Submission(f, cat.Services, "GNT01", "proof-of-residence", 2).Encode(), "fedcba9876543210fedcba9876543210", false)
	f.Add([]byte(`{"reference":"GNT01-`), "0123456789abcdef0123456789abcdef", false)
	f.Add([]byte(`{"answers":{"topic":1}}`), "0123456789abcdef0123456789abcdef", false)
	f.Add([]byte(`{"service_version":"1","answers":[]}`), "short", false)
	f.Add([]byte(`null`), "0123456789abcdef0123456789abcdef", false)
	f.Add([]byte("\xff\xfe{}"), "0123456789abcdef0123456789abcdef", false)
	f.Add([]byte(`{"items":[{"idempotency_key":"0123456789abcdef0123456789abcdef","submission":{}}]}`), "", true)
	batch, _ := json.Marshal(wire.BatchRequest{Items: []wire.BatchItem{{IdempotencyKey: "0123456789abcdef0123456789abcdee", Submission: valid.Encode()}}})
	f.Add(batch, "", true)
	f.Fuzz(func(t *testing.T, body []byte, key string, asBatch bool) {
		before := hubtest.Count(t, store)
		path := wire.PathSubmissions
		if asBatch {
			path = wire.PathBatch
		}
		req := httptest.NewRequestWithContext(context.Background(), http.MethodPost, path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(wire.HeaderIdempotencyKey, key)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		after := hubtest.Count(t, store)
		switch {
		case asBatch && rec.Code == 200:
			var br wire.BatchResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &br); err != nil {
				t.Fatalf("batch answer: %v", err)
			}
			created := 0
			for _, r := range br.Results {
				if r.Status == 201 && !r.Replayed {
					created++
				}
			}
			if after-before != created {
				t.Fatalf("stored %d, reported %d created", after-before, created)
			}
		case rec.Code == 201:
			if after < before || after > before+1 {
				t.Fatalf("201 but %d → %d stored", before, after)
			}
		case rec.Code >= 400 && rec.Code < 500:
			var pd wire.ProblemDetails
			if err := json.Unmarshal(rec.Body.Bytes(), &pd); err != nil || pd.Status != rec.Code || len(pd.Problems) == 0 {
				t.Fatalf("%d without a problem document: %s", rec.Code, rec.Body)
			}
			if after != before {
				t.Fatalf("%d but something was stored", rec.Code)
			}
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	})
}

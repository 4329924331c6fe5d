package hub_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"loket/sync/hub"
	"loket/sync/hub/hubtest"
	"loket/sync/wire"
)

// BenchmarkHub200Kiosks has 200 simulated kiosks, each with its own token and connection,
// send single submissions (POST /v1/submissions, as a kiosk does right after a citizen
// submits) as fast as the hub answers, 50 each. It reports the latency percentiles and the
// hub's rate. Run with
//
//	go test -run '^$' -bench Hub200Kiosks -benchtime 1x ./sync/hub
func BenchmarkHub200Kiosks(b *testing.B) {
	for _, be := range hubtest.Backends() {
		b.Run(be.Name, func(b *testing.B) { benchKiosks(b, be.Open) })
	}
}

const (
	benchKioskCount = 200
	benchPerKiosk   = 50
)

func benchKiosks(b *testing.B, open func(testing.TB) hub.Store) {
	var all []time.Duration
	var elapsed time.Duration
	for range b.N {
		b.StopTimer()
		h := hubtest.Start(b, open(b))
		cat := hubtest.Catalogue(b, "").Services
		type kioskLoad struct {
			token  string
			keys   []string
			bodies [][]byte
		}
		kiosks := make([]kioskLoad, benchKioskCount)
		for k := range kiosks {
			id := fmt.Sprintf("K%03d", k)
			kiosks[k].token = h.AddKiosk(b, id)
			for i := range benchPerKiosk {
				svc := cat.Services()[i%len(cat.Services())].ID
				kiosks[k].keys = append(kiosks[k].keys, hubtest.Key())
				kiosks[k].bodies = append(kiosks[k].bodies, hubtest.Submission(b, cat, id, svc, i+1).Encode())
			}
		}
		lat := make([][]time.Duration, benchKioskCount)
		var wg sync.WaitGroup
		errs := make(chan error, benchKioskCount)
		b.StartTimer()
		start := time.Now()
		for k := range kiosks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
				defer client.CloseIdleConnections()
				for i, body := range kiosks[k].bodies {
					t0 := time.Now()
					status, err := postOnce(client, h.URL, kiosks[k].token, kiosks[k].keys[i], body)
					if err != nil || status != 201 {
						errs <- fmt.Errorf("kiosk %d: %d %v", k, status, err)
						return
					}
					lat[k] = append(lat[k], time.Since(t0))
				}
			}()
		}
		wg.Wait()
		elapsed += time.Since(start)
		b.StopTimer()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
		if n := hubtest.Count(b, h.Store); n != benchKioskCount*benchPerKiosk {
			b.Fatalf("%d stored", n)
		}
		for _, l := range lat {
			all = append(all, l...)
		}
		h.Stop()
	}
	slices.Sort(all)
	pct := func(p float64) float64 { return float64(all[int(p*float64(len(all)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "subs/s")
	b.ReportMetric(0, "ns/op")
}

func postOnce(client *http.Client, url, token, key string, body []byte) (int, error) {
	req, err := http.NewRequest(http.MethodPost, url+wire.PathSubmissions, bytesReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(wire.HeaderIdempotencyKey, key)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = discard(resp)
	return resp.StatusCode, nil
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

func discard(resp *http.Response) (int64, error) { return io.Copy(io.Discard, resp.Body) }

package outbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"loket/kiosk"
	"loket/sync/hub/hubtest"
	"loket/sync/outbox"
)

func TestBackoffFullJitterCapped(t *testing.T) {
	top := outbox.Backoff{Base: time.Second, Max: 3 * time.Minute, Rand: func() float64 { return 0.999999 }}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}
	for i, w := range want {
		if d := top.Delay(i + 1); d > w || d < w*99/100 {
			t.Errorf("failure %d: ceiling %s, want %s", i+1, d, w)
		}
	}
	for _, n := range []int{9, 20, 64, 1000} {
		if d := top.Delay(n); d > 3*time.Minute || d < 179*time.Second {
			t.Errorf("failure %d: %s, want the 3 min cap", n, d)
		}
	}
	bottom := top
	bottom.Rand = func() float64 { return 0 }
	if d := bottom.Delay(10); d != 0 {
		t.Errorf("full jitter reaches zero, got %s", d)
	}
	if d := outbox.DefaultBackoff.Delay(50); d < 0 || d > 3*time.Minute {
		t.Errorf("default: %s", d)
	}
}

// kiosk sync status / now / retry, as staff run them.
func TestSyncCommand(t *testing.T) {
	ctx := context.Background()
	h, token := newHub(t, hubtest.SQLite)
	kstore, _ := kioskStore(t, "TST01")
	hubtest.Submit(t, kstore, hubtest.Catalogue(t, "").Services, 3)
	cfg := kiosk.DefaultConfig()
	cfg.Kiosk.ID, cfg.Kiosk.DataDir = "TST01", t.TempDir()
	cfg.Hub.URL, cfg.Hub.Token = h.URL, token
	if err := cfg.Check(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := outbox.RunSyncCommand(ctx, []string{"status"}, &out, kstore, cfg); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "waiting to be sent: 3") || !strings.Contains(out.String(), h.URL) {
		t.Fatalf("status:\n%s", out.String())
	}
	out.Reset()
	if err := outbox.RunSyncCommand(ctx, []string{"now"}, &out, kstore, cfg); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "sent now: 3") || !strings.Contains(out.String(), "waiting to be sent: 0") {
		t.Fatalf("now:\n%s", out.String())
	}
	out.Reset()
	if err := outbox.RunSyncCommand(ctx, []string{"status", "-json"}, &out, kstore, cfg); err != nil {
		t.Fatal(err)
	}
	var st outbox.Status
	if err := json.Unmarshal(out.Bytes(), &st); err != nil || st.Pending != 0 || st.LastSuccess.IsZero() {
		t.Fatalf("status -json: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := outbox.RunSyncCommand(ctx, []string{"retry"}, &out, kstore, cfg); err != nil || !strings.Contains(out.String(), "queued again: 0") {
		t.Fatalf("retry: %v\n%s", err, out.String())
	}
	if err := outbox.RunSyncCommand(ctx, []string{"fly"}, &out, kstore, cfg); err == nil {
		t.Fatal("an unknown subcommand is accepted")
	}
	offline := cfg
	offline.Hub = kiosk.HubConfig{}
	if err := outbox.RunSyncCommand(ctx, []string{"now"}, &out, kstore, offline); err == nil || !strings.Contains(err.Error(), "no hub") {
		t.Fatalf("now without a hub: %v", err)
	}
	assertDelivered(t, kstore, h.Store)
}

func TestHubConfigCheck(t *testing.T) {
	for _, c := range []struct {
		hub  kiosk.HubConfig
		want string // "" = valid
	}{
		{kiosk.HubConfig{}, ""},
		{kiosk.HubConfig{URL: "https://hub.gemeente.be", Token: "x"}, ""},
		{kiosk.HubConfig{URL: "http://127.0.0.1:8440", TokenFile: "/etc/loket/token"}, ""},
		{kiosk.HubConfig{URL: "http://hub.gemeente.be", Token: "x"}, "hub.url"},
		{kiosk.HubConfig{URL: "hub.gemeente.be", Token: "x"}, "hub.url"},
		{kiosk.HubConfig{URL: "https://hub.gemeente.be"}, "hub.token"},
		{kiosk.HubConfig{URL: "https://hub.gemeente.be", Token: "x", TokenFile: "y"}, "hub.token"},
		{kiosk.HubConfig{Token: "x"}, "hub.url"},
		{kiosk.HubConfig{URL: "https://hub.gemeente.be", Token: "x", StatusURL: "https://x.be/status"}, "hub.status_url"},
	} {
		cfg := kiosk.DefaultConfig()
		cfg.Hub = c.hub
		err := cfg.Check()
		if (c.want == "") != (err == nil) || (err != nil && !strings.HasPrefix(err.Error(), c.want)) {
			t.Errorf("%+v: %v, want %q", c.hub, err, c.want)
		}
	}
}

package outbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/assets"
	"loket/kiosk"
	"loket/sync/hub"
	"loket/sync/hub/hubtest"
	"loket/sync/outbox"
	"loket/sync/wire"
)

// A submission the hub refuses (here: a service the hub does not know yet) needs
// attention: it is kept with the hub's reasons, does not hold up the others, and is sent
// once staff fixed the hub and asked for a retry.
func TestAttentionThenRetryAfterFix(t *testing.T) {
	ctx := context.Background()
	store := hubtest.SQLite(t)
	h := hubtest.Start(t, store)
	token := h.AddKiosk(t, "TST01")
	kstore, _ := kioskStore(t, "TST01")
	cat := hubtest.Catalogue(t, "").Services
	hubtest.Submit(t, kstore, cat, 2)
	svc, _ := cat.Service("general-question")
	odd := &kiosk.Submission{ServiceID: "library-card", ServiceVersion: 1, Lang: kiosk.NL,
		Answers: hubtest.Answers(svc, time.Now(), 1), SubmittedAt: time.Now()}
	if err := kstore.Submit(ctx, 0, odd); err != nil {
		t.Fatal(err)
	}
	hubtest.Submit(t, kstore, cat, 2)
	ob, err := outbox.New(fastOptions(kstore, h.URL, token))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := ob.SyncNow(ctx); err != nil || n != 4 {
		t.Fatalf("sent %d (%v), want the 4 good ones", n, err)
	}
	st, err := ob.Status(ctx)
	if err != nil || st.Pending != 0 || len(st.Attention) != 1 {
		t.Fatalf("status: %+v %v", st, err)
	}
	if a := st.Attention[0]; a.Reference != odd.Reference || !strings.Contains(a.Reasons, wire.CodeServiceUnknown) || !strings.HasPrefix(a.Reasons, "422") {
		t.Fatalf("attention entry: %+v", a)
	}
	var out bytes.Buffer
	st.Write(&out, time.Now())
	if !strings.Contains(out.String(), odd.Reference) || !strings.Contains(out.String(), "needs attention:    1") {
		t.Fatalf("staff status:\n%s", out.String())
	}
	// Sending again changes nothing: the entry waits for a person.
	if n, err := ob.SyncNow(ctx); err != nil || n != 0 {
		t.Fatalf("resent %d (%v)", n, err)
	}

	// The fix: the hub gets the service definition.
	extra := t.TempDir()
	def, _ := assets.Services().Open("general-question.toml")
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(def)
	_ = os.WriteFile(filepath.Join(extra, "library-card.toml"),
		[]byte(strings.Replace(buf.String(), `id = "general-question"`, `id = "library-card"`, 1)), 0o644)
	h.Stop()
	h2 := hubtest.StartAt(t, store, h.Addr, hubtest.Catalogue(t, extra))
	if n, err := ob.Retry(ctx, strings.ToLower(odd.Reference)); err != nil || n != 1 {
		t.Fatalf("retry: %d %v", n, err)
	}
	if n, err := ob.SyncNow(ctx); err != nil || n != 1 {
		t.Fatalf("after the fix: sent %d (%v)", n, err)
	}
	assertDelivered(t, kstore, h2.Store)
}

// A token the hub does not accept is a configuration problem: nothing is lost or marked
// for attention, staff see why, and delivery resumes once the token is right.
func TestWrongToken(t *testing.T) {
	ctx := context.Background()
	h, token := newHub(t, hubtest.SQLite)
	kstore, _ := kioskStore(t, "TST01")
	hubtest.Submit(t, kstore, hubtest.Catalogue(t, "").Services, 3)
	bad, _ := outbox.New(fastOptions(kstore, h.URL, hub.NewToken()))
	if _, err := bad.SyncNow(ctx); err == nil || !strings.Contains(err.Error(), "token") {
		t.Fatalf("a refused token: %v", err)
	}
	st, _ := bad.Status(ctx)
	if st.Pending != 3 || len(st.Attention) != 0 || !strings.Contains(st.LastError, "token") || st.NextAttempt.IsZero() {
		t.Fatalf("status: %+v", st)
	}
	good, _ := outbox.New(fastOptions(kstore, h.URL, token))
	if n, err := good.SyncNow(ctx); err != nil || n != 3 {
		t.Fatalf("with the right token: %d %v", n, err)
	}
	assertDelivered(t, kstore, h.Store)
}

// A catalogue from the hub with a broken definition is refused whole; the kiosk keeps the
// one it has and takes the next good one.
func TestBrokenCatalogueRefused(t *testing.T) {
	h, token := newHub(t, hubtest.SQLite)
	kstore, _ := kioskStore(t, "TST01")
	p := newProxy(t, h.Addr, nil)
	p.setRewrite(func(path string, body []byte) []byte {
		if path != wire.PathCatalogue {
			return body
		}
		var c wire.Catalogue
		if json.Unmarshal(body, &c) != nil {
			return body
		}
		// Broken by its author, not on the way: the version matches the broken files.
		c.Services[0].TOML = strings.Replace(c.Services[0].TOML, "version = 1", "version = 0", 1)
		c.Version = wire.CatalogueVersion(c.Services)
		b, _ := json.Marshal(c)
		return b
	})
	opts := fastOptions(kstore, p.URL, token)
	opts.CatalogueFile = filepath.Join(t.TempDir(), outbox.CatalogueFileName)
	opts.CatalogueEvery = 20 * time.Millisecond
	got := make(chan outbox.CatalogueUpdate, 10)
	opts.OnCatalogue = func(u outbox.CatalogueUpdate) { got <- u }
	ob, err := outbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	serve(t, ob)
	waitFor(t, "the broken catalogue refused", 30*time.Second, func() bool {
		st, _ := ob.Status(context.Background())
		return strings.Contains(st.LastError, "catalogue refused") && strings.Contains(st.LastError, "version")
	})
	select {
	case u := <-got:
		t.Fatalf("a broken catalogue was handed to the kiosk: %s", u.Version)
	default:
	}
	if _, err := os.Stat(opts.CatalogueFile); !os.IsNotExist(err) {
		t.Fatalf("a broken catalogue was saved: %v", err)
	}
	p.setRewrite(nil)
	select {
	case u := <-got:
		if u.Version != hubtest.Catalogue(t, "").Wire.Version {
			t.Fatalf("took %s", u.Version)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the good catalogue was never taken")
	}
}

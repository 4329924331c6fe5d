package outbox_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/kiosk"
	"loket/sync/hub"
	"loket/sync/hub/hubtest"
	"loket/sync/outbox"
)

// selfSigned writes a certificate for 127.0.0.1 and its key, as a municipality's own
// certificate authority would issue one, and returns their paths.
func selfSigned(t *testing.T) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "loket-hub test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(key)
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "hub.pem"), filepath.Join(dir, "hub-key.pem")
	_ = os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	_ = os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	return certFile, keyFile
}

// The hub serves TLS from its config's certificate and key; a kiosk that trusts that
// certificate (hub.ca_file) delivers, one that does not refuses to talk.
func TestTLS(t *testing.T) {
	certFile, keyFile := selfSigned(t)
	cfg := hub.DefaultConfig()
	cfg.Listen, cfg.TLSCert, cfg.TLSKey = "127.0.0.1:0", certFile, keyFile
	cfg.Database = filepath.Join(t.TempDir(), "hub.db")
	if err := cfg.Check(); err != nil {
		t.Fatal(err)
	}
	store, err := hub.OpenSQLite(cfg.Database)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	token := hubtest.AddToken(t, store, hub.RoleKiosk, "TST01")
	srv := hub.NewServer(hub.Options{Store: store, Catalogue: hubtest.Catalogue(t, "")})
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- cfg.Serve(ctx, srv.Handler(), func(a net.Addr) { addr <- a }) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	url := "https://" + (<-addr).String()

	kstore, _ := kioskStore(t, "TST01")
	hubtest.Submit(t, kstore, hubtest.Catalogue(t, "").Services, 5)
	kcfg := kiosk.DefaultConfig()
	kcfg.Kiosk.ID, kcfg.Kiosk.DataDir = "TST01", t.TempDir()
	kcfg.Hub = kiosk.HubConfig{URL: url, Token: token}
	opts, err := outbox.FromConfig(kstore, kcfg)
	if err != nil {
		t.Fatal(err)
	}
	untrusting, _ := outbox.New(opts)
	if _, err := untrusting.SyncNow(ctx); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("a kiosk that does not trust the hub's certificate: %v", err)
	}
	kcfg.Hub.CAFile = certFile
	if err := kcfg.Check(); err != nil {
		t.Fatal(err)
	}
	if opts, err = outbox.FromConfig(kstore, kcfg); err != nil {
		t.Fatal(err)
	}
	ob, _ := outbox.New(opts)
	if n, err := ob.SyncNow(ctx); err != nil || n != 5 {
		t.Fatalf("over TLS: %d %v", n, err)
	}
	assertDelivered(t, kstore, store)
}

func TestPlainHTTPOnlyOnLoopback(t *testing.T) {
	for listen, ok := range map[string]bool{
		"127.0.0.1:8440": true, "[::1]:8440": true, "localhost:8440": true,
		"0.0.0.0:8440": false, ":8440": false, "192.0.2.7:8440": false,
	} {
		cfg := hub.DefaultConfig()
		cfg.Listen = listen
		if err := cfg.Check(); (err == nil) != ok {
			t.Errorf("%s without TLS: %v", listen, err)
		}
		cfg.TLSCert, cfg.TLSKey = "hub.pem", "hub-key.pem"
		if err := cfg.Check(); err != nil {
			t.Errorf("%s with TLS: %v", listen, err)
		}
	}
}

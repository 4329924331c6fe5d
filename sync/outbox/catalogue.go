package outbox

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"loket/kiosk"
	"loket/sync/wire"
)

// CatalogueUpdate is a new catalogue from the hub, already checked.
type CatalogueUpdate struct {
	Version   string
	Catalogue *kiosk.Catalogue
}

// maxCatalogueBytes bounds the catalogue download (the shipped one is about 60 KB).
const maxCatalogueBytes = 16 << 20

// pullCatalogue asks the hub for its catalogue and, when it is new and every definition in
// it is valid, saves it and hands it to OnCatalogue. A broken catalogue is refused whole
// and the kiosk keeps the one it has.
func (ob *Outbox) pullCatalogue(ctx context.Context) {
	if err := ob.fetchCatalogue(ctx); err != nil {
		ob.noteError(err)
		ob.o.Logger.Warn("outbox: catalogue", "err", err)
	}
}

func (ob *Outbox) fetchCatalogue(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, ob.o.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ob.o.URL+wire.PathCatalogue, nil)
	if err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}
	ob.mu.Lock()
	current := ob.catalogue
	ob.mu.Unlock()
	if current != "" {
		req.Header.Set("If-None-Match", `"`+current+`"`)
	}
	resp, err := ob.do(req)
	if err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxCatalogueBytes))
	if err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}
	var c wire.Catalogue
	if err := json.Unmarshal(data, &c); err != nil {
		return fmt.Errorf("catalogue: refused, not readable: %w", err)
	}
	if c.Version == current {
		return nil
	}
	cat, err := wire.ParseCatalogue(c)
	if err != nil {
		return fmt.Errorf("catalogue refused, keeping %s: %w", orNone(current), err)
	}
	if err := writeFileAtomic(ob.o.CatalogueFile, data); err != nil {
		return fmt.Errorf("catalogue: save: %w", err)
	}
	if err := ob.o.Store.SetSyncMeta(ctx, "catalogue_version", c.Version); err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}
	ob.mu.Lock()
	ob.catalogue = c.Version
	ob.mu.Unlock()
	ob.o.Logger.Info("outbox: new catalogue from the hub", "version", c.Version, "services", len(c.Services))
	if ob.o.OnCatalogue != nil {
		ob.o.OnCatalogue(CatalogueUpdate{Version: c.Version, Catalogue: cat})
	}
	return nil
}

func orNone(v string) string {
	if v == "" {
		return "the built-in one"
	}
	return v
}

// LoadCatalogueFile reads the catalogue last pulled from the hub, checking it again. It
// returns os.ErrNotExist (wrapped) when none was pulled yet: use the built-in one then.
func LoadCatalogueFile(path string) (CatalogueUpdate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return CatalogueUpdate{}, fmt.Errorf("catalogue: %w", err)
	}
	var c wire.Catalogue
	if err := json.Unmarshal(data, &c); err != nil {
		return CatalogueUpdate{}, fmt.Errorf("catalogue %s: %w", path, err)
	}
	cat, err := wire.ParseCatalogue(c)
	if err != nil {
		return CatalogueUpdate{}, fmt.Errorf("catalogue %s: %w", path, err)
	}
	return CatalogueUpdate{Version: c.Version, Catalogue: cat}, nil
}

// writeFileAtomic replaces path with data so that a power cut leaves the old file or the
// new one, never half of one: write a temporary file, fsync it, rename, fsync the folder.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".catalogue-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	dir, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}

// NewTransport returns the HTTP transport for the hub: the system's roots, or the PEM
// bundle in caFile for a hub with the municipality's own certificate authority.
func NewTransport(caPEM []byte) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	if len(caPEM) > 0 {
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(caPEM)
		t.TLSClientConfig.RootCAs = pool
	}
	return t
}

// NewClient returns the client for a kiosk's hub config.
func NewClient(h kiosk.HubConfig) (*http.Client, error) {
	var ca []byte
	if h.CAFile != "" {
		var err error
		if ca, err = os.ReadFile(h.CAFile); err != nil {
			return nil, fmt.Errorf("hub.ca_file: %w", err)
		}
		if !x509.NewCertPool().AppendCertsFromPEM(ca) {
			return nil, errors.New("hub.ca_file: no PEM certificate in it")
		}
	}
	return &http.Client{Transport: NewTransport(ca)}, nil
}

package hub

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Config is the hub's configuration file (docs/api.md, "Running a hub"). Every key has a
// default, so `go run ./cmd/hub` with no file is a working development hub.
type Config struct {
	// Listen is host:port. Without TLS it must be a loopback address: tokens and citizens'
	// answers never cross a network in clear.
	Listen  string `toml:"listen"`
	TLSCert string `toml:"tls_cert"` // PEM certificate chain
	TLSKey  string `toml:"tls_key"`  // PEM private key
	// Database is the SQLite file, used when PostgresDSN is empty.
	Database string `toml:"database"`
	// PostgresDSN selects PostgreSQL; the environment variable LOKET_HUB_POSTGRES_DSN
	// overrides it, so the password need not be in the file.
	PostgresDSN string `toml:"postgres_dsn"`
	// ServicesDir adds to or replaces the built-in service definitions, as on a kiosk.
	ServicesDir string `toml:"services_dir"`
	// TimeZone is the municipality's (IANA name): the days of exports and of date rules.
	TimeZone string `toml:"time_zone"`
}

// DefaultConfig is a development hub on loopback with SQLite in the current folder.
func DefaultConfig() Config {
	return Config{Listen: "127.0.0.1:8440", Database: "loket-hub.db", TimeZone: "Europe/Brussels"}
}

// LoadConfig reads a config file over the defaults; "" means defaults only. Errors name the key.
func LoadConfig(path string) (Config, error) {
	cfg := DefaultConfig()
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return cfg, fmt.Errorf("config: %w", err)
		}
		md, err := toml.Decode(string(data), &cfg)
		if err != nil {
			return cfg, fmt.Errorf("config %s: %w", path, err)
		}
		if keys := md.Undecoded(); len(keys) > 0 {
			return cfg, fmt.Errorf("config %s: %s: unknown key", path, keys[0])
		}
	}
	if dsn := os.Getenv("LOKET_HUB_POSTGRES_DSN"); dsn != "" {
		cfg.PostgresDSN = dsn
	}
	if err := cfg.Check(); err != nil {
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, nil
}

// Check returns the first problem with the configuration, naming its key.
func (c Config) Check() error {
	host, _, err := net.SplitHostPort(c.Listen)
	if err != nil {
		return fmt.Errorf("listen: %q: give host:port, e.g. \"127.0.0.1:8440\" or \":443\"", c.Listen)
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return errors.New("tls_cert, tls_key: give both the certificate and its key, or neither")
	}
	if c.TLSCert == "" && !IsLoopback(host) {
		return fmt.Errorf("listen: %q: plain HTTP is only for loopback (127.0.0.1, ::1, localhost); set tls_cert and tls_key to listen on a network", c.Listen)
	}
	if c.PostgresDSN == "" && strings.TrimSpace(c.Database) == "" {
		return errors.New("database: give a file for SQLite, or set postgres_dsn")
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		return fmt.Errorf("time_zone: %q: %w", c.TimeZone, err)
	}
	return nil
}

// IsLoopback reports whether host names this machine only.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Location returns the configured time zone.
func (c Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// NewHTTPServer returns an http.Server with the timeouts a public server needs: a client
// that sends its headers slowly, or never reads its answer, cannot hold a connection.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
}

// Serve listens as the config says (TLS when a certificate is set) and serves h until ctx
// is done, then shuts down gracefully so requests in progress finish their commit.
func (c Config) Serve(ctx context.Context, h http.Handler, ready func(addr net.Addr)) error {
	ln, err := net.Listen("tcp", c.Listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := NewHTTPServer(h)
	if c.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(c.TLSCert, c.TLSKey)
		if err != nil {
			ln.Close()
			return fmt.Errorf("tls_cert, tls_key: %w", err)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() {
		if srv.TLSConfig != nil {
			errc <- srv.ServeTLS(ln, "", "")
			return
		}
		errc <- srv.Serve(ln)
	}()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

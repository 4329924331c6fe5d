package kiosk_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loket/assets"
	"loket/kiosk"
)

func loadConfigText(t *testing.T, text string) (kiosk.Config, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "loket.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return kiosk.LoadConfig(path)
}

func TestConfigDefaults(t *testing.T) {
	cfg, err := loadConfigText(t, "")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Kiosk.DefaultLanguage != kiosk.NL || cfg.Drafts.ExpireDays != 30 || len(cfg.Kiosk.Languages) != 3 {
		t.Fatalf("defaults: %+v", cfg)
	}
}

// A bad config gets a message that names the key.
func TestConfigErrorsNameTheKey(t *testing.T) {
	cases := map[string]string{
		"[kiosk]\nid = \"LEUVEN\"\n":              "kiosk.id",
		"[kiosk]\ndefault_language = \"de\"\n":    "kiosk.default_language",
		"[kiosk]\nlanguages = [\"nl\", \"es\"]\n": "kiosk.languages",
		"[drafts]\nexpire_days = 0\n":             "drafts.expire_days",
		"[drafts]\nexpire_days = \"thirty\"\n":    "drafts.expire_days",
		"[kiosk]\nidd = \"GNT01\"\n":              "kiosk.idd",
		"[municipality]\nname = \"\"\n":           "municipality.name",
		"[kiosk\n":                                "line 2",
	}
	for text, key := range cases {
		_, err := loadConfigText(t, text)
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("config %q: error %v does not name %s", text, err, key)
		}
	}
}

func TestConfigFactsOverride(t *testing.T) {
	cfg, err := loadConfigText(t, "[facts.bulky-waste.cost]\nnl = \"€ 30 per m³\"\nfr = \"30 € par m³\"\nen = \"€30 per m³\"\n")
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := kiosk.LoadCatalogue(assets.Services(), "")
	cat, err = cfg.ApplyFacts(cat)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := cat.Service("bulky-waste"); s.Start.Cost.In(kiosk.FR) != "30 € par m³" {
		t.Fatalf("the municipality's cost replaces the definition's, got %q", s.Start.Cost.In(kiosk.FR))
	}
	bad, _ := loadConfigText(t, "[facts.no-such-service.cost]\nnl = \"x\"\n")
	if _, err := bad.ApplyFacts(cat); err == nil || !strings.Contains(err.Error(), "facts.no-such-service") {
		t.Fatalf("a fact for an unknown service names the key, got %v", err)
	}
}

package kiosk

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Config is the kiosk's configuration file (docs/config.md). Every key has a default, so an
// empty file is a working kiosk for development.
type Config struct {
	Kiosk        KioskConfig          `toml:"kiosk"`
	Municipality Municipality         `toml:"municipality"`
	Services     ServicesConfig       `toml:"services"`
	Drafts       DraftsConfig         `toml:"drafts"`
	Session      SessionConfig        `toml:"session"`
	Facts        map[string]FactsConf `toml:"facts"`
	Hub          HubConfig            `toml:"hub"`
	Printer      PrinterConfig        `toml:"printer"`
}

// KioskConfig identifies this kiosk and where it keeps its data.
type KioskConfig struct {
	ID              string `toml:"id"`
	DataDir         string `toml:"data_dir"`
	DefaultLanguage Lang   `toml:"default_language"`
	Languages       []Lang `toml:"languages"`
	// KeyFile holds the key that encrypts answers at rest (created at first start, mode
	// 0600); empty means data_dir/kiosk.db.key. Key gives it in the config instead, as 64
	// hexadecimal digits.
	KeyFile string `toml:"key_file"`
	Key     string `toml:"key"`
	// KeepSentDays is how long a submission stays on the kiosk after the hub confirmed it.
	KeepSentDays int `toml:"keep_sent_days"`
}

// Municipality is the analog route every start page shows: the counter, its hours, a phone.
type Municipality struct {
	Name         string `toml:"name"`
	Counter      Text   `toml:"counter"`
	OpeningHours Text   `toml:"opening_hours"`
	Phone        string `toml:"phone"`
	Website      string `toml:"website"`
}

// ServicesConfig chooses which services the kiosk offers.
type ServicesConfig struct {
	Enabled  []string `toml:"enabled"`   // empty: all
	ExtraDir string   `toml:"extra_dir"` // definitions that add to or replace the built-in ones
}

// DraftsConfig sets how long a saved draft is kept.
type DraftsConfig struct {
	ExpireDays int `toml:"expire_days"`
}

// SessionConfig sets when an unattended kiosk warns and then starts again, so the next
// person finds nothing of the last one (KIOSK-UX.md: a warning of at least 30 seconds).
type SessionConfig struct {
	IdleSeconds    int `toml:"idle_seconds"`    // quiet time before the warning
	WarningSeconds int `toml:"warning_seconds"` // the warning's countdown
}

// FactsConf overrides a service's facts that differ per municipality.
type FactsConf struct {
	Cost     Text `toml:"cost"`
	Duration Text `toml:"duration"`
	LeadTime Text `toml:"lead_time"`
}

// DefaultConfig is the configuration of a kiosk with an empty config file.
func DefaultConfig() Config {
	return Config{
		Kiosk: KioskConfig{ID: "DEV01", DataDir: "loket-data", DefaultLanguage: NL, Languages: slices.Clone(Languages),
			KeepSentDays: 30},
		Municipality: Municipality{
			Name:         "Gemeente Voorbeeld",
			Counter:      Text{NL: "Marktplein 1, 9999 Voorbeeld", FR: "Marktplein 1, 9999 Voorbeeld", EN: "Marktplein 1, 9999 Voorbeeld"},
			OpeningHours: Text{NL: "maandag tot vrijdag, 9 tot 12 uur", FR: "du lundi au vendredi, de 9 h à 12 h", EN: "Monday to Friday, 9 am to noon"},
			Phone:        "09 123 45 67",
		},
		Drafts:  DraftsConfig{ExpireDays: 30},
		Session: SessionConfig{IdleSeconds: 120, WarningSeconds: 30},
	}
}

// LoadConfig reads a config file over the defaults. Every error names the key at fault.
func LoadConfig(path string) (Config, error) {
	cfg := DefaultConfig()
	data, err := os.ReadFile(path)
	if err != nil {
		return cfg, fmt.Errorf("config: %w", err)
	}
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return cfg, fmt.Errorf("config %s: line %d: %s", path, perr.Position.Line, perr.Message)
		}
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return cfg, fmt.Errorf("config %s: %s: unknown key (misspelled, or in the wrong table?)", path, keys[0])
	}
	if err := cfg.Check(); err != nil {
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, nil
}

// Check returns the first problem with the configuration, naming its key.
func (c Config) Check() error {
	if !ValidKioskCode(c.Kiosk.ID) {
		return fmt.Errorf("kiosk.id: %q: use 2 to 6 capital letters and digits, without I, L, O or U (they look like 1 and 0), e.g. \"GNT01\"", c.Kiosk.ID)
	}
	if strings.TrimSpace(c.Kiosk.DataDir) == "" {
		return errors.New("kiosk.data_dir: give a folder for the kiosk's database")
	}
	if len(c.Kiosk.Languages) == 0 {
		return errors.New("kiosk.languages: offer at least one language: \"nl\", \"fr\" or \"en\"")
	}
	for _, l := range c.Kiosk.Languages {
		if !slices.Contains(Languages, l) {
			return fmt.Errorf("kiosk.languages: %q: use \"nl\", \"fr\" or \"en\"", l)
		}
	}
	if !slices.Contains(c.Kiosk.Languages, c.Kiosk.DefaultLanguage) {
		return fmt.Errorf("kiosk.default_language: %q is not one of kiosk.languages", c.Kiosk.DefaultLanguage)
	}
	if c.Kiosk.Key != "" {
		if _, err := ParseKey(c.Kiosk.Key); err != nil {
			return fmt.Errorf("kiosk.key: %w", err)
		}
	}
	if c.Kiosk.KeepSentDays < 1 || c.Kiosk.KeepSentDays > 365 {
		return fmt.Errorf("kiosk.keep_sent_days: %d: use a number of days from 1 to 365", c.Kiosk.KeepSentDays)
	}
	if c.Drafts.ExpireDays < 1 || c.Drafts.ExpireDays > 365 {
		return fmt.Errorf("drafts.expire_days: %d: use a number of days from 1 to 365", c.Drafts.ExpireDays)
	}
	if c.Session.IdleSeconds < 20 || c.Session.IdleSeconds > 3600 {
		return fmt.Errorf("session.idle_seconds: %d: use 20 to 3600 seconds", c.Session.IdleSeconds)
	}
	if c.Session.WarningSeconds < 30 || c.Session.WarningSeconds > 300 {
		return fmt.Errorf("session.warning_seconds: %d: use 30 to 300 seconds (people need time to read and tap)", c.Session.WarningSeconds)
	}
	if strings.TrimSpace(c.Municipality.Name) == "" {
		return errors.New("municipality.name: give the municipality's name")
	}
	if err := c.Hub.check(); err != nil {
		return err
	}
	return c.Printer.check()
}

// ApplyFacts returns the catalogue with the municipality's own costs, durations and lead
// times; a fact for a service the catalogue lacks is an error naming the key.
func (c Config) ApplyFacts(cat *Catalogue) (*Catalogue, error) {
	var services []*Service
	for _, s := range cat.Services() {
		f, ok := c.Facts[s.ID]
		if !ok {
			services = append(services, s)
			continue
		}
		copied := *s
		override := func(dst *Text, src Text) {
			if len(src) > 0 {
				*dst = src
			}
		}
		override(&copied.Start.Cost, f.Cost)
		override(&copied.Start.Duration, f.Duration)
		override(&copied.Confirmation.LeadTime, f.LeadTime)
		services = append(services, &copied)
	}
	for id := range c.Facts {
		if _, ok := cat.Service(id); !ok {
			return nil, fmt.Errorf("facts.%s: there is no service with that id", id)
		}
	}
	return NewCatalogue(services), nil
}

// StoreOptions returns how to open this kiosk's store: its code and its key.
func (c Config) StoreOptions() (StoreOptions, error) {
	opts := StoreOptions{KioskCode: c.Kiosk.ID, KeyFile: c.Kiosk.KeyFile}
	if c.Kiosk.Key != "" {
		key, err := ParseKey(c.Kiosk.Key)
		if err != nil {
			return opts, fmt.Errorf("kiosk.key: %w", err)
		}
		opts.Key = key
	}
	return opts, nil
}

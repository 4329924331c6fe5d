package wire

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"time"

	"loket/kiosk"
)

// Heartbeat is what a kiosk reports about itself every minute or so. It holds counts and
// times only, never anything about a citizen.
type Heartbeat struct {
	Version          string     `json:"version"`
	CatalogueVersion string     `json:"catalogue_version,omitempty"`
	QueueLength      int        `json:"queue_length"`
	Attention        int        `json:"attention"`
	OldestWaiting    *time.Time `json:"oldest_waiting,omitempty"`
	LastSync         *time.Time `json:"last_sync,omitempty"`
	Printer          string     `json:"printer,omitempty"` // e.g. "ok", "paper-out", "offline"
}

// Kiosk is one kiosk as the hub lists it for staff.
type Kiosk struct {
	ID           string     `json:"id"`
	RegisteredAt time.Time  `json:"registered_at"`
	LastSeen     *time.Time `json:"last_seen,omitempty"`
	Heartbeat    *Heartbeat `json:"heartbeat,omitempty"`
}

// HelpRequest says that a citizen at a kiosk needs a person: which kiosk and when, nothing
// about the citizen.
type HelpRequest struct {
	ID        int64      `json:"id"`
	KioskID   string     `json:"kiosk_id"`
	RaisedAt  time.Time  `json:"raised_at"`
	HandledAt *time.Time `json:"handled_at,omitempty"`
}

// Status is the public state of a submission, looked up by the reference on a receipt. It
// says nothing about who submitted it or what they answered.
type Status struct {
	Reference  string     `json:"reference"`
	State      string     `json:"state"` // "received" or "unknown"
	ReceivedAt *time.Time `json:"received_at,omitempty"`
}

// Catalogue is the set of service definitions the hub distributes: each definition's TOML
// as written, and a version that is the hash of them all, so a kiosk can tell whether it
// has the same set and that nothing was lost on the way.
type Catalogue struct {
	Version  string        `json:"version"`
	Services []ServiceFile `json:"services"`
}

// ServiceFile is one service definition file.
type ServiceFile struct {
	Name string `json:"name"`
	TOML string `json:"toml"`
}

// CatalogueVersion is the version of a set of definitions: the SHA-256 of the files
// sorted by name, each as its name, a zero byte, its length and its content.
func CatalogueVersion(files []ServiceFile) string {
	sorted := append([]ServiceFile(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	h := sha256.New()
	for _, f := range sorted {
		h.Write([]byte(f.Name))
		h.Write([]byte{0})
		var n [8]byte
		for i, l := 0, len(f.TOML); i < 8; i, l = i+1, l>>8 {
			n[i] = byte(l)
		}
		h.Write(n[:])
		h.Write([]byte(f.TOML))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// ParseCatalogue checks a catalogue as a kiosk receives it: the version must match the
// files and every definition must be valid, or the whole catalogue is refused (a kiosk
// never offers half of an update).
func ParseCatalogue(c Catalogue) (*kiosk.Catalogue, error) {
	if got := CatalogueVersion(c.Services); got != c.Version {
		return nil, fmt.Errorf("catalogue %s: the files hash to %s: damaged on the way", c.Version, got)
	}
	if len(c.Services) == 0 {
		return nil, fmt.Errorf("catalogue %s: no services", c.Version)
	}
	var services []*kiosk.Service
	seen := map[string]string{}
	for _, f := range c.Services {
		s, problems := kiosk.ParseService(f.Name, []byte(f.TOML))
		if len(problems) > 0 {
			return nil, fmt.Errorf("catalogue %s: %s", c.Version, problems[0])
		}
		if other, dup := seen[s.ID]; dup {
			return nil, fmt.Errorf("catalogue %s: %s and %s both define %q", c.Version, other, f.Name, s.ID)
		}
		seen[s.ID] = f.Name
		services = append(services, s)
	}
	return kiosk.NewCatalogue(services), nil
}

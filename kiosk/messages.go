package kiosk

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// Messages holds the kiosk's own strings in every language, from flat JSON files named
// nl.json, fr.json and en.json (the format of Fyne's lang package, which reads the same
// files for its own widgets). Fyne picks one language per process; a kiosk changes language
// per citizen, mid-flow too, so screens ask Messages for the session's language instead.
type Messages map[Lang]map[string]string

// LoadMessages reads <dir>/<lang>.json from each directory; later files add keys.
func LoadMessages(fsys fs.FS, dirs ...string) (Messages, error) {
	m := Messages{}
	for _, l := range Languages {
		m[l] = map[string]string{}
		for _, dir := range dirs {
			name := path.Join(dir, string(l)+".json")
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("messages: %w", err)
			}
			var kv map[string]string
			if err := json.Unmarshal(data, &kv); err != nil {
				return nil, fmt.Errorf("messages: %s: %w", name, err)
			}
			for k, v := range kv {
				m[l][k] = v
			}
		}
	}
	return m, nil
}

// T returns the message for key in l with {0}, {1}, … replaced by args. A key missing in l
// falls back to Dutch, then to the key itself, so a gap shows up as a readable key rather
// than an empty label.
func (m Messages) T(l Lang, key string, args ...string) string {
	s, ok := m[l][key]
	if !ok {
		if s, ok = m[NL][key]; !ok {
			s = key
		}
	}
	for i, a := range args {
		s = strings.ReplaceAll(s, "{"+itoa(i)+"}", a)
	}
	return s
}

// Missing returns, per language, the keys that Dutch has and the language lacks.
func (m Messages) Missing() map[Lang][]string {
	out := map[Lang][]string{}
	for k := range m[NL] {
		for _, l := range Languages {
			if _, ok := m[l][k]; !ok {
				out[l] = append(out[l], k)
			}
		}
	}
	return out
}

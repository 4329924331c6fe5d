package kiosk

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Categories are the tiles on the home screen, in the order shown.
var Categories = []string{"certificates", "appointments", "street", "waste", "permits",
	"premiums", "learning", "questions"}

// Pictograms are the icons a definition may name (assets/icons/<name>.svg).
var Pictograms = []string{"certificate", "family", "justice", "parking", "container", "report",
	"bulky-waste", "calendar", "computer", "euro", "question"}

// ConfigurableFacts are the start-page and confirmation facts a municipality may override.
var ConfigurableFacts = []string{"cost", "duration", "lead_time"}

// Problem is one thing wrong with a service definition, named by file and field so that the
// person who wrote it can find it.
type Problem struct {
	File    string
	Field   string
	Message string
}

func (p Problem) String() string {
	if p.Field == "" {
		return p.File + ": " + p.Message
	}
	return p.File + ": " + p.Field + ": " + p.Message
}

// Catalogue is the set of services a kiosk offers, looked up by id.
type Catalogue struct {
	services []*Service
	byID     map[string]*Service
}

// NewCatalogue builds a catalogue from layers of services; a service in a later layer
// replaces the one with the same id in an earlier layer (an extra directory overrides the
// embedded definitions).
func NewCatalogue(layers ...[]*Service) *Catalogue {
	c := &Catalogue{byID: map[string]*Service{}}
	for _, layer := range layers {
		for _, s := range layer {
			c.byID[s.ID] = s
		}
	}
	for _, s := range c.byID {
		c.services = append(c.services, s)
	}
	sort.Slice(c.services, func(i, j int) bool { return c.services[i].ID < c.services[j].ID })
	return c
}

// Service returns the service with the given id.
func (c *Catalogue) Service(id string) (*Service, bool) {
	s, ok := c.byID[id]
	return s, ok
}

// Services returns every service, sorted by id.
func (c *Catalogue) Services() []*Service { return c.services }

// InCategory returns the services of one category, sorted by their title in l.
func (c *Catalogue) InCategory(category string, l Lang) []*Service {
	var out []*Service
	for _, s := range c.services {
		if s.Category == category {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Title.In(l) < out[j].Title.In(l) })
	return out
}

// UsedCategories returns the categories that hold at least one service, in home-screen order.
func (c *Catalogue) UsedCategories() []string {
	var out []string
	for _, cat := range Categories {
		if slices.ContainsFunc(c.services, func(s *Service) bool { return s.Category == cat }) {
			out = append(out, cat)
		}
	}
	return out
}

// Only keeps the services whose ids are listed; an empty list keeps all. Unknown ids are
// returned so the caller can report them.
func (c *Catalogue) Only(ids []string) (*Catalogue, []string) {
	if len(ids) == 0 {
		return c, nil
	}
	var kept []*Service
	var unknown []string
	for _, id := range ids {
		if s, ok := c.byID[id]; ok {
			kept = append(kept, s)
		} else {
			unknown = append(unknown, id)
		}
	}
	return NewCatalogue(kept), unknown
}

// LoadDir parses every *.toml file in dir of fsys. Broken definitions are reported and left
// out; the others are returned, so one bad file never takes the kiosk down.
func LoadDir(fsys fs.FS, dir string) ([]*Service, []Problem) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, []Problem{{File: dir, Message: "cannot read the folder: " + err.Error()}}
	}
	var services []*Service
	var problems []Problem
	seen := map[string]string{}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".toml" {
			continue
		}
		name := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			problems = append(problems, Problem{File: name, Message: "cannot read: " + err.Error()})
			continue
		}
		s, ps := ParseService(name, data)
		problems = append(problems, ps...)
		if s == nil {
			continue
		}
		if other, dup := seen[s.ID]; dup {
			problems = append(problems, Problem{File: name, Field: "id",
				Message: fmt.Sprintf("%q is also the id of %s; ids must be unique", s.ID, other)})
			continue
		}
		seen[s.ID] = name
		services = append(services, s)
	}
	return services, problems
}

// ParseService decodes and checks one definition. It returns nil and the problems when the
// definition cannot be used.
func ParseService(file string, data []byte) (*Service, []Problem) {
	var s Service
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&s)
	if err != nil {
		return nil, []Problem{{File: file, Message: decodeMessage(err)}}
	}
	var problems []Problem
	reported := map[string]bool{}
	for _, k := range md.Undecoded() {
		if len(k) > 1 && reported[k[:len(k)-1].String()] {
			reported[k.String()] = true // inside an unknown table: its parent says enough
			continue
		}
		reported[k.String()] = true
		problems = append(problems, Problem{File: file, Field: k.String(),
			Message: "unknown key (misspelled, or in the wrong table?)"})
	}
	for _, p := range s.Check() {
		p.File = file
		problems = append(problems, p)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return &s, nil
}

func decodeMessage(err error) string {
	var perr toml.ParseError
	if errors.As(err, &perr) {
		return fmt.Sprintf("line %d: %s", perr.Position.Line, perr.Message)
	}
	return "cannot decode: " + strings.TrimPrefix(err.Error(), "toml: ")
}

// LoadCatalogue loads the built-in definitions and then those in extraDir (if any), which
// add services or replace built-in ones with the same id. Problems are returned for the
// operator; the broken definitions are left out and the rest is served.
func LoadCatalogue(builtin fs.FS, extraDir string) (*Catalogue, []Problem) {
	base, problems := LoadDir(builtin, ".")
	if extraDir == "" {
		return NewCatalogue(base), problems
	}
	extra, more := LoadDir(os.DirFS(extraDir), ".")
	for i := range more {
		more[i].File = filepath.Join(extraDir, more[i].File)
	}
	return NewCatalogue(base, extra), append(problems, more...)
}

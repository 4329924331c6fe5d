package kiosk_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"loket/assets"
	"loket/kiosk"
	"loket/kiosk/kiosktest"
)

func TestShippedCatalogueIsValid(t *testing.T) {
	cat, problems := kiosk.LoadCatalogue(assets.Services(), "")
	for _, p := range problems {
		t.Errorf("shipped definition: %s", p)
	}
	want := []string{"proof-of-residence", "household-composition", "criminal-record", "resident-parking-card",
		"public-space", "report-problem", "bulky-waste", "appointment-civil-affairs", "digipunt-workshop",
		"premium-grant", "general-question"}
	for _, id := range want {
		if _, ok := cat.Service(id); !ok {
			t.Errorf("the catalogue lacks %s", id)
		}
	}
}

// Every shipped service can be walked from start to submission with valid answers.
func TestWalkEveryShippedService(t *testing.T) {
	ctx := context.Background()
	cat, _ := kiosk.LoadCatalogue(assets.Services(), "")
	clock := kiosktest.NewClock(kiosktest.Day)
	store := kiosktest.Store(t, clock)
	for _, svc := range cat.Services() {
		for _, l := range kiosk.Languages {
			f := kiosk.NewFlow(svc, store, clock.Now, l)
			if err := f.Begin(ctx); err != nil {
				t.Fatal(err)
			}
			for steps := 0; f.Screen() == kiosk.ScreenQuestion; steps++ {
				if steps > len(svc.Steps) {
					t.Fatalf("%s: the flow does not end", svc.ID)
				}
				st := f.Step()
				if err := f.Continue(ctx, kiosk.SampleAnswer(st, f.Today())); err != nil {
					t.Fatalf("%s/%s: sample answer refused: %v", svc.ID, st.ID, err)
				}
			}
			sub, err := f.Submit(ctx, false)
			if err != nil {
				t.Fatalf("%s: %v", svc.ID, err)
			}
			got, err := store.Submission(ctx, sub.Reference)
			if err != nil || got.ServiceID != svc.ID || len(got.Answers) == 0 {
				t.Fatalf("%s: stored %+v, %v", svc.ID, got, err)
			}
		}
	}
}

const goodService = `
id = "dog-licence"
version = 1
category = "permits"
pictogram = "question"
title = { nl = "Hondenpenning", fr = "Médaille pour chien", en = "Dog tag" }
summary = { nl = "Vraag een penning aan", fr = "Demandez une médaille", en = "Ask for a tag" }
configurable = ["cost"]
[start]
what = { nl = "Een penning", fr = "Une médaille", en = "A tag" }
cost = { nl = "Gratis", fr = "Gratuit", en = "Free" }
duration = { nl = "2 minuten", fr = "2 minutes", en = "2 minutes" }
other = { nl = "Aan het loket", fr = "Au guichet", en = "At the counter" }
[confirmation]
next = { nl = "We sturen hem", fr = "Nous l'envoyons", en = "We send it" }
lead_time = { nl = "Binnen 5 dagen", fr = "Dans 5 jours", en = "Within 5 days" }
[[steps]]
id = "name"
type = "text"
question = { nl = "Naam van de hond?", fr = "Nom du chien ?", en = "Dog's name?" }
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Broken definitions are reported with file and field, and skipped; the rest loads.
func TestBrokenDefinitionsAreReportedAndSkipped(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"good.toml":         goodService,
		"syntax.toml":       "id = \"x\"\ntitle = {nl = \"unclosed\"\n",
		"misspelt.toml":     strings.Replace(goodService, "summary", "sumary", 1),
		"badtype.toml":      strings.Replace(strings.Replace(goodService, `"text"`, `"txt"`, 1), "dog-licence", "dog-2", 1),
		"nofrench.toml":     strings.Replace(strings.Replace(goodService, `fr = "Nom du chien ?", `, "", 1), "dog-licence", "dog-3", 1),
		"badwhen.toml":      strings.Replace(goodService, `question = { nl = "Naam`, `when = { step = "later", equals = "x" }`+"\n"+`question = { nl = "Naam`, 1),
		"zz-duplicate.toml": goodService,
		"notes.txt":         "not a definition",
	})
	services, problems := kiosk.LoadDir(os.DirFS(dir), ".")
	if len(services) != 1 || services[0].ID != "dog-licence" {
		t.Fatalf("only the good definition loads, got %d", len(services))
	}
	want := map[string]string{
		"syntax.toml":       "line ",
		"misspelt.toml":     "sumary: unknown key",
		"badtype.toml":      `steps[0].type: "txt" is not one of`,
		"nofrench.toml":     "steps[0].question.fr: missing",
		"badwhen.toml":      `steps[0].when.step: "later" is not an earlier step`,
		"zz-duplicate.toml": "id: \"dog-licence\" is also the id of",
	}
	for file, fragment := range want {
		found := slices.ContainsFunc(problems, func(p kiosk.Problem) bool {
			return p.File == file && strings.Contains(p.String(), fragment)
		})
		if !found {
			t.Errorf("%s: no problem containing %q in %v", file, fragment, problems)
		}
	}
}

// An extra directory adds services and replaces built-in ones with the same id.
func TestExtraDirOverrides(t *testing.T) {
	override := strings.Replace(strings.Replace(goodService, "dog-licence", "report-problem", 1), "Hondenpenning", "Melding (eigen versie)", 1)
	dir := writeFiles(t, map[string]string{"a.toml": goodService, "b.toml": override})
	cat, problems := kiosk.LoadCatalogue(assets.Services(), dir)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if _, ok := cat.Service("dog-licence"); !ok {
		t.Fatal("the extra service is added")
	}
	if s, _ := cat.Service("report-problem"); s.Title.In(kiosk.NL) != "Melding (eigen versie)" {
		t.Fatalf("the extra definition replaces the built-in one, got %q", s.Title.In(kiosk.NL))
	}
}

func FuzzParseService(f *testing.F) {
	_ = fs.WalkDir(assets.Services(), ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(assets.Services(), path)
			f.Add(b)
		}
		return nil
	})
	f.Add([]byte(goodService))
	f.Add([]byte("id = 1\n[[steps]]\nwhen = {}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, problems := kiosk.ParseService("fuzz.toml", data)
		if (s == nil) == (len(problems) == 0) {
			t.Fatalf("a definition is either returned or refused with problems: %v %v", s, problems)
		}
		if s != nil && len(s.Check()) > 0 {
			t.Fatalf("an accepted definition passes its own check")
		}
	})
}

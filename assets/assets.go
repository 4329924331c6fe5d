// Package assets holds what is data, not code: the service definitions, the translations,
// the pictograms. It is embedded in the binary so a kiosk needs nothing beside it.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed services/*.toml translations icons/*.svg
var files embed.FS

// Services returns the built-in service definitions (*.toml at the root).
func Services() fs.FS { sub, _ := fs.Sub(files, "services"); return sub }

// Translations returns the translation folders: ui/ (screens) and validation/ (why an
// answer was refused), each with nl.json, fr.json and en.json.
func Translations() fs.FS { sub, _ := fs.Sub(files, "translations"); return sub }

// TranslationsEmbed returns the embedded files with translations/ at the root, for Fyne's
// lang.AddTranslationsFS.
func TranslationsEmbed() embed.FS { return files }

// TranslationDirs are the folders of Translations, in load order.
var TranslationDirs = []string{"ui", "validation", "receipt"}

// Icon returns the SVG pictogram with the given name, or nil.
func Icon(name string) []byte {
	b, err := files.ReadFile("icons/" + name + ".svg")
	if err != nil {
		return nil
	}
	return b
}

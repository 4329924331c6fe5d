package hub

import (
	"io/fs"
	"os"
	"path"
	"sort"

	"loket/kiosk"
	"loket/sync/wire"
)

// Catalogue is the hub's service catalogue: parsed, to validate submissions, and as the
// definition files themselves, to hand to kiosks. Both come from the same files, so a kiosk
// is checked against exactly what it was given.
type Catalogue struct {
	Services *kiosk.Catalogue
	Wire     wire.Catalogue
}

// LoadCatalogue loads the built-in definitions and those in extraDir (which add services or
// replace built-in ones by id), as kiosk.LoadCatalogue does, and keeps each used file's
// text. Broken definitions are returned as problems and left out.
func LoadCatalogue(builtin fs.FS, extraDir string) (*Catalogue, []kiosk.Problem) {
	cat, problems := kiosk.LoadCatalogue(builtin, extraDir)
	byID := map[string]wire.ServiceFile{}
	collect(builtin, "", byID)
	if extraDir != "" {
		collect(os.DirFS(extraDir), "extra-", byID)
	}
	var files []wire.ServiceFile
	for _, s := range cat.Services() {
		if f, ok := byID[s.ID]; ok {
			files = append(files, f)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return &Catalogue{Services: cat, Wire: wire.Catalogue{Version: wire.CatalogueVersion(files), Services: files}}, problems
}

// collect maps service ids to their files; a later call overrides an earlier one, as the
// extra directory overrides the built-in definitions. Names get a prefix so an extra file
// called like a built-in one stays a distinct name.
func collect(fsys fs.FS, prefix string, byID map[string]wire.ServiceFile) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return // kiosk.LoadCatalogue reported it
	}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".toml" {
			continue
		}
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			continue
		}
		if s, problems := kiosk.ParseService(e.Name(), data); s != nil && len(problems) == 0 {
			byID[s.ID] = wire.ServiceFile{Name: prefix + e.Name(), TOML: string(data)}
		}
	}
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"loket/assets"
	"loket/kiosk"
	"loket/ui"
)

// appID is the kiosk's Fyne application id (as in FyneApp.toml).
const appID = "be.loket.kiosk"

// setup is what every way of running the kiosk shares: config, messages, catalogue, store.
type setup struct {
	cfg   kiosk.Config
	deps  ui.Deps
	store *kiosk.Store
}

// load reads the config (defaults when path is empty), the translations and the catalogue,
// and opens the store. Broken service definitions are logged and skipped.
func load(path string) (*setup, error) {
	cfg := kiosk.DefaultConfig()
	if path != "" {
		var err error
		if cfg, err = kiosk.LoadConfig(path); err != nil {
			return nil, err
		}
	}
	messages, err := kiosk.LoadMessages(assets.Translations(), assets.TranslationDirs...)
	if err != nil {
		return nil, err
	}
	cat, problems := kiosk.LoadCatalogue(assets.Services(), cfg.Services.ExtraDir)
	for _, p := range problems {
		log.Printf("catalogue: skipped: %s", p)
	}
	if cat, err = cfg.ApplyFacts(cat); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	cat, unknown := cat.Only(cfg.Services.Enabled)
	for _, id := range unknown {
		log.Printf("config: services.enabled: no service %q; check the id or its definition", id)
	}
	if len(cat.Services()) == 0 {
		return nil, errors.New("no services to offer: check services.enabled and the definitions")
	}
	if err := os.MkdirAll(cfg.Kiosk.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("kiosk.data_dir: %w", err)
	}
	store, err := kiosk.OpenStore(filepath.Join(cfg.Kiosk.DataDir, "kiosk.db"), kiosk.StoreOptions{KioskCode: cfg.Kiosk.ID})
	if err != nil {
		return nil, err
	}
	// A draft nobody saved belongs to a session that ended with the last run (a crash, a
	// power cut): it is never shown again, so it is not kept either.
	if n, err := store.PurgeDrafts(context.Background(), time.Now()); err != nil {
		log.Printf("drafts: purge: %v", err)
	} else if n > 0 {
		log.Printf("drafts: deleted %d unsaved or expired draft(s)", n)
	}
	return &setup{cfg: cfg, store: store, deps: ui.Deps{Catalogue: cat, Store: store, Messages: messages,
		Config: cfg, Now: time.Now, Icon: assets.Icon,
		Pictures: ui.RasterPictures(assets.Icon, ui.PictureNames(), 96)}}, nil
}

func newApp() fyne.App {
	a := app.NewWithID(appID)
	// Fyne's own widgets (dialog buttons and the like) read these; Loket's screens use the
	// session's language through kiosk.Messages, since Fyne cannot switch at run time.
	for _, dir := range assets.TranslationDirs {
		if err := lang.AddTranslationsFS(assets.TranslationsEmbed(), "translations/"+dir); err != nil {
			log.Printf("translations: %v", err)
		}
	}
	a.Settings().SetTheme(ui.NewTheme())
	return a
}

// runKiosk starts the kiosk's window.
func runKiosk(args []string) error {
	fs := flag.NewFlagSet("kiosk", flag.ContinueOnError)
	config := fs.String("config", "", "config file (TOML); defaults are used when empty")
	windowed := fs.Bool("window", false, "run in a window instead of full screen (development)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// Reading the catalogue and opening the database overlap with starting the graphics:
	// the kiosk's two cores each take one.
	loaded := make(chan error, 1)
	var s *setup
	go func() {
		var err error
		s, err = load(*config)
		loaded <- err
	}()
	a := newApp()
	w := a.NewWindow("Loket")
	if err := <-loaded; err != nil {
		return err
	}
	defer s.store.Close()
	k := ui.NewKiosk(s.deps)
	w.SetContent(k.Content())
	w.Resize(fyne.NewSize(1920, 1080))
	w.SetFullScreen(!*windowed)
	w.SetPadded(false)
	reportFirstFrame(a)
	w.ShowAndRun()
	return nil
}

// reportFirstFrame prints "first-frame" once the app's loop has started and gone round
// twice, which is after the window's first paint. BenchmarkStartup reads it; the
// fyne-floor baseline does exactly the same.
func reportFirstFrame(a fyne.App) {
	if os.Getenv("LOKET_REPORT_FIRST_FRAME") == "" {
		return
	}
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			fyne.DoAndWait(func() {})
			fyne.DoAndWait(func() {})
			fmt.Println("first-frame")
		}()
	})
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"loket/assets"
	"loket/kiosk"
	"loket/kiosk/printer"
	"loket/kiosk/receipt"
	"loket/kiosk/receipt/pdf"
	"loket/sync/outbox"
	"loket/ui"
)

// appID is the kiosk's Fyne application id (as in FyneApp.toml).
const appID = "be.loket.kiosk"

// version is the kiosk's software version, reported to the hub in heartbeats.
const version = "0.1.0"

// setup is what every way of running the kiosk shares: config, messages, catalogue, store.
type setup struct {
	cfg   kiosk.Config
	deps  ui.Deps
	store *kiosk.Store
	// startSync starts the outbox's loop; nil without a hub.
	startSync func()
}

// readConfig reads the config file, or gives the defaults when path is empty.
func readConfig(path string) (kiosk.Config, error) {
	if path == "" {
		return kiosk.DefaultConfig(), nil
	}
	return kiosk.LoadConfig(path)
}

// openStore opens the config's kiosk database (creating its folder), with its key.
func openStore(cfg kiosk.Config) (*kiosk.Store, error) {
	if err := os.MkdirAll(cfg.Kiosk.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("kiosk.data_dir: %w", err)
	}
	opts, err := cfg.StoreOptions()
	if err != nil {
		return nil, err
	}
	return kiosk.OpenStore(filepath.Join(cfg.Kiosk.DataDir, "kiosk.db"), opts)
}

// load reads the config (defaults when path is empty), the translations and the catalogue,
// and opens the store. Broken service definitions are logged and skipped.
func load(path string) (*setup, error) {
	cfg, err := readConfig(path)
	if err != nil {
		return nil, err
	}
	return loadWith(cfg, path)
}

// loadWith is load for a config already read.
func loadWith(cfg kiosk.Config, path string) (*setup, error) {
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
	store, err := openStore(cfg)
	if err != nil {
		return nil, err
	}
	return &setup{cfg: cfg, store: store, deps: ui.Deps{Catalogue: cat, Store: store, Messages: messages,
		Config: cfg, Now: time.Now, Icon: assets.Icon}}, nil
}

// loadKiosk is load for the kiosk's window: it holds the data folder's lock first (a second
// kiosk on the same data would mix two citizens' sessions), deletes the drafts of sessions
// that ended with the last run, and prepares the tile pictures.
func loadKiosk(path string) (*setup, func(), error) {
	cfg, err := readConfig(path)
	if err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(cfg.Kiosk.DataDir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("kiosk.data_dir: %w", err)
	}
	release, err := kiosk.LockInstance(cfg.Kiosk.DataDir)
	if err != nil {
		return nil, nil, err
	}
	s, err := loadWith(cfg, path)
	if err != nil {
		release()
		return nil, nil, err
	}
	// A draft nobody saved belongs to a session that ended with the last run (a crash, a
	// power cut): it is never shown again, so it is not kept either. Only the kiosk itself
	// does this: a staff command beside a running kiosk must not delete a citizen's draft.
	if n, err := s.store.PurgeDrafts(context.Background(), time.Now()); err != nil {
		log.Printf("drafts: purge: %v", err)
	} else if n > 0 {
		log.Printf("drafts: deleted %d unsaved or expired draft(s)", n)
	}
	purgeSent(s)
	s.deps.Pictures = ui.RasterPictures(assets.Icon, ui.PictureNames(), 96)
	docs := &receipt.Builder{Catalogue: s.deps.Catalogue, Config: s.cfg, Messages: s.deps.Messages}
	if p, err := printer.New(s.store, docs); err != nil {
		log.Printf("printer: %v", err) // the kiosk works without; confirmations say so
	} else {
		s.deps.Printer = p
	}
	s.deps.Speaker = ui.SpeakerFrom(kiosk.NewSpeaker(kiosk.SpeakerOptions{}))
	return s, release, nil
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

// purgeSent deletes submissions the hub confirmed more than kiosk.keep_sent_days ago.
func purgeSent(s *setup) {
	before := time.Now().AddDate(0, 0, -s.cfg.Kiosk.KeepSentDays)
	if n, err := s.store.PurgeSent(context.Background(), before); err != nil {
		log.Printf("submissions: purge: %v", err)
	} else if n > 0 {
		log.Printf("submissions: deleted %d confirmed by the hub before %s", n, before.Format("2006-01-02"))
	}
}

// exportForStaff writes the confirmations of [from, to) as a PDF and a CSV into the data
// folder's exports/ and returns the PDF's path; the staff screen calls it off the UI
// goroutine.
func exportForStaff(s *setup, from, to time.Time) (string, error) {
	dir := filepath.Join(s.cfg.Kiosk.DataDir, "exports")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	base := filepath.Join(dir, "confirmations-"+from.Format("20060102")+"-"+to.AddDate(0, 0, -1).Format("20060102"))
	x := export{store: s.store, docs: receiptBuilder(s), format: pdf.A4, progress: io.Discard}
	if _, err := x.run(context.Background(), from, to, "", base+".pdf", base+".csv"); err != nil {
		return "", err
	}
	return base + ".pdf", nil
}

// maintain deletes, every hour, what the kiosk no longer needs: saved drafts past their
// expiry, drafts left by a session that ended long ago, and confirmed submissions past
// kiosk.keep_sent_days. It runs off the UI goroutine; the database serialises its writes.
func maintain(ctx context.Context, s *setup) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			// A session ends after at most idle + warning seconds; an hour is far beyond.
			if _, err := s.store.PurgeDrafts(ctx, time.Now().Add(-time.Hour)); err != nil {
				log.Printf("drafts: purge: %v", err)
			}
			purgeSent(s)
		}
	}
}

// runKiosk starts the kiosk's window: full screen, without decorations, and it cannot be
// closed from the screen (staff leave kiosk mode with their PIN).
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
	var release func()
	go func() {
		var err error
		s, release, err = loadKiosk(*config)
		loaded <- err
	}()
	a := newApp()
	w := a.NewWindow("Loket")
	if err := <-loaded; err != nil {
		return err
	}
	defer release()
	defer s.store.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.deps.Settings = a.Settings()
	s.deps.Quit = a.Quit
	s.deps.Export = func(from, to time.Time) (string, error) { return exportForStaff(s, from, to) }
	var k *ui.Kiosk
	startOutbox(ctx, s, func(u outbox.CatalogueUpdate) {
		cat, err := s.cfg.ApplyFacts(u.Catalogue)
		if err != nil {
			log.Printf("sync: catalogue %s: %v", u.Version, err)
			return
		}
		cat, _ = cat.Only(s.cfg.Services.Enabled)
		fyne.Do(func() { k.SetCatalogue(cat) })
	})
	k = ui.NewKiosk(s.deps)
	if s.startSync != nil {
		s.startSync() // after k exists: the first pass may bring a catalogue for it
	}
	go k.RunTimers(ctx)
	go maintain(ctx, s)
	w.SetContent(k.Content())
	w.Resize(fyne.NewSize(1920, 1080))
	w.SetFullScreen(!*windowed)
	w.SetPadded(false)
	if !*windowed {
		w.SetCloseIntercept(func() {}) // a citizen cannot close the kiosk; staff use their PIN
	}
	reportFirstFrame(a)
	w.ShowAndRun()
	return nil
}

// startOutbox starts sending submissions to the hub in the background, when one is
// configured; without one the kiosk works offline and the outbox waits.
func startOutbox(ctx context.Context, s *setup, onCatalogue func(outbox.CatalogueUpdate)) {
	opts, err := outbox.FromConfig(s.store, s.cfg)
	if err != nil {
		log.Printf("sync: %v", err)
		return
	}
	opts.OnCatalogue = onCatalogue
	opts.Version = version
	opts.Logger = slog.Default() // references and counts only, never answers
	if s.deps.Printer != nil {
		p := s.deps.Printer
		opts.Printer = func() string {
			pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			defer cancel()
			if st, err := p.Status(pctx); err == nil && !st.Ready {
				return string(st.Problem)
			}
			return "ok"
		}
	}
	if u, err := outbox.LoadCatalogueFile(opts.CatalogueFile); err == nil {
		if cat, err := s.cfg.ApplyFacts(u.Catalogue); err == nil {
			cat, _ = cat.Only(s.cfg.Services.Enabled)
			s.deps.Catalogue = cat // the hub's catalogue from an earlier run
		}
	}
	ob, err := outbox.New(opts)
	if err != nil {
		log.Printf("sync: %v", err)
		return
	}
	serve := func() {
		if err := ob.Serve(ctx); err != nil && ctx.Err() == nil {
			log.Printf("sync: stopped: %v", err)
		}
	}
	s.startSync = func() { go serve() }
	s.deps.RequestHelp = func() {
		go func() {
			hctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			if err := ob.RequestHelp(hctx); err != nil {
				log.Printf("help request: %v", err)
			}
		}()
	}
	s.deps.SyncStatus = func() (outbox.Status, error) { return ob.Status(ctx) }
	s.deps.Submitted = ob.Kick
	s.deps.SyncNow = func() {
		if _, err := ob.SyncNow(ctx); err != nil {
			log.Printf("sync now: %v", err)
		}
	}
	s.deps.RetryAttention = func() {
		if _, err := ob.Retry(ctx, ""); err != nil {
			log.Printf("sync retry: %v", err)
		}
	}
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

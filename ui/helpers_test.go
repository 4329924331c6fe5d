package ui

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"loket/assets"
	"loket/kiosk"
	"loket/kiosk/kiosktest"
)

// uiQueues hold, per test, what background work handed to the UI goroutine (Deps.Do): the
// test runs it on its own goroutine with runUI, as the app's loop would.
var uiQueues = map[testing.TB]chan func(){}

func uiQueue(t testing.TB) func(func()) {
	q := make(chan func(), 256)
	uiQueues[t] = q
	t.Cleanup(func() { delete(uiQueues, t) })
	return func(f func()) { q <- f }
}

// runUI runs what background work handed to the UI so far, waiting up to a few seconds
// for at least one.
func runUI(t testing.TB) {
	t.Helper()
	q := uiQueues[t]
	select {
	case f := <-q:
		f()
	case <-time.After(10 * time.Second):
		t.Fatal("no work reached the UI goroutine")
	}
	for {
		select {
		case f := <-q:
			f()
		default:
			return
		}
	}
}

// newTestKiosk builds the kiosk with the shipped catalogue and translations, a store in a
// temporary folder, a fixed clock, on Fyne's headless test driver in a 1080p window.
func newTestKiosk(t testing.TB) (*Kiosk, *kiosktest.Clock) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	messages, err := kiosk.LoadMessages(assets.Translations(), assets.TranslationDirs...)
	if err != nil {
		t.Fatal(err)
	}
	cat, problems := kiosk.LoadCatalogue(assets.Services(), "")
	if len(problems) > 0 {
		t.Fatalf("shipped catalogue: %v", problems)
	}
	clock := kiosktest.NewClock(kiosktest.Day)
	store, err := kiosk.OpenStore(filepath.Join(t.TempDir(), "kiosk.db"), kiosk.StoreOptions{KioskCode: "TST01", Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	k := NewKiosk(Deps{Catalogue: cat, Store: store, Messages: messages, Config: kiosk.DefaultConfig(),
		Now: clock.Now, Icon: assets.Icon, Settings: a.Settings(), Do: uiQueue(t)})
	w := test.NewWindow(k.Content())
	w.Resize(fyne.NewSize(1920, 1080))
	t.Cleanup(w.Close)
	return k, clock
}

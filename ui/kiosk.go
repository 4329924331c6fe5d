// Package ui holds Loket's Fyne screens. Each screen is a struct holding its widgets; each
// gesture becomes one call on the kiosk domain (package kiosk). The package never imports
// fyne.io/fyne/v2/app, so its tests run headless on Fyne's test driver.
package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"loket/kiosk"
	"loket/kiosk/printer"
	"loket/sync/outbox"
)

// Deps is what the kiosk's screens need from the rest of the program.
type Deps struct {
	Catalogue *kiosk.Catalogue
	Store     *kiosk.Store
	Messages  kiosk.Messages
	Config    kiosk.Config
	Now       func() time.Time
	// Icon returns the SVG of a pictogram by name (assets.Icon).
	Icon func(name string) []byte
	// Settings is where the theme is set (the app's Settings(), starting with NewTheme());
	// the citizen's text size and contrast change it.
	Settings fyne.Settings
	// Speaker reads screens aloud; nil or unavailable hides the button.
	Speaker Speaker
	// RequestHelp tells staff elsewhere that a citizen needs a helper (the hub); nil when
	// the kiosk has no hub. It must not block.
	RequestHelp func()
	// SyncStatus reports the outbox for the staff screen; nil when there is no hub.
	SyncStatus func() (outbox.Status, error)
	// SyncNow sends the outbox now and RetryAttention queues again what the hub refused;
	// both block until done and are called off the UI goroutine. Nil without a hub.
	SyncNow        func()
	RetryAttention func()
	// Submitted is called after each submission (the outbox sends it at once); may be nil.
	Submitted func()
	// Printer prints receipts and slips; nil when the kiosk has none configured.
	Printer *printer.Printer
	// Export writes the confirmations of [from, to) to files for staff and returns where;
	// it blocks and is called off the UI goroutine. Nil: no export at the kiosk.
	Export func(from, to time.Time) (string, error)
	// Quit leaves kiosk mode (staff only).
	Quit func()
	// Do runs a function on the UI goroutine, for work that finishes in the background
	// (printing, exports, sync, the idle clock): fyne.Do when nil. Tests hand the
	// functions to their own goroutine, since Fyne's test driver runs them in place.
	Do func(func())
	// Pictures are the tile pictograms, rasterised ahead (RasterPictures); NewKiosk makes
	// them from Icon when nil.
	Pictures Pictures
}

// PictureNames lists the pictograms the tiles use: every service pictogram and every
// category's.
func PictureNames() []string {
	names := append([]string{}, kiosk.Pictograms...)
	for _, n := range categoryIcon {
		names = append(names, n)
	}
	return names
}

// screen is one of the kiosk's screens: the widgets it shows, and a way to keep what the
// citizen typed before the screen is rebuilt (for a change of language).
type screen interface {
	content() fyne.CanvasObject
	hold()
}

// Kiosk is the whole kiosk user interface: a top bar with the language choice and the
// screen of the moment. One citizen's session lives here: its language and its flow.
type Kiosk struct {
	deps    Deps
	lang    kiosk.Lang
	flow    *kiosk.Flow
	root    *fyne.Container
	bar     *topBar
	frame   *fyne.Container // top bar, screen, reading aids
	foot    *footBar
	body    *fyne.Container
	current screen
	rebuild func() screen   // builds the current screen again, in the session's language
	overlay *fyne.Container // above everything: the idle warning
	warning *warningOverlay
	help    *helpOverlay
	// helpCalled is set once a helper was called in this session.
	helpCalled bool
	// assisted is set while a digital helper is logged in: the session counts as assisted.
	assisted bool
	// counted is set once this session has been counted as started.
	counted bool
	// keyboards are the on-screen keyboards built so far (Kiosk.keyboard).
	keyboards map[keyboardKey]*cachedKeyboard
	// nextCatalogue waits for the end of the session: a catalogue never changes under a
	// citizen's feet.
	nextCatalogue *kiosk.Catalogue
	// lastTouch is when the citizen last did something; Tick measures the quiet from it.
	lastTouch time.Time
	looks     looks
	themed    bool // the theme for looks has been set at least once
}

// NewKiosk builds the kiosk on its home screen, in the default language.
func NewKiosk(deps Deps) *Kiosk {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Do == nil {
		deps.Do = fyne.Do
	}
	if deps.Pictures == nil && deps.Icon != nil {
		deps.Pictures = RasterPictures(deps.Icon, PictureNames(), pictureSize)
	}
	// The app starts with NewTheme() (the default looks), so the first session need not set
	// it again: setting a theme refreshes every widget, which cost 100 ms of the start-up.
	k := &Kiosk{deps: deps, lang: deps.Config.Kiosk.DefaultLanguage, keyboards: map[keyboardKey]*cachedKeyboard{},
		themed: true}
	k.applySettings()
	k.body = container.NewStack()
	k.overlay = container.NewStack()
	k.bar = newTopBar(k)
	k.foot = newFootBar(k)
	k.frame = container.NewBorder(k.bar.content(), k.foot.box, nil, nil, k.body)
	k.root = container.NewStack(k.frame, k.overlay)
	k.Home()
	return k
}

// Content is the kiosk's whole window content.
func (k *Kiosk) Content() fyne.CanvasObject { return k.root }

// Lang returns the session's language.
func (k *Kiosk) Lang() kiosk.Lang { return k.lang }

// Flow returns the flow in progress, if any.
func (k *Kiosk) Flow() *kiosk.Flow { return k.flow }

// t translates a key into the session's language.
func (k *Kiosk) t(key string, args ...string) string { return k.deps.Messages.T(k.lang, key, args...) }

// show puts a screen on display; build is kept to rebuild it after a change of language.
func (k *Kiosk) show(build func() screen) {
	if k.deps.Speaker != nil {
		k.deps.Speaker.Stop() // speech belongs to the screen it read
	}
	k.rebuild = build
	k.current = build()
	k.body.Objects = []fyne.CanvasObject{k.current.content()}
	k.body.Refresh()
	k.bar.update()
	k.foot.update()
	k.foot.box.Show()
	k.Touch()
}

// SetLang switches the whole screen to another language at once, keeping every answer and
// whatever was typed but not yet sent.
func (k *Kiosk) SetLang(l kiosk.Lang) {
	if l == k.lang {
		return
	}
	k.current.hold()
	k.lang = l
	k.record(kiosk.UsageEvent{Kind: kiosk.UsageLanguageChosen, Lang: l})
	if k.flow != nil {
		k.flow.SetLang(l)
	}
	k.show(k.rebuild)
}

// Home ends the session: the flow and its unsaved draft are dropped, the language, text
// size and contrast return to the defaults, any help call or helper mode ends, and the home
// screen is built anew, so nothing of the citizen stays on screen or in memory.
func (k *Kiosk) Home() {
	if k.flow != nil {
		_ = k.flow.Discard(context.Background()) // a failure leaves the draft to PurgeDrafts
	}
	k.flow = nil
	k.lang = k.deps.Config.Kiosk.DefaultLanguage
	k.help, k.warning, k.helpCalled, k.assisted, k.counted = nil, nil, false, false, false
	k.refreshOverlay()
	k.setLooks(defaultLooks)
	if k.nextCatalogue != nil {
		k.deps.Catalogue, k.nextCatalogue = k.nextCatalogue, nil
	}
	k.show(func() screen { return newHomeScreen(k) })
}

// applySettings takes what staff changed at the kiosk (kiosk.Store settings) over the
// config file: the languages offered and the idle time.
func (k *Kiosk) applySettings() {
	ctx := context.Background()
	if v, ok, err := k.deps.Store.Setting(ctx, kiosk.SettingLanguages); err == nil && ok {
		var langs []kiosk.Lang
		for _, code := range strings.Split(v, ",") {
			if l, ok := kiosk.ParseLang(code); ok {
				langs = append(langs, l)
			}
		}
		if slices.Contains(langs, k.deps.Config.Kiosk.DefaultLanguage) {
			k.deps.Config.Kiosk.Languages = langs
		}
	}
	if v, ok, err := k.deps.Store.Setting(ctx, kiosk.SettingIdleSeconds); err == nil && ok {
		if n, err := strconv.Atoi(v); err == nil && n >= 20 && n <= 3600 {
			k.deps.Config.Session.IdleSeconds = n
		}
	}
}

// rebuildBar builds the top bar again, after staff changed the languages offered.
func (k *Kiosk) rebuildBar() {
	k.bar = newTopBar(k)
	k.frame = container.NewBorder(k.bar.content(), k.foot.box, nil, nil, k.body)
	k.root.Objects[0] = k.frame
	k.root.Refresh()
	k.bar.update()
}

// SetCatalogue switches to a new catalogue (from the hub) between sessions: at once when
// nobody is using the kiosk, otherwise when the session ends.
func (k *Kiosk) SetCatalogue(c *kiosk.Catalogue) {
	k.nextCatalogue = c
	if !k.inSession() {
		k.Home()
	}
}

// startService opens a service's start page.
func (k *Kiosk) startService(svc *kiosk.Service) {
	k.flow = kiosk.NewFlow(svc, k.deps.Store, k.deps.Now, k.lang)
	k.record(kiosk.UsageEvent{Kind: kiosk.UsageServiceStarted, Service: svc.ID})
	k.showFlow()
}

// showFlow shows the screen the flow is on.
func (k *Kiosk) showFlow() {
	switch k.flow.Screen() {
	case kiosk.ScreenStart:
		k.show(func() screen { return newStartScreen(k) })
	case kiosk.ScreenQuestion:
		k.show(func() screen { return newQuestionScreen(k) })
	case kiosk.ScreenCheck:
		k.show(func() screen { return newCheckScreen(k, 0) })
	case kiosk.ScreenDone:
		k.show(func() screen { return newDoneScreen(k) })
	}
}

// inFlow reports whether a citizen is filling in a service (the top bar then offers Stop).
func (k *Kiosk) inFlow() bool { return k.flow != nil && k.flow.Screen() != kiosk.ScreenDone }

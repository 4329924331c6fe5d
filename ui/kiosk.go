// Package ui holds Loket's Fyne screens. Each screen is a struct holding its widgets; each
// gesture becomes one call on the kiosk domain (package kiosk). The package never imports
// fyne.io/fyne/v2/app, so its tests run headless on Fyne's test driver.
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"loket/kiosk"
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
	body    *fyne.Container
	current screen
	rebuild func() screen // builds the current screen again, in the session's language
}

// NewKiosk builds the kiosk on its home screen, in the default language.
func NewKiosk(deps Deps) *Kiosk {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Pictures == nil && deps.Icon != nil {
		deps.Pictures = RasterPictures(deps.Icon, PictureNames(), pictureSize)
	}
	k := &Kiosk{deps: deps, lang: deps.Config.Kiosk.DefaultLanguage}
	k.body = container.NewStack()
	k.bar = newTopBar(k)
	k.root = container.NewBorder(k.bar.content(), nil, nil, nil, k.body)
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
	k.rebuild = build
	k.current = build()
	k.body.Objects = []fyne.CanvasObject{k.current.content()}
	k.body.Refresh()
	k.bar.update()
}

// SetLang switches the whole screen to another language at once, keeping every answer and
// whatever was typed but not yet sent.
func (k *Kiosk) SetLang(l kiosk.Lang) {
	if l == k.lang {
		return
	}
	k.current.hold()
	k.lang = l
	if k.flow != nil {
		k.flow.SetLang(l)
	}
	k.show(k.rebuild)
}

// Home ends the session: the flow and its unsaved draft are dropped, the language returns
// to the default, and the home screen is built anew, so nothing of the citizen stays.
func (k *Kiosk) Home() {
	if k.flow != nil {
		_ = k.flow.Discard(context.Background()) // a failure leaves the draft to PurgeDrafts
	}
	k.flow = nil
	k.lang = k.deps.Config.Kiosk.DefaultLanguage
	k.show(func() screen { return newHomeScreen(k) })
}

// startService opens a service's start page.
func (k *Kiosk) startService(svc *kiosk.Service) {
	k.flow = kiosk.NewFlow(svc, k.deps.Store, k.deps.Now, k.lang)
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

package ui

import (
	"context"
	"image/color"
	"loket/kiosk"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// A session starts at a citizen's first tap and ends when they finish, stop, or walk away.
// Walking away is noticed by the quiet time since the last touch: after the idle limit a
// large, calm warning counts down; if nobody taps "I am still here", the kiosk starts again.

// Touch records that the citizen did something; it hides the warning if it was showing.
func (k *Kiosk) Touch() {
	k.lastTouch = k.deps.Now()
	if k.warning != nil {
		k.hideWarning()
	}
}

// inSession reports whether anything of a citizen is on the kiosk: a flow, another screen
// than home, or another language than the default.
func (k *Kiosk) inSession() bool {
	_, home := k.current.(*homeScreen)
	return k.flow != nil || !home || k.lang != k.deps.Config.Kiosk.DefaultLanguage || k.looks != defaultLooks
}

// Tick checks the quiet time; RunTimers calls it every second on the UI goroutine, tests
// call it after moving their clock.
func (k *Kiosk) Tick() {
	if !k.inSession() {
		return
	}
	idle := k.deps.Now().Sub(k.lastTouch)
	limit := time.Duration(k.deps.Config.Session.IdleSeconds) * time.Second
	if k.help != nil {
		limit *= 3 // a citizen waiting for the helper they called is not idle, only patient
	}
	warn := time.Duration(k.deps.Config.Session.WarningSeconds) * time.Second
	switch {
	case idle >= limit+warn:
		k.Reset()
	case idle >= limit:
		k.showWarning(limit + warn - idle)
	}
}

// RunTimers calls Tick every second until ctx ends. It is the only goroutine of the
// screens, and it touches no widget itself: Tick runs through Deps.Do (fyne.Do).
func (k *Kiosk) RunTimers(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			k.deps.Do(k.Tick)
		}
	}
}

// Reset ends the session as if the citizen had finished: nothing of them stays.
func (k *Kiosk) Reset() {
	k.record(kiosk.UsageEvent{Kind: kiosk.UsageAbandoned, Reason: kiosk.AbandonTimeout, Service: k.serviceID()})
	k.hideWarning()
	k.Home()
}

// warningOverlay covers the screen with the countdown and one big button.
type warningOverlay struct {
	count *widget.Label
	stay  *widget.Button
	box   fyne.CanvasObject
}

func (k *Kiosk) showWarning(left time.Duration) {
	secs := itoa(int((left + time.Second - 1) / time.Second))
	if k.warning != nil {
		k.warning.count.SetText(k.t("idle.countdown", secs))
		return
	}
	w := &warningOverlay{}
	w.count = bold(k.t("idle.countdown", secs))
	w.count.Alignment = fyne.TextAlignCenter
	w.stay = button(k.t("idle.stay"), nil, true, k.Touch)
	title := heading(k.t("idle.title"))
	title.Alignment = fyne.TextAlignCenter
	card := canvas.NewRectangle(k.pal().background)
	card.StrokeColor, card.StrokeWidth, card.CornerRadius = k.pal().primary, 6, 12
	body := container.NewVBox(title, w.count, sized(w.stay, 640, 120))
	shade := canvas.NewRectangle(color.NRGBA{0, 0, 0, 0xB0})
	w.box = container.NewStack(shade, container.NewCenter(
		container.NewStack(card, container.NewPadded(container.NewPadded(body)))), layout.NewSpacer())
	k.warning = w
	k.refreshOverlay()
}

func (k *Kiosk) hideWarning() {
	k.warning = nil
	k.refreshOverlay()
}

// refreshOverlay shows what lies above the screen: the help call, and above it the idle
// warning.
func (k *Kiosk) refreshOverlay() {
	var objs []fyne.CanvasObject
	if k.help != nil {
		objs = append(objs, k.help.box)
	}
	if k.warning != nil {
		objs = append(objs, k.warning.box)
	}
	k.overlay.Objects = objs
	k.overlay.Refresh()
}

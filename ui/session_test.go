package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
)

// allText collects every string the window tree holds: labels, entries (text and
// placeholder), rich text, buttons, canvas texts, also in hidden objects and in widgets'
// renderers.
func allText(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	seen := map[fyne.CanvasObject]bool{}
	walk = func(o fyne.CanvasObject) {
		if o == nil || seen[o] {
			return
		}
		seen[o] = true
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Entry:
			out = append(out, w.Text, w.PlaceHolder)
		case *kioskEntry:
			out = append(out, w.Text, w.PlaceHolder)
		case *widget.RichText:
			out = append(out, w.String())
		case *widget.Button:
			out = append(out, w.Text)
		case *canvas.Text:
			out = append(out, w.Text)
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				walk(child)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, child := range test.WidgetRenderer(w).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return out
}

// After the idle time a warning counts down; "I am still here" keeps the session; without
// it the kiosk resets and nothing the citizen typed remains anywhere in the window tree.
func TestIdleWarningAndReset(t *testing.T) {
	k, clock := newTestKiosk(t)
	test.Tap(k.bar.langs[kiosk.EN])
	openService(t, k, "certificates", "proof-of-residence")
	tapOption(t, k, "self")
	tapContinue(t, k)
	// Typed but not yet sent is as private as an answer.
	typed := []string{"85.07.30-033.28"}
	typeAnswer(t, k, typed[0])
	draft := k.flow.DraftID()
	on[*questionScreen](t, k)
	clock.Advance(119 * time.Second)
	k.Tick()
	if k.warning != nil {
		t.Fatal("no warning before the idle time")
	}
	clock.Advance(2 * time.Second)
	k.Tick()
	if k.warning == nil || !strings.Contains(k.warning.count.Text, "29") {
		t.Fatalf("a warning counts down from 30 s: %+v", k.warning)
	}
	test.Tap(k.warning.stay)
	if k.warning != nil || k.flow == nil {
		t.Fatal("'I am still here' keeps the session")
	}
	if got := on[*questionScreen](t, k).input.value(); got != typed[0] {
		t.Fatalf("staying keeps what was typed, got %q", got)
	}
	clock.Advance(120 * time.Second)
	k.Tick()
	clock.Advance(30 * time.Second)
	k.Tick()
	on[*homeScreen](t, k)
	if k.flow != nil || k.Lang() != kiosk.NL || k.warning != nil {
		t.Fatalf("reset: flow %v, language %s", k.flow, k.Lang())
	}
	for _, s := range allText(k.Content()) {
		for _, v := range append(typed, "85073003328", "For myself") {
			if strings.Contains(s, v) {
				t.Fatalf("after the reset the window still holds %q (in %q)", v, s)
			}
		}
	}
	if a, _ := k.deps.Store.DraftAnswers(context.Background(), draft); len(a) != 0 {
		t.Fatalf("the unsaved draft is deleted: %v", a)
	}
}

// The kiosk does not time out while nobody is using it.
func TestNoTimeoutAtRest(t *testing.T) {
	k, clock := newTestKiosk(t)
	clock.Advance(time.Hour)
	k.Tick()
	if k.warning != nil {
		t.Fatal("the home screen in the default language is not a session")
	}
}

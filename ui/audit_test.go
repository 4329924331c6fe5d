package ui

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
)

// The accessibility audit visits every screen of every shipped service, and the screens
// around them, and checks the rules of KIOSK-UX.md: text at least the body size, every
// tappable object at least 48 dp in both directions, no object that needs a drag, and text
// colours with enough contrast. It names the offending widget by screen and label.
func TestAccessibilityAudit(t *testing.T) {
	k, _ := newTestKiosk(t)
	audit := func(where string) { auditScreen(t, k, where) }
	audit("home")
	test.Tap(k.bar.help)
	audit("help")
	k.hideHelp()
	for _, svc := range k.deps.Catalogue.Services() {
		k.startService(svc)
		audit(svc.ID + "/start")
		if err := k.flow.Begin(context.Background()); err != nil {
			t.Fatal(err)
		}
		for k.flow.Screen() == kiosk.ScreenQuestion {
			k.showFlow()
			st := k.flow.Step()
			audit(svc.ID + "/" + st.ID)
			if err := k.flow.Continue(context.Background(), kiosk.SampleAnswer(st, k.flow.Today())); err != nil {
				t.Fatal(err)
			}
		}
		k.showFlow()
		audit(svc.ID + "/check")
		if _, err := k.flow.Submit(context.Background(), false); err != nil {
			t.Fatal(err)
		}
		k.showFlow()
		audit(svc.ID + "/done")
		k.Home()
	}
	k.show(func() screen { return newResumeScreen(k) })
	audit("resume")
	k.show(func() screen { return newPINScreen(k, kiosk.RoleStaff, func() {}, func() {}) })
	audit("pin")
	k.show(func() screen { return newStaffScreen(k) })
	audit("staff")
	k.showWarning(30e9)
	audit("idle warning")
}

func auditScreen(t *testing.T, k *Kiosk, where string) {
	t.Helper()
	k.root.Resize(screenSize)
	// inControl is set below a tappable control: its parts (a text box's inner text that
	// selects by dragging) are used through the control, which a tap works.
	var walk func(o fyne.CanvasObject, visible, inControl bool)
	walk = func(o fyne.CanvasObject, visible, inControl bool) {
		if o == nil {
			return
		}
		visible = visible && o.Visible()
		if !visible {
			return
		}
		name := describe(o)
		if !inControl && needsDrag(o) {
			t.Errorf("%s: %s needs a drag; only taps are allowed", where, name)
		}
		if _, ok := o.(fyne.Tappable); ok {
			if s := o.Size(); s.Width < 48 || s.Height < 48 {
				t.Errorf("%s: %s is %.0f×%.0f dp; a touch target needs 48×48", where, name, s.Width, s.Height)
			}
		}
		if txt, ok := o.(*canvas.Text); ok && txt.Text != "" && txt.TextSize < sizeText {
			t.Errorf("%s: text %q is %.0f dp; the minimum is %d", where, txt.Text, txt.TextSize, sizeText)
		}
		_, tappable := o.(fyne.Tappable)
		inControl = inControl || tappable
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				walk(child, visible, inControl)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, child := range test.WidgetRenderer(w).Objects() {
				walk(child, visible, inControl)
			}
		}
	}
	walk(k.Content(), true, false)
}

// needsDrag reports whether an object can only be used by dragging: something draggable
// that a tap does not work (a text box also selects text by dragging, but a tap is all it
// needs), or a scroller whose content is larger than its window.
func needsDrag(o fyne.CanvasObject) bool {
	if sc, ok := o.(*container.Scroll); ok {
		if sc.Content == nil {
			return false
		}
		c, s := sc.Content.MinSize(), sc.Size()
		return c.Height > s.Height+1 && sc.Direction != container.ScrollHorizontalOnly ||
			c.Width > s.Width+1 && sc.Direction != container.ScrollVerticalOnly
	}
	_, drag := o.(fyne.Draggable)
	_, tap := o.(fyne.Tappable)
	_, focus := o.(fyne.Focusable)
	return drag && !tap && !focus
}

func describe(o fyne.CanvasObject) string {
	switch w := o.(type) {
	case *widget.Button:
		return fmt.Sprintf("button %q", w.Text)
	case *kioskEntry:
		return "text box"
	case *widget.Entry:
		return "text box"
	}
	return fmt.Sprintf("%T", o)
}

// Every colour pair the kiosk paints text with has enough contrast: 7:1 in the default
// theme (WCAG AAA), 4.5:1 in every theme.
func TestContrast(t *testing.T) {
	for name, p := range map[string]palette{"default": normalPalette, "high contrast": contrastPalette} {
		want := 4.5
		if name == "default" {
			want = 7
		}
		pairs := map[string][2]color.NRGBA{
			"text on background":   {p.text, p.background},
			"text on buttons":      {p.text, p.button},
			"text on inputs":       {p.text, p.input},
			"text on a chosen one": {p.text, p.chosen},
			"primary buttons":      {p.onPrimary, p.primary},
			"errors":               {p.error, p.background},
			"placeholders":         {p.disabled, p.input},
			"confirmation banner":  {p.onSuccess, p.success},
		}
		for what, pair := range pairs {
			if r := contrast(pair[0], pair[1]); r < want {
				t.Errorf("%s theme: %s: contrast %.1f:1, want %.1f:1", name, what, r, want)
			}
		}
		if r := contrast(p.border, p.background); r < 3 {
			t.Errorf("%s theme: borders: %.1f:1, want 3:1", name, r)
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.NRGBA) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

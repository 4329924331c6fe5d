package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
)

// Speaker reads text aloud in a language, off the UI goroutine (kiosk.Speaker). Say stops
// whatever is still being said first.
type Speaker interface {
	Available() bool
	Say(l kiosk.Lang, text string)
	Stop()
}

func (k *Kiosk) speechAvailable() bool { return k.deps.Speaker != nil && k.deps.Speaker.Available() }

// onSpeak reads the screen aloud in the session's language: the question, hint and
// choices, in the order they stand, then the main buttons.
func (k *Kiosk) onSpeak() {
	if k.speechAvailable() {
		k.deps.Speaker.Say(k.lang, screenText(k.current.content()))
	}
}

func (k *Kiosk) onQuiet() {
	if k.deps.Speaker != nil {
		k.deps.Speaker.Stop()
	}
}

// screenText collects the visible words of a screen, top to bottom, one phrase a line.
func screenText(o fyne.CanvasObject) string {
	var lines []string
	walkVisible(o, func(o fyne.CanvasObject) {
		var s string
		switch w := o.(type) {
		case *widget.Label:
			s = w.Text
		case *widget.RichText:
			s = w.String()
		case *canvas.Text:
			s = w.Text
		case *widget.Button:
			s = w.Text
		}
		if s = strings.TrimSpace(s); s != "" {
			lines = append(lines, s)
		}
	})
	return strings.Join(lines, ".\n")
}

// walkVisible calls fn for every visible object in the tree, containers' children in order.
func walkVisible(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			walkVisible(child, fn)
		}
	}
}

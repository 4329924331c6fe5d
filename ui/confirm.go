package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// confirmScreen is shown in helper mode before sending: a helper may guide and fill in, but
// the citizen is the one who submits, on a screen that says so.
type confirmScreen struct {
	k    *Kiosk
	send *widget.Button
	back *widget.Button
	box  fyne.CanvasObject
}

func newConfirmScreen(k *Kiosk) *confirmScreen {
	s := &confirmScreen{k: k}
	s.send = button(k.t("confirm.send"), nil, true, k.submit)
	s.back = button(k.t("nav.back"), k.icon("back"), false, k.showFlow)
	top := container.NewVBox(heading(k.t("confirm.title")), para(k.t("confirm.body")))
	s.box = page(top, actions([]fyne.CanvasObject{s.back}, sized(s.send, 520, 0)))
	return s
}

func (s *confirmScreen) content() fyne.CanvasObject { return s.box }
func (s *confirmScreen) hold()                      {}

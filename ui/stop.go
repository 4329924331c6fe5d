package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
)

// stopScreen asks before throwing answers away: stop and delete, save for later, or go on.
type stopScreen struct {
	k       *Kiosk
	discard *widget.Button
	save    *widget.Button
	goOn    *widget.Button
	box     fyne.CanvasObject
}

func newStopScreen(k *Kiosk) *stopScreen {
	s := &stopScreen{k: k}
	s.discard = button(k.t("stop.discard"), nil, false, func() {
		k.record(kiosk.UsageEvent{Kind: kiosk.UsageAbandoned, Reason: kiosk.AbandonStop, Service: k.serviceID()})
		k.Home()
	})
	s.save = button(k.t("question.save"), k.icon("resume"), false, k.saveForLater)
	s.goOn = button(k.t("stop.continue"), nil, true, k.showFlow)
	top := container.NewVBox(heading(k.t("stop.title")), para(k.t("stop.intro")))
	s.box = page(top, actions([]fyne.CanvasObject{s.discard, s.save}, s.goOn))
	return s
}

func (s *stopScreen) content() fyne.CanvasObject { return s.box }
func (s *stopScreen) hold()                      {}

// problemScreen tells the citizen, calmly, that the kiosk could not store their answer and
// what to do; the flow is kept, so Try again loses nothing.
type problemScreen struct {
	k     *Kiosk
	retry *widget.Button
	box   fyne.CanvasObject
}

// showStorageProblem is shown when the disk refuses a write: the citizen never sees the
// technical error, only what to do.
func (k *Kiosk) showStorageProblem() {
	k.show(func() screen {
		s := &problemScreen{k: k}
		s.retry = button(k.t("problem.retry"), nil, true, func() {
			if k.flow != nil {
				k.showFlow()
			} else {
				k.Home()
			}
		})
		top := container.NewVBox(heading(k.t("problem.title")), para(k.t("problem.storage")))
		s.box = page(top, actions(nil, s.retry))
		return s
	})
}

func (s *problemScreen) content() fyne.CanvasObject { return s.box }
func (s *problemScreen) hold()                      {}

package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
)

// pinScreen is a large keypad for a helper's or staff member's PIN. The PIN shows as dots;
// five wrong tries lock the role for a while (kiosk.Store.CheckPIN).
type pinScreen struct {
	k       *Kiosk
	role    kiosk.Role
	typed   string
	dots    *widget.Label
	message *widget.Label
	keys    map[string]*widget.Button
	ok      *widget.Button
	cancel  *widget.Button
	onOK    func()
	box     fyne.CanvasObject
}

func newPINScreen(k *Kiosk, role kiosk.Role, onOK, onCancel func()) *pinScreen {
	s := &pinScreen{k: k, role: role, keys: map[string]*widget.Button{}, onOK: onOK}
	s.dots = heading("")
	s.message = para("")
	s.message.Importance = widget.DangerImportance
	pad := container.NewGridWithColumns(3)
	for _, key := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "clear"} {
		key := key
		label := key
		switch key {
		case "back":
			label = "⌫"
		case "clear":
			label = k.t("pin.clear")
		}
		b := widget.NewButton(label, func() { s.press(key) })
		s.keys[key] = b
		pad.Add(sized(b, 140, 96))
	}
	s.ok = button(k.t("pin.ok"), nil, true, s.onSubmit)
	s.cancel = button(k.t("pin.cancel"), k.icon("back"), false, onCancel)
	left := container.NewVBox(heading(k.t("pin.title."+string(role))), para(k.t("pin.intro")), s.dots, s.message)
	s.box = page(container.NewGridWithColumns(2, left, container.NewCenter(pad)),
		actions([]fyne.CanvasObject{s.cancel}, s.ok))
	state, err := k.deps.Store.PINState(context.Background(), role)
	if err == nil && state.Status == kiosk.PINNotSet {
		s.message.SetText(k.t("pin.notset"))
	}
	return s
}

func (s *pinScreen) content() fyne.CanvasObject { return s.box }
func (s *pinScreen) hold()                      {}

func (s *pinScreen) press(key string) {
	switch {
	case key == "back" && s.typed != "":
		s.typed = s.typed[:len(s.typed)-1]
	case key == "clear":
		s.typed = ""
	case len(key) == 1 && len(s.typed) < 8:
		s.typed += key
	}
	s.dots.SetText(strings.Repeat("● ", len(s.typed)))
}

// onSubmit checks the PIN beside the UI: argon2id is slow on purpose (tens of ms on a
// kiosk's CPU), and the keypad must not freeze meanwhile. OK stays disabled until the
// answer, so a second tap cannot spend a second try.
func (s *pinScreen) onSubmit() {
	k, pin := s.k, s.typed
	s.typed = ""
	s.dots.SetText("")
	s.ok.Disable()
	s.message.SetText(k.t("pin.checking"))
	go func() {
		res, err := k.deps.Store.CheckPIN(context.Background(), s.role, pin)
		k.deps.Do(func() { s.show(res, err) })
	}()
}

func (s *pinScreen) show(res kiosk.PINResult, err error) {
	k := s.k
	s.ok.Enable()
	s.message.SetText("")
	switch {
	case err != nil:
		s.message.SetText(k.t("problem.storage"))
	case res.Status == kiosk.PINOK:
		s.onOK()
	case res.Status == kiosk.PINWrong:
		s.message.SetText(k.t("pin.wrong", itoa(res.TriesLeft)))
	case res.Status == kiosk.PINLocked:
		s.message.SetText(k.t("pin.locked", res.LockedUntil.In(k.deps.Now().Location()).Format("15:04")))
	case res.Status == kiosk.PINNotSet:
		s.message.SetText(k.t("pin.notset"))
	}
}

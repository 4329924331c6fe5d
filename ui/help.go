package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
)

// helpOverlay tells the citizen that a helper is on the way. It stays until they close it
// or a helper logs in; the top bar's Help button shows the call is open.
type helpOverlay struct {
	close *widget.Button
	login *widget.Button
	staff *widget.Button
	box   fyne.CanvasObject
}

// onHelp calls a helper: a clear confirmation on screen, a signal that can be seen and
// heard, and a help request to the hub (kiosk id only, nothing of the citizen).
func (k *Kiosk) onHelp() {
	k.helpCalled = true
	k.record(kiosk.UsageEvent{Kind: kiosk.UsageHelpRequested, Service: k.serviceID()})
	if k.deps.RequestHelp != nil {
		k.deps.RequestHelp()
	}
	if k.speechAvailable() {
		k.deps.Speaker.Say(k.lang, k.t("help.title")+". "+k.t("help.body"))
	}
	h := &helpOverlay{}
	h.close = button(k.t("help.close"), nil, true, k.hideHelp)
	h.login = button(k.t("help.login"), nil, false, k.onHelperLogin)
	h.staff = button(k.t("help.staff"), nil, false, k.onStaffLogin)
	title := heading(k.t("help.title"))
	title.Alignment = fyne.TextAlignCenter
	body := para(k.t("help.body"))
	body.Alignment = fyne.TextAlignCenter
	card := canvas.NewRectangle(k.pal().background)
	card.StrokeColor, card.StrokeWidth, card.CornerRadius = k.pal().primary, 8, 12
	content := container.NewVBox(widget.NewIcon(k.icon("help")), title, body,
		container.NewGridWithColumns(3, sized(h.staff, 0, heightPrimary), sized(h.login, 0, heightPrimary),
			sized(h.close, 0, heightPrimary)))
	shade := canvas.NewRectangle(color.NRGBA{0, 0, 0, 0xB0})
	h.box = container.NewStack(shade, container.NewCenter(container.NewStack(card,
		container.NewPadded(container.NewPadded(sized(content, 900, 0))))), layout.NewSpacer())
	k.help = h
	k.refreshOverlay()
	k.bar.update()
}

func (k *Kiosk) hideHelp() {
	k.help = nil
	k.refreshOverlay()
	k.bar.update()
}

// onHelperLogin opens the helper's PIN keypad.
func (k *Kiosk) onHelperLogin() {
	k.hideHelp()
	back := k.rebuild
	k.show(func() screen {
		return newPINScreen(k, kiosk.RoleHelper, func() {
			k.assisted = true
			k.show(back) // the top bar now shows helper mode, with a button to end it
		}, func() { k.show(back) })
	})
}

// onStaffLogin opens the staff PIN keypad; the right PIN opens the staff screen.
func (k *Kiosk) onStaffLogin() {
	k.hideHelp()
	back := k.rebuild
	k.show(func() screen {
		return newPINScreen(k, kiosk.RoleStaff, func() {
			k.setLooks(defaultLooks) // the staff screen is laid out for the standard text size
			k.show(func() screen { return newStaffScreen(k) })
		}, func() { k.show(back) })
	})
}

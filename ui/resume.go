package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	qrcode "github.com/skip2/go-qrcode"

	"loket/kiosk"
	"loket/kiosk/printer"
	"loket/kiosk/receipt"
)

// saveForLater keeps the draft and shows its resume code.
func (k *Kiosk) saveForLater() {
	code, expires, err := k.flow.SaveForLater(context.Background(), k.deps.Config.Drafts.ExpireDays)
	if err != nil {
		k.showStorageProblem()
		return
	}
	k.record(kiosk.UsageEvent{Kind: kiosk.UsageSavedForLater, Service: k.serviceID()})
	k.flow = nil // the draft is the citizen's now; nothing of it stays in this session
	k.show(func() screen { return newSavedScreen(k, code, receipt.FormatDate(expires)) })
	if s, ok := k.current.(*savedScreen); ok {
		k.startPrint(s.print, printer.Job{Document: receipt.KindResumeSlip, Code: code}, code)
	}
}

// savedScreen shows the resume code large, with a QR code holding it, and the expiry date.
type savedScreen struct {
	k      *Kiosk
	code   *canvas.Text
	print  *printStatus
	finish *widget.Button
	box    fyne.CanvasObject
}

func newSavedScreen(k *Kiosk, code, expires string) *savedScreen {
	s := &savedScreen{k: k}
	s.code = canvas.NewText(code, k.pal().text)
	s.code.TextSize, s.code.TextStyle = k.textSize(sizeReference), fyne.TextStyle{Bold: true, Monospace: true}
	s.print = newPrintStatus()
	left := container.NewVBox(heading(k.t("saved.title")), para(k.t("saved.intro")), container.NewPadded(s.code),
		para(k.t("saved.expires", expires)), para(k.t("saved.how")), s.print.box)
	var right fyne.CanvasObject = widget.NewLabel("")
	if img := qrImage(code); img != nil {
		qr := canvas.NewImageFromImage(img)
		qr.FillMode, qr.ScaleMode = canvas.ImageFillContain, canvas.ImageScalePixels
		qr.SetMinSize(fyne.NewSize(320, 320))
		right = qr
	}
	s.finish = button(k.t("done.finish"), nil, true, k.Home)
	s.box = page(container.NewBorder(nil, nil, nil, right, left), actions(nil, s.finish))
	return s
}

func (s *savedScreen) content() fyne.CanvasObject { return s.box }
func (s *savedScreen) hold()                      {}

// qrImage encodes an ASCII payload as a QR code image, or nil if it cannot.
func qrImage(payload string) image.Image {
	b, err := qrcode.Encode(payload, qrcode.Medium, 320)
	if err != nil {
		return nil
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	return img
}

// resumeScreen takes a resume code typed by the citizen and opens the saved draft.
type resumeScreen struct {
	k       *Kiosk
	entry   *widget.Entry
	problem string
	next    *widget.Button
	back    *widget.Button
	box     fyne.CanvasObject
}

func newResumeScreen(k *Kiosk) *resumeScreen { return newResumeScreenWith(k, "", "") }

func newResumeScreenWith(k *Kiosk, typed, problemKey string) *resumeScreen {
	s := &resumeScreen{k: k, problem: problemKey}
	s.entry = widget.NewEntry()
	s.entry.SetText(typed)
	s.entry.OnSubmitted = func(string) { s.onContinue() }
	top := container.NewVBox(heading(k.t("resume.title")))
	if problemKey != "" {
		top.Add(problemBox(k.pal(), k.t("question.problem"), k.t(problemKey)))
	}
	top.Add(para(k.t("resume.hint")))
	top.Add(para(k.t("question.example", "K7Q-4MZ2")))
	top.Add(sized(s.entry, 400, 0))
	s.next = button(k.t("nav.continue"), nil, true, s.onContinue)
	s.back = button(k.t("nav.back"), k.icon("back"), false, k.Home)
	s.box = page(top, actions([]fyne.CanvasObject{s.back}, s.next))
	return s
}

func (s *resumeScreen) content() fyne.CanvasObject { return s.box }
func (s *resumeScreen) hold()                      {}

func (s *resumeScreen) onContinue() {
	k, typed := s.k, s.entry.Text
	d, err := k.deps.Store.ResumeDraft(context.Background(), typed)
	problem := ""
	switch {
	case errors.Is(err, kiosk.ErrCodeFormat):
		problem = "resume.format"
	case errors.Is(err, kiosk.ErrCodeCheck):
		problem = "resume.typo"
	case errors.Is(err, kiosk.ErrNoDraft):
		problem = "resume.unknown"
	case errors.Is(err, kiosk.ErrDraftExpired):
		problem = "resume.expired"
	case err != nil:
		k.showStorageProblem()
		return
	}
	var svc *kiosk.Service
	if problem == "" {
		var ok bool
		if svc, ok = k.deps.Catalogue.Service(d.ServiceID); !ok {
			problem = "resume.gone"
		}
	}
	if problem != "" {
		k.show(func() screen { return newResumeScreenWith(k, typed, problem) })
		return
	}
	k.flow = kiosk.ResumeFlow(svc, d, k.deps.Store, k.deps.Now, k.lang)
	k.showFlow()
}

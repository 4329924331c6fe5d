package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk/printer"
	"loket/kiosk/receipt"
)

// printStatus shows a print job's progress on a confirmation, in the citizen's words. A
// printer that fails never touches the submission: the citizen reads a calm message with
// another way (photograph the reference and the QR code, or ask a helper).
type printStatus struct {
	label *widget.Label
	box   *fyne.Container
	done  chan printer.Progress // the last stage, for tests
}

func newPrintStatus() *printStatus {
	p := &printStatus{label: bold(""), done: make(chan printer.Progress, 1)}
	p.box = container.NewStack(p.label)
	p.box.Hide()
	return p
}

// startPrint prints a job beside the UI and shows each stage. qrPayload is shown large
// when the printer fails, so the citizen can photograph it instead.
func (k *Kiosk) startPrint(p *printStatus, job printer.Job, qrPayload string) {
	if k.deps.Printer == nil {
		return
	}
	p.box.Show()
	p.label.SetText(k.t("print.preparing"))
	progress := k.deps.Printer.Start(context.Background(), job)
	go func() {
		var last printer.Progress
		for pr := range progress {
			last = pr
			k.deps.Do(func() { k.showPrintProgress(p, pr, qrPayload) })
		}
		p.done <- last
	}()
}

func (k *Kiosk) showPrintProgress(p *printStatus, pr printer.Progress, qrPayload string) {
	switch pr.Stage {
	case printer.StagePreparing, printer.StageSending:
		p.label.SetText(k.t("print.preparing"))
	case printer.StagePrinting:
		p.label.SetText(k.t("print.printing"))
	case printer.StageDone:
		p.label.SetText(k.t("print.done"))
	case printer.StageFailed:
		p.label.SetText(k.t("print.failed"))
		p.label.Importance = widget.DangerImportance
		p.label.Refresh()
		if img := qrImage(qrPayload); img != nil {
			qr := canvas.NewImageFromImage(img)
			qr.FillMode, qr.ScaleMode = canvas.ImageFillContain, canvas.ImageScalePixels
			qr.SetMinSize(fyne.NewSize(180, 180))
			p.box.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, nil, qr, p.label)}
			p.box.Refresh()
		}
	}
}

// statusLink is what a receipt's QR code holds for a reference: the hub's status page.
func (k *Kiosk) statusLink(reference string) string {
	return receipt.StatusURL(k.deps.Config.Hub) + reference
}

package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
	"loket/kiosk/printer"
	"loket/kiosk/receipt"
)

// staffPrinter is the printer part of the staff screen: the printer's state, receipts that
// did not print, and a reprint by reference (its check character catches a typing error).
type staffPrinter struct {
	k       *Kiosk
	state   *widget.RichText
	ref     *kioskEntry
	reprint *widget.Button
	test    *widget.Button
	status  *printStatus
	box     fyne.CanvasObject
}

func newStaffPrinter(k *Kiosk) *staffPrinter {
	p := &staffPrinter{k: k, status: newPrintStatus()}
	p.state = facts("", k.t("staff.printer.checking"))
	if k.deps.Printer == nil {
		p.state = facts(p.stateFacts()...)
	} else {
		// lpstat can take seconds when CUPS is slow: ask beside the UI, show it when known.
		go func() {
			state := p.stateFacts()
			k.deps.Do(func() {
				p.state.Segments = facts(state...).Segments
				p.state.Refresh()
			})
		}()
	}
	p.ref = newKioskEntry(KeyboardText, false, nil)
	p.ref.SetPlaceHolder("GNT01-7Q00-0AZK")
	p.reprint = button(k.t("staff.reprint"), nil, false, p.onReprint)
	p.test = button(k.t("staff.testprint"), nil, false, p.onTestPrint)
	p.box = container.NewVBox(subheading(k.t("staff.printer")), p.state, p.ref,
		container.NewGridWithColumns(2, sized(p.reprint, 0, heightButton), sized(p.test, 0, heightButton)), p.status.box)
	if k.deps.Printer == nil {
		p.ref.Disable()
		p.reprint.Disable()
		p.test.Disable()
	}
	return p
}

func (p *staffPrinter) stateFacts() []string {
	k := p.k
	if k.deps.Printer == nil {
		return []string{"", k.t("staff.noprinter")}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	st, err := k.deps.Printer.Status(ctx)
	if err != nil {
		return []string{"", k.t("problem.storage")}
	}
	state := k.t("staff.printer.ready")
	if !st.Ready {
		state = k.t("printer.problem." + string(st.Problem))
	}
	out := []string{st.Printer, state}
	if n := len(st.Unprinted); n > 0 {
		refs := ""
		for _, a := range st.Unprinted {
			refs += a.Reference + " "
		}
		out = append(out, k.t("staff.unprinted", itoa(n)), refs)
	}
	return out
}

func (p *staffPrinter) onReprint() {
	k := p.k
	ref, err := kiosk.ParseReference(p.ref.Text)
	switch {
	case errors.Is(err, kiosk.ErrCodeCheck):
		p.showMessage(k.t("staff.reprint.typo"))
		return
	case err != nil:
		p.showMessage(k.t("staff.reprint.format"))
		return
	}
	if _, err := k.deps.Store.Submission(context.Background(), ref); err != nil {
		p.showMessage(k.t("staff.reprint.unknown"))
		return
	}
	k.startPrint(p.status, printer.Job{Document: receipt.KindReceipt, Reference: ref, Reprint: true}, k.statusLink(ref))
}

// onTestPrint prints the latest receipt again, marked as a copy: a real document through
// the real path, without making up a submission.
func (p *staffPrinter) onTestPrint() {
	k := p.k
	now := k.deps.Now()
	subs, err := k.deps.Store.Submissions(context.Background(), now.AddDate(0, 0, -30), now.Add(time.Minute))
	if err != nil || len(subs) == 0 {
		p.showMessage(k.t("staff.testprint.none"))
		return
	}
	ref := subs[len(subs)-1].Reference
	k.startPrint(p.status, printer.Job{Document: receipt.KindReceipt, Reference: ref, Reprint: true}, k.statusLink(ref))
}

func (p *staffPrinter) showMessage(msg string) {
	p.status.box.Show()
	p.status.label.SetText(msg)
}

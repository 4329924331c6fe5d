package ui

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"loket/kiosk"
	"loket/kiosk/printer"
	"loket/kiosk/receipt"
)

func itoa(n int) string { return strconv.Itoa(n) }

// checkScreen shows every answer with a Change button, a page at a time, then Submit.
type checkScreen struct {
	k       *Kiosk
	page    int
	changes map[string]*widget.Button
	prev    *widget.Button
	more    *widget.Button
	submit  *widget.Button
	back    *widget.Button
	box     fyne.CanvasObject
}

func newCheckScreen(k *Kiosk, pageNo int) *checkScreen {
	s := &checkScreen{k: k, page: pageNo, changes: map[string]*widget.Button{}}
	rows := k.flow.Review()
	// Check-your-answers stays on one screen: dragging does not scroll on a desktop touch
	// screen, so long lists page with big buttons instead.
	per := k.rowsPerPage()
	pages := (len(rows) + per - 1) / per
	list := container.NewVBox()
	for i := pageNo * per; i < len(rows) && i < (pageNo+1)*per; i++ {
		r := rows[i]
		change := button(k.t("check.change"), nil, false, func() { s.onChange(r.Step.ID) })
		s.changes[r.Step.ID] = change
		list.Add(container.NewBorder(nil, nil, nil, sized(change, 200, heightButton),
			container.NewGridWithColumns(2, bold(r.Step.Question.In(k.lang)),
				para(r.Step.Display(r.Value, k.lang, k.deps.Messages)))))
		list.Add(widget.NewSeparator())
	}
	s.prev = button(k.t("check.previous"), nil, false, func() { s.onPage(-1) })
	s.more = button(k.t("check.more"), nil, false, func() { s.onPage(1) })
	if pageNo == 0 {
		s.prev.Hide()
	}
	if pageNo >= pages-1 {
		s.more.Hide()
	}
	pager := container.NewHBox(sized(s.prev, 0, heightButton), layout.NewSpacer(),
		widget.NewLabel(k.t("check.page", itoa(pageNo+1), itoa(max(pages, 1)))), layout.NewSpacer(), sized(s.more, 0, heightButton))
	s.submit = button(k.t("check.submit"), nil, true, s.onSubmit)
	s.back = button(k.t("nav.back"), k.icon("back"), false, s.onBack)
	top := container.NewVBox(heading(k.t("check.title")), para(k.t("check.intro")), list, pager)
	s.box = page(top, actions([]fyne.CanvasObject{s.back}, s.submit))
	return s
}

func (s *checkScreen) content() fyne.CanvasObject { return s.box }
func (s *checkScreen) hold()                      {}

func (s *checkScreen) onPage(delta int) {
	p := s.page + delta
	s.k.show(func() screen { return newCheckScreen(s.k, p) })
}

func (s *checkScreen) onChange(stepID string) {
	if err := s.k.flow.Change(stepID); err == nil {
		s.k.showFlow()
	}
}

func (s *checkScreen) onBack() {
	s.k.flow.Back()
	s.k.showFlow()
}

func (s *checkScreen) onSubmit() {
	if s.k.assisted {
		s.k.show(func() screen { return newConfirmScreen(s.k) })
		return
	}
	s.k.submit()
}

// submit sends the flow's answers; in helper mode it counts the session as assisted.
func (k *Kiosk) submit() {
	sub, err := k.flow.Submit(context.Background(), k.assisted)
	if err == nil {
		k.record(kiosk.UsageEvent{Kind: kiosk.UsageSubmitted, Service: sub.ServiceID, Assisted: sub.Assisted})
		if k.deps.Submitted != nil {
			k.deps.Submitted()
		}
	}
	var inv *kiosk.Invalid
	switch {
	case errors.As(err, &inv):
		k.show(func() screen { return newQuestionScreenWithProblem(k, inv) })
	case err != nil:
		k.showStorageProblem()
	default:
		k.showFlow()
		if done, ok := k.current.(*doneScreen); ok {
			done.printReceipt()
		}
	}
}

// doneScreen is the confirmation: the reference in very large type, what happens next and
// by when, and how to reach the municipality.
type doneScreen struct {
	k      *Kiosk
	ref    *canvas.Text
	copy   *widget.Button
	print  *printStatus
	finish *widget.Button
	box    fyne.CanvasObject
}

func newDoneScreen(k *Kiosk) *doneScreen {
	s := &doneScreen{k: k}
	sub, svc, l := k.flow.Submission(), k.flow.Service(), k.lang
	banner := canvas.NewRectangle(k.pal().success)
	title := canvas.NewText(k.t("done.title"), k.pal().onSuccess)
	title.TextSize, title.TextStyle, title.Alignment = k.textSize(sizeHeading), fyne.TextStyle{Bold: true}, fyne.TextAlignCenter
	refLabel := canvas.NewText(k.t("done.reference"), k.pal().onSuccess)
	refLabel.TextSize, refLabel.Alignment = k.textSize(sizeText), fyne.TextAlignCenter
	s.ref = canvas.NewText(sub.Reference, k.pal().onSuccess)
	s.ref.TextSize, s.ref.Alignment = k.textSize(sizeReference), fyne.TextAlignCenter
	s.ref.TextStyle = fyne.TextStyle{Bold: true, Monospace: true}
	green := container.NewStack(banner, container.NewPadded(container.NewVBox(title, refLabel, s.ref)))
	m := k.deps.Config.Municipality
	top := container.NewVBox(green, facts(
		"", k.t("done.stored"),
		k.t("done.next"), svc.Confirmation.Next.In(l)+" "+svc.Confirmation.LeadTime.In(l),
		k.t("done.contact"), m.Name+" · "+m.Counter.In(l)+" · "+m.Phone,
		"", k.t("done.write")))
	s.print = newPrintStatus()
	top.Add(s.print.box)
	s.finish = button(k.t("done.finish"), nil, true, k.Home)
	s.copy = button(k.t("done.copy"), nil, false, s.onCopy)
	if k.deps.Printer == nil {
		s.copy.Hide()
	}
	s.box = page(top, actions([]fyne.CanvasObject{s.copy}, s.finish))
	return s
}

// printReceipt prints the submission's receipt once, when the confirmation first shows.
func (s *doneScreen) printReceipt() {
	ref := s.k.flow.Submission().Reference
	s.k.startPrint(s.print, printer.Job{Document: receipt.KindReceipt, Reference: ref}, s.k.statusLink(ref))
}

// onCopy prints the copy of the request, with the answers, for a citizen who wants it.
func (s *doneScreen) onCopy() {
	ref := s.k.flow.Submission().Reference
	s.copy.Disable()
	s.k.startPrint(s.print, printer.Job{Document: receipt.KindRequest, Reference: ref}, s.k.statusLink(ref))
}

func (s *doneScreen) content() fyne.CanvasObject { return s.box }
func (s *doneScreen) hold()                      {}

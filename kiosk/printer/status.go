package printer

import (
	"context"
	"errors"
	"os"
	"time"

	"loket/kiosk"
)

// Status is the printer as staff see it: can it print now, and if not why; and which
// receipts failed to print and have not printed since.
type Status struct {
	Printer   string  // queue ("" = system default) or device
	Ready     bool    // a document sent now would print
	Problem   Problem // why not, when not Ready
	Message   string  // what CUPS says about the queue, for staff
	Unprinted []kiosk.PrintAttempt
	Checked   time.Time
}

// unprintedWindow is how far back the staff's reprint list looks.
const unprintedWindow = 7 * 24 * time.Hour

// Status asks the printing system about the printer (lpstat) and the store about failed
// receipts. It takes a second at most when CUPS answers; give ctx a deadline for when it
// does not.
func (p *Printer) Status(ctx context.Context) (Status, error) {
	st := Status{Printer: p.where(), Checked: time.Now()}
	if p.cfg.Device != "" {
		if _, err := os.Stat(p.cfg.Device); err != nil {
			st.Problem, st.Message = NoPrinter, err.Error()
		} else {
			st.Ready = true
		}
	} else {
		q, err := p.cups.state(ctx)
		switch {
		case err != nil:
			st.Problem, st.Message = ProblemOf(err), err.Error()
			var pe *Error
			if errors.As(err, &pe) && pe.Detail != "" {
				st.Message = pe.Detail
			}
		case !q.ready():
			st.Problem, st.Message = PrinterOff, q.message
		default:
			st.Ready, st.Message = true, q.message
		}
		if q.name != "" {
			st.Printer = q.name
		}
	}
	unprinted, err := p.store.UnprintedReceipts(ctx, unprintedWindow)
	if err != nil {
		return st, err
	}
	st.Unprinted = unprinted
	return st, nil
}

package printer

import (
	"errors"
	"fmt"
)

// Problem is why a document did not print, as a short code that is stored with the
// attempt and that a staff screen can translate.
type Problem string

// The ways printing fails. Each is also an error, so callers can test with errors.Is.
const (
	NoSpooler  Problem = "no-spooler"   // lp or lpstat is not installed
	NoCUPS     Problem = "no-cups"      // the CUPS scheduler is not running
	NoPrinter  Problem = "no-printer"   // the queue does not exist, or there is no default
	PrinterOff Problem = "printer-off"  // the queue is disabled or refuses jobs
	Stuck      Problem = "stuck"        // the job did not come out in time and was cancelled
	Failed     Problem = "print-failed" // lp or the device refused the job for another reason
	NotFound   Problem = "not-found"    // no submission or saved draft to print
)

// Problems lists every Problem; a staff screen shows each with the translation
// "printer.problem.<code>" (assets/translations/receipt).
var Problems = []Problem{NoSpooler, NoCUPS, NoPrinter, PrinterOff, Stuck, Failed, NotFound}

func (p Problem) Error() string {
	switch p {
	case NoSpooler:
		return "the lp command (CUPS client) is not installed"
	case NoCUPS:
		return "the CUPS print service is not running"
	case NoPrinter:
		return "the printer does not exist"
	case PrinterOff:
		return "the printer is switched off, paused or refusing jobs"
	case Stuck:
		return "the printer did not print in time; the job was cancelled"
	case NotFound:
		return "nothing to print under that reference or code"
	}
	return "printing failed"
}

// Error is a failed print: which problem, on which printer, and what the printing system
// said. errors.Is(err, printer.PrinterOff) and errors.As(err, &*printer.Error) both work.
type Error struct {
	Problem Problem
	Printer string // queue ("" = system default) or device
	Detail  string // the printing system's own words, for staff
	Err     error  // the underlying error, if any
}

func (e *Error) Error() string {
	where := e.Printer
	if where == "" {
		where = "default printer"
	}
	s := fmt.Sprintf("printer: %s: %s", where, e.Problem.Error())
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Unwrap lets errors.Is find both the Problem and the underlying error.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Problem}
	}
	return []error{e.Problem, e.Err}
}

// ProblemOf returns the Problem of a printing error, or Failed for any other error.
func ProblemOf(err error) Problem {
	var pe *Error
	if errors.As(err, &pe) {
		return pe.Problem
	}
	return Failed
}

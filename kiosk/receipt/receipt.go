// Package receipt decides what goes on the kiosk's paper: the receipt for a submission, the
// copy of a request with its answers, and the slip for a draft saved for later. It holds
// the content only, as a list of blocks in the citizen's language, so that one document can
// be laid out as an 80 mm thermal receipt or an A4 page (receipt/pdf) or as raw ESC/POS
// (kiosk/printer), and so that tests can check what is on it without reading a PDF.
//
// Every document is built from what is stored (the submission, the draft) plus the
// catalogue and the config, never from what a screen happens to hold: a reprint made a week
// later is the same document, with only a copy mark added.
package receipt

import (
	"time"
	_ "time/tzdata" // receipts show Belgian time even on a machine without a zoneinfo database

	"loket/kiosk"
)

// Kind names a document.
type Kind string

// The documents the kiosk prints.
const (
	KindReceipt    Kind = "receipt"     // proof of a submission: no personal data
	KindRequest    Kind = "request"     // copy of the request: the receipt plus the answers
	KindResumeSlip Kind = "resume-slip" // the code to continue a saved draft
)

// Style says what a block is; each renderer decides what that looks like on its paper.
type Style int

// The kinds of block a document is made of.
const (
	StyleMunicipality Style = iota // the municipality's name, at the top
	StyleMark                      // the copy mark ("DUPLICAAT") of a reprint
	StyleTitle                     // what the document is
	StyleService                   // the service's title
	StyleHeading                   // a section heading
	StyleText                      // body text
	StyleSmall                     // footnotes: kiosk id, privacy note
	StyleCode                      // the reference or resume code, in very large type
	StyleQR                        // a QR code; Text is its ASCII payload
	StyleRule                      // a separating line
	StyleAnswer                    // one answer as on check-your-answers: Label is the question
)

// Block is one piece of a document.
type Block struct {
	Style Style
	Label string
	Text  string
}

// Document is one printable document in one language.
type Document struct {
	Kind Kind
	Lang kiosk.Lang
	// Name identifies the document outside the kiosk (print job title, file name). It holds
	// the reference or nothing personal, since CUPS logs it.
	Name string
	// Title is the document's title, for the PDF's metadata.
	Title string
	// Date is when the document's content was made (the submission's time): it goes into
	// the PDF's metadata, so a reprint is byte for byte the original plus the copy mark.
	Date   time.Time
	Copy   bool   // a reprint: carries the copy mark
	Logo   string // PNG printed at the top, from printer.logo; empty for none
	Blocks []Block
}

// Text returns the document's words, one block a line, for tests and for plain-text
// printers; QR payloads and rules are left out.
func (d *Document) Text() string {
	var out []byte
	for _, b := range d.Blocks {
		if b.Style == StyleQR || b.Style == StyleRule {
			continue
		}
		if b.Label != "" {
			out = append(out, b.Label+": "...)
		}
		out = append(out, b.Text+"\n"...)
	}
	return string(out)
}

// QRPayload returns the payload of the document's first QR code, or "".
func (d *Document) QRPayload() string {
	for _, b := range d.Blocks {
		if b.Style == StyleQR {
			return b.Text
		}
	}
	return ""
}

// Brussels is where the kiosks stand: receipts show its local time whatever the machine's
// TZ says, and stored times are UTC.
var Brussels = mustLocation("Europe/Brussels")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil { // cannot happen with time/tzdata linked in; fall back rather than panic
		return time.UTC
	}
	return loc
}

// FormatTime formats an instant the Belgian way, in Brussels time: "18/03/2026 11:30".
// Screens that show a receipt's date should use it too, so screen and paper agree.
func FormatTime(t time.Time) string { return t.In(Brussels).Format("02/01/2006 15:04") }

// FormatDate formats the day of an instant in Brussels: "17/04/2026".
func FormatDate(t time.Time) string { return t.In(Brussels).Format("02/01/2006") }

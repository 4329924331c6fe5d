package pdf

import (
	"fmt"

	"loket/kiosk/receipt"
)

// Format is a paper format from the config's printer.format.
type Format string

// The paper formats the kiosk prints on.
const (
	// Thermal80 is an 80 mm receipt roll: 72 mm printable (576 dots at 203 dpi), the page
	// as long as its content, so the cutter leaves no blank paper.
	Thermal80 Format = "thermal80"
	// A4 is a sheet of A4, for kiosks with an office printer and for staff exports.
	A4 Format = "a4"
)

// ParseFormat returns the format for a config value; empty means Thermal80.
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case "", Thermal80:
		return Thermal80, nil
	case A4:
		return A4, nil
	}
	return "", fmt.Errorf("pdf: format %q: use %q or %q", s, Thermal80, A4)
}

// look is how one block style is set: size in points, weight, alignment ("L" or "C"), and
// the space before it in millimetres.
type look struct {
	size   float64
	bold   bool
	align  string
	before float64
}

// layout is a format's page and type sizes, in millimetres and points.
type layout struct {
	pageW     float64 // page width
	pageH     float64 // page height; 0 means fitted to the content
	margin    float64 // left and right
	top       float64
	bottom    float64 // blank paper after the content (thermal: room for the cutter)
	qr        float64 // largest side of the QR code, quiet zone included
	dot       float64 // the printer's dot: QR modules are whole dots
	logoW     float64 // largest logo width
	logoH     float64 // largest logo height
	codeMax   float64 // largest size of the code; smaller if it does not fit the width
	leading   float64 // line height as a multiple of the type size
	looks     map[receipt.Style]look
	ruleGap   float64 // space above and below a rule
	markPadY  float64 // padding of the copy mark's box
	labelCol  float64 // width of the label column beside a labelled text; 0: label above
	answerCol float64 // width of the question column beside an answer
}

func (l *layout) width() float64 { return l.pageW - 2*l.margin }

// The sizes follow the kiosk's rule for poor eyesight: nothing a citizen needs to act on
// is smaller than 9 pt on the roll, and the code is as large as the width allows.
var layouts = map[Format]*layout{
	Thermal80: {
		pageW: 80, margin: 4, top: 4, bottom: 10, qr: 34, dot: 25.4 / 203, logoW: 48, logoH: 18, codeMax: 26, leading: 1.3,
		ruleGap: 2.2, markPadY: 1.2,
		looks: map[receipt.Style]look{
			receipt.StyleMunicipality: {size: 12, bold: true, align: "C"},
			receipt.StyleMark:         {size: 15, bold: true, align: "C", before: 2},
			receipt.StyleTitle:        {size: 13, bold: true, align: "C", before: 2},
			receipt.StyleService:      {size: 11, bold: true, align: "C", before: 1.5},
			receipt.StyleHeading:      {size: 10, bold: true, align: "C", before: 1},
			receipt.StyleText:         {size: 9.5, align: "L", before: 1},
			receipt.StyleSmall:        {size: 8, align: "C", before: 1.5},
			receipt.StyleCode:         {bold: true, align: "C", before: 1},
			receipt.StyleQR:           {align: "C", before: 2},
			receipt.StyleAnswer:       {size: 9.5, align: "L", before: 1.5},
		},
	},
	A4: {
		pageW: 210, pageH: 297, margin: 20, top: 15, bottom: 12, qr: 44, dot: 25.4 / 600, logoW: 60, logoH: 24, codeMax: 34, leading: 1.25,
		ruleGap: 2.5, markPadY: 1.5, labelCol: 48, answerCol: 85,
		looks: map[receipt.Style]look{
			receipt.StyleMunicipality: {size: 15, bold: true, align: "L"},
			receipt.StyleMark:         {size: 18, bold: true, align: "C", before: 3},
			receipt.StyleTitle:        {size: 21, bold: true, align: "L", before: 3},
			receipt.StyleService:      {size: 15, bold: true, align: "L", before: 2},
			receipt.StyleHeading:      {size: 13, bold: true, align: "L", before: 2},
			receipt.StyleText:         {size: 11.5, align: "L", before: 1},
			receipt.StyleSmall:        {size: 9.5, align: "L", before: 1.5},
			receipt.StyleCode:         {bold: true, align: "L", before: 1},
			receipt.StyleQR:           {align: "R"},
			receipt.StyleAnswer:       {size: 11.5, align: "L", before: 2},
		},
	},
}

// ptToMM converts a type size in points to millimetres.
func ptToMM(pt float64) float64 { return pt * 25.4 / 72 }

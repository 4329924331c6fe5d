package pdf

import (
	"fmt"
	"math"

	"github.com/jung-kurt/gofpdf"
	"github.com/skip2/go-qrcode"

	"loket/kiosk/receipt"
)

// pen lays out a document's blocks from top to bottom. In a dry run it only measures (to
// size a thermal page to its content); otherwise it draws, starting a new page when the
// next line would cross the bottom margin of a fixed-height page. Both runs go through the
// same code, so the measured height is the drawn height.
type pen struct {
	pdf    *gofpdf.Fpdf
	lay    *layout
	dry    bool
	y      float64
	bottom float64 // lowest y a line may reach; 0: no limit (thermal)
	page   func()  // starts a new page and resets y
	anchor float64 // top of the last heading: a QR code beside the code starts there
	float  float64 // bottom of a QR code beside the text; text until then is narrower
}

// avail is the width text may take: the full width, or less beside a QR code.
func (p *pen) avail() float64 {
	if p.y < p.float {
		return p.lay.width() - p.lay.qr - 4
	}
	return p.lay.width()
}

// clear moves below a QR code standing beside the text.
func (p *pen) clear() {
	p.y, p.float = max(p.y, p.float), 0
}

const family = "dejavu"

func (p *pen) font(l look) {
	style := ""
	if l.bold {
		style = "B"
	}
	p.pdf.SetFont(family, style, l.size)
}

// room makes sure h millimetres fit below y, starting a new page if they do not.
func (p *pen) room(h float64) {
	if p.dry || p.bottom == 0 || p.y+h <= p.bottom {
		return
	}
	p.page()
}

// lines sets text in the look's font, wrapped to the content width.
func (p *pen) lines(text string, l look) {
	p.font(l)
	h := ptToMM(l.size) * p.lay.leading
	width := p.avail()
	for _, line := range wrap(keepTogether(printable(text)), width, p.pdf.GetStringWidth) {
		p.room(h)
		if !p.dry {
			p.pdf.SetXY(p.lay.margin, p.y)
			p.pdf.CellFormat(width, h, line, "", 0, l.align, false, 0, "")
		}
		p.y += h
	}
}

func (p *pen) block(b receipt.Block) error {
	l := p.lay.looks[b.Style]
	switch b.Style {
	case receipt.StyleSmall, receipt.StyleText:
	default: // only short text flows beside a QR code
		p.clear()
	}
	p.y += l.before
	switch b.Style {
	case receipt.StyleRule:
		p.rule()
	case receipt.StyleMark:
		p.mark(b.Text, l)
	case receipt.StyleCode:
		p.code(b.Text, l)
	case receipt.StyleQR:
		return p.qr(b.Text, l)
	case receipt.StyleText, receipt.StyleAnswer:
		if col := p.lay.labelCol; b.Label != "" && col > 0 {
			label := l
			label.bold = true
			if b.Style == receipt.StyleAnswer {
				col, label.size = p.lay.answerCol, l.size-1
			}
			p.pair(b.Label, b.Text, col, label, l)
			break
		}
		if b.Label != "" {
			label := l
			label.bold = true
			if b.Style == receipt.StyleAnswer {
				label.size = l.size - 1
			}
			p.room(2 * ptToMM(l.size) * p.lay.leading) // keep a label with its first line
			p.lines(b.Label, label)
		}
		p.lines(b.Text, l)
	case receipt.StyleHeading:
		p.room(3 * ptToMM(l.size) * p.lay.leading) // a heading never ends a page
		p.anchor = p.y
		p.lines(b.Text, l)
	default:
		p.lines(b.Text, l)
	}
	return nil
}

// pair sets a label and its text side by side, the label in its own column: the contact
// details as a definition list, the answers as on check-your-answers (question, answer).
func (p *pen) pair(label, text string, col float64, ll, l look) {
	h := ptToMM(l.size) * p.lay.leading
	p.font(ll)
	labels := wrap(keepTogether(printable(label)), col-3, p.pdf.GetStringWidth)
	p.font(l)
	texts := wrap(keepTogether(printable(text)), p.lay.width()-col, p.pdf.GetStringWidth)
	for i := 0; i < max(len(labels), len(texts)); i++ {
		p.room(h)
		if !p.dry {
			if i < len(labels) {
				p.font(ll)
				p.pdf.SetXY(p.lay.margin, p.y)
				p.pdf.CellFormat(col, h, labels[i], "", 0, "L", false, 0, "")
			}
			if i < len(texts) {
				p.font(l)
				p.pdf.SetXY(p.lay.margin+col, p.y)
				p.pdf.CellFormat(p.lay.width()-col, h, texts[i], "", 0, "L", false, 0, "")
			}
		}
		p.y += h
	}
}

func (p *pen) rule() {
	p.room(2 * p.lay.ruleGap)
	p.y += p.lay.ruleGap
	if !p.dry {
		p.pdf.SetLineWidth(0.3)
		p.pdf.SetDashPattern([]float64{1.2, 0.8}, 0)
		p.pdf.Line(p.lay.margin, p.y, p.lay.margin+p.lay.width(), p.y)
		p.pdf.SetDashPattern(nil, 0)
	}
	p.y += p.lay.ruleGap
}

// mark is the copy mark: white on black across the width, so a reprint cannot pass for
// the original at a glance.
func (p *pen) mark(text string, l look) {
	p.font(l)
	h := ptToMM(l.size)*p.lay.leading + 2*p.lay.markPadY
	p.room(h)
	if !p.dry {
		p.pdf.SetFillColor(0, 0, 0)
		p.pdf.SetTextColor(255, 255, 255)
		p.pdf.SetXY(p.lay.margin, p.y)
		p.pdf.CellFormat(p.lay.width(), h, printable(text), "", 0, "C", true, 0, "")
		p.pdf.SetTextColor(0, 0, 0)
	}
	p.y += h
}

// code sets a reference or resume code on one line, as large as the width allows: it is
// read aloud and typed back, so it must never wrap.
func (p *pen) code(text string, l look) {
	l.size = p.lay.codeMax
	p.font(l)
	avail := p.lay.width()
	if p.lay.looks[receipt.StyleQR].align == "R" {
		avail -= p.lay.qr + 4 // the QR code stands beside it
	}
	for l.size > 8 && p.pdf.GetStringWidth(text) > avail {
		l.size--
		p.font(l)
	}
	h := ptToMM(l.size) * 1.35
	p.room(h)
	if !p.dry {
		p.pdf.SetXY(p.lay.margin, p.y)
		p.pdf.CellFormat(p.lay.width(), h, text, "", 0, l.align, false, 0, "")
	}
	p.y += h
}

// qr draws a QR code as filled squares: vector modules stay sharp, and need no PNG
// encoding per receipt. Each module is a whole number of printer dots, so a 203 dpi head
// does not print some modules a dot wider than others. The quiet zone (4 modules) is part
// of the symbol; it reaches into the margin, so the visible code lines up with the text.
// On A4 the code stands to the right of the reference, from the heading above it down.
func (p *pen) qr(payload string, l look) error {
	q, err := qrcode.New(payload, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("pdf: QR code: %w", err)
	}
	bits := q.Bitmap()
	n := float64(len(bits))
	module := max(1, math.Floor(p.lay.qr/n/p.lay.dot)) * p.lay.dot
	size, quiet := n*module, 4*module
	x0, top := p.lay.margin-quiet, p.y
	switch l.align {
	case "C":
		x0 = p.lay.margin + (p.lay.width()-size)/2
	case "R":
		x0 = p.lay.margin + p.lay.width() - size + quiet
		top = p.anchor - quiet
	}
	if l.align != "R" {
		p.room(size)
		top = p.y
	}
	if !p.dry {
		p.pdf.SetFillColor(0, 0, 0)
		for row, line := range bits {
			for col := 0; col < len(line); {
				if !line[col] {
					col++
					continue
				}
				start := col
				for col < len(line) && line[col] {
					col++
				}
				// A hair of overlap hides the seams a rasteriser can leave between modules.
				p.pdf.Rect(x0+float64(start)*module, top+float64(row)*module,
					float64(col-start)*module+0.02, module+0.02, "F")
			}
		}
	}
	if l.align == "R" {
		p.float = top + size - quiet + 2
	} else {
		p.y += size
	}
	return nil
}

package printer

import (
	"bytes"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"loket/kiosk/receipt"
)

// ESC/POS is for thermal printers that have no CUPS driver (printer.method = "escpos"):
// the kiosk sends the printer's own commands, so text, the QR code and the cut need
// nothing installed. Font A gives 48 columns on an 80 mm roll (576 dots); text goes out in
// code page WPC1252 (ESC t 16), which holds é è ë ç à ô ß and €. The municipality's logo
// is left off: raster images are the one thing printers disagree on.
const columns = 48

var (
	escInit      = []byte{0x1b, 0x40}
	escCodePage  = []byte{0x1b, 0x74, 16}
	escFeedCut   = []byte{0x1d, 0x56, 0x42, 0x00}
	escQRModel   = []byte{0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00}
	escQRSize    = []byte{0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06}
	escQRLevelM  = []byte{0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31}
	escQRPrint   = []byte{0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30}
	escNormal    = []byte{0x1d, 0x21, 0x00}
	escTall      = []byte{0x1d, 0x21, 0x01} // double height
	escLarge     = []byte{0x1d, 0x21, 0x11} // double width and height
	escReverseOn = []byte{0x1d, 0x42, 0x01}
	escReverseOf = []byte{0x1d, 0x42, 0x00}
)

func escAlign(center bool) []byte {
	if center {
		return []byte{0x1b, 0x61, 0x01}
	}
	return []byte{0x1b, 0x61, 0x00}
}

func escBold(on bool) []byte {
	if on {
		return []byte{0x1b, 0x45, 0x01}
	}
	return []byte{0x1b, 0x45, 0x00}
}

// ESCPOS renders a document as ESC/POS commands, ending with a feed and a cut.
func ESCPOS(d *receipt.Document) []byte {
	var b bytes.Buffer
	b.Write(escInit)
	b.Write(escCodePage)
	for _, blk := range d.Blocks {
		escBlock(&b, blk)
	}
	b.Write([]byte{0x1b, 0x64, 4}) // feed 4 lines: the last line clears the cutter
	b.Write(escFeedCut)
	return b.Bytes()
}

func escBlock(b *bytes.Buffer, blk receipt.Block) {
	text := func(s string, width int) {
		for _, line := range wrapColumns(s, width) {
			b.Write(cp1252(line))
			b.WriteByte('\n')
		}
	}
	switch blk.Style {
	case receipt.StyleMunicipality, receipt.StyleService, receipt.StyleHeading:
		b.Write(escAlign(true))
		b.Write(escBold(true))
		text(blk.Text, columns)
		b.Write(escBold(false))
	case receipt.StyleTitle:
		b.Write(escAlign(true))
		b.Write(escBold(true))
		b.Write(escTall)
		text(blk.Text, columns)
		b.Write(escNormal)
		b.Write(escBold(false))
	case receipt.StyleMark:
		b.Write(escAlign(true))
		b.Write(escReverseOn)
		b.Write(escTall)
		text(" "+blk.Text+" ", columns)
		b.Write(escNormal)
		b.Write(escReverseOf)
	case receipt.StyleCode:
		b.Write(escAlign(true))
		b.Write(escBold(true))
		b.Write(escLarge)
		text(blk.Text, columns/2)
		b.Write(escNormal)
		b.Write(escBold(false))
	case receipt.StyleQR:
		b.Write(escAlign(true))
		escQR(b, blk.Text)
	case receipt.StyleRule:
		b.Write(escAlign(false))
		b.WriteString(strings.Repeat("-", columns) + "\n")
	case receipt.StyleSmall:
		b.Write(escAlign(true))
		text(blk.Text, columns)
	default: // text and answers: the label in bold on its own line
		b.Write(escAlign(false))
		if blk.Label != "" {
			b.Write(escBold(true))
			text(blk.Label, columns)
			b.Write(escBold(false))
		}
		text(blk.Text, columns)
	}
}

// escQR stores the payload in the printer's QR symbol buffer and prints it.
func escQR(b *bytes.Buffer, payload string) {
	data := []byte(payload) // QR payloads are ASCII (receipt package)
	n := len(data) + 3
	b.Write(escQRModel)
	b.Write(escQRSize)
	b.Write(escQRLevelM)
	b.Write([]byte{0x1d, 0x28, 0x6b, byte(n % 256), byte(n / 256), 0x31, 0x50, 0x30})
	b.Write(data)
	b.Write(escQRPrint)
	b.WriteByte('\n')
}

// cp1252 encodes text for the printer's WPC1252 code page; what it lacks becomes "?".
func cp1252(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if c, ok := charmap.Windows1252.EncodeRune(r); ok && (c >= 0x20 || c == '\n') {
			out = append(out, c)
		} else if r == '\u00a0' {
			out = append(out, ' ')
		} else {
			out = append(out, '?')
		}
	}
	return out
}

// wrapColumns wraps text at spaces to lines of at most width characters, cutting words
// longer than a line.
func wrapColumns(s string, width int) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := []rune{}
		for _, w := range strings.Fields(para) {
			word := []rune(w)
			switch {
			case len(line) == 0:
			case len(line)+1+len(word) <= width:
				line = append(line, ' ')
			default:
				lines = append(lines, string(line))
				line = line[:0]
			}
			for len(line)+len(word) > width {
				cut := width - len(line)
				lines = append(lines, string(append(line, word[:cut]...)))
				line, word = line[:0], word[cut:]
			}
			line = append(line, word...)
		}
		lines = append(lines, string(line))
	}
	return lines
}

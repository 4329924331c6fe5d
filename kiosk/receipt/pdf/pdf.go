// Package pdf lays out the kiosk's documents (package receipt) as PDF, on an 80 mm thermal
// roll or on A4, with gofpdf and the embedded DejaVu Sans: the result prints the same on any
// CUPS printer, whatever fonts the machine has.
package pdf

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"io"
	"os"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"loket/assets"
	"loket/kiosk/receipt"
)

// The embedded font files (assets/fonts).
const (
	fontRegular = "DejaVuSans.ttf"
	fontBold    = "DejaVuSans-Bold.ttf"
)

// Size is a page size in millimetres.
type Size struct{ W, H float64 }

// Render writes one document as a PDF in format f and returns the size of its (last)
// page: a thermal page is as long as its content, and the printer must be told.
func Render(w io.Writer, f Format, d *receipt.Document) (Size, error) {
	b, err := NewBook(f, d.Title)
	if err != nil {
		return Size{}, err
	}
	if !d.Date.IsZero() {
		// A reprint is then the same file as the original, apart from the copy mark.
		b.pdf.SetCreationDate(d.Date)
		b.pdf.SetModificationDate(d.Date)
	}
	if err := b.Add(d); err != nil {
		return Size{}, err
	}
	var size Size
	size.W, size.H = b.pdf.GetPageSize()
	return size, b.Write(w)
}

// Book is one PDF holding many documents, each starting on a new page: a staff export.
// The font is embedded once, however many documents it holds.
type Book struct {
	pdf    *gofpdf.Fpdf
	lay    *layout
	format Format
	logos  map[string]*gofpdf.ImageInfoType
}

// NewBook starts an empty PDF in format f with a title for its metadata.
func NewBook(f Format, title string) (*Book, error) {
	lay, ok := layouts[f]
	if !ok {
		return nil, fmt.Errorf("pdf: unknown format %q", f)
	}
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", Size: gofpdf.SizeType{Wd: lay.pageW, Ht: max(lay.pageH, 100)}})
	pdf.SetAutoPageBreak(false, 0) // pen breaks pages itself, never inside a QR code
	pdf.SetMargins(lay.margin, lay.top, lay.margin)
	pdf.SetCellMargin(0)
	pdf.AddUTF8FontFromBytes(family, "", assets.Font(fontRegular))
	pdf.AddUTF8FontFromBytes(family, "B", assets.Font(fontBold))
	pdf.SetTitle(title, true)
	pdf.SetCreator("Loket", true)
	if pdf.Err() {
		return nil, fmt.Errorf("pdf: load the embedded font: %w", pdf.Error())
	}
	return &Book{pdf: pdf, lay: lay, format: f, logos: map[string]*gofpdf.ImageInfoType{}}, nil
}

// Add lays out one more document, on a new page (several pages for a long A4 copy).
func (b *Book) Add(d *receipt.Document) error {
	logo := b.logo(d.Logo)
	height := b.lay.pageH
	if height == 0 {
		dry := &pen{pdf: b.pdf, lay: b.lay, dry: true, y: b.lay.top}
		b.draw(dry, d, logo)
		height = dry.y + b.lay.bottom
	}
	orientation := "P"
	b.pdf.AddPageFormat(orientation, gofpdf.SizeType{Wd: b.lay.pageW, Ht: height})
	p := &pen{pdf: b.pdf, lay: b.lay, y: b.lay.top}
	if b.lay.pageH > 0 {
		p.bottom = b.lay.pageH - b.lay.bottom
		p.page = func() {
			// A sheet that gets separated from the first still says whose it is.
			b.pdf.AddPageFormat(orientation, gofpdf.SizeType{Wd: b.lay.pageW, Ht: height})
			p.y = b.lay.top
			p.lines(d.Title, b.lay.looks[receipt.StyleSmall])
			p.y += b.lay.ruleGap
		}
	}
	if err := b.draw(p, d, logo); err != nil {
		return err
	}
	if b.pdf.Err() {
		return fmt.Errorf("pdf: %s: %w", d.Name, b.pdf.Error())
	}
	return nil
}

func (b *Book) draw(p *pen, d *receipt.Document, logo *gofpdf.ImageInfoType) error {
	if logo != nil {
		w, h := fit(logo.Width(), logo.Height(), b.lay.logoW, b.lay.logoH)
		if !p.dry {
			x := b.lay.margin
			if b.lay.looks[receipt.StyleMunicipality].align == "C" {
				x += (b.lay.width() - w) / 2
			}
			b.pdf.ImageOptions(d.Logo, x, p.y, w, h, false, gofpdf.ImageOptions{}, 0, "")
		}
		p.y += h + 2
	}
	defer p.clear() // the page's height includes a QR code that ends it
	for i, blk := range d.Blocks {
		if blk.Style == receipt.StyleHeading && !p.dry && p.bottom > 0 {
			b.keepSection(p, d.Blocks[i:])
		}
		if err := p.block(blk); err != nil {
			return fmt.Errorf("pdf: %s: %w", d.Name, err)
		}
	}
	return nil
}

// keepSection starts a new page before a short section (a heading and what follows up to
// the next rule or heading) that would otherwise be split: the contact details belong
// together. A long section, such as many answers, flows across pages instead of leaving
// most of a page blank.
func (b *Book) keepSection(p *pen, blocks []receipt.Block) {
	dry := &pen{pdf: b.pdf, lay: b.lay, dry: true, y: p.y}
	for i, blk := range blocks {
		if i > 0 && (blk.Style == receipt.StyleRule || blk.Style == receipt.StyleHeading) {
			break
		}
		_ = dry.block(blk) // a dry run draws nothing and cannot fail
	}
	if height := dry.y - p.y; height < (b.lay.pageH-b.lay.top-b.lay.bottom)/3 {
		p.room(height)
	}
}

// PageCount returns the number of pages so far.
func (b *Book) PageCount() int { return b.pdf.PageCount() }

// Write writes the PDF; the book cannot be added to afterwards.
func (b *Book) Write(w io.Writer) error {
	if err := b.pdf.Output(w); err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	return nil
}

// logo registers the logo file once per book. A logo that cannot be read or decoded is
// left off: a receipt without the municipality's logo is still a receipt, and the config
// check already told the operator at start-up.
func (b *Book) logo(path string) *gofpdf.ImageInfoType {
	if path == "" {
		return nil
	}
	if info, ok := b.logos[path]; ok {
		return info
	}
	b.logos[path] = nil
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	_, kind, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (kind != "png" && kind != "jpeg") {
		return nil
	}
	info := b.pdf.RegisterImageOptionsReader(path, gofpdf.ImageOptions{ImageType: strings.ToUpper(kind)}, bytes.NewReader(data))
	if b.pdf.Err() {
		b.pdf.ClearError()
		return nil
	}
	b.logos[path] = info
	return info
}

// fit scales w×h to fit in maxW×maxH, keeping its proportions.
func fit(w, h, maxW, maxH float64) (float64, float64) {
	if w <= 0 || h <= 0 {
		return 0, 0
	}
	scale := min(maxW/w, maxH/h)
	return w * scale, h * scale
}

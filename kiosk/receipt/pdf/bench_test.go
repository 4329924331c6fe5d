package pdf_test

import (
	"io"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"loket/assets"
	"loket/kiosk"
	"loket/kiosk/kiosktest"
	"loket/kiosk/receipt"
	"loket/kiosk/receipt/pdf"
	"loket/kiosk/receipt/receipttest"
)

// barePage is the floor a receipt is measured against: a gofpdf page with the same
// embedded font (regular and bold, as the receipt uses both) and one line of text.
func barePage(w io.Writer) error {
	p := gofpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("dejavu", "", assets.Font("DejaVuSans.ttf"))
	p.AddUTF8FontFromBytes("dejavu", "B", assets.Font("DejaVuSans-Bold.ttf"))
	p.AddPage()
	p.SetFont("dejavu", "", 12)
	p.Text(20, 20, "Bewijs van uw aanvraag TST01-AA00-001X — é è ë ç à ô ß €")
	return p.Output(w)
}

func benchDoc(b *testing.B) *receipt.Document {
	b.Helper()
	clock := kiosktest.NewClock(kiosktest.Day)
	bld := receipttest.Builder(b)
	sub := receipttest.Submit(b, kiosktest.Store(b, clock), bld.Catalogue, kiosk.NL, clock.Now())
	return bld.Receipt(sub, false)
}

// BenchmarkReceiptVsBarePage renders a thermal receipt and a bare page in turn, in the
// same run, and reports each one's time and their ratio (target: at most 2).
func BenchmarkReceiptVsBarePage(b *testing.B) {
	d := benchDoc(b)
	var receiptTime, bareTime time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := pdf.Render(io.Discard, pdf.Thermal80, d); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := barePage(io.Discard); err != nil {
			b.Fatal(err)
		}
		receiptTime += mid.Sub(start)
		bareTime += time.Since(mid)
	}
	b.ReportMetric(float64(receiptTime.Microseconds())/float64(b.N)/1000, "ms/receipt")
	b.ReportMetric(float64(bareTime.Microseconds())/float64(b.N)/1000, "ms/bare")
	b.ReportMetric(float64(receiptTime)/float64(bareTime), "ratio")
}

func BenchmarkReceiptThermal(b *testing.B) {
	d := benchDoc(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := pdf.Render(io.Discard, pdf.Thermal80, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReceiptA4(b *testing.B) {
	d := benchDoc(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := pdf.Render(io.Discard, pdf.A4, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBarePage(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := barePage(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

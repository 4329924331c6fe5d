package receipttest

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// NeedPoppler skips a test on a machine without poppler-utils, or fails it in CI
// (CI=true), where scripts/setup.sh installs them.
func NeedPoppler(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdftoppm", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing: scripts/setup.sh installs poppler-utils", tool)
			}
			t.Skipf("%s is missing: install poppler-utils (scripts/setup.sh)", tool)
		}
	}
}

// PDFText returns the text of a PDF as pdftotext reads it, in reading order.
func PDFText(t testing.TB, pdf string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", pdf, err, out)
	}
	return string(out)
}

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

// PDFPages returns a PDF's page count as pdfinfo reports it.
func PDFPages(t testing.TB, pdf string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", pdf, err, out)
	}
	m := pagesLine.FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count in\n%s", pdf, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// PDFPageSize returns the first page's width and height in millimetres (pdfinfo).
func PDFPageSize(t testing.TB, pdf string) (float64, float64) {
	t.Helper()
	out, err := exec.Command("pdfinfo", pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", pdf, err, out)
	}
	m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page size in\n%s", pdf, out)
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	return w * 25.4 / 72, h * 25.4 / 72
}

// PNG renders the first page of a PDF at dpi and returns the PNG's path beside it.
func PNG(t testing.TB, pdf string, dpi int) string {
	t.Helper()
	prefix := strings.TrimSuffix(pdf, filepath.Ext(pdf))
	out, err := exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", "1", "-l", "1",
		"-singlefile", pdf, prefix).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm %s: %v\n%s", pdf, err, out)
	}
	return prefix + ".png"
}

// QR decodes the QR code in a PNG and returns its payload.
func QR(t testing.TB, pngPath string) string {
	t.Helper()
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", pngPath, err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatalf("%s: %v", pngPath, err)
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		t.Fatalf("%s: no QR code found: %v", pngPath, err)
	}
	return res.GetText()
}

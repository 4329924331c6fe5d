package kiosk_test

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A bad printer section gets a message that names the key.
func TestPrinterConfigErrorsNameTheKey(t *testing.T) {
	notImage := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(notImage, []byte("not a picture"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"[printer]\nformat = \"letter\"\n":                       "printer.format",
		"[printer]\nmethod = \"zpl\"\n":                          "printer.method",
		"[printer]\nmethod = \"escpos\"\nformat = \"a4\"\n":      "printer.format",
		"[printer]\ndevice = \"/dev/usb/lp0\"\n":                 "printer.device",
		"[printer]\nqueue = \"Kiosk printer\"\n":                 "printer.queue",
		"[printer]\noptions = [\"-o media=A4\"]\n":               "printer.options",
		"[printer]\ntimeout_seconds = 3600\n":                    "printer.timeout_seconds",
		"[printer]\nlogo = \"/nonexistent/logo.png\"\n":          "printer.logo",
		"[printer]\nlogo = \"" + notImage + "\"\n":               "printer.logo",
		"[printer]\nformatt = \"a4\"\n":                          "printer.formatt",
		"[printer]\ntimeout_seconds = \"soon\"\n":                "printer.timeout_seconds",
		"[printer]\nmethod = \"escpos\"\nqueue = \"a#b\"\n":      "printer.queue",
		"[printer]\noptions = [\"media\"]\nformat = \"a4\"\n":    "printer.options",
		"[printer]\ntimeout_seconds = -1\nformat = \"a4\"\n":     "printer.timeout_seconds",
		"[printer]\nmethod = \"escpos\"\nformat = \"thermal\"\n": "printer.format",
	}
	for text, key := range cases {
		_, err := loadConfigText(t, text)
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("config %q: error %v does not name %s", text, err, key)
		}
	}
}

func TestPrinterConfigAccepted(t *testing.T) {
	logo := filepath.Join(t.TempDir(), "logo.png")
	f, err := os.Create(logo)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, image.NewGray(image.Rect(0, 0, 20, 10))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cfg, err := loadConfigText(t, "[printer]\nqueue = \"LoketPDF\"\nformat = \"a4\"\nlogo = \""+logo+
		"\"\noptions = [\"media=A4\"]\ntimeout_seconds = 45\n")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Printer.Queue != "LoketPDF" || cfg.Printer.Timeout() != 45*time.Second {
		t.Fatalf("printer section: %+v", cfg.Printer)
	}
	cfg, err = loadConfigText(t, "[printer]\nmethod = \"escpos\"\ndevice = \"/dev/usb/lp0\"\n")
	if err != nil || cfg.Printer.Timeout() != 30*time.Second {
		t.Fatalf("escpos to a device, default timeout: %+v %v", cfg.Printer, err)
	}
}

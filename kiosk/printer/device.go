package printer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// writeDevice writes raw bytes to a printer's device file (printer.device, e.g.
// /dev/usb/lp0). The write runs beside the caller, which gives up when ctx ends: a USB
// printer that is off or out of paper can block a write for ever. Closing the file then
// usually unblocks the write; if it does not, only that goroutine is stuck, not the kiosk.
func writeDevice(ctx context.Context, path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		problem := Failed
		if errors.Is(err, fs.ErrNotExist) {
			problem = NoPrinter // unplugged: the device file is gone
		}
		return &Error{Problem: problem, Printer: path, Detail: err.Error(), Err: err}
	}
	done := make(chan error, 1)
	go func() {
		_, err := f.Write(data)
		done <- err
	}()
	select {
	case err = <-done:
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return &Error{Problem: PrinterOff, Printer: path, Detail: err.Error(), Err: err}
		}
		return nil
	case <-ctx.Done():
		f.Close()
		return &Error{Problem: Stuck, Printer: path, Detail: fmt.Sprintf("writing %d bytes did not finish in time", len(data)), Err: ctx.Err()}
	}
}

package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"

	"loket/ui"
)

// runScreenshots starts the real kiosk window (under Xvfb in CI and `make screenshots`),
// walks through the main screens with sample answers and saves one PNG per screen.
func runScreenshots(args []string) error {
	fs := flag.NewFlagSet("screenshots", flag.ContinueOnError)
	out := fs.String("out", "docs/screenshots", "folder for the PNG files")
	service := fs.String("service", "proof-of-residence", "service to walk through")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	data, err := os.MkdirTemp("", "loket-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(data)
	cfgFile := filepath.Join(data, "loket.toml")
	if err := os.WriteFile(cfgFile, []byte(fmt.Sprintf("[kiosk]\nid = \"GNT01\"\ndata_dir = %q\n", data)), 0o600); err != nil {
		return err
	}
	s, release, err := loadKiosk(cfgFile)
	if err != nil {
		return err
	}
	defer release()
	defer s.store.Close()
	a := newApp()
	s.deps.Settings = a.Settings()
	w := a.NewWindow("Loket")
	w.SetPadded(false)
	var k *ui.Kiosk
	result := make(chan error, 1)
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			result <- ui.Tour(k, *service, fyne.DoAndWait, func(name string) error {
				time.Sleep(500 * time.Millisecond) // let the window paint the new screen
				return shoot(*out, name)
			})
			fyne.Do(a.Quit)
		}()
	})
	k = ui.NewKiosk(s.deps)
	w.SetContent(k.Content())
	w.Resize(fyne.NewSize(1920, 1080))
	w.SetFullScreen(true)
	w.ShowAndRun()
	select {
	case err := <-result:
		return err
	case <-time.After(time.Minute):
		return fmt.Errorf("screenshots: the tour did not finish")
	}
}

// shoot saves the screen as name.png with ImageMagick's import: what the X server shows,
// as a person would see it. (Fyne's Canvas.Capture returned blank images under Xvfb.)
func shoot(dir, name string) error {
	file := filepath.Join(dir, name+".png")
	if out, err := exec.Command("import", "-window", "root", file).CombinedOutput(); err != nil {
		return fmt.Errorf("screenshot %s: %v: %s", name, err, out)
	}
	fmt.Println("saved", file)
	return nil
}

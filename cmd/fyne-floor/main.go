// Command fyne-floor is the measuring stick for the kiosk's start-up: the smallest
// full-screen Fyne window (a label, an entry, two buttons). BenchmarkStartup starts it and
// the kiosk in the same run and compares time to first frame and memory (PSS).
package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("be.loket.floor")
	w := a.NewWindow("floor")
	w.SetContent(container.NewVBox(widget.NewLabel("Loket"), widget.NewEntry(),
		widget.NewButton("Verder", func() {}), widget.NewButton("Terug", func() {})))
	w.Resize(fyne.NewSize(1920, 1080))
	w.SetFullScreen(true)
	reportFirstFrame(a)
	w.ShowAndRun()
}

// reportFirstFrame prints "first-frame" once the app's loop has started and gone round
// twice, which is after the window's first paint; the kiosk does the same.
func reportFirstFrame(a fyne.App) {
	if os.Getenv("LOKET_REPORT_FIRST_FRAME") == "" {
		return
	}
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			fyne.DoAndWait(func() {})
			fyne.DoAndWait(func() {})
			fmt.Println("first-frame")
		}()
	})
}

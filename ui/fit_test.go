package ui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"

	"loket/kiosk"
)

// screenSize is the kiosk's screen: 1080p at scale 1. A screen whose content is larger
// makes the window grow past the display, and a touch screen cannot scroll it.
var screenSize = fyne.NewSize(1920, 1080)

// Every screen of every shipped service, in every language and at every text size, fits
// on the screen.
func TestEveryScreenFits(t *testing.T) {
	for step := range textScales {
		for _, l := range kiosk.Languages {
			t.Run(fmt.Sprintf("text%d/%s", step, l), func(t *testing.T) { checkEveryScreenFits(t, step, l) })
		}
	}
}

func checkEveryScreenFits(t *testing.T, step int, l kiosk.Lang) {
	{
		k, _ := newTestKiosk(t)
		k.SetLang(l)
		for k.looks.textStep != step {
			k.onTextSize()
		}
		for _, svc := range k.deps.Catalogue.Services() {
			k.startService(svc)
			assertFits(t, k, svc.ID+"/start/"+string(l))
			if err := k.flow.Begin(context.Background()); err != nil {
				t.Fatal(err)
			}
			for k.flow.Screen() == kiosk.ScreenQuestion {
				k.showFlow()
				st := k.flow.Step()
				assertFits(t, k, svc.ID+"/"+st.ID+"/"+string(l))
				if q := k.current.(*questionScreen); q.kb != nil && step > 0 {
					q.setKeyboard(true)
					assertFits(t, k, svc.ID+"/"+st.ID+"/keyboard/"+string(l))
				}
				if err := k.flow.Continue(context.Background(), kiosk.SampleAnswer(st, k.flow.Today())); err != nil {
					t.Fatalf("%s/%s: sample answer refused: %v", svc.ID, st.ID, err)
				}
			}
			k.showFlow()
			for p := 0; p*k.rowsPerPage() < len(k.flow.Review()); p++ {
				k.show(func() screen { return newCheckScreen(k, p) })
				assertFits(t, k, svc.ID+"/check/"+string(l))
			}
			if _, err := k.flow.Submit(context.Background(), false); err != nil {
				t.Fatal(err)
			}
			k.showFlow()
			assertFits(t, k, svc.ID+"/done/"+string(l))
			k.Home()
		}
	}
}

// The screens around the services fit too.
func TestOtherScreensFit(t *testing.T) {
	for step := range textScales {
		k, _ := newTestKiosk(t)
		for k.looks.textStep != step {
			k.onTextSize()
		}
		screens := map[string]func() screen{
			"pin":    func() screen { return newPINScreen(k, kiosk.RoleHelper, func() {}, func() {}) },
			"resume": func() screen { return newResumeScreen(k) },
		}
		if step == 0 { // staff see their screen at the standard size (onStaffLogin)
			screens["staff"] = func() screen { return newStaffScreen(k) }
		}
		for name, build := range screens {
			k.show(build)
			assertFits(t, k, fmt.Sprintf("%s/text%d", name, step))
		}
		k.show(func() screen { return newResumeScreen(k) })
		k.onHelp()
		assertFits(t, k, fmt.Sprintf("help/text%d", step))
	}
}

func assertFits(t *testing.T, k *Kiosk, where string) {
	t.Helper()
	if min := k.Content().MinSize(); min.Width > screenSize.Width || min.Height > screenSize.Height {
		t.Errorf("%s: needs %.0f×%.0f, the screen is %.0f×%.0f", where, min.Width, min.Height, screenSize.Width, screenSize.Height)
	}
}

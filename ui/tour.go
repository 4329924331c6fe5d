package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"loket/kiosk"
)

// Tour walks the kiosk through its main screens with sample answers, calling shoot after
// each one with a file name: home, start, question, error, check, done, saved, and the home
// screen in French. The screenshots command runs it in the real app under Xvfb; it calls
// the same handlers a tap would. Tour runs outside the UI thread: do runs a gesture on it
// (fyne.DoAndWait), and shoot is called between gestures, when the screen can be painted.
func Tour(k *Kiosk, serviceID string, do func(func()), shoot func(name string) error) error {
	svc, ok := k.deps.Catalogue.Service(serviceID)
	if !ok {
		return fmt.Errorf("tour: no service %q", serviceID)
	}
	do(func() { k.Home() })
	if err := shoot("home"); err != nil {
		return err
	}
	do(func() { k.startService(svc) })
	if err := shoot("start"); err != nil {
		return err
	}
	do(func() { k.current.(*startScreen).onBegin() })
	if err := shoot("question"); err != nil {
		return err
	}
	wrong := map[kiosk.FieldType]string{kiosk.TypeRRN: "85.07.30-033.29", kiosk.TypeEmail: "jan.peeters@",
		kiosk.TypeIBAN: "BE68 5390 0754 7035", kiosk.TypePhone: "0470 12 34"}
	shotError, shotKeys := false, false
	for k.flow.Screen() == kiosk.ScreenQuestion {
		q := k.current.(*questionScreen)
		st := k.flow.Step()
		if q.kb != nil && !shotKeys {
			if err := shoot("keyboard"); err != nil {
				return err
			}
			shotKeys = true
		}
		if bad, ok := wrong[st.Type]; ok && !shotError {
			do(func() { typeInto(q.input, bad) })
			do(func() { q.onContinue() })
			if err := shoot("error"); err != nil {
				return err
			}
			shotError = true
			q = k.current.(*questionScreen)
		}
		do(func() { typeInto(q.input, kiosk.SampleAnswer(st, k.flow.Today())) })
		do(func() { q.onContinue() })
		if _, stuck := k.current.(*questionScreen); stuck && k.flow.Step() == st {
			return fmt.Errorf("tour: the sample answer to %s was refused", st.ID)
		}
	}
	if err := shoot("check"); err != nil {
		return err
	}
	do(func() { k.current.(*checkScreen).onSubmit() })
	if err := shoot("done"); err != nil {
		return err
	}
	do(func() { k.Home() })
	do(func() { k.startService(svc) })
	do(func() { k.current.(*startScreen).onBegin() })
	do(func() { k.saveForLater() })
	if err := shoot("saved"); err != nil {
		return err
	}
	do(func() { k.Home() })
	do(func() { k.onHelp() })
	if err := shoot("help"); err != nil {
		return err
	}
	do(func() { k.hideHelp(); k.startService(svc); k.onContrast() })
	if err := shoot("contrast"); err != nil {
		return err
	}
	do(func() { k.onContrast(); k.showWarning(27 * time.Second) })
	if err := shoot("warning"); err != nil {
		return err
	}
	do(func() { k.hideWarning(); k.Home(); k.show(func() screen { return newStaffScreen(k) }) })
	if err := shoot("staff"); err != nil {
		return err
	}
	do(func() { k.Home() })
	if slices.Contains(k.deps.Config.Kiosk.Languages, kiosk.FR) {
		do(func() { k.SetLang(kiosk.FR) })
		if err := shoot("home-fr"); err != nil {
			return err
		}
	}
	do(func() { k.Home() })
	_, err := k.deps.Store.PurgeDrafts(context.Background(), k.deps.Now())
	return err
}

// typeInto puts a sample answer into any kind of input, as taps and typing would.
func typeInto(in answerInput, value string) {
	switch in := in.(type) {
	case *entryInput:
		in.entry.SetText(value)
	case *choiceInput:
		in.chosen = nil
		for _, v := range strings.Split(value, ",") {
			in.toggle(v)
		}
	case *addressInput:
		a := kiosk.ParseAddress(value)
		in.street.SetText(a.Street)
		in.number.SetText(a.Number)
		in.box.SetText(a.Box)
		in.postcode.SetText(a.Postcode)
		in.municipality.SetText(a.Municipality)
	}
}

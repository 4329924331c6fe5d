package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"loket/kiosk"
)

func typePIN(t *testing.T, k *Kiosk, pin string) {
	t.Helper()
	p := on[*pinScreen](t, k)
	for _, d := range pin {
		test.Tap(p.keys[string(d)])
	}
	test.Tap(p.ok)
	runUI(t) // the check runs beside the UI and answers through Deps.Do
}

// A helper logs in with the PIN; a wrong PIN says how many tries are left, five lock the
// keypad. In helper mode the citizen confirms the submit on a screen that says so, and the
// submission is marked assisted.
func TestHelperLoginAndAssistedSubmit(t *testing.T) {
	ctx := context.Background()
	k, clock := newTestKiosk(t)
	if err := k.deps.Store.SetPIN(ctx, kiosk.RoleHelper, "2580"); err != nil {
		t.Fatal(err)
	}
	openService(t, k, "certificates", "proof-of-residence")
	test.Tap(k.bar.help)
	if k.help == nil {
		t.Fatal("Help shows that a helper is on the way")
	}
	test.Tap(k.help.login)
	typePIN(t, k, "1111")
	if p := on[*pinScreen](t, k); !strings.Contains(p.message.Text, "4") {
		t.Fatalf("a wrong PIN says how many tries are left: %q", p.message.Text)
	}
	typePIN(t, k, "2580")
	if !k.assisted || !k.bar.helper.Visible() {
		t.Fatal("the right PIN starts helper mode, and the top bar shows it")
	}
	on[*questionScreen](t, k)
	for k.flow.Screen() == kiosk.ScreenQuestion {
		answerWithSample(t, k)
	}
	test.Tap(on[*checkScreen](t, k).submit)
	confirm := on[*confirmScreen](t, k)
	test.Tap(confirm.send)
	done := on[*doneScreen](t, k)
	sub, err := k.deps.Store.Submission(ctx, done.ref.Text)
	if err != nil || !sub.Assisted {
		t.Fatalf("an assisted submission is marked: %+v %v", sub, err)
	}
	u, err := k.deps.Store.UsageSummary(ctx, clock.Now().Add(-time.Hour), clock.Now().Add(time.Hour))
	if err != nil || u.Assisted != 1 || u.Counts[kiosk.UsageHelpRequested] != 1 {
		t.Fatalf("the figures count the assisted submission and the help call: %+v %v", u, err)
	}
	test.Tap(done.finish)
	if k.assisted {
		t.Fatal("helper mode ends with the session")
	}
}

func TestPINLockout(t *testing.T) {
	ctx := context.Background()
	k, _ := newTestKiosk(t)
	if err := k.deps.Store.SetPIN(ctx, kiosk.RoleStaff, "4711"); err != nil {
		t.Fatal(err)
	}
	// Four wrong tries recorded directly (each argon2id check takes a while under -race).
	if _, err := k.deps.Store.DB().Exec(`UPDATE pins SET failures = 4 WHERE role = 'staff'`); err != nil {
		t.Skipf("pins table layout: %v", err)
	}
	test.Tap(k.bar.help)
	test.Tap(k.help.staff)
	typePIN(t, k, "0000")
	p := on[*pinScreen](t, k)
	if !strings.Contains(p.message.Text, ":") {
		t.Fatalf("the fifth wrong PIN locks the keypad until a time: %q", p.message.Text)
	}
	typePIN(t, k, "4711")
	if _, ok := k.current.(*staffScreen); ok {
		t.Fatal("a locked keypad refuses even the right PIN")
	}
}

func TestStaffScreen(t *testing.T) {
	ctx := context.Background()
	k, clock := newTestKiosk(t)
	exported := make(chan [2]time.Time, 1)
	k.deps.Export = func(from, to time.Time) (string, error) {
		exported <- [2]time.Time{from, to}
		return "/data/exports/x.pdf", nil
	}
	if err := k.deps.Store.SetPIN(ctx, kiosk.RoleStaff, "4711"); err != nil {
		t.Fatal(err)
	}
	test.Tap(k.bar.help)
	test.Tap(k.help.staff)
	typePIN(t, k, "4711")
	s := on[*staffScreen](t, k)
	if !strings.Contains(s.sync.String(), "TST01") && !strings.Contains(s.sync.String(), "DEV01") {
		t.Fatalf("the staff screen names the kiosk: %q", s.sync.String())
	}
	test.Tap(s.langs[kiosk.EN])
	if len(k.bar.langs) != 2 || k.bar.langs[kiosk.EN] != nil {
		t.Fatalf("withdrawing English leaves two language buttons, got %d", len(k.bar.langs))
	}
	if v, ok, _ := k.deps.Store.Setting(ctx, kiosk.SettingLanguages); !ok || v != "nl,fr" {
		t.Fatalf("the setting is stored: %q", v)
	}
	test.Tap(s.idle[300])
	if k.deps.Config.Session.IdleSeconds != 300 {
		t.Fatal("the idle time changes")
	}
	test.Tap(s.export)
	select {
	case r := <-exported:
		if days := r[1].Sub(r[0]).Hours() / 24; days != 7 || !r[1].After(clock.Now()) {
			t.Fatalf("the export covers the last seven days, today included: %v", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the export did not start")
	}
	runUI(t) // the result comes back through Deps.Do
	if !strings.Contains(s.exported.Text, "/data/exports/x.pdf") {
		t.Fatalf("the staff screen says where the export is: %q", s.exported.Text)
	}
	test.Tap(s.back)
	on[*homeScreen](t, k)
}

// A complete service typed with the on-screen keyboard's keys only.
func TestServiceByOnScreenKeyboardOnly(t *testing.T) {
	k, _ := newTestKiosk(t)
	openService(t, k, "questions", "general-question")
	for k.flow.Screen() == kiosk.ScreenQuestion {
		q := on[*questionScreen](t, k)
		st := k.flow.Step()
		if q.kb == nil {
			answerWithSample(t, k)
			continue
		}
		sample := kiosk.SampleAnswer(st, k.flow.Today())
		if st.Type == kiosk.TypeAddress {
			a := kiosk.ParseAddress(sample)
			in := q.input.(*addressInput)
			for _, f := range []struct {
				e *kioskEntry
				v string
			}{{in.street, a.Street}, {in.number, a.Number}, {in.postcode, a.Postcode}, {in.municipality, a.Municipality}} {
				q.setTarget(f.e)
				keyboardType(t, q.kb, f.v)
			}
		} else {
			keyboardType(t, q.kb, sample)
		}
		keyboardTap(t, q.kb, keyContinue)
		if q2, ok := k.current.(*questionScreen); ok && q2.problem != "" {
			t.Fatalf("%s: %q typed on the keyboard was refused: %s", st.ID, sample, q2.problem)
		}
	}
	test.Tap(on[*checkScreen](t, k).submit)
	on[*doneScreen](t, k)
}

// A session in which the citizen called for help waits longer before it resets: they are
// waiting for a person, not gone.
func TestHelpCallWaitsLonger(t *testing.T) {
	k, clock := newTestKiosk(t)
	openService(t, k, "certificates", "proof-of-residence")
	test.Tap(k.bar.help)
	clock.Advance(200 * time.Second)
	k.Tick()
	if k.warning != nil {
		t.Fatal("no warning while a help call is open and young")
	}
	clock.Advance(165 * time.Second) // 365 s: past three idle times, inside the countdown
	k.Tick()
	if k.warning == nil {
		t.Fatal("a help call left alone long enough still ends in the warning")
	}
}

// A new catalogue from the hub waits for the end of the session.
func TestCatalogueSwitchesBetweenSessions(t *testing.T) {
	k, _ := newTestKiosk(t)
	openService(t, k, "certificates", "proof-of-residence")
	only, _ := k.deps.Catalogue.Only([]string{"general-question"})
	k.SetCatalogue(only)
	if _, ok := k.deps.Catalogue.Service("proof-of-residence"); !ok || k.flow == nil {
		t.Fatal("the catalogue does not change under a citizen's feet")
	}
	test.Tap(k.bar.stop)
	test.Tap(on[*stopScreen](t, k).discard)
	if _, ok := k.deps.Catalogue.Service("proof-of-residence"); ok {
		t.Fatal("the new catalogue is in use once the session ended")
	}
	if len(on[*homeScreen](t, k).tiles) != 1 {
		t.Fatal("the home screen shows the new catalogue's categories")
	}
}

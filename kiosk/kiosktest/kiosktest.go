// Package kiosktest holds fakes and fixtures for tests of the kiosk domain and its screens:
// a clock that only moves when told, a small service with every kind of step, and a store
// in a temporary directory.
package kiosktest

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"loket/kiosk"
)

// Clock is a settable clock for tests: no test sleeps to wait for time to pass.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock set to t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Day is the fixed date tests run on: a Wednesday.
var Day = time.Date(2026, 3, 18, 10, 30, 0, 0, time.UTC)

// Store opens a kiosk store in t's temporary directory, closed when the test ends.
func Store(t testing.TB, clock *Clock) *kiosk.Store {
	t.Helper()
	s, err := kiosk.OpenStore(filepath.Join(t.TempDir(), "kiosk.db"), kiosk.StoreOptions{KioskCode: "TST01", Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func text(s string) kiosk.Text {
	return kiosk.Text{kiosk.NL: s + " (nl)", kiosk.FR: s + " (fr)", kiosk.EN: s}
}

func intp(n int) *int { return &n }

// Service returns a small service: a choice, a conditional plate, a national number, a date
// and an optional e-mail.
func Service() *kiosk.Service {
	return &kiosk.Service{
		ID: "test-service", Version: 1, Category: "certificates", Pictogram: "certificate",
		Title: text("Test service"), Summary: text("A service for tests"),
		Start: kiosk.StartPage{What: text("What"), Cost: text("Free"), Duration: text("5 minutes"),
			Other: text("At the counter")},
		Confirmation: kiosk.Confirmation{Next: text("We send it"), LeadTime: text("In 3 days")},
		Steps: []kiosk.Step{
			{ID: "car", Type: kiosk.TypeChoice, Question: text("Do you have a car?"), Options: []kiosk.Option{
				{Value: "yes", Label: text("Yes")}, {Value: "no", Label: text("No")}}},
			{ID: "plate", Type: kiosk.TypePlate, Question: text("Plate?"),
				When: &kiosk.Condition{Step: "car", Equals: "yes"}},
			{ID: "rrn", Type: kiosk.TypeRRN, Question: text("National number?")},
			{ID: "day", Type: kiosk.TypeDate, Question: text("Which day?"), NotBefore: "today", NotAfter: "+2m"},
			{ID: "email", Type: kiosk.TypeEmail, Question: text("E-mail?"), Optional: true},
			{ID: "count", Type: kiosk.TypeNumber, Question: text("How many?"), Min: intp(1), Max: intp(4)},
		},
	}
}

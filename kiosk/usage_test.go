package kiosk_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"loket/kiosk"
	"loket/kiosk/kiosktest"
)

func TestUsageSummary(t *testing.T) {
	ctx := context.Background()
	clock := kiosktest.NewClock(kiosktest.Day) // 10:30
	s := kiosktest.Store(t, clock)
	record := func(evs ...kiosk.UsageEvent) {
		t.Helper()
		for _, ev := range evs {
			if err := s.RecordUsage(ctx, ev); err != nil {
				t.Fatal(err)
			}
		}
	}
	cert := "address-certificate"
	record(
		kiosk.UsageEvent{Kind: kiosk.UsageSessionStarted},
		kiosk.UsageEvent{Kind: kiosk.UsageLanguageChosen, Lang: kiosk.FR},
		kiosk.UsageEvent{Kind: kiosk.UsageServiceStarted, Service: cert},
		kiosk.UsageEvent{Kind: kiosk.UsageHelpRequested, Service: cert},
		kiosk.UsageEvent{Kind: kiosk.UsageSubmitted, Service: cert, Assisted: true},
		kiosk.UsageEvent{Kind: kiosk.UsageSessionStarted},
		kiosk.UsageEvent{Kind: kiosk.UsageServiceStarted, Service: cert},
		kiosk.UsageEvent{Kind: kiosk.UsageSubmitted, Service: cert},
	)
	clock.Advance(time.Hour)
	record(
		kiosk.UsageEvent{Kind: kiosk.UsageSessionStarted},
		kiosk.UsageEvent{Kind: kiosk.UsageServiceStarted, Service: "parking-card"},
		kiosk.UsageEvent{Kind: kiosk.UsageSavedForLater, Service: "parking-card"},
		kiosk.UsageEvent{Kind: kiosk.UsageAbandoned, Reason: kiosk.AbandonTimeout, Service: "parking-card"},
		kiosk.UsageEvent{Kind: kiosk.UsageSessionStarted},
		kiosk.UsageEvent{Kind: kiosk.UsageAbandoned, Reason: kiosk.AbandonStop},
		kiosk.UsageEvent{Kind: kiosk.UsageSubmitted, Service: cert},
		kiosk.UsageEvent{Kind: kiosk.UsageSubmitted, Service: cert},
	)

	day := time.Date(2026, 3, 18, 0, 0, 0, 0, time.UTC)
	u, err := s.UsageSummary(ctx, day, day.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	want := map[kiosk.UsageKind]int{kiosk.UsageSessionStarted: 4, kiosk.UsageLanguageChosen: 1, kiosk.UsageServiceStarted: 3,
		kiosk.UsageSubmitted: 4, kiosk.UsageSavedForLater: 1, kiosk.UsageAbandoned: 2, kiosk.UsageHelpRequested: 1}
	for kind, n := range want {
		if u.Counts[kind] != n {
			t.Errorf("%s: %d, want %d", kind, u.Counts[kind], n)
		}
	}
	if got := u.Services[cert]; got != (kiosk.ServiceUsage{Started: 2, Submitted: 4, Assisted: 1, HelpRequested: 1}) {
		t.Errorf("%s: %+v", cert, got)
	}
	if got := u.Services["parking-card"]; got != (kiosk.ServiceUsage{Started: 1, SavedForLater: 1, Abandoned: 1}) {
		t.Errorf("parking-card: %+v", got)
	}
	if u.Abandoned[kiosk.AbandonTimeout] != 1 || u.Abandoned[kiosk.AbandonStop] != 1 || u.Languages[kiosk.FR] != 1 {
		t.Errorf("abandoned %v, languages %v", u.Abandoned, u.Languages)
	}
	if u.Assisted != 1 || u.AssistedShare() != 0.25 {
		t.Errorf("assisted %d, share %v", u.Assisted, u.AssistedShare())
	}

	hour := time.Date(2026, 3, 18, 11, 0, 0, 0, time.UTC)
	if u, err = s.UsageSummary(ctx, hour, hour.Add(time.Hour)); err != nil || u.Counts[kiosk.UsageSessionStarted] != 2 ||
		u.Counts[kiosk.UsageLanguageChosen] != 0 || u.AssistedShare() != 0 {
		t.Errorf("11:00 to 12:00 counts only that hour: %+v %v", u.Counts, err)
	}
	if u, err = s.UsageSummary(ctx, day.AddDate(0, 0, 1), day.AddDate(0, 0, 2)); err != nil || len(u.Counts) != 0 {
		t.Errorf("the next day has no usage: %+v %v", u.Counts, err)
	}
}

// The counters keep hours and counts only: two visits in one hour leave no trace of their
// minutes or their order.
func TestUsageKeepsOnlyTheHour(t *testing.T) {
	ctx := context.Background()
	clock := kiosktest.NewClock(kiosktest.Day.Add(17*time.Minute + 23*time.Second))
	s := kiosktest.Store(t, clock)
	for range 2 {
		if err := s.RecordUsage(ctx, kiosk.UsageEvent{Kind: kiosk.UsageSessionStarted}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(11 * time.Minute)
	}
	var rows, hour, count int64
	if err := s.DB().QueryRow(`SELECT count(*), MAX(hour), MAX(count) FROM usage_counts`).Scan(&rows, &hour, &count); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC).Unix(); rows != 1 || hour != want || count != 2 {
		t.Fatalf("%d rows, hour %d (want %d), count %d", rows, hour, want, count)
	}
}

func TestUsageEventRefused(t *testing.T) {
	s := kiosktest.Store(t, kiosktest.NewClock(kiosktest.Day))
	for _, ev := range []kiosk.UsageEvent{
		{Kind: "visit"},
		{Kind: kiosk.UsageServiceStarted},
		{Kind: kiosk.UsageSubmitted, Service: "Jan Peeters"},
		{Kind: kiosk.UsageSessionStarted, Service: "parking-card"},
		{Kind: kiosk.UsageServiceStarted, Service: "parking-card", Assisted: true},
		{Kind: kiosk.UsageAbandoned},
		{Kind: kiosk.UsageAbandoned, Reason: "walked off"},
		{Kind: kiosk.UsageHelpRequested, Reason: kiosk.AbandonStop},
		{Kind: kiosk.UsageLanguageChosen},
		{Kind: kiosk.UsageLanguageChosen, Lang: "de"},
		{Kind: kiosk.UsageSessionStarted, Lang: kiosk.NL},
	} {
		if err := s.RecordUsage(context.Background(), ev); !errors.Is(err, kiosk.ErrUsageEvent) {
			t.Errorf("%+v: %v", ev, err)
		}
	}
	var n int
	s.DB().QueryRow(`SELECT count(*) FROM usage_counts`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d refused events were counted", n)
	}
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	s := kiosktest.Store(t, kiosktest.NewClock(kiosktest.Day))
	if v, ok, err := s.Setting(ctx, kiosk.SettingIdleSeconds); err != nil || ok || v != "" {
		t.Fatalf("a setting never changed: %q %v %v", v, ok, err)
	}
	for _, v := range []string{"90", "150"} {
		if err := s.SetSetting(ctx, kiosk.SettingIdleSeconds, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetSetting(ctx, kiosk.SettingLanguages, "nl,fr"); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := s.Setting(ctx, kiosk.SettingIdleSeconds); err != nil || !ok || v != "150" {
		t.Fatalf("the last value wins: %q %v %v", v, ok, err)
	}
	if v, _, _ := s.Setting(ctx, kiosk.SettingLanguages); v != "nl,fr" {
		t.Fatalf("languages: %q", v)
	}
	if err := s.SetSetting(ctx, "", "x"); err == nil {
		t.Fatal("an empty key is refused")
	}
}

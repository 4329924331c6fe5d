package ui

import (
	"context"
	"log"

	"loket/kiosk"
)

// record counts an anonymous usage event for the staff's figures. A failure is logged (the
// event's kind only) and never bothers the citizen.
func (k *Kiosk) record(ev kiosk.UsageEvent) {
	if ev.Kind != kiosk.UsageSessionStarted && !k.counted {
		k.record(kiosk.UsageEvent{Kind: kiosk.UsageSessionStarted})
	}
	if ev.Kind == kiosk.UsageSessionStarted {
		k.counted = true
	}
	if err := k.deps.Store.RecordUsage(context.Background(), ev); err != nil {
		log.Printf("usage: %s: %v", ev.Kind, err)
	}
}

// serviceID is the id of the service in progress, or "".
func (k *Kiosk) serviceID() string {
	if k.flow == nil {
		return ""
	}
	return k.flow.Service().ID
}

// SpeakerFrom adapts the domain's espeak-ng speaker to the screens.
func SpeakerFrom(sp *kiosk.Speaker) Speaker { return speaker{sp} }

type speaker struct{ sp *kiosk.Speaker }

func (s speaker) Available() bool               { return s.sp.Available() }
func (s speaker) Say(l kiosk.Lang, text string) { s.sp.Say(l, text) }
func (s speaker) Stop()                         { s.sp.Stop() }

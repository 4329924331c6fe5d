package kiosk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// UsageKind is something that happened at the kiosk, counted for the staff's figures.
type UsageKind string

// The kinds of usage the kiosk counts, and which UsageEvent fields each takes.
const (
	UsageSessionStarted UsageKind = "session-started" // the first tap
	UsageServiceStarted UsageKind = "service-started" // Service
	UsageSubmitted      UsageKind = "submitted"       // Service, Assisted
	UsageSavedForLater  UsageKind = "saved-for-later" // Service
	UsageAbandoned      UsageKind = "abandoned"       // Reason; Service when it happened in a flow
	UsageHelpRequested  UsageKind = "help-requested"  // Service when it happened in a flow
	UsageLanguageChosen UsageKind = "language-chosen" // Lang
)

// UsageKinds lists every kind, in the order a staff screen shows them.
var UsageKinds = []UsageKind{UsageSessionStarted, UsageLanguageChosen, UsageServiceStarted, UsageSubmitted,
	UsageSavedForLater, UsageAbandoned, UsageHelpRequested}

// AbandonReason says how a session ended without a submission.
type AbandonReason string

// The ways a session is abandoned.
const (
	AbandonTimeout AbandonReason = "timeout" // nobody answered the idle warning
	AbandonStop    AbandonReason = "stop"    // the citizen tapped Stop
)

// UsageEvent is one anonymous event. Its fields come from closed sets (kinds, service ids,
// reasons, languages) and it carries no time of its own, so nothing personal can reach the
// counters, not even by mistake.
type UsageEvent struct {
	Kind     UsageKind
	Service  string        // a service id
	Assisted bool          // submitted with a digital helper
	Reason   AbandonReason // why a session was abandoned
	Lang     Lang          // the language chosen
}

// ErrUsageEvent is returned for an event with a field its kind does not take or lacks one
// it needs: a bug in the caller, never the citizen's doing.
var ErrUsageEvent = errors.New("not a valid usage event")

// detail checks ev and returns the counter's detail column.
func (ev UsageEvent) detail() (string, error) {
	bad := func(why string) (string, error) { return "", fmt.Errorf("%w: %s: %s", ErrUsageEvent, ev.Kind, why) }
	if ev.Service != "" && !serviceIDPattern.MatchString(ev.Service) {
		return bad("service is not a service id")
	}
	needService := ev.Kind == UsageServiceStarted || ev.Kind == UsageSubmitted || ev.Kind == UsageSavedForLater
	switch {
	case !slices.Contains(UsageKinds, ev.Kind):
		return bad("unknown kind")
	case needService && ev.Service == "":
		return bad("needs the service id")
	case ev.Service != "" && (ev.Kind == UsageSessionStarted || ev.Kind == UsageLanguageChosen):
		return bad("takes no service")
	case ev.Assisted && ev.Kind != UsageSubmitted:
		return bad("only a submission is assisted")
	case (ev.Reason != "") != (ev.Kind == UsageAbandoned):
		return bad("a reason goes with abandoned, and only there")
	case ev.Reason != "" && ev.Reason != AbandonTimeout && ev.Reason != AbandonStop:
		return bad("unknown reason")
	case (ev.Lang != "") != (ev.Kind == UsageLanguageChosen):
		return bad("a language goes with language-chosen, and only there")
	case ev.Lang != "" && !slices.Contains(Languages, ev.Lang):
		return bad("unknown language")
	case ev.Assisted:
		return "assisted", nil
	}
	return string(ev.Reason) + string(ev.Lang), nil
}

// RecordUsage counts an event in the current hour. Only the hour is kept, and as a count:
// a visit cannot be tied to a person seen on camera at a given minute.
func (s *Store) RecordUsage(ctx context.Context, ev UsageEvent) error {
	detail, err := ev.detail()
	if err != nil {
		return fmt.Errorf("store: record usage: %w", err)
	}
	now := unix(s.now())
	if _, err := s.db.ExecContext(ctx, `INSERT INTO usage_counts(hour, kind, service, detail, count)
		VALUES(?, ?, ?, ?, 1) ON CONFLICT(hour, kind, service, detail) DO UPDATE SET count = count + 1`,
		now-now%3600, string(ev.Kind), ev.Service, detail); err != nil {
		return fmt.Errorf("store: record usage: %w", err)
	}
	return nil
}

// ServiceUsage is one service's figures.
type ServiceUsage struct {
	Started, Submitted, Assisted, SavedForLater, Abandoned, HelpRequested int
}

// UsageSummary is the staff's figures for a period.
type UsageSummary struct {
	From, To  time.Time // the period: hours that start in [From, To)
	Counts    map[UsageKind]int
	Services  map[string]ServiceUsage
	Abandoned map[AbandonReason]int
	Languages map[Lang]int
	Assisted  int // submissions made with a digital helper
}

// AssistedShare is the part of submissions made with a digital helper, from 0 to 1.
func (u UsageSummary) AssistedShare() float64 {
	if u.Counts[UsageSubmitted] == 0 {
		return 0
	}
	return float64(u.Assisted) / float64(u.Counts[UsageSubmitted])
}

// UsageSummary adds up the counters of the hours that start in [from, to). Counters are kept
// per UTC hour; Belgian time differs from UTC by whole hours, so local days and hours add up
// exactly.
func (s *Store) UsageSummary(ctx context.Context, from, to time.Time) (UsageSummary, error) {
	u := UsageSummary{From: from, To: to, Counts: map[UsageKind]int{}, Services: map[string]ServiceUsage{},
		Abandoned: map[AbandonReason]int{}, Languages: map[Lang]int{}}
	rows, err := s.db.QueryContext(ctx, `SELECT kind, service, detail, SUM(count) FROM usage_counts
		WHERE hour >= ? AND hour < ? GROUP BY kind, service, detail`, unix(from), unix(to))
	if err != nil {
		return u, fmt.Errorf("store: usage summary: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, service, detail string
		var n int
		if err := rows.Scan(&kind, &service, &detail, &n); err != nil {
			return u, fmt.Errorf("store: usage summary: %w", err)
		}
		u.add(UsageKind(kind), service, detail, n)
	}
	if err := rows.Err(); err != nil {
		return u, fmt.Errorf("store: usage summary: %w", err)
	}
	return u, nil
}

func (u *UsageSummary) add(kind UsageKind, service, detail string, n int) {
	u.Counts[kind] += n
	su := u.Services[service]
	switch kind {
	case UsageServiceStarted:
		su.Started += n
	case UsageSubmitted:
		su.Submitted += n
		if detail == "assisted" {
			su.Assisted += n
			u.Assisted += n
		}
	case UsageSavedForLater:
		su.SavedForLater += n
	case UsageAbandoned:
		su.Abandoned += n
		u.Abandoned[AbandonReason(detail)] += n
	case UsageHelpRequested:
		su.HelpRequested += n
	case UsageLanguageChosen:
		u.Languages[Lang(detail)] += n
	}
	if service != "" {
		u.Services[service] = su
	}
}

// Keys of the settings staff change at the kiosk. The ui package turns each value into its
// type and checks it; the store keeps strings so a new setting needs no migration.
const (
	SettingLanguages      = "languages"            // offered languages, comma-separated: "nl,fr"
	SettingIdleSeconds    = "idle_timeout_seconds" // idle time before the warning
	SettingWarningSeconds = "warning_seconds"      // how long the warning counts down
)

// Setting returns a setting staff changed at the kiosk; ok is false when they never did and
// the config file's value applies.
func (s *Store) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	} else if err != nil {
		return "", false, fmt.Errorf("store: setting %s: %w", key, err)
	}
	return value, true, nil
}

// SetSetting stores a setting, replacing its earlier value.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if key == "" {
		return errors.New("store: set setting: empty key")
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO settings(key, value, updated_at) VALUES(?, ?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, value, unix(s.now())); err != nil {
		return fmt.Errorf("store: set setting %s: %w", key, err)
	}
	return nil
}

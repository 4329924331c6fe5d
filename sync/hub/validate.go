package hub

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"sort"
	"time"

	"loket/kiosk"
	"loket/sync/wire"
)

// keyPattern bounds idempotency keys: long enough to be unique (the kiosk sends 32 hex
// digits), short and plain enough to index and to log.
var keyPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{16,128}$`)

// maxClockSkew is how far in the future a submission's time may be: a kiosk's clock can
// be off, but not by days.
const maxClockSkew = 24 * time.Hour

// prepare decodes and checks one submission for the kiosk that sent it, returning the item
// to store or the HTTP status and problems that refuse it. It never trusts the kiosk: the
// answers go through the same rules as on the kiosk (kiosk.Step.Validate), with the
// service's conditions (Visible, Relevant), against the hub's own catalogue.
func prepare(cat *kiosk.Catalogue, loc *time.Location, kioskID, key string, body []byte, now time.Time) (Item, int, []wire.Problem) {
	if !keyPattern.MatchString(key) {
		return Item{}, 400, []wire.Problem{{Field: wire.HeaderIdempotencyKey, Code: wire.CodeFormat}}
	}
	if len(body) > wire.MaxSubmissionBytes {
		return Item{}, 413, []wire.Problem{{Code: wire.CodeTooLarge, Args: []string{itoa(wire.MaxSubmissionBytes)}}}
	}
	var sub wire.Submission
	if p := wire.Decode(body, &sub); p != nil {
		return Item{}, 400, []wire.Problem{*p}
	}
	if problems := checkEnvelope(sub, now); len(problems) > 0 {
		return Item{}, 400, problems
	}
	if sub.KioskID != kioskID || referenceKiosk(sub.Reference) != kioskID {
		return Item{}, 403, []wire.Problem{{Field: "kiosk_id", Code: wire.CodeKioskMismatch}}
	}
	if problems := checkAnswers(cat, sub, sub.SubmittedAt.In(loc)); len(problems) > 0 {
		return Item{}, 422, problems
	}
	canonical := sub.Encode()
	sum := sha256.Sum256(canonical)
	return Item{Key: key, Fingerprint: hex.EncodeToString(sum[:]), Sub: sub, Body: canonical,
		Answers: wire.EncodeAnswers(sub.Answers)}, 0, nil
}

// checkEnvelope checks everything but the answers: the fields a kiosk always fills.
func checkEnvelope(sub wire.Submission, now time.Time) []wire.Problem {
	var out []wire.Problem
	if ref, err := kiosk.ParseReference(sub.Reference); err != nil || ref != sub.Reference {
		out = append(out, wire.Problem{Field: "reference", Code: wire.CodeFormat})
	}
	if !kiosk.ValidKioskCode(sub.KioskID) {
		out = append(out, wire.Problem{Field: "kiosk_id", Code: wire.CodeFormat})
	}
	if sub.ServiceID == "" {
		out = append(out, wire.Problem{Field: "service_id", Code: wire.CodeRequired})
	}
	if sub.ServiceVersion < 1 {
		out = append(out, wire.Problem{Field: "service_version", Code: wire.CodeFormat})
	}
	if !slices.Contains(kiosk.Languages, kiosk.Lang(sub.Lang)) {
		out = append(out, wire.Problem{Field: "lang", Code: wire.CodeLang})
	}
	if sub.SubmittedAt.IsZero() || sub.SubmittedAt.Year() < 2000 {
		out = append(out, wire.Problem{Field: "submitted_at", Code: wire.CodeRequired})
	} else if sub.SubmittedAt.After(now.Add(maxClockSkew)) {
		out = append(out, wire.Problem{Field: "submitted_at", Code: wire.CodeSubmittedFuture})
	}
	if sub.Answers == nil {
		out = append(out, wire.Problem{Field: "answers", Code: wire.CodeRequired})
	}
	return out
}

// referenceKiosk returns the kiosk code a reference starts with ("GNT01-7Q00-0AZK" → "GNT01").
func referenceKiosk(ref string) string {
	if len(ref) < 11 {
		return ""
	}
	return ref[:len(ref)-10]
}

// checkAnswers applies the service's rules. Dates are checked against the day the citizen
// submitted, in the municipality's time zone, not the day the hub hears of it: a kiosk that
// was offline for a week must not see "not before today" answers refused for being a week
// old, nor one submitted at 00:30 judged by yesterday's UTC date.
func checkAnswers(cat *kiosk.Catalogue, sub wire.Submission, today time.Time) []wire.Problem {
	svc, ok := cat.Service(sub.ServiceID)
	if !ok {
		return []wire.Problem{{Field: "service_id", Code: wire.CodeServiceUnknown}}
	}
	var out []wire.Problem
	relevant := svc.Relevant(sub.Answers)
	var extra []string
	for id, v := range sub.Answers {
		if relevant[id] != v {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	for _, id := range extra {
		out = append(out, wire.Problem{Field: "answers." + id, Code: wire.CodeAnswerUnexpect})
	}
	for _, i := range svc.Visible(sub.Answers) {
		st := &svc.Steps[i]
		if _, inv := st.Validate(sub.Answers[st.ID], today); inv != nil {
			out = append(out, wire.Problem{Field: "answers." + st.ID, Code: inv.Code, Args: slices.Clone(inv.Args)})
		}
	}
	return out
}

// Package wire holds what the kiosk and the municipal hub say to each other: the JSON
// bodies of the hub's API (docs/api.md), shared so that the two sides cannot drift apart.
// It has no behaviour beyond encoding and strict decoding.
package wire

import (
	"encoding/json"
	"time"

	"loket/kiosk"
)

// Paths of the hub's API.
const (
	PathSubmissions = "/v1/submissions"
	PathBatch       = "/v1/submissions/batch"
	PathHeartbeat   = "/v1/heartbeat"
	PathHelp        = "/v1/help"
	PathCatalogue   = "/v1/catalogue"
	PathKiosks      = "/v1/kiosks"
	PathExport      = "/v1/export"
	PathStatus      = "/status/"
)

// Headers of the idempotency protocol (draft-ietf-httpapi-idempotency-key-header).
const (
	HeaderIdempotencyKey = "Idempotency-Key"
	// HeaderReplayed is set on an answer that the hub stored earlier for the same key and
	// body and now repeats, as Stripe does.
	HeaderReplayed = "Idempotent-Replayed"
)

// Limits the hub enforces. They are generous for what a kiosk sends (a few short answers
// and at most a few thousand characters of free text) and small enough that a broken or
// hostile client cannot make the hub buffer much.
const (
	MaxSubmissionBytes = 64 << 10 // one submission's JSON
	MaxBatchItems      = 500      // submissions per batch request
	MaxBatchBytes      = 8 << 20  // a whole batch request
	MaxSmallBodyBytes  = 16 << 10 // heartbeats, help requests
)

// Submission is one citizen's submitted request as the kiosk sends it. The hub fingerprints
// its canonical encoding (Encode), so whitespace or key order never make a retry look like
// a different request.
type Submission struct {
	Reference      string        `json:"reference"`
	KioskID        string        `json:"kiosk_id"`
	ServiceID      string        `json:"service_id"`
	ServiceVersion int           `json:"service_version"`
	Lang           string        `json:"lang"`
	Answers        kiosk.Answers `json:"answers"`
	SubmittedAt    time.Time     `json:"submitted_at"`
	Assisted       bool          `json:"assisted"`
}

// FromKiosk returns the wire form of a submission stored on a kiosk.
func FromKiosk(s *kiosk.Submission) Submission {
	answers := s.Answers
	if answers == nil {
		answers = kiosk.Answers{}
	}
	return Submission{Reference: s.Reference, KioskID: s.KioskID, ServiceID: s.ServiceID,
		ServiceVersion: s.ServiceVersion, Lang: string(s.Lang), Answers: answers,
		SubmittedAt: s.SubmittedAt.UTC(), Assisted: s.Assisted}
}

// Encode returns the canonical JSON of the submission: struct field order, answers sorted
// by step id, the time in UTC. The same submission always encodes to the same bytes.
func (s Submission) Encode() []byte {
	s.SubmittedAt = s.SubmittedAt.UTC()
	if s.Answers == nil {
		s.Answers = kiosk.Answers{}
	}
	b, _ := json.Marshal(s) // only strings, numbers, a bool and a time: cannot fail
	return b
}

// EncodeAnswers returns answers as the kiosk stores them: a JSON object sorted by key. The
// hub stores the same bytes, so the two can be compared byte for byte.
func EncodeAnswers(a kiosk.Answers) string {
	if a == nil {
		a = kiosk.Answers{}
	}
	b, _ := json.Marshal(a)
	return string(b)
}

// Receipt is the hub's answer to a stored submission. A replay returns the first receipt.
type Receipt struct {
	Reference  string    `json:"reference"`
	State      string    `json:"state"` // "received"
	ReceivedAt time.Time `json:"received_at"`
}

// BatchRequest carries several submissions, each with its own idempotency key: the
// exactly-once guarantee holds per item, and one refused item does not refuse the others.
type BatchRequest struct {
	Items []BatchItem `json:"items"`
}

// BatchItem is one submission of a batch; Submission is its JSON, as for a single POST.
type BatchItem struct {
	IdempotencyKey string          `json:"idempotency_key"`
	Submission     json.RawMessage `json:"submission"`
}

// BatchResponse answers a batch, one result per item in the request's order.
type BatchResponse struct {
	Results []BatchResult `json:"results"`
}

// BatchResult is what a single POST of that item would have answered: its status code, the
// receipt on success, the problems otherwise.
type BatchResult struct {
	IdempotencyKey string    `json:"idempotency_key"`
	Status         int       `json:"status"`
	Replayed       bool      `json:"replayed,omitempty"`
	Receipt        *Receipt  `json:"receipt,omitempty"`
	Problems       []Problem `json:"problems,omitempty"`
}

package hub

import (
	"context"
	"errors"
	"time"

	"loket/sync/wire"
)

// Store is where the hub keeps submissions, tokens, kiosks and help requests. There are two:
// SQLite (OpenSQLite), zero configuration for one hub, and PostgreSQL (OpenPostgres), for
// several hub instances behind one database. Both pass the same test suite.
type Store interface {
	// Accept stores the items that are new and reports, per item, what happened. Duplicates
	// are found by the database's unique constraint on (kiosk, idempotency key), never by
	// looking first, so two hub instances racing on the same key store it once.
	Accept(ctx context.Context, kioskID string, items []Item) ([]Outcome, error)
	// Submission returns the stored submission with that reference, or ErrNotFound.
	Submission(ctx context.Context, reference string) (Record, error)
	// Submissions lists submissions made in [from, to), optionally of one service, oldest first.
	Submissions(ctx context.Context, f Filter) ([]Record, error)
	// CountSubmissions counts every stored submission.
	CountSubmissions(ctx context.Context) (int, error)

	// AddToken registers a token's hash for a subject (a kiosk id or a staff name); a new
	// kiosk is registered with its first token.
	AddToken(ctx context.Context, t Token) error
	// RevokeTokens revokes every token of a subject and role and says how many.
	RevokeTokens(ctx context.Context, role Role, subject string, at time.Time) (int, error)
	// Authenticate returns who holds the token with that hash, or ErrNotFound.
	Authenticate(ctx context.Context, hash string) (Principal, error)

	RecordHeartbeat(ctx context.Context, kioskID string, hb wire.Heartbeat, at time.Time) error
	Kiosks(ctx context.Context) ([]wire.Kiosk, error)

	RaiseHelp(ctx context.Context, kioskID string, at time.Time) (int64, error)
	HelpRequests(ctx context.Context, openOnly bool) ([]wire.HelpRequest, error)
	// HandleHelp marks a help request handled; ErrNotFound if there is none with that id.
	HandleHelp(ctx context.Context, id int64, at time.Time) error

	Ping(ctx context.Context) error
	Close() error
}

// ErrNotFound is returned when a lookup finds nothing.
var ErrNotFound = errors.New("not found")

// Item is one submission that passed decoding and validation, ready to store.
type Item struct {
	Key         string // the Idempotency-Key
	Fingerprint string // SHA-256 of Body: the same key with another fingerprint is refused
	Sub         wire.Submission
	Body        []byte // Sub's canonical JSON, stored as received after canonicalization
	Answers     string // Sub.Answers as canonical JSON, the same bytes the kiosk stores
}

// Result is what happened to one item.
type Result int

// The results of Accept.
const (
	Created        Result = iota // stored now
	Replayed                     // stored before with the same key and body
	KeyReused                    // the key was used before for another body: refused
	InProgress                   // another request with the key is being handled: retry
	ReferenceTaken               // another key already stored this reference: refused
)

var resultNames = [...]string{"created", "replayed", "key_reused", "in_progress", "reference_taken"}

func (r Result) String() string { return resultNames[r] }

// Outcome is an item's result and, for Created and Replayed, its receipt.
type Outcome struct {
	Result  Result
	Receipt wire.Receipt
}

// Record is a stored submission.
type Record struct {
	ID         int64
	Key        string
	Sub        wire.Submission
	Body       []byte
	Answers    string
	ReceivedAt time.Time
	State      string
}

// Filter selects submissions for staff. Zero times are open ends; an empty service is all.
type Filter struct {
	From, To  time.Time
	ServiceID string
}

// Role says what a token may do.
type Role string

// Roles: a kiosk writes submissions, heartbeats and help requests as itself; staff read.
const (
	RoleKiosk Role = "kiosk"
	RoleStaff Role = "staff"
)

// Token is a stored token: its hash, never the token.
type Token struct {
	Hash      string
	Role      Role
	Subject   string
	CreatedAt time.Time
}

// Principal is who a request comes from.
type Principal struct {
	Role    Role
	Subject string
}

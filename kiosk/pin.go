package kiosk

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
)

// Role is who a PIN lets in. The two roles have separate PINs and separate lockouts, so a
// guesser at the helper screen cannot lock staff out, nor the other way round.
type Role string

// The roles a PIN can be set for.
const (
	RoleHelper Role = "helper" // a digital helper: guides and fills in, the citizen submits
	RoleStaff  Role = "staff"  // status, reprints, usage figures, settings, leaving kiosk mode
)

// PINTries is how many wrong PINs in a row lock a role. Five keeps a helper who mistypes
// twice out of trouble while a guesser gets five of the 10,000+ PINs per lockout.
const PINTries = 5

// The first lockout lasts pinFirstLock; each further one without a right PIN in between
// lasts twice as long, up to pinMaxLock, so guessing costs hours while a helper who forgot
// waits minutes.
const (
	pinFirstLock = 5 * time.Minute
	pinMaxLock   = time.Hour
)

// Errors from SetPIN and CheckPIN. ErrPINFormat and ErrPINWeak are wrapped with the reason;
// staff see the message as it is (`kiosk pin set`), the staff screen may translate by
// errors.Is.
var (
	ErrUnknownRole = errors.New(`unknown role: use "helper" or "staff"`)
	ErrPINFormat   = errors.New("a PIN is 4 to 8 digits")
	ErrPINWeak     = errors.New("this PIN is too easy to guess")
)

// PINStatus is the outcome of a PIN check.
type PINStatus int

// The zero PINStatus is none of these, so a forgotten result never reads as PINOK.
const (
	PINOK     PINStatus = iota + 1 // the right PIN: let them in
	PINWrong                       // a wrong PIN; PINResult.TriesLeft before the lock
	PINLocked                      // too many wrong tries; PINResult.LockedUntil
	PINNotSet                      // no PIN for the role yet: set one with `kiosk pin set`
	PINReady                       // from PINState only: set and not locked
)

func (st PINStatus) String() string {
	if names := []string{"", "ok", "wrong", "locked", "not set", "ready"}; st > 0 && int(st) < len(names) {
		return names[st]
	}
	return fmt.Sprintf("PINStatus(%d)", int(st))
}

// PINResult says whether a PIN let someone in, and if not, what the keypad screen tells them.
type PINResult struct {
	Status      PINStatus
	TriesLeft   int       // PINWrong, PINReady: wrong tries left before the lock
	LockedUntil time.Time // PINLocked: when the next try is allowed (UTC)
}

// ParseRole turns "helper" or "staff" into a Role.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleHelper, RoleStaff:
		return r, nil
	}
	return "", fmt.Errorf("%q: %w", s, ErrUnknownRole)
}

// CheckPINStrength refuses what is not 4 to 8 digits and the PINs a guesser tries first: one
// digit repeated, a run up or down (1234, 9876, 7890), a repeated group (1212, 123123). The
// staff screen can call it before asking for the PIN a second time.
func CheckPINStrength(pin string) error {
	if len(pin) < 4 || len(pin) > 8 || strings.Trim(pin, "0123456789") != "" {
		return ErrPINFormat
	}
	if strings.Count(pin, pin[:1]) == len(pin) {
		return fmt.Errorf("%w: all its digits are the same", ErrPINWeak)
	}
	step := func(i int) int { return (int(pin[i]) - int(pin[i-1]) + 10) % 10 }
	if first := step(1); first == 1 || first == 9 {
		run := true
		for i := 2; i < len(pin); i++ {
			run = run && step(i) == first
		}
		if run {
			return fmt.Errorf("%w: its digits count up or down", ErrPINWeak)
		}
	}
	for n := 2; n <= len(pin)/2; n++ {
		if len(pin)%n == 0 && strings.Repeat(pin[:n], len(pin)/n) == pin {
			return fmt.Errorf("%w: it repeats %s", ErrPINWeak, pin[:n])
		}
	}
	return nil
}

// SetPIN sets or replaces a role's PIN. A new PIN clears that role's wrong tries and
// lockout: the lock protected the old PIN, and whoever sets a PIN already has the staff PIN
// or the kiosk's shell.
func (s *Store) SetPIN(ctx context.Context, role Role, pin string) error {
	if _, err := ParseRole(string(role)); err != nil {
		return fmt.Errorf("store: set PIN: %w", err)
	}
	if err := CheckPINStrength(pin); err != nil {
		return fmt.Errorf("store: set %s PIN: %w", role, err)
	}
	hash, err := hashPIN(pin, pinParams)
	if err != nil {
		return fmt.Errorf("store: set %s PIN: %w", role, err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO pins(role, hash, set_at) VALUES(?, ?, ?)
		ON CONFLICT(role) DO UPDATE SET hash = excluded.hash, failures = 0, lockouts = 0,
		locked_until = 0, set_at = excluded.set_at`, string(role), hash, unix(s.now())); err != nil {
		return fmt.Errorf("store: set %s PIN: %w", role, err)
	}
	return nil
}

// pinRow is a role's stored PIN and lockout state.
type pinRow struct {
	hash        string
	failures    int
	lockouts    int
	lockedUntil int64
}

func readPIN(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, role Role) (pinRow, bool, error) {
	var r pinRow
	err := q.QueryRowContext(ctx, `SELECT hash, failures, lockouts, locked_until FROM pins WHERE role = ?`,
		string(role)).Scan(&r.hash, &r.failures, &r.lockouts, &r.lockedUntil)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

// PINState tells, without using up a try, whether a role has a PIN and whether it is
// locked, so the keypad screen can say so before anyone types.
func (s *Store) PINState(ctx context.Context, role Role) (PINResult, error) {
	if _, err := ParseRole(string(role)); err != nil {
		return PINResult{}, fmt.Errorf("store: PIN state: %w", err)
	}
	r, found, err := readPIN(ctx, s.db, role)
	switch {
	case err != nil:
		return PINResult{}, fmt.Errorf("store: %s PIN state: %w", role, err)
	case !found:
		return PINResult{Status: PINNotSet}, nil
	case unix(s.now()) < r.lockedUntil:
		return PINResult{Status: PINLocked, LockedUntil: fromUnix(r.lockedUntil)}, nil
	}
	return PINResult{Status: PINReady, TriesLeft: PINTries - r.failures}, nil
}

// CheckPIN checks a PIN typed for a role and counts wrong tries. While the role is locked
// the PIN is not even compared, so a guesser learns nothing during a lockout. The check and
// the count happen in one write transaction: two keypads cannot both use the fifth try.
// A right PIN stored with older hashing parameters is hashed again with today's.
func (s *Store) CheckPIN(ctx context.Context, role Role, pin string) (PINResult, error) {
	if _, err := ParseRole(string(role)); err != nil {
		return PINResult{}, fmt.Errorf("store: check PIN: %w", err)
	}
	res, err := s.checkPIN(ctx, role, pin)
	if err != nil {
		return PINResult{}, fmt.Errorf("store: check %s PIN: %w", role, err)
	}
	return res, nil
}

func (s *Store) checkPIN(ctx context.Context, role Role, pin string) (PINResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return PINResult{}, err
	}
	defer tx.Rollback()
	r, found, err := readPIN(ctx, tx, role)
	if err != nil || !found {
		return PINResult{Status: PINNotSet}, err
	}
	now := s.now()
	if unix(now) < r.lockedUntil {
		return PINResult{Status: PINLocked, LockedUntil: fromUnix(r.lockedUntil)}, nil
	}
	ok, current, err := verifyPIN(pin, r.hash)
	if err != nil {
		return PINResult{}, err
	}
	var res PINResult
	switch {
	case ok:
		res = PINResult{Status: PINOK}
		r = pinRow{hash: r.hash}
		if !current {
			if r.hash, err = hashPIN(pin, pinParams); err != nil {
				return PINResult{}, err
			}
		}
	case r.failures+1 >= PINTries:
		r.failures, r.lockouts = 0, r.lockouts+1
		until := now.Add(lockDuration(r.lockouts))
		r.lockedUntil = unix(until)
		res = PINResult{Status: PINLocked, LockedUntil: fromUnix(r.lockedUntil)}
	default:
		r.failures++
		res = PINResult{Status: PINWrong, TriesLeft: PINTries - r.failures}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE pins SET hash = ?, failures = ?, lockouts = ?, locked_until = ?
		WHERE role = ?`, r.hash, r.failures, r.lockouts, r.lockedUntil, string(role)); err != nil {
		return PINResult{}, err
	}
	return res, tx.Commit()
}

// lockDuration is how long the n-th lockout in a row lasts.
func lockDuration(n int) time.Duration {
	d := pinFirstLock
	for i := 1; i < n && d < pinMaxLock; i++ {
		d *= 2
	}
	return min(d, pinMaxLock)
}

// argonParams are argon2id's cost parameters, stored with every hash so they can be raised
// without invalidating the PINs already set.
type argonParams struct {
	memory  uint32 // KiB
	time    uint32
	threads uint8
	keyLen  uint32
}

// pinParams are OWASP's minimum for argon2id (19 MiB, 2 passes, 1 thread): a PIN has few
// digits, so each guess must cost an attacker who copied the database real memory and time,
// while the kiosk's slow CPU still checks a PIN well within a tap.
var pinParams = argonParams{memory: 19 * 1024, time: 2, threads: 1, keyLen: 32}

const pinSaltLen = 16

var b64 = base64.RawStdEncoding

// hashPIN returns the PHC string $argon2id$v=19$m=..,t=..,p=..$salt$key with a fresh salt.
func hashPIN(pin string, p argonParams) (string, error) {
	salt := make([]byte, pinSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key := argon2.IDKey([]byte(pin), salt, p.time, p.memory, p.threads, p.keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.memory, p.time, p.threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// verifyPIN compares pin with a stored hash in constant time, and says whether the hash
// uses today's parameters. Bounds on the stored parameters keep a damaged row from making
// the kiosk allocate gigabytes.
func verifyPIN(pin, encoded string) (ok, current bool, err error) {
	f := strings.Split(encoded, "$")
	if len(f) != 6 || f[0] != "" || f[1] != "argon2id" || f[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false, false, errors.New("stored PIN hash is not argon2id")
	}
	var p argonParams
	if _, err := fmt.Sscanf(f[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return false, false, fmt.Errorf("stored PIN hash parameters: %w", err)
	}
	salt, err1 := b64.DecodeString(f[4])
	key, err2 := b64.DecodeString(f[5])
	if err := errors.Join(err1, err2); err != nil {
		return false, false, fmt.Errorf("stored PIN hash: %w", err)
	}
	p.keyLen = uint32(len(key))
	if p.memory < 8*uint32(p.threads) || p.memory > 1<<20 || p.time < 1 || p.time > 64 || p.threads < 1 ||
		len(salt) < 8 || len(key) < 16 || len(key) > 64 {
		return false, false, errors.New("stored PIN hash parameters out of range")
	}
	got := argon2.IDKey([]byte(pin), salt, p.time, p.memory, p.threads, p.keyLen)
	ok = subtle.ConstantTimeCompare(got, key) == 1
	return ok, p == pinParams && len(salt) == pinSaltLen, nil
}

package kiosk_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"

	"loket/kiosk"
	"loket/kiosk/kiosktest"
)

func checkPIN(t *testing.T, s *kiosk.Store, role kiosk.Role, pin string) kiosk.PINResult {
	t.Helper()
	res, err := s.CheckPIN(context.Background(), role, pin)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestPINRightAndWrong(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := kiosktest.Store(t, kiosktest.NewClock(kiosktest.Day))
	if res := checkPIN(t, s, kiosk.RoleHelper, "2580"); res.Status != kiosk.PINNotSet {
		t.Fatalf("before a PIN is set: %v", res.Status)
	}
	if err := s.SetPIN(ctx, kiosk.RoleHelper, "2580"); err != nil {
		t.Fatal(err)
	}
	if res := checkPIN(t, s, kiosk.RoleHelper, "2580"); res.Status != kiosk.PINOK {
		t.Fatalf("right PIN: %+v", res)
	}
	if res := checkPIN(t, s, kiosk.RoleHelper, "2581"); res.Status != kiosk.PINWrong || res.TriesLeft != kiosk.PINTries-1 {
		t.Fatalf("wrong PIN: %+v", res)
	}
	if res := checkPIN(t, s, kiosk.RoleStaff, "2580"); res.Status != kiosk.PINNotSet {
		t.Fatalf("the helper's PIN does not open staff mode: %+v", res)
	}
	if _, err := s.CheckPIN(ctx, "admin", "2580"); !errors.Is(err, kiosk.ErrUnknownRole) {
		t.Fatalf("unknown role: %v", err)
	}
}

func TestPINLockoutAndUnlock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := kiosktest.NewClock(kiosktest.Day)
	path := filepath.Join(t.TempDir(), "kiosk.db")
	s, err := kiosk.OpenStore(path, kiosk.StoreOptions{KioskCode: "TST01", Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetPIN(ctx, kiosk.RoleStaff, "739164"); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < kiosk.PINTries; i++ {
		if res := checkPIN(t, s, kiosk.RoleStaff, "000001"); res.Status != kiosk.PINWrong || res.TriesLeft != kiosk.PINTries-i {
			t.Fatalf("wrong try %d: %+v", i, res)
		}
	}
	res := checkPIN(t, s, kiosk.RoleStaff, "000001")
	if want := kiosktest.Day.Add(5 * time.Minute); res.Status != kiosk.PINLocked || !res.LockedUntil.Equal(want) {
		t.Fatalf("fifth wrong try locks until %v: %+v", want, res)
	}
	if res := checkPIN(t, s, kiosk.RoleStaff, "739164"); res.Status != kiosk.PINLocked {
		t.Fatalf("even the right PIN is refused while locked: %+v", res)
	}

	s.Close() // a restart keeps the lock
	if s, err = kiosk.OpenStore(path, kiosk.StoreOptions{KioskCode: "TST01", Now: clock.Now}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st, err := s.PINState(ctx, kiosk.RoleStaff); err != nil || st.Status != kiosk.PINLocked {
		t.Fatalf("after a restart: %+v %v", st, err)
	}
	if res := checkPIN(t, s, kiosk.RoleStaff, "739164"); res.Status != kiosk.PINLocked {
		t.Fatalf("after a restart: %+v", res)
	}

	clock.Advance(5 * time.Minute)
	if st, err := s.PINState(ctx, kiosk.RoleStaff); err != nil || st.Status != kiosk.PINReady || st.TriesLeft != kiosk.PINTries {
		t.Fatalf("after the lock, five fresh tries: %+v %v", st, err)
	}
	for range kiosk.PINTries {
		res = checkPIN(t, s, kiosk.RoleStaff, "000001")
	}
	if want := clock.Now().Add(10 * time.Minute); res.Status != kiosk.PINLocked || !res.LockedUntil.Equal(want) {
		t.Fatalf("the second lockout in a row lasts twice as long, until %v: %+v", want, res)
	}
	clock.Advance(10 * time.Minute)
	if res := checkPIN(t, s, kiosk.RoleStaff, "739164"); res.Status != kiosk.PINOK {
		t.Fatalf("right PIN after the lock: %+v", res)
	}
	var failures, lockouts int
	s.DB().QueryRow(`SELECT failures, lockouts FROM pins WHERE role = 'staff'`).Scan(&failures, &lockouts)
	if failures != 0 || lockouts != 0 {
		t.Fatalf("a right PIN starts the count and the doubling over: %d failures, %d lockouts", failures, lockouts)
	}
}

// A hash takes most of a second under -race, so this test starts from nine lockouts in a
// row (someone guessing all day) instead of making them.
func TestPINLockoutCappedAtAnHour(t *testing.T) {
	t.Parallel()
	clock := kiosktest.NewClock(kiosktest.Day)
	s := kiosktest.Store(t, clock)
	if err := s.SetPIN(context.Background(), kiosk.RoleHelper, "8264"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`UPDATE pins SET lockouts = 9 WHERE role = 'helper'`); err != nil {
		t.Fatal(err)
	}
	var res kiosk.PINResult
	for range kiosk.PINTries {
		res = checkPIN(t, s, kiosk.RoleHelper, "1357")
	}
	if got := res.LockedUntil.Sub(clock.Now()); res.Status != kiosk.PINLocked || got != time.Hour {
		t.Fatalf("the tenth lockout lasts %v, want an hour: %+v", got, res)
	}
}

func TestPINSetClearsLockout(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := kiosktest.Store(t, kiosktest.NewClock(kiosktest.Day))
	if err := s.SetPIN(ctx, kiosk.RoleHelper, "8264"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`UPDATE pins SET failures = 2, lockouts = 3, locked_until = 4000000000`); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPIN(ctx, kiosk.RoleHelper, "5019"); err != nil {
		t.Fatal(err)
	}
	if st, err := s.PINState(ctx, kiosk.RoleHelper); err != nil || st.Status != kiosk.PINReady || st.TriesLeft != kiosk.PINTries {
		t.Fatalf("a new PIN clears the lock: %+v %v", st, err)
	}
	if res := checkPIN(t, s, kiosk.RoleHelper, "5019"); res.Status != kiosk.PINOK {
		t.Fatalf("a new PIN works at once: %+v", res)
	}
}

func TestPINWeakRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := kiosktest.Store(t, kiosktest.NewClock(kiosktest.Day))
	for _, pin := range []string{"1111", "00000000", "1234", "4321", "7890", "0987", "23456789", "1212", "123123"} {
		if err := s.SetPIN(ctx, kiosk.RoleHelper, pin); !errors.Is(err, kiosk.ErrPINWeak) || !strings.Contains(err.Error(), "too easy") {
			t.Errorf("%s: %v", pin, err)
		}
	}
	for _, pin := range []string{"", "123", "123456789", "12a4", "١٢٣٤", " 2580"} {
		if err := s.SetPIN(ctx, kiosk.RoleHelper, pin); !errors.Is(err, kiosk.ErrPINFormat) {
			t.Errorf("%q: %v", pin, err)
		}
	}
	if res := checkPIN(t, s, kiosk.RoleHelper, "1234"); res.Status != kiosk.PINNotSet {
		t.Fatalf("no refused PIN was stored: %+v", res)
	}
	for _, pin := range []string{"2580", "1235", "90210", "13572468"} {
		if err := kiosk.CheckPINStrength(pin); err != nil {
			t.Errorf("%s: %v", pin, err)
		}
	}
}

func TestPINHashNeverHoldsThePIN(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := kiosktest.Store(t, kiosktest.NewClock(kiosktest.Day))
	const pin = "73916482"
	var hashes []string
	for range 2 {
		if err := s.SetPIN(ctx, kiosk.RoleStaff, pin); err != nil {
			t.Fatal(err)
		}
		var hash string
		if err := s.DB().QueryRow(`SELECT hash FROM pins WHERE role = 'staff'`).Scan(&hash); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(hash, pin) {
			t.Fatalf("stored hash %q", hash)
		}
		hashes = append(hashes, hash)
	}
	if hashes[0] == hashes[1] {
		t.Fatal("each PIN gets a fresh salt")
	}
	s.DB().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	for _, f := range []string{dbPath(t, s), dbPath(t, s) + "-wal"} {
		data, _ := os.ReadFile(f)
		if bytes.Contains(data, []byte(pin)) {
			t.Fatalf("%s holds the PIN in clear", f)
		}
	}
}

func dbPath(t *testing.T, s *kiosk.Store) string {
	var seq int
	var name, file string
	if err := s.DB().QueryRow(`PRAGMA database_list`).Scan(&seq, &name, &file); err != nil {
		t.Fatal(err)
	}
	return file
}

// A hash made with older, cheaper parameters still lets its PIN in, and is then hashed again
// with today's: the reason the parameters are stored with the hash.
func TestPINRehashedWithNewParameters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := kiosktest.Store(t, kiosktest.NewClock(kiosktest.Day))
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte("5019"), salt, 1, 8*1024, 1, 32)
	old := fmt.Sprintf("$argon2id$v=19$m=8192,t=1,p=1$%s$%s",
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
	if _, err := s.DB().Exec(`INSERT INTO pins(role, hash, set_at) VALUES('helper', ?, 0)`, old); err != nil {
		t.Fatal(err)
	}
	if res := checkPIN(t, s, kiosk.RoleHelper, "5019"); res.Status != kiosk.PINOK {
		t.Fatalf("old hash: %+v", res)
	}
	var hash string
	s.DB().QueryRow(`SELECT hash FROM pins WHERE role = 'helper'`).Scan(&hash)
	if !strings.Contains(hash, "m=19456,t=2,p=1") {
		t.Fatalf("not rehashed: %s", hash)
	}
	if res := checkPIN(t, s, kiosk.RoleHelper, "5019"); res.Status != kiosk.PINOK {
		t.Fatalf("after rehash: %+v", res)
	}
	if _, err := s.DB().Exec(`UPDATE pins SET hash = '$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckPIN(ctx, kiosk.RoleHelper, "5019"); err == nil {
		t.Fatal("a damaged hash asking for 100 GB is an error, not an allocation")
	}
}

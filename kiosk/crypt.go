package kiosk

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Answers are encrypted at rest with AES-256-GCM: a kiosk stands in a public place, and a
// stolen disk or a copied database file must not give away national numbers and addresses.
// Each value gets a fresh random nonce and is bound to its row (the additional data names
// the draft and step, or the submission's reference), so a value copied into another row
// does not decrypt. The key lives in a file only the kiosk's user can read, or comes from
// the config.

// sealedPrefix marks an encrypted value; the version lets the scheme change later.
const sealedPrefix = "v1:"

// ErrKey is returned when the key file is unreadable or holds no valid key.
var ErrKey = errors.New("the encryption key is missing or damaged")

// sealer encrypts and decrypts the store's values.
type sealer struct{ aead cipher.AEAD }

func newSealer(key []byte) (*sealer, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("%w: want 32 bytes, got %d", ErrKey, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &sealer{aead: aead}, nil
}

func (s *sealer) seal(plain, bound string) string {
	nonce := make([]byte, s.aead.NonceSize())
	_, _ = rand.Read(nonce) // never fails on Linux; crashes the program if it does
	out := s.aead.Seal(nonce, nonce, []byte(plain), []byte(bound))
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(out)
}

func (s *sealer) open(stored, bound string) (string, error) {
	if !strings.HasPrefix(stored, sealedPrefix) {
		return "", errors.New("value is not encrypted")
	}
	raw, err := base64.RawStdEncoding.DecodeString(stored[len(sealedPrefix):])
	if err != nil || len(raw) < s.aead.NonceSize() {
		return "", errors.New("encrypted value is damaged")
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(bound))
	if err != nil {
		return "", errors.New("encrypted value does not open with this key (wrong key, or moved to another row)")
	}
	return string(plain), nil
}

// LoadOrCreateKey reads the 32-byte key (64 hex digits) from path, or creates the file
// with a new random key, readable by the kiosk's user only.
func LoadOrCreateKey(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key := make([]byte, 32)
		_, _ = rand.Read(key)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("create key file %s: %w", path, err)
		}
		if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
			f.Close()
			return nil, fmt.Errorf("write key file %s: %w", path, err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, fmt.Errorf("write key file %s: %w", path, err)
		}
		return key, f.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrKey, path, err)
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%w: %s can be read by others (mode %v); chmod 600 it", ErrKey, path, st.Mode().Perm())
	}
	return ParseKey(strings.TrimSpace(string(data)))
}

// ParseKey reads a key written as 64 hex digits.
func ParseKey(s string) ([]byte, error) {
	key, err := hex.DecodeString(s)
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("%w: want 64 hexadecimal digits", ErrKey)
	}
	return key, nil
}

func draftBound(draftID int64, step string) string { return fmt.Sprintf("draft:%d:%s", draftID, step) }
func submissionBound(reference string) string      { return "submission:" + reference }

// sealAnswers encrypts a submission's answers for its row.
func (s *Store) sealAnswers(a Answers, reference string) (string, error) {
	b, err := json.Marshal(a)
	if err != nil {
		return "", err
	}
	return s.seal.seal(string(b), submissionBound(reference)), nil
}

// openAnswers decrypts a submission's answers.
func (s *Store) openAnswers(stored, reference string, a *Answers) error {
	plain, err := s.seal.open(stored, submissionBound(reference))
	if err != nil {
		return fmt.Errorf("submission %s: %w", reference, err)
	}
	return json.Unmarshal([]byte(plain), a)
}

// sealLegacy encrypts values written before encryption existed (an upgraded database), in
// one transaction at start-up.
func (s *Store) sealLegacy(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	type row struct {
		draft      int64
		step, val  string
		reference  string
		submission bool
	}
	var rows []row
	q, err := tx.QueryContext(ctx, `SELECT draft_id, step_id, value FROM answers WHERE value NOT LIKE 'v1:%'`)
	if err != nil {
		return err
	}
	for q.Next() {
		var r row
		if err := q.Scan(&r.draft, &r.step, &r.val); err != nil {
			q.Close()
			return err
		}
		rows = append(rows, r)
	}
	q.Close()
	q, err = tx.QueryContext(ctx, `SELECT reference, answers FROM submissions WHERE answers NOT LIKE 'v1:%'`)
	if err != nil {
		return err
	}
	for q.Next() {
		r := row{submission: true}
		if err := q.Scan(&r.reference, &r.val); err != nil {
			q.Close()
			return err
		}
		rows = append(rows, r)
	}
	q.Close()
	if len(rows) == 0 {
		return nil
	}
	// Submissions are immutable by trigger; this one-time rewrite lifts it inside the
	// transaction and puts it back before the commit.
	if _, err := tx.ExecContext(ctx, `DROP TRIGGER IF EXISTS submissions_immutable`); err != nil {
		return err
	}
	for _, r := range rows {
		if r.submission {
			_, err = tx.ExecContext(ctx, `UPDATE submissions SET answers = ? WHERE reference = ?`,
				s.seal.seal(r.val, submissionBound(r.reference)), r.reference)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE answers SET value = ? WHERE draft_id = ? AND step_id = ?`,
				s.seal.seal(r.val, draftBound(r.draft, r.step)), r.draft, r.step)
		}
		if err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, immutableTrigger); err != nil {
		return err
	}
	return tx.Commit()
}

// immutableTrigger is the trigger of migration 003.
const immutableTrigger = `CREATE TRIGGER submissions_immutable BEFORE UPDATE ON submissions
BEGIN
    SELECT RAISE(ABORT, 'submissions are immutable');
END`

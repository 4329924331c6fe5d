package hub

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// tokenPrefix marks Loket hub tokens, so one pasted into the wrong place (a log, a ticket)
// is recognisable and secret scanners can look for it.
const tokenPrefix = "lkt_"

// NewToken returns a fresh token: 256 random bits, URL-safe. It is shown once and only its
// hash (HashToken) is stored.
func NewToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails on Linux; crashes the program if it does
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// HashToken returns what the hub stores for a token. SHA-256 is enough here, unlike for
// passwords: with 256 random bits there is no dictionary to try, so a slow hash (argon2id)
// would only slow down every request.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// bearer returns the token of an "Authorization: Bearer …" header, or "".
func bearer(header string) string {
	const scheme = "bearer "
	if len(header) > len(scheme) && strings.EqualFold(header[:len(scheme)], scheme) {
		return strings.TrimSpace(header[len(scheme):])
	}
	return ""
}

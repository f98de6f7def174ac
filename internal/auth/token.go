// Package auth knows who is calling: secret tokens and their hashes, the
// request's viewer (client address, admin key scopes) and admin API keys.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
)

// NewToken returns a fresh secret of 32 random bytes, hex-encoded, and the
// SHA-256 hash under which it is stored. The secret itself is never stored.
func NewToken() (token string, hash []byte) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	token = hex.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken returns the stored form of a token.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

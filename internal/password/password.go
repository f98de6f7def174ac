// Package password hashes passwords with argon2id and checks new passwords
// against the NIST SP 800-63B rules we follow: length 8–256, no white space
// at either end (Shopify's rule), not a commonly used password.
package password

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost parameters. The defaults follow RFC 9106's
// second recommended option (64 MiB, 3 passes); tests lower them.
type Params struct {
	Memory      uint32 // KiB
	Iterations  uint32
	Parallelism uint8
}

// DefaultParams are used when the configuration sets none.
var DefaultParams = Params{Memory: 64 * 1024, Iterations: 3, Parallelism: 2}

// Hasher hashes and verifies passwords. It bounds how many hashes run at
// once: argon2id is expensive on purpose, and a storm of logins must queue
// rather than take all memory and CPU from other requests.
type Hasher struct {
	params Params
	slots  chan struct{}
	dummy  string
	once   sync.Once
}

// NewHasher returns a Hasher that runs at most concurrency hashes at once.
func NewHasher(p Params, concurrency int) *Hasher {
	if concurrency < 1 {
		concurrency = 1
	}
	return &Hasher{params: p, slots: make(chan struct{}, concurrency)}
}

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.slots }

// Hash returns the PHC string of password with a fresh salt.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	p := h.params
	key := argon2.IDKey([]byte(password), salt, p.Iterations, p.Memory, p.Parallelism, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Iterations, p.Parallelism,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

var errMalformed = errors.New("malformed password hash")

// Verify reports whether password matches the PHC string encoded. The cost
// parameters are read from the hash, so old hashes keep working after the
// configuration changes.
func (h *Hasher) Verify(ctx context.Context, password, encoded string) (bool, error) {
	p, salt, want, err := parse(encoded)
	if err != nil {
		return false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	got := argon2.IDKey([]byte(password), salt, p.Iterations, p.Memory, p.Parallelism, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// Bounds of the cost parameters of a stored hash: an imported hash may not
// make each sign-in arbitrarily expensive.
const (
	maxMemoryKiB  = 1 << 20 // 1 GiB
	maxIterations = 20
	maxThreads    = 16
)

// parse reads an argon2id PHC string.
func parse(encoded string) (p Params, salt, hash []byte, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errMalformed
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, errMalformed
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Iterations, &p.Parallelism); err != nil ||
		p.Memory < 8 || p.Memory > maxMemoryKiB || p.Iterations < 1 || p.Iterations > maxIterations || p.Parallelism < 1 || p.Parallelism > maxThreads {
		return p, nil, nil, errMalformed
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	hash, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(hash) < 16 || len(hash) > 128 {
		return p, nil, nil, errMalformed
	}
	return p, salt, hash, nil
}

// ValidHash tells whether encoded is an argon2id PHC string this package
// can verify (for imported password hashes).
func ValidHash(encoded string) bool {
	_, _, _, err := parse(encoded)
	return err == nil
}

// VerifyDummy spends the time of one verification without a real hash, so
// that a sign-in with an unknown email takes as long as a wrong password.
func (h *Hasher) VerifyDummy(ctx context.Context, password string) {
	h.once.Do(func() { h.dummy, _ = h.Hash(context.Background(), "dummy password for timing") })
	_, _ = h.Verify(ctx, password, h.dummy)
}

// Problem is why a new password is refused.
type Problem int

// The problems a new password can have.
const (
	OK Problem = iota
	Blank
	TooShort
	TooLong
	Whitespace
	Common
)

// Length limits, in characters.
const (
	MinLength = 8
	MaxLength = 256
)

//go:embed common.txt
var commonList string

var common = func() map[string]struct{} {
	m := map[string]struct{}{}
	sc := bufio.NewScanner(strings.NewReader(commonList))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
			m[strings.ToLower(w)] = struct{}{}
		}
	}
	return m
}()

// Check applies the rules for a new password.
func Check(pw string) Problem {
	n := utf8.RuneCountInString(pw)
	switch {
	case pw == "":
		return Blank
	case strings.TrimSpace(pw) != pw:
		return Whitespace
	case n < MinLength:
		return TooShort
	case n > MaxLength:
		return TooLong
	}
	if _, ok := common[strings.ToLower(pw)]; ok {
		return Common
	}
	return OK
}

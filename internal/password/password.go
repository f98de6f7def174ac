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
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost parameters. The defaults are OWASP's
// (Password Storage Cheat Sheet: 19 MiB, 2 passes, 1 lane); RFC 9106's
// second recommended option (64 MiB, 3 passes) costs three times the
// memory a concurrent hash, which measured as most of the server's RSS
// (BENCHMARKS.md). Tests lower them.
type Params struct {
	Memory      uint32 // KiB
	Iterations  uint32
	Parallelism uint8
}

// DefaultParams are used when the configuration sets none.
var DefaultParams = Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1}

// Hasher hashes and verifies passwords. It bounds how many hashes run at
// once: argon2id is expensive on purpose, and a storm of logins must queue
// rather than take all memory and CPU from other requests.
//
// It also bounds their share of each slot's time: after a hash of d, the
// slot rests d·(1/share − 1) before the next hash may take it (the caller
// is not kept waiting). A storm of sign-ins then gets at most share of
// concurrency cores, whatever the hash's cost, and reads keep the rest;
// a sign-in with no queue ahead of it is as fast as ever.
type Hasher struct {
	params Params
	slots  chan struct{}
	share  float64
	dummy  string
	once   sync.Once
}

// NewHasher returns a Hasher that runs at most concurrency hashes at once,
// each slot busy hashing at most share (0 < share ≤ 1) of the time.
func NewHasher(p Params, concurrency int, share float64) *Hasher {
	if concurrency < 1 {
		concurrency = 1
	}
	if share <= 0 || share > 1 {
		share = 1
	}
	return &Hasher{params: p, slots: make(chan struct{}, concurrency), share: share}
}

// acquire takes a slot and returns the function that gives it back.
func (h *Hasher) acquire(ctx context.Context) (release func(), err error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	start := time.Now()
	return func() {
		rest := time.Duration(float64(time.Since(start)) * (1/h.share - 1))
		if rest <= 0 {
			<-h.slots
			return
		}
		time.AfterFunc(rest, func() { <-h.slots })
	}, nil
}

// Hash returns the PHC string of password with a fresh salt.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	release, err := h.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer release()
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
	release, err := h.acquire(ctx)
	if err != nil {
		return false, err
	}
	defer release()
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

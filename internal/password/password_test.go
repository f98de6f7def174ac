package password

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	for pw, want := range map[string]Problem{
		"":                        Blank,
		"short":                   TooShort,
		" leading space pass":     Whitespace,
		"trailing space pass ":    Whitespace,
		"Password123":             Common,
		"QWERTYUIOP":              Common,
		strings.Repeat("a", 257):  TooLong,
		strings.Repeat("é", 8):    OK, // characters, not bytes
		"correct horse battery":   OK,
		"inner space is fine ok!": OK,
	} {
		if got := Check(pw); got != want {
			t.Errorf("Check(%q) = %v, want %v", pw, got, want)
		}
	}
}

func TestHashVerify(t *testing.T) {
	h := NewHasher(Params{Memory: 1024, Iterations: 1, Parallelism: 1}, 2, 1)
	ctx := context.Background()
	enc, err := h.Hash(ctx, "s3cret-passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=1024,t=1,p=1$") || strings.Contains(enc, "s3cret") {
		t.Fatalf("unexpected encoding %q", enc)
	}
	if ok, err := h.Verify(ctx, "s3cret-passphrase", enc); !ok || err != nil {
		t.Fatalf("Verify(right) = %v, %v", ok, err)
	}
	if ok, _ := h.Verify(ctx, "s3cret-passphrasf", enc); ok {
		t.Fatal("Verify(wrong) = true")
	}
	// Hashes made with other parameters still verify.
	h2 := NewHasher(Params{Memory: 2048, Iterations: 2, Parallelism: 1}, 1, 1)
	if ok, _ := h2.Verify(ctx, "s3cret-passphrase", enc); !ok {
		t.Fatal("Verify with other params failed")
	}
	for _, bad := range []string{"", "$argon2id$", "$bcrypt$x$y$z$w", enc[:len(enc)-3] + "!!!"} {
		if ok, err := h.Verify(ctx, "x", bad); ok || err == nil {
			t.Errorf("Verify(%q) = %v, %v", bad, ok, err)
		}
	}
}

// TestHashShare: with a share below 1, a slot rests after each hash (the
// caller does not wait), so a queue of hashes takes at most that share of
// the slot's time.
func TestHashShare(t *testing.T) {
	h := NewHasher(Params{Memory: 1024, Iterations: 1, Parallelism: 1}, 1, 0.01)
	if _, err := h.Hash(context.Background(), "a passphrase"); err != nil {
		t.Fatal(err)
	}
	if len(h.slots) != 1 {
		t.Fatal("the slot was free at once after a hash at a 1 % share")
	}
	// A second hash waits for the rest, or gives up with its context.
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if _, err := h.Hash(ctx, "another"); err == nil {
		t.Error("a second hash ran during the first one's rest")
	}
	for deadline := time.Now().Add(10 * time.Second); len(h.slots) != 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the slot never came back")
		}
	}
	if NewHasher(Params{}, 0, 0).share != 1 || NewHasher(Params{}, 0, 2).share != 1 {
		t.Error("a share out of (0, 1] is not taken as 1")
	}
}

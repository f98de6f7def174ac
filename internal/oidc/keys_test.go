package oidc

import (
	"context"
	"encoding/base64"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"accountgraph/internal/db"
)

// TestKeyRotation: a key signs for Rotate, then a new one takes over; the
// old stays in the JWKS (its tokens verify) for Keep more, then goes. Two
// Keys on one database (two replicas) sign with the same key.
func TestKeyRotation(t *testing.T) {
	ctx := context.Background()
	d, err := db.Open("sqlite:"+filepath.Join(t.TempDir(), "keys.db"), db.Uncounted{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	a := &Keys{DB: d.Client, Rotate: 24 * time.Hour, Keep: 2 * time.Hour, Now: clock}
	b := &Keys{DB: d.Client, Rotate: 24 * time.Hour, Keep: 2 * time.Hour, Now: clock}
	kid := func(token string) string {
		h, _ := base64.StdEncoding.DecodeString(strings.Split(token, ".")[0] + strings.Repeat("=", (4-len(strings.Split(token, ".")[0])%4)%4))
		return string(h)
	}
	first, err := a.Sign(ctx, map[string]any{"sub": "x", "url": "https://a.test/?q=~>"})
	if err != nil {
		t.Fatal(err)
	}
	second, _ := b.Sign(ctx, map[string]any{"sub": "y"})
	if kid(first) != kid(second) {
		t.Errorf("two replicas signed with different keys: %s / %s", kid(first), kid(second))
	}
	if claims, err := b.Verify(ctx, first); err != nil || claims["url"] != "https://a.test/?q=~>" {
		t.Errorf("the other replica's verification: %v %v", claims, err)
	}

	now = now.Add(25 * time.Hour) // the first key's signing time is over
	third, _ := a.Sign(ctx, map[string]any{"sub": "z"})
	if kid(third) == kid(first) {
		t.Error("no new key after the rotation period")
	}
	set, _ := a.JWKS(ctx)
	if len(set.Keys) != 2 {
		t.Errorf("JWKS during the overlap: %d keys, want 2", len(set.Keys))
	}
	if _, err := a.Verify(ctx, first); err != nil {
		t.Errorf("a token of the old key during the overlap: %v", err)
	}

	now = now.Add(3 * time.Hour) // past Keep: the old key is gone
	set, _ = a.JWKS(ctx)
	if len(set.Keys) != 1 {
		t.Errorf("JWKS after the overlap: %d keys, want 1", len(set.Keys))
	}
	if _, err := a.Verify(ctx, first); err == nil {
		t.Error("a token of a retired key still verifies")
	}
	if _, err := a.Verify(ctx, third); err != nil {
		t.Errorf("the new key's token: %v", err)
	}
}

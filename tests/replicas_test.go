package tests

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestTwoReplicas runs two servers on one PostgreSQL database (separate
// servers, connection pools and caches, as two replicas behind a load
// balancer) and checks that what one does, the other sees.
func TestTwoReplicas(t *testing.T) {
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		t.Skip("replica test needs PostgreSQL: set TEST_DATABASE_URL=postgres://… (.ci/run starts a throwaway server)")
	}
	a := start(t, "postgres", freshPostgres(t, base), nil)
	b := startOn(t, a, nil)

	// A session made on one replica works on the other; revoked on the
	// other, it is dead on both.
	email, token, _ := a.newCustomer(t, "roamer")
	var c struct{ Email string }
	b.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
	if c.Email != email {
		t.Fatalf("replica b: %+v", c)
	}
	b.MustDo(t, `mutation($t: String!) { customerAccessTokenDelete(customerAccessToken: $t) { deletedAccessToken } }`, map[string]any{"t": token}, "customerAccessTokenDelete", nil)
	for _, api := range []*API{a, b} {
		if r := api.Do(t, customerDoc, map[string]any{"token": token}); string(r.Data["customer"]) != "null" {
			t.Error("a deleted session works on a replica")
		}
	}

	// Throttling counts attempts on both replicas together (from several
	// addresses: one address alone meets its back-off first).
	for i := range 10 {
		api := []*API{a, b}[i%2]
		api.tryLogin(t, email, "wrong password", fmt.Sprintf("198.51.100.%d", 23+i%3))
	}
	r := b.tryLogin(t, email, goodPassword, "192.0.2.200")
	if len(r.Errors) != 1 || r.Errors[0].Code() != "THROTTLED" {
		t.Errorf("throttling per email across replicas: %s", r.Raw)
	}

	// A cart made on one replica is changed on the other.
	a.seedCatalog(t)
	v := b.variantIDs(t)
	cart := a.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{"lines": []any{map[string]any{"merchandiseId": v["SOCKS"]}}}}).Cart
	p := b.cartDo(t, cartAddDoc, "cartLinesAdd", map[string]any{"id": cart.ID, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"], "quantity": 2}}})
	if p.Cart == nil || p.Cart.TotalQuantity != 3 {
		t.Errorf("cart across replicas: %+v", p)
	}

	// A reset link redeemed on both at once works exactly once.
	other, _, _ := a.newCustomer(t, "racer")
	b.MustDo(t, recoverDoc, map[string]any{"email": other}, "customerRecover", nil)
	link := a.LastLink(t, other, "reset")
	won := make([]bool, 8)
	parallel(len(won), func(i int) {
		api := []*API{a, b}[i%2]
		r, err := api.TryDo(resetByURLDoc, map[string]any{"url": link, "password": "a raced passphrase"}, FromIP(randomIP()))
		if err != nil {
			t.Error(err)
			return
		}
		won[i] = strings.Contains(r.Raw, `"accessToken"`)
	})
	if wins := count(won); wins != 1 {
		t.Errorf("reset link redeemed %d times across replicas", wins)
	}
}

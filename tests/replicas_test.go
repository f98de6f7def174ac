package tests

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"accountgraph/internal/config"
	"accountgraph/internal/server"
)

// TestTwoReplicas runs two servers on one PostgreSQL database (separate
// servers, connection pools and caches, as two replicas behind a load
// balancer) and checks that what one does, the other sees.
func TestTwoReplicas(t *testing.T) {
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		t.Skip("replica test needs PostgreSQL: set TEST_DATABASE_URL=postgres://… (.ci/run starts a throwaway server)")
	}
	dbURL := freshPostgres(t, base)
	mailDir := t.TempDir()
	replica := func() *API {
		cfg := config.Default()
		cfg.DatabaseURL, cfg.MailDir, cfg.PublicURL, cfg.AdminAPIKey = dbURL, mailDir, "https://shop.test", adminKey
		cfg.TrustProxyHeaders = true
		cfg.Argon2MemoryKiB, cfg.Argon2Iterations, cfg.Argon2Parallelism = 64, 1, 1
		logs := &syncBuffer{}
		s, err := server.New(context.Background(), cfg, slog.New(slog.NewTextHandler(logs, nil)))
		if err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer(s.Handler())
		t.Cleanup(func() { hs.Close(); s.Close() })
		return &API{URL: hs.URL, DB: "postgres", Server: s, MailDir: mailDir, logs: logs, ip: randomIP()}
	}
	a, b := replica(), replica()

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
		api.Do(t, tokenCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": "wrong password"}}, FromIP(fmt.Sprintf("198.51.100.%d", 23+i%3)))
	}
	r := b.Do(t, tokenCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": goodPassword}}, FromIP("192.0.2.200"))
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
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			api := []*API{a, b}[i%2]
			r := api.Do(t, resetByURLDoc, map[string]any{"url": link, "password": "a raced passphrase"}, FromIP(randomIP()))
			if strings.Contains(r.Raw, `"accessToken"`) {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Errorf("reset link redeemed %d times across replicas", wins)
	}
}

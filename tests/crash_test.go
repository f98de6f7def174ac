package tests

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestCrashSafety kills the server with SIGKILL in the middle of concurrent
// writes, restarts it on the same database, and checks that every write
// acknowledged to a client is there and that no multi-row change is half
// applied (an account's first address is always its default).
func TestCrashSafety(t *testing.T) {
	parallel(t)
	if testing.Short() {
		t.Skip("builds and kills the server binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "accountgraph")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	eachDatabase(t, "crash.db", func(t *testing.T, _, url string) { crashAndCheck(t, bin, url) })
}

func startBinary(t *testing.T, bin, dbURL, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "ADDR="+addr, "DATABASE_URL="+dbURL, "MAIL_DIR="+t.TempDir(),
		"ADMIN_API_KEY="+adminKey, "TRUST_PROXY_HEADERS=true", "LOG_LEVEL=warn",
		"ARGON2_MEMORY_KIB=64", "ARGON2_ITERATIONS=1", "ARGON2_PARALLELISM=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	waitReady(t, "http://"+addr)
	return cmd
}

func crashAndCheck(t *testing.T, bin, dbURL string) {
	addr := freePort(t)
	cmd := startBinary(t, bin, dbURL, addr)
	api := &API{URL: "http://" + addr, ip: "127.0.0.1"}
	type acked struct{ email, address string }
	var mu sync.Mutex
	var done []acked
	ctx, stop := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer stop()
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				email := fmt.Sprintf("crash.%d.%d@example.com", w, i)
				ok := func() (a acked, ok bool) {
					r, err := api.TryDo(customerCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": goodPassword}}, FromIP(randomIP()))
					if err != nil || r.Data == nil || string(r.Data["customerCreate"]) == "null" {
						return a, false
					}
					var p struct{ CustomerAccessToken *Token }
					r, err = api.TryDo(tokenCreateDoc, map[string]any{"input": map[string]any{"email": email, "password": goodPassword}}, FromIP(randomIP()))
					if err != nil || decode(r, "customerAccessTokenCreate", &p) != nil || p.CustomerAccessToken == nil {
						return acked{email: email}, true
					}
					var ad struct{ CustomerAddress *Address }
					r, err = api.TryDo(addressCreateDoc, map[string]any{"token": p.CustomerAccessToken.AccessToken, "address": ottawa}, FromIP(randomIP()))
					if err != nil || decode(r, "customerAddressCreate", &ad) != nil || ad.CustomerAddress == nil {
						return acked{email: email}, true
					}
					return acked{email: email, address: ad.CustomerAddress.ID}, true
				}
				if a, ok := ok(); ok {
					mu.Lock()
					done = append(done, a)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(1200 * time.Millisecond) // writes are in full flow
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_, _ = cmd.Process.Wait()
	wg.Wait()
	if len(done) < 5 {
		t.Fatalf("only %d writes acknowledged before the kill", len(done))
	}

	startBinary(t, bin, dbURL, addr)
	type cust struct {
		Email          string
		DefaultAddress *struct{ ID string }
		Addresses      struct{ Nodes []struct{ ID string } }
	}
	stored := map[string]cust{}
	var after *string
	for {
		var page struct {
			Nodes    []cust
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
		api.MustDo(t, `query($after: String) { adminCustomers(first: 250, after: $after) { nodes { email defaultAddress { id } addresses(first: 5) { nodes { id } } } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"after": after}, "adminCustomers", &page, AsAdmin(adminKey))
		for _, c := range page.Nodes {
			stored[c.Email] = c
			// No half-written address: one that exists is the default.
			if len(c.Addresses.Nodes) > 0 && (c.DefaultAddress == nil || c.DefaultAddress.ID != c.Addresses.Nodes[0].ID) {
				t.Errorf("%s: address without default: %+v", c.Email, c)
			}
		}
		if !page.PageInfo.HasNextPage {
			break
		}
		after = page.PageInfo.EndCursor
	}
	for _, a := range done {
		c, ok := stored[a.email]
		if !ok {
			t.Errorf("acknowledged registration of %s lost", a.email)
			continue
		}
		if a.address != "" && (len(c.Addresses.Nodes) != 1 || c.Addresses.Nodes[0].ID != a.address) {
			t.Errorf("acknowledged address of %s lost: %+v", a.email, c)
		}
	}
	t.Logf("%d acknowledged writes, %d customers stored", len(done), len(stored))
}

package tests

import (
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	binaryOnce sync.Once
	binaryDir  string // removed by TestMain
	binaryPath string
	binaryErr  error
)

// serverBinary builds the server once per test run (`go build` of the
// module root, as a deployment would).
func serverBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "accountgraph-bin")
		if err != nil {
			binaryErr = err
			return
		}
		binaryDir, binaryPath = dir, filepath.Join(dir, "accountgraph")
		out, err := exec.Command("go", "build", "-o", binaryPath, "..").CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

// process starts the server binary as its own OS process on dbURL, with
// the environment a replica behind a load balancer would have.
func process(t *testing.T, dbURL string, env ...string) (*API, *exec.Cmd) {
	t.Helper()
	addr := freePort(t)
	cmd := exec.Command(serverBinary(t))
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "ADDR="+addr, "ADMIN_API_KEY="+adminKey, "PUBLIC_URL=https://shop.test",
		"TRUST_PROXY_HEADERS=true", "LOG_LEVEL=warn", "MAIL_DIR="+t.TempDir(), "ARGON2_MEMORY_KIB=64", "ARGON2_ITERATIONS=1")
	cmd.Env = append(cmd.Env, env...)
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("replica %s said:\n%s", addr, tail(logs.String(), 3000))
		}
	})
	base := "http://" + addr
	waitReady(t, base)
	return &API{URL: base, ip: randomIP()}, cmd
}

// TestReplicaProcesses runs two server processes on one PostgreSQL
// database, each with its own delivery worker, and checks that sessions,
// throttling, carts, loyalty redemptions and message delivery behave as
// with one; a replica killed mid-way leaves the other serving.
func TestReplicaProcesses(t *testing.T) {
	parallel(t)
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		t.Skip("replica process test needs PostgreSQL: set TEST_DATABASE_URL=postgres://… (.ci/run starts a throwaway server)")
	}
	dbURL := freshPostgres(t, base)
	smtp := startSMTPServer(t)
	env := []string{"SMTP_URL=smtp://" + smtp.Addr, "DELIVERY=true", "DELIVERY_INTERVAL=200ms"}
	a, procA := process(t, dbURL, env...)
	b, _ := process(t, dbURL, env...)

	// Sessions: made on one, revoked on the other, dead on both.
	email, token, _ := a.newCustomer(t, "roamer")
	var c struct{ Email string }
	b.MustDo(t, customerDoc, map[string]any{"token": token}, "customer", &c)
	if c.Email != email {
		t.Fatalf("process b: %+v", c)
	}
	b.MustDo(t, `mutation($t: String!) { customerAccessTokenDelete(customerAccessToken: $t) { deletedAccessToken } }`, map[string]any{"t": token}, "customerAccessTokenDelete", nil)
	if r := a.Do(t, customerDoc, map[string]any{"token": token}); string(r.Data["customer"]) != "null" {
		t.Error("a session revoked on b works on a")
	}

	// Throttling counts the attempts made on both.
	for i := range 10 {
		[]*API{a, b}[i%2].tryLogin(t, email, "wrong password", fmt.Sprintf("198.51.100.%d", 23+i%3))
	}
	if r := a.tryLogin(t, email, goodPassword, "192.0.2.200"); len(r.Errors) != 1 || r.Errors[0].Code() != "THROTTLED" {
		t.Errorf("throttling per email across processes: %s", r.Raw)
	}

	// A cart made on one is changed on the other.
	a.seedCatalog(t)
	v := b.variantIDs(t)
	cart := a.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{"lines": []any{map[string]any{"merchandiseId": v["SOCKS"]}}}}).Cart
	if p := b.cartDo(t, cartAddDoc, "cartLinesAdd", map[string]any{"id": cart.ID, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"], "quantity": 2}}}); p.Cart == nil || p.Cart.TotalQuantity != 3 {
		t.Errorf("cart across processes: %+v", p)
	}

	// Loyalty: 12 redemptions of a 100-point reward at once on both, with
	// 550 points: exactly 5 succeed.
	rewards := a.setUpLoyalty(t, nil)
	_, saverToken, saverID := b.newCustomer(t, "saver") // 100 sign-up points
	a.adjust(t, saverID, 450)
	won := make([]bool, 12)
	atOnce(len(won), func(i int) {
		r, err := []*API{a, b}[i%2].TryDo(redeemDoc, map[string]any{"t": saverToken, "r": rewards["five-off"]})
		var p struct{ DiscountCode *string }
		won[i] = err == nil && decode(r, "loyaltyRewardRedeem", &p) == nil && p.DiscountCode != nil
	})
	if n := count(won); n != 5 {
		t.Errorf("%d redemptions of 550 points at 100 each across processes", n)
	}
	if l := b.loyalty(t, saverToken); l.PointsBalance != 50 {
		t.Errorf("balance %d, want 50", l.PointsBalance)
	}
	a.consistent(t)

	// Delivery: 20 order confirmations added on both; two workers deliver
	// each exactly once.
	emails := make([]string, 20)
	for i := range emails {
		emails[i] = uniqueEmail("guest")
		[]*API{a, b}[i%2].createOrder(t, map[string]any{"email": emails[i]})
	}
	deadline := time.Now().Add(15 * time.Second)
	for _, e := range emails {
		for len(smtp.To(e)) == 0 && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
	}
	time.Sleep(time.Second) // a duplicate would come within a few polls
	for _, e := range emails {
		if got := len(smtp.To(e)); got != 1 {
			t.Errorf("%s got %d confirmations", e, got)
		}
	}

	// A reset link redeemed on both at once works once.
	racer, _, _ := a.newCustomer(t, "racer")
	b.MustDo(t, recoverDoc, map[string]any{"email": racer}, "customerRecover", nil)
	var link string
	for link == "" && time.Now().Before(deadline.Add(10*time.Second)) {
		for _, m := range smtp.To(racer) {
			body, _ := io.ReadAll(m.Body)
			if l := regexp.MustCompile(`https://shop\.test/account/reset/\S+`).FindString(unfold(string(body))); l != "" {
				link = l
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	if link == "" {
		t.Fatal("no reset mail")
	}
	resets := make([]bool, 6)
	atOnce(len(resets), func(i int) {
		r, err := []*API{a, b}[i%2].TryDo(resetByURLDoc, map[string]any{"url": link, "password": "a raced passphrase"}, FromIP(randomIP()))
		resets[i] = err == nil && regexp.MustCompile(`"accessToken"`).MatchString(r.Raw)
	})
	if n := count(resets); n != 1 {
		t.Errorf("reset link redeemed %d times across processes", n)
	}

	// A replica killed outright: the other goes on, with the data.
	if err := procA.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = procA.Wait()
	b.login(t, racer, "a raced passphrase")
	if got := b.loyalty(t, saverToken).PointsBalance; got != 50 {
		t.Errorf("after a died: balance %d", got)
	}
}

// TestShopifyIDNamespace: with ID_NAMESPACE=shopify the server writes
// every ID in Shopify's namespace (as storefronts that take IDs apart by
// Shopify's prefix expect); those IDs, and ours for the same objects, find
// the objects, and a keyed ID's btoa still fits in a URL path.
func TestShopifyIDNamespace(t *testing.T) {
	parallel(t)
	api, _ := process(t, "sqlite:"+filepath.Join(t.TempDir(), "ns.db"), "ID_NAMESPACE=shopify")
	_, token, customerID := api.newCustomer(t, "namespaced")
	if !strings.HasPrefix(customerID, "gid://shopify/Customer/") {
		t.Errorf("customer ID %q", customerID)
	}
	api.seedCatalog(t)
	for range 3 {
		api.createOrder(t, map[string]any{"customerId": customerID})
	}
	var c struct {
		Orders struct {
			Nodes []struct {
				ID        string
				LineItems struct {
					Nodes []struct {
						Variant struct {
							ID      string
							Product struct{ ID string }
						}
					}
				}
			}
		}
	}
	api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { orders(first: 5) { nodes { id lineItems(first: 1) { nodes { variant { id product { id } } } } } } } }`,
		map[string]any{"t": token}, "customer", &c)
	if len(c.Orders.Nodes) != 3 {
		t.Fatalf("orders: %+v", c)
	}
	for _, o := range c.Orders.Nodes {
		v := o.LineItems.Nodes[0].Variant
		for _, id := range []string{o.ID, v.ID, v.Product.ID} {
			if !strings.HasPrefix(id, "gid://shopify/") {
				t.Errorf("ID %q is not in Shopify's namespace", id)
			}
		}
		if b := base64.StdEncoding.EncodeToString([]byte(o.ID)); strings.Contains(b, "/") {
			t.Errorf("btoa(%q) = %q", o.ID, b)
		}
		ours := strings.Replace(o.ID, "gid://shopify/", "gid://accountgraph/", 1)
		for _, id := range []string{o.ID, ours} {
			var n struct{ ID string }
			api.MustDo(t, `query($id: ID!) { node(id: $id) { ... on Order { id } } }`, map[string]any{"id": id}, "node", &n)
			if n.ID != o.ID {
				t.Errorf("node(%q) = %+v, want %s", id, n, o.ID)
			}
		}
	}
}

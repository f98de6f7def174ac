package tests

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"accountgraph/internal/server"
)

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// runBinary runs the program's entry point as `go run .` would.
func runBinary(t *testing.T, ctx context.Context, env map[string]string, args []string) (stdout, stderr *syncBuffer, done chan error) {
	t.Helper()
	stdout, stderr, done = &syncBuffer{}, &syncBuffer{}, make(chan error, 1)
	getenv := func(k string) string { return env[k] }
	go func() { done <- server.Run(ctx, args, getenv, stdout, stderr) }()
	return stdout, stderr, done
}

func waitReady(t *testing.T, base string) {
	t.Helper()
	for range 400 {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatal("server never became ready")
}

// TestAdminKeyCommandDemoAndShutdown: `admin-key create` prints a key that
// works with exactly its scopes; `--demo` seeds a customer that can sign
// in; cancelling (what SIGTERM does) lets an in-flight request finish.
func TestAdminKeyCommandDemoAndShutdown(t *testing.T) {
	parallel(t)
	eachDatabase(t, "db.sqlite", func(t *testing.T, _, url string) { runCommandAndShutdown(t, url) })
}

func runCommandAndShutdown(t *testing.T, databaseURL string) {
	dir := t.TempDir()
	env := map[string]string{
		"DATABASE_URL": databaseURL,
		"MAIL_DIR":     filepath.Join(dir, "mail"),
		"LOG_FORMAT":   "json",
		// A deliberately slow hash keeps a sign-in in flight during shutdown.
		"ARGON2_MEMORY_KIB": "131072",
		"ARGON2_ITERATIONS": "6",
		// No rest between hashes: the demo seed's hash would hold up the
		// sign-ins below for three times its length.
		"HASH_CPU_SHARE": "1",
	}

	out, errOut, done := runBinary(t, context.Background(), env, []string{"admin-key", "create", "--scopes", "customers:read", "--name", "reporting"})
	if err := <-done; err != nil {
		t.Fatalf("admin-key create: %v\n%s", err, errOut)
	}
	key := strings.TrimSpace(out.String())
	if !regexp.MustCompile(`^agk_[A-Za-z0-9_-]{43}$`).MatchString(key) {
		t.Fatalf("key %q", key)
	}
	_, _, done = runBinary(t, context.Background(), env, []string{"admin-key", "create", "--scopes", "customers:everything"})
	if err := <-done; err == nil || !strings.Contains(err.Error(), "unknown scope") {
		t.Errorf("bad scope: %v", err)
	}

	addr := freePort(t)
	env["ADDR"] = addr
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	out, errOut, done = runBinary(t, ctx, env, []string{"--demo"})
	base := "http://" + addr
	waitReady(t, base)
	if !strings.Contains(out.String(), "demo customer: email demo@example.com") {
		t.Fatalf("demo login not printed: %s", out)
	}
	// The newcomer is told where the portal is, and it is there.
	if !regexp.MustCompile(`account portal at \S+/account/`).MatchString(out.String()) {
		t.Errorf("portal address not printed: %s", out)
	}
	if res, err := http.Get(base + "/account/"); err != nil || res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Errorf("GET /account/: %v %v", err, res)
	} else {
		res.Body.Close()
	}
	api := &API{URL: base, ip: "127.0.0.1"}
	var list struct{ Nodes []struct{ Email string } }
	api.MustDo(t, `{ adminCustomers(first: 5) { nodes { email } } }`, nil, "adminCustomers", &list, AsAdmin(key))
	if len(list.Nodes) != 1 || list.Nodes[0].Email != "demo@example.com" {
		t.Errorf("customers: %+v", list)
	}
	if r := api.Do(t, `mutation { adminCustomerInvite(input: {email: "n@example.com"}) { customer { id } } }`, nil, AsAdmin(key)); len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
		t.Errorf("read key wrote: %s", r.Raw)
	}
	// The demo account has something on every page.
	demoToken := api.login(t, "demo@example.com", "demo-shopper-2026")
	var d struct {
		NumberOfOrders string
		Addresses      struct{ Nodes []struct{ ID string } }
		Orders         struct {
			Nodes []struct {
				CancelReason   *string
				TrackingEvents []struct{ Status string }
			}
		}
		Wishlists struct {
			Nodes []struct {
				Lines struct{ Nodes []struct{ Quantity int } }
			}
		}
		SavedCarts struct{ Nodes []struct{ Name string } }
		Loyalty    *struct {
			PointsBalance int
			Tier          *struct{ Name string }
			Transactions  struct{ Nodes []struct{ Kind string } }
			Redemptions   struct{ Nodes []struct{ CodeEnding string } }
			Membership    *struct{ Status string }
		}
	}
	api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { numberOfOrders addresses(first: 5) { nodes { id } }
  orders(first: 5, sortKey: PROCESSED_AT, reverse: true) { nodes { cancelReason trackingEvents { status } } }
  wishlists(first: 5) { nodes { lines(first: 5) { nodes { quantity } } } } savedCarts(first: 5) { nodes { name } }
  loyalty { pointsBalance tier { name } transactions(first: 20) { nodes { kind } } redemptions(first: 5) { nodes { codeEnding } } membership { status } } } }`,
		map[string]any{"t": demoToken}, "customer", &d)
	if d.NumberOfOrders != "3" || len(d.Addresses.Nodes) != 2 || len(d.Orders.Nodes[0].TrackingEvents) != 2 ||
		d.Orders.Nodes[1].CancelReason == nil || len(d.Wishlists.Nodes[0].Lines.Nodes) != 2 || d.SavedCarts.Nodes[0].Name != "Winter basics" ||
		d.Loyalty == nil || d.Loyalty.PointsBalance <= 0 || d.Loyalty.Tier == nil || len(d.Loyalty.Transactions.Nodes) < 5 ||
		len(d.Loyalty.Redemptions.Nodes) != 1 || d.Loyalty.Membership == nil || d.Loyalty.Membership.Status != "ACTIVE" {
		t.Errorf("demo account: %+v", d)
	}

	// Shutdown while a sign-in is hashing: it still completes.
	body := `{"query":"mutation($i: CustomerAccessTokenCreateInput!) { customerAccessTokenCreate(input: $i) { customerAccessToken { accessToken } } }",` +
		`"variables":{"i":{"email":"demo@example.com","password":"demo-shopper-2026"}}}`
	written := make(chan struct{})
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { close(written) }}
	req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), "POST", base+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	result := make(chan string, 1)
	go func() {
		// A new connection: a pooled idle one may be closed by Shutdown
		// before the server reads the request (HTTP keep-alive's race).
		res, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
		if err != nil {
			result <- err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		result <- string(b)
	}()
	<-written
	for deadline := time.Now().Add(10 * time.Second); api.Metric(t, "accountgraph_graphql_http_in_flight") < 1; {
		if time.Now().After(deadline) {
			t.Fatal("the sign-in never reached the server")
		}
		time.Sleep(5 * time.Millisecond) // until the server is serving it
	}
	stop() // what SIGTERM does
	if r := <-result; !strings.Contains(r, `"accessToken"`) {
		t.Errorf("in-flight sign-in cut off: %s", r)
	}
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("still serving after shutdown")
	}
	logs := errOut.String()
	if !strings.Contains(logs, `"msg":"stopped"`) || strings.Contains(logs, "demo-shopper-2026") || strings.Contains(logs, key) {
		t.Errorf("logs: %s", logs)
	}
}

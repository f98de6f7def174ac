// Command load drives the server with mixed storefront traffic and reports
// per operation req/s, p50/p95/p99 and errors, and the server's memory. It
// builds the server, fills a fresh database with `generate`, starts the
// server as its own process (so its RSS is its own), signs in a pool of
// customers and runs:
//
//  1. a mixed phase: order history and profile reads, wishlist and cart
//     writes at a fixed concurrency for a fixed time, with sign-ins arriving
//     at a fixed rate beside them (a closed loop would let the deliberately
//     slow sign-ins hold most clients);
//
//  2. a login storm: reads alone, then the same reads while extra clients
//     do nothing but sign in (argon2id at production cost), and the share
//     of read throughput that remains.
//
//     go run ./cmd/load -customers 1000                         # SQLite
//     go run ./cmd/load -customers 100000 -db postgres -pg postgres://…
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"accountgraph/internal/db"
	"accountgraph/internal/server"
)

func main() {
	dbKind := flag.String("db", "sqlite", "sqlite or postgres")
	pg := flag.String("pg", os.Getenv("TEST_DATABASE_URL"), "PostgreSQL server (a fresh database is created on it)")
	customers := flag.Int("customers", 1000, "customers to generate")
	orders := flag.Int("orders", 10, "orders per customer, on average")
	duration := flag.Duration("duration", 20*time.Second, "length of the mixed phase (each storm phase is half of it)")
	concurrency := flag.Int("concurrency", 16, "concurrent clients")
	storm := flag.Int("storm", 16, "extra clients that only sign in, during the storm phase")
	pool := flag.Int("pool", 200, "customers signed in before the run")
	logins := flag.Float64("logins", 2, "sign-ins per second during the mixed phase")
	flag.Parse()
	if err := run(*dbKind, *pg, *customers, *orders, *duration, *concurrency, *storm, *pool, *logins); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(dbKind, pg string, customers, orders int, duration time.Duration, concurrency, storm, poolSize int, logins float64) error {
	dir, err := os.MkdirTemp("", "accountgraph-load")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "accountgraph")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return fmt.Errorf("build (run from the repository root): %v\n%s", err, out)
	}
	dbURL := "sqlite:" + filepath.Join(dir, "load.db")
	if dbKind == "postgres" {
		u, drop, err := db.FreshPostgres(pg, "ag_load")
		if err != nil {
			return err
		}
		defer drop()
		dbURL = u
	}
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	env := append(os.Environ(), "DATABASE_URL="+dbURL, "MAIL_DIR="+filepath.Join(dir, "mail"), "ADDR="+addr,
		"ADMIN_API_KEY=agk_load-test-key-with-every-scope-0123456789", "LOG_LEVEL=warn", "PUBLIC_URL=http://"+addr)
	start := time.Now()
	gen := exec.Command(bin, "generate", "--customers", fmt.Sprint(customers), "--orders", fmt.Sprint(orders), "--lines", "3")
	gen.Env, gen.Stderr = env, io.Discard
	out, err := gen.Output()
	if err != nil {
		return fmt.Errorf("generate: %v", err)
	}
	fmt.Printf("%s (%s, %s)\n", strings.TrimSpace(string(out)), dbKind, time.Since(start).Round(time.Second))

	srv := exec.Command(bin)
	srv.Env, srv.Stdout, srv.Stderr = env, io.Discard, os.Stderr
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()
	base := "http://" + addr
	if err := waitReady(base); err != nil {
		return err
	}
	c := &client{base: base, http: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * (concurrency + storm)}}}
	fmt.Printf("server pid %d, RSS after start %s\n", srv.Process.Pid, rss(srv.Process.Pid))

	// The pool: customers spread over the generated range, signed in once.
	r := rand.New(rand.NewPCG(7, 7))
	var sessions []*session
	for i := range poolSize {
		email := fmt.Sprintf("gen.%d@example.com", (i*7919)%customers)
		s, err := c.signIn(email)
		if err != nil {
			return fmt.Errorf("sign in %s: %w", email, err)
		}
		sessions = append(sessions, s)
	}
	variants := 1000 // generate's catalogue: variant IDs 1…1000 in a fresh database

	ops := []op{
		{"history", 40, func(s *session, _ *rand.Rand) error { return c.history(s) }},
		{"profile", 25, func(s *session, _ *rand.Rand) error { return c.profile(s) }},
		{"wishlist write", 15, func(s *session, r *rand.Rand) error { return c.wishlist(s, 1+r.IntN(variants)) }},
		{"cart write", 15, func(s *session, r *rand.Rand) error { return c.cart(s, 1+r.IntN(variants)) }},
		{"sign-in", 0, nil}, // at a fixed rate, beside the clients
	}
	fmt.Printf("\nmixed traffic: %d clients for %s over %d signed-in customers, and %.1f sign-ins/s\n", concurrency, duration, len(sessions), logins)
	stats := drive(ops, sessions, concurrency, duration, r.Uint64(), loginRate(c, sessions, logins))
	report(stats, duration)
	fmt.Printf("server RSS now %s\n", rss(srv.Process.Pid))

	reads := ops[:2]
	if total(stats) == 0 {
		return fmt.Errorf("no request succeeded")
	}
	half := duration / 2
	fmt.Printf("\nlogin storm: reads alone for %s, then with %d clients only signing in\n", half, storm)
	alone := total(drive(reads, sessions, concurrency, half, 1))
	with := drive(append(slices.Clone(reads), op{"sign-in (storm)", 0, nil}), sessions, concurrency, half, 2, stormOp(c, sessions, storm))
	readsDuring := total(with[:2])
	report(with, half)
	fmt.Printf("read throughput alone %.0f req/s, during the storm %.0f req/s: %.0f%% remains\n",
		alone/half.Seconds(), readsDuring/half.Seconds(), 100*readsDuring/alone)
	fmt.Printf("server RSS now %s\n", rss(srv.Process.Pid))
	return nil
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitReady(base string) error {
	for range 600 {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("server not ready")
}

// rss reads the current and peak resident memory of a process (Linux).
func rss(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown"
	}
	var cur, peak string
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			cur = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			peak = strings.TrimSpace(v)
		}
	}
	return cur + " (peak " + peak + ")"
}

type op struct {
	name   string
	weight int
	do     func(*session, *rand.Rand) error
}

type opStats struct {
	name      string
	latencies []time.Duration
	errors    int
	firstErr  string
}

// drive runs the weighted ops from n clients for d; extra runs alongside
// (the storm) and reports into the last op's stats.
func drive(ops []op, sessions []*session, n int, d time.Duration, seed uint64, extra ...func(deadline time.Time, st *opStats, mu *sync.Mutex)) []*opStats {
	stats := make([]*opStats, len(ops))
	for i, o := range ops {
		stats[i] = &opStats{name: o.name}
	}
	sum := 0
	for _, o := range ops {
		sum += o.weight
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	deadline := time.Now().Add(d)
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, uint64(w)))
			for time.Now().Before(deadline) {
				pick := r.IntN(sum)
				i := 0
				for ; pick >= ops[i].weight; i++ {
					pick -= ops[i].weight
				}
				s := sessions[r.IntN(len(sessions))]
				timed(stats[i], &mu, func() error { return ops[i].do(s, r) })
			}
		}()
	}
	for _, x := range extra {
		wg.Add(1)
		go func() { defer wg.Done(); x(deadline, stats[len(stats)-1], &mu) }()
	}
	wg.Wait()
	for _, s := range stats {
		slices.Sort(s.latencies)
	}
	return stats
}

// timed runs fn and records its latency or error in s.
func timed(s *opStats, mu *sync.Mutex, fn func() error) {
	t := time.Now()
	err := fn()
	lat := time.Since(t)
	mu.Lock()
	defer mu.Unlock()
	record(s, lat, err)
}

func record(s *opStats, lat time.Duration, err error) {
	if err != nil {
		s.errors++
		if s.firstErr == "" {
			s.firstErr = err.Error()
		}
		return
	}
	s.latencies = append(s.latencies, lat)
}

// loginRate signs customers in at a fixed rate until the deadline, each
// sign-in on its own goroutine (an open loop: slow sign-ins do not slow
// the rate).
func loginRate(c *client, sessions []*session, perSecond float64) func(time.Time, *opStats, *sync.Mutex) {
	return func(deadline time.Time, st *opStats, mu *sync.Mutex) {
		if perSecond <= 0 {
			return
		}
		var wg sync.WaitGroup
		tick := time.NewTicker(time.Duration(float64(time.Second) / perSecond))
		defer tick.Stop()
		for i := 0; time.Now().Before(deadline); i++ {
			<-tick.C
			wg.Add(1)
			go func() {
				defer wg.Done()
				timed(st, mu, func() error { _, err := c.signIn(sessions[i%len(sessions)].email); return err })
			}()
		}
		wg.Wait()
	}
}

// stormOp is n clients signing in as fast as they can until the deadline.
func stormOp(c *client, sessions []*session, n int) func(time.Time, *opStats, *sync.Mutex) {
	return func(deadline time.Time, st *opStats, mu *sync.Mutex) {
		var wg sync.WaitGroup
		for w := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; time.Now().Before(deadline); i += n {
					timed(st, mu, func() error { _, err := c.signIn(sessions[i%len(sessions)].email); return err })
				}
			}()
		}
		wg.Wait()
	}
}

func total(stats []*opStats) float64 {
	n := 0
	for _, s := range stats {
		n += len(s.latencies)
	}
	return float64(n)
}

func pct(l []time.Duration, p int) time.Duration {
	if len(l) == 0 {
		return 0
	}
	return l[(len(l)-1)*p/100].Round(10 * time.Microsecond)
}

func report(stats []*opStats, d time.Duration) {
	fmt.Printf("%-16s %9s %10s %10s %10s %7s\n", "operation", "req/s", "p50", "p95", "p99", "errors")
	for _, s := range stats {
		fmt.Printf("%-16s %9.1f %10s %10s %10s %7d\n", s.name, float64(len(s.latencies))/d.Seconds(), pct(s.latencies, 50), pct(s.latencies, 95), pct(s.latencies, 99), s.errors)
		if s.firstErr != "" {
			fmt.Printf("  first error: %.200s\n", s.firstErr)
		}
	}
}

// client speaks GraphQL to the server.
type client struct {
	base string
	http *http.Client
}

type session struct {
	email, token, wishlist string
	cart                   string
}

func (c *client) do(query string, vars map[string]any, field string, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, c.base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var r struct {
		Data   map[string]json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(b, &r); err != nil || res.StatusCode != 200 || len(r.Errors) > 0 {
		return fmt.Errorf("status %d: %.200s", res.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data[field], out); err != nil {
			return err
		}
	}
	if bytes.Contains(r.Data[field], []byte(`"code":`)) {
		return fmt.Errorf("user error: %.200s", r.Data[field])
	}
	return nil
}

func (c *client) signIn(email string) (*session, error) {
	var p struct{ CustomerAccessToken *struct{ AccessToken string } }
	err := c.do(`mutation($e: String!, $p: String!) { customerAccessTokenCreate(input: {email: $e, password: $p}) {
  customerAccessToken { accessToken } customerUserErrors { code message } } }`, map[string]any{"e": email, "p": server.GeneratedPassword}, "customerAccessTokenCreate", &p)
	if err != nil {
		return nil, err
	}
	if p.CustomerAccessToken == nil {
		return nil, fmt.Errorf("no token")
	}
	s := &session{email: email, token: p.CustomerAccessToken.AccessToken}
	var w struct {
		Wishlists struct{ Nodes []struct{ ID string } }
	}
	if err := c.do(`query($t: String!) { customer(customerAccessToken: $t) { wishlists(first: 1) { nodes { id } } } }`, map[string]any{"t": s.token}, "customer", &w); err != nil {
		return nil, err
	}
	if len(w.Wishlists.Nodes) > 0 {
		s.wishlist = w.Wishlists.Nodes[0].ID
	}
	return s, nil
}

func (c *client) history(s *session) error {
	return c.do(`query($t: String!) { customer(customerAccessToken: $t) { orders(first: 10, sortKey: PROCESSED_AT, reverse: true) { nodes {
  name processedAt financialStatus fulfillmentStatus totalPrice { amount currencyCode }
  lineItems(first: 5) { nodes { title quantity variant { sku title image { url } } } }
  successfulFulfillments(first: 2) { trackingCompany } } } } }`, map[string]any{"t": s.token}, "customer", nil)
}

func (c *client) profile(s *session) error {
	return c.do(`query($t: String!) { customer(customerAccessToken: $t) { id email firstName lastName displayName acceptsMarketing
  defaultAddress { formatted(withName: true) } numberOfOrders loyalty { pointsBalance tier { name } } } }`, map[string]any{"t": s.token}, "customer", nil)
}

func (c *client) wishlist(s *session, variant int) error {
	var p struct {
		Wishlist *struct {
			Lines struct{ Nodes []struct{ ID string } }
		}
	}
	err := c.do(`mutation($t: String!, $w: ID, $v: ID!) { wishlistLinesAdd(customerAccessToken: $t, wishlistId: $w, lines: [{merchandiseId: $v}]) {
  wishlist { lines(first: 50) { nodes { id } } } customerUserErrors { code message } } }`,
		map[string]any{"t": s.token, "w": s.wishlist, "v": fmt.Sprintf("gid://accountgraph/ProductVariant/%d", variant)}, "wishlistLinesAdd", &p)
	if err != nil || p.Wishlist == nil || len(p.Wishlist.Lines.Nodes) < 20 {
		return err
	}
	// Keep wishlists small: drop the oldest line once there are 20. Two
	// clients on one customer may both try; NOT_FOUND is the loser's answer.
	err = c.do(`mutation($t: String!, $w: ID!, $l: [ID!]!) { wishlistLinesRemove(customerAccessToken: $t, wishlistId: $w, lineIds: $l) { customerUserErrors { code message } } }`,
		map[string]any{"t": s.token, "w": s.wishlist, "l": []string{p.Wishlist.Lines.Nodes[0].ID}}, "wishlistLinesRemove", nil)
	if err != nil && strings.Contains(err.Error(), `"NOT_FOUND"`) {
		return nil
	}
	return err
}

func (c *client) cart(s *session, variant int) error {
	line := map[string]any{"merchandiseId": fmt.Sprintf("gid://accountgraph/ProductVariant/%d", variant), "quantity": 1}
	if s.cart == "" {
		var p struct{ Cart *struct{ ID string } }
		err := c.do(`mutation($i: CartInput) { cartCreate(input: $i) { cart { id } userErrors { code message } } }`,
			map[string]any{"i": map[string]any{"lines": []any{line}, "buyerIdentity": map[string]any{"customerAccessToken": s.token}}}, "cartCreate", &p)
		if err == nil && p.Cart != nil {
			s.cart = p.Cart.ID
		}
		return err
	}
	return c.do(`mutation($c: ID!, $l: [CartLineInput!]!) { cartLinesAdd(cartId: $c, lines: $l) { cart { totalQuantity } userErrors { code message } } }`,
		map[string]any{"c": s.cart, "l": []any{line}}, "cartLinesAdd", nil)
}

// Command bench measures the order-history query: it seeds a database with
// customers, orders, lines and shipments, then drives the GraphQL history
// query, a hand-written SQL baseline (three queries, same JSON) and the same
// JSON built from ent reads (the GraphQL request's five statements, without
// GraphQL) with the same concurrent client for a fixed time each, in one
// run, and prints req/s, p50, p99 and the ratios to the baseline.
//
//	go run ./cmd/bench                                   # SQLite in a temporary folder
//	go run ./cmd/bench -db postgres -pg postgres://…     # a fresh database on that server
//	go run ./cmd/bench -scenario pages                   # profile, wishlists, loyalty pages
//	go run ./cmd/bench -scenario customers -customers 100000   # import and admin list
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"accountgraph/internal/config"
	"accountgraph/internal/db"
	"accountgraph/internal/server"
)

func main() {
	dbKind := flag.String("db", "sqlite", "sqlite or postgres")
	pg := flag.String("pg", os.Getenv("TEST_DATABASE_URL"), "PostgreSQL server (a fresh database is created on it)")
	customers := flag.Int("customers", 1000, "customers")
	orders := flag.Int("orders", 20, "orders per customer")
	lines := flag.Int("lines", 5, "lines per order")
	shipments := flag.Int("fulfillments", 2, "fulfillments per order")
	duration := flag.Duration("duration", 10*time.Second, "time per endpoint")
	concurrency := flag.Int("concurrency", 16, "concurrent clients")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the GraphQL phase here")
	memprofile := flag.String("memprofile", "", "write an allocation profile (after the GraphQL phase) here")
	scenario := flag.String("scenario", "history", "history (the order-history query against a SQL baseline), pages (profile, wishlists and loyalty pages against baselines of their own) or customers (import and admin customer list)")
	flag.Parse()
	memProfile = *memprofile
	if *scenario == "pages" {
		if err := runPages(*dbKind, *pg, seedSize{*customers, *orders, *lines, *shipments}, *duration, *concurrency); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if *scenario == "customers" {
		if err := runCustomers(*dbKind, *pg, *customers, *duration, *concurrency); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*dbKind, *pg, seedSize{*customers, *orders, *lines, *shipments}, *duration, *concurrency, *cpuprofile); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// endpoints are what a run measures, GraphQL first and the SQL baseline
// second (the ratios are to it); handler serves them all. "gqlgen" is the
// same GraphQL request on a second server with the read plan off
// (READ_PLAN=false): the executor before and after, side by side.
var endpoints = []struct {
	name    string
	request func(base, token string) (*http.Request, error)
}{{"graphql", graphqlRequest}, {"baseline", baselineRequest}, {"ent", entRequest}, {"gqlgen", gqlgenRequest}}

// handler serves the endpoints: s the GraphQL API, twin the same API with
// the read plan off.
func handler(s, twin *server.Server, cfg config.Config) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", s.Handler())
	mux.Handle("/gqlgen/", http.StripPrefix("/gqlgen", twin.Handler()))
	mux.Handle("/baseline", baseline(s.DB.SQL, s.DB.Dialect, cfg.PublicURL))
	mux.Handle("/ent", entBaseline(s.DB.Client))
	return mux
}

// memProfile is where -memprofile writes.
var memProfile string

// open starts a server on a fresh database of the kind asked for; close
// stops it and removes the database.
func open(ctx context.Context, dbKind, pg string) (s *server.Server, cfg config.Config, closeAll func(), err error) {
	cfg = config.Default()
	cfg.MailDir = filepath.Join(os.TempDir(), "accountgraph-bench-mail")
	cfg.LogLevel = "error"
	cfg.Delivery = false
	cfg.AdminAPIKey = "agk_bench-key-with-every-scope-0123456789"
	// The server's garbage-collector settings, as `go run .` has them (the
	// baselines share the process, and so the settings).
	server.TuneGC(cfg, os.Getenv)
	var drop func()
	switch dbKind {
	case "sqlite":
		dir, err := os.MkdirTemp("", "accountgraph-bench")
		if err != nil {
			return nil, cfg, nil, err
		}
		drop = func() { os.RemoveAll(dir) }
		cfg.DatabaseURL = "sqlite:" + filepath.Join(dir, "bench.db")
	case "postgres":
		if pg == "" {
			return nil, cfg, nil, fmt.Errorf("-db postgres needs -pg or TEST_DATABASE_URL")
		}
		u, dropDB, err := db.FreshPostgres(pg, "ag_bench")
		if err != nil {
			return nil, cfg, nil, err
		}
		drop = dropDB
		cfg.DatabaseURL = u
	default:
		return nil, cfg, nil, fmt.Errorf("unknown -db %q", dbKind)
	}
	s, err = server.New(ctx, cfg, quiet)
	if err != nil {
		drop()
		return nil, cfg, nil, err
	}
	return s, cfg, func() { s.Close(); drop() }, nil
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// gqlgenTwin starts a second server on the database of cfg with the read
// plan off, for the "gqlgen" endpoint.
func gqlgenTwin(ctx context.Context, cfg config.Config) (*server.Server, error) {
	cfg.ReadPlan = false
	return server.New(ctx, cfg, quiet)
}

// openSeeded opens a fresh database of the kind asked for and fills it:
// the history's data, and the other pages' too when pages is set. It
// returns one access token per customer.
func openSeeded(ctx context.Context, dbKind, pg string, size seedSize, pages bool) (*server.Server, config.Config, []string, func(), error) {
	s, cfg, closeAll, err := open(ctx, dbKind, pg)
	if err != nil {
		return nil, cfg, nil, nil, err
	}
	tokens, err := seed(ctx, s.DB.Client, size)
	if err == nil && pages {
		err = seedPages(ctx, s.DB.Client)
	}
	if err == nil {
		err = analyze(ctx, s.DB.SQL)
	}
	if err != nil {
		closeAll()
		return nil, cfg, nil, nil, fmt.Errorf("seed: %w", err)
	}
	return s, cfg, tokens, closeAll, nil
}

func run(dbKind, pg string, size seedSize, duration time.Duration, concurrency int, cpuprofile string) error {
	ctx := context.Background()
	start := time.Now()
	s, cfg, tokens, closeAll, err := openSeeded(ctx, dbKind, pg, size, false)
	if err != nil {
		return err
	}
	defer closeAll()
	fmt.Printf("seeded %d customers × %d orders × %d lines × %d fulfillments on %s in %s\n",
		size.customers, size.orders, size.lines, size.fulfillments, dbKind, time.Since(start).Round(time.Millisecond))

	twin, err := gqlgenTwin(ctx, cfg)
	if err != nil {
		return err
	}
	defer twin.Close()
	ts := httptest.NewServer(handler(s, twin, cfg))
	defer ts.Close()

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrency * 2}}
	if err := check(client, ts.URL, tokens[0]); err != nil {
		return err
	}
	fmt.Printf("GOMAXPROCS=%d, %d concurrent clients, %s per endpoint\n", runtime.GOMAXPROCS(0), concurrency, duration)
	stmts := func() float64 {
		return testutil.ToFloat64(s.Metrics.SQLStatements) + testutil.ToFloat64(twin.Metrics.SQLStatements)
	}
	results := make([]result, len(endpoints))
	for i, ep := range endpoints {
		profile := ""
		if i == 0 {
			profile = cpuprofile // the GraphQL phase
		}
		before := stmts()
		results[i] = drive(client, concurrency, duration, tokens, func(tok string) (*http.Request, error) { return ep.request(ts.URL, tok) }, profile)
		results[i].statements = stmts() - before
		if i == 0 && memProfile != "" {
			if f, err := os.Create(memProfile); err == nil {
				_ = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
	}
	base := results[1]
	fmt.Printf("%-10s %10s %10s %10s %12s %8s %10s\n", "endpoint", "req/s", "p50", "p99", "SQL/request", "errors", "ratio")
	failed := false
	for i, r := range results {
		fmt.Printf("%-10s %10.0f %10s %10s %12.1f %8d %10.2f\n", endpoints[i].name, r.rps(), r.pct(50), r.pct(99),
			r.statements/float64(len(r.latencies)), r.errors, r.rps()/base.rps())
		failed = failed || r.errors > 0
	}
	fmt.Printf("ratio graphql/baseline: %.2f\n", results[0].rps()/base.rps())
	if failed {
		return fmt.Errorf("requests failed")
	}
	return nil
}

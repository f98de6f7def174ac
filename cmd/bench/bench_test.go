package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// TestBenchSmoke runs the benchmarks tiny, so the tool keeps working: it
// seeds, checks that GraphQL and each baseline give the same JSON, and
// drives every endpoint without errors.
func TestBenchSmoke(t *testing.T) {
	size := seedSize{customers: 5, orders: 3, lines: 2, fulfillments: 1}
	dbs := map[string]string{"sqlite": ""}
	if pg := os.Getenv("TEST_DATABASE_URL"); pg != "" {
		dbs["postgres"] = pg
	}
	for kind, pg := range dbs {
		if err := run(kind, pg, size, 200*time.Millisecond, 2, ""); err != nil {
			t.Fatal(err)
		}
		if err := runPages(kind, pg, size, 100*time.Millisecond, 2); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkHistory serves the history query and the two hand-written
// endpoints in-process (no network, no client) from 16 goroutines, so a
// change shows as time (wall time over requests: the inverse of throughput)
// and allocations per request:
//
//	go test ./cmd/bench -run '^$' -bench History -benchmem
//	TEST_DATABASE_URL=postgres://… go test ./cmd/bench -run '^$' -bench History/postgres -benchmem
func BenchmarkHistory(b *testing.B) {
	for _, dbKind := range benchDatabases() {
		ctx := context.Background()
		s, cfg, tokens, closeAll, err := openSeeded(ctx, dbKind, os.Getenv("TEST_DATABASE_URL"), seedSize{customers: 50, orders: 20, lines: 5, fulfillments: 2}, false)
		if err != nil {
			b.Fatal(err)
		}
		twin, err := gqlgenTwin(ctx, cfg)
		if err != nil {
			b.Fatal(err)
		}
		h := handler(s, twin, cfg)
		for _, ep := range endpoints {
			b.Run(dbKind+"/"+ep.name, func(b *testing.B) {
				serveParallel(b, h, tokens, func(tok string) (*http.Request, error) { return ep.request("http://bench", tok) })
			})
		}
		twin.Close()
		closeAll()
	}
}

// BenchmarkPages serves the profile, wishlists and loyalty pages and their
// baselines in-process, as BenchmarkHistory does the history page:
//
//	go test ./cmd/bench -run '^$' -bench Pages -benchmem
func BenchmarkPages(b *testing.B) {
	for _, dbKind := range benchDatabases() {
		ctx := context.Background()
		s, _, tokens, closeAll, err := openSeeded(ctx, dbKind, os.Getenv("TEST_DATABASE_URL"), seedSize{customers: 50, orders: 1, lines: 1}, true)
		if err != nil {
			b.Fatal(err)
		}
		h := pagesHandler(s.Handler(), s.DB.SQL, s.DB.Dialect)
		for _, p := range pages {
			for _, ep := range []struct {
				name    string
				request func(token string) (*http.Request, error)
			}{
				{"graphql", func(tok string) (*http.Request, error) { return pageGraphQLRequest("http://bench", p.query, tok) }},
				{"baseline", func(tok string) (*http.Request, error) { return pageBaselineRequest("http://bench", p.name, tok) }},
			} {
				b.Run(dbKind+"/"+p.name+"/"+ep.name, func(b *testing.B) {
					serveParallel(b, h, tokens, ep.request)
				})
			}
		}
		closeAll()
	}
}

// serveParallel serves requests from 16 goroutines on 2 cores, as cmd/bench
// drives them, and reports allocations.
func serveParallel(b *testing.B, h http.Handler, tokens []string, request func(token string) (*http.Request, error)) {
	b.ReportAllocs()
	b.SetParallelism(8)
	var n atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := request(tokens[int(n.Add(1))%len(tokens)])
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Errorf("status %d: %.300s", w.Code, w.Body)
				return
			}
		}
	})
}

// benchDatabases are SQLite, and PostgreSQL when TEST_DATABASE_URL names a server.
func benchDatabases() []string {
	if os.Getenv("TEST_DATABASE_URL") != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

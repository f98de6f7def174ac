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

// TestBenchSmoke runs the benchmark tiny, so the tool keeps working: it
// seeds, checks that GraphQL and the baseline give the same JSON, and
// drives both endpoints without errors.
func TestBenchSmoke(t *testing.T) {
	size := seedSize{customers: 5, orders: 3, lines: 2, fulfillments: 1}
	if err := run("sqlite", "", size, 200*time.Millisecond, 2, ""); err != nil {
		t.Fatal(err)
	}
	if pg := os.Getenv("TEST_DATABASE_URL"); pg != "" {
		if err := run("postgres", pg, size, 200*time.Millisecond, 2, ""); err != nil {
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
	dbs := []string{"sqlite"}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		dbs = append(dbs, "postgres")
	}
	for _, dbKind := range dbs {
		ctx := context.Background()
		s, cfg, closeAll, err := open(ctx, dbKind, os.Getenv("TEST_DATABASE_URL"))
		if err != nil {
			b.Fatal(err)
		}
		tokens, err := seed(ctx, s.DB.Client, seedSize{customers: 50, orders: 20, lines: 5, fulfillments: 2})
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
				b.ReportAllocs()
				b.SetParallelism(8) // 16 clients on 2 cores, as cmd/bench drives them
				var n atomic.Int64
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						req, _ := ep.request("http://bench", tokens[int(n.Add(1))%len(tokens)])
						w := httptest.NewRecorder()
						h.ServeHTTP(w, req)
						if w.Code != http.StatusOK {
							b.Errorf("status %d: %.300s", w.Code, w.Body)
							return
						}
					}
				})
			})
		}
		twin.Close()
		closeAll()
	}
}

package main

import (
	"os"
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

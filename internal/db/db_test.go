package db

import (
	"context"
	"os"
	"strings"
	"testing"
)

type noCount struct{}

func (noCount) Inc() {}

// TestPostgresPlannerSetting: sessions on PostgreSQL plan for solid-state
// storage unless the URL says otherwise.
func TestPostgresPlannerSetting(t *testing.T) {
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		t.Skip("PostgreSQL: set TEST_DATABASE_URL (.ci/run starts a throwaway server)")
	}
	set := base + "?random_page_cost=2"
	if strings.Contains(base, "?") {
		set = base + "&random_page_cost=2"
	}
	for url, want := range map[string]string{base: "1.1", set: "2"} {
		d, err := Open(url, noCount{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if err := d.SQL.QueryRowContext(context.Background(), "SHOW random_page_cost").Scan(&got); err != nil {
			t.Fatal(err)
		}
		d.Close()
		if got != want {
			t.Errorf("%s: random_page_cost %s, want %s", url, got, want)
		}
	}
}

// TestDefaultConns: SQLite's pool is two connections per core, 4 to 8;
// PostgreSQL's is 20.
func TestDefaultConns(t *testing.T) {
	for _, c := range []struct {
		dia         string
		procs, want int
	}{{"sqlite3", 1, 4}, {"sqlite3", 2, 4}, {"sqlite3", 3, 6}, {"sqlite3", 16, 8}, {"postgres", 2, 20}} {
		if got := defaultConns(c.dia, c.procs); got != c.want {
			t.Errorf("defaultConns(%s, %d) = %d, want %d", c.dia, c.procs, got, c.want)
		}
	}
}

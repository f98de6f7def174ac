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

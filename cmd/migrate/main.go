// Command migrate writes the next versioned migration of each dialect:
// the statements that take a database from the committed migrations
// (internal/db/migrations/{sqlite,postgres}) to the ent schema. It replays
// the directory on an empty development database (SQLite in memory, and a
// throwaway database on a PostgreSQL server) and diffs.
//
//	go run ./cmd/migrate -name add_companies -pg postgres://postgres@127.0.0.1:5433/postgres?sslmode=disable
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"accountgraph/internal/db"
)

func main() {
	name := flag.String("name", "", "what the migration does, in snake_case")
	pg := flag.String("pg", os.Getenv("TEST_DATABASE_URL"), "a PostgreSQL server for the development database")
	dir := flag.String("dir", "internal/db/migrations", "the migrations folder")
	flag.Parse()
	if *name == "" || *pg == "" {
		fmt.Fprintln(os.Stderr, "usage: migrate -name NAME -pg postgres://… (run from the repository root)")
		os.Exit(2)
	}
	if err := run(*name, *pg, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "migrate:", err)
		os.Exit(1)
	}
}

func run(name, pg, dir string) error {
	ctx := context.Background()
	devPG, drop, err := db.FreshPostgres(pg, "ag_migrate_dev")
	if err != nil {
		return err
	}
	defer drop()
	for _, d := range []struct{ dialect, url string }{{"sqlite", "sqlite::memory:"}, {"postgres", devPG}} {
		changed, err := db.Diff(ctx, d.url, filepath.Join(dir, d.dialect), name)
		if err != nil {
			return fmt.Errorf("%s: %w", d.dialect, err)
		}
		fmt.Printf("%s: %v\n", d.dialect, map[bool]string{true: "new migration written", false: "no changes"}[changed])
	}
	return nil
}

package db

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	atlasmigrate "ariga.io/atlas/sql/migrate"
	atlaspg "ariga.io/atlas/sql/postgres"
	atlassqlite "ariga.io/atlas/sql/sqlite"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/migrate"
)

// Diff writes the next migration of dir (a folder of versioned migrations
// for the dialect of devURL) when the ent schema differs from what the
// folder builds on an empty development database, and tells whether it
// did.
func Diff(ctx context.Context, devURL, dir, name string) (bool, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, err
	}
	local, err := atlasmigrate.NewLocalDir(dir)
	if err != nil {
		return false, err
	}
	before, err := local.Files()
	if err != nil {
		return false, err
	}
	d, err := Open(devURL, Uncounted{}, 1)
	if err != nil {
		return false, err
	}
	defer d.Close()
	entSchema.Lock()
	defer entSchema.Unlock()
	if err := d.Client.Schema.NamedDiff(ctx, name, schema.WithDir(local), schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDropIndex(true), schema.WithDropColumn(true), schema.WithFormatter(atlasmigrate.DefaultFormatter)); err != nil {
		return false, fmt.Errorf("diff: %w", err)
	}
	after, err := local.Files()
	return len(after) > len(before), err
}

// Uncounted is a Counter for connections nobody measures.
type Uncounted struct{}

// Inc does nothing.
func (Uncounted) Inc() {}

//go:embed migrations
var migrationFiles embed.FS

// revisionsTable records the applied migrations (Atlas's revisions).
const revisionsTable = "atlas_schema_revisions"

// migrationDir is the embedded folder of the dialect as Atlas reads it.
func migrationDir(folder string) (atlasmigrate.Dir, error) {
	dir := &atlasmigrate.MemDir{} // not OpenMemDir: that registers it for sharing, for good
	root := "migrations/" + folder
	entries, err := migrationFiles.ReadDir(root)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		b, err := migrationFiles.ReadFile(root + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		if err := dir.WriteFile(e.Name(), b); err != nil {
			return nil, err
		}
	}
	return dir, nil
}

// migrateVersions applies the pending versioned migrations on conn (one
// connection: SQLite's table rebuilds switch foreign keys off for their
// connection), at most n of them (0: all). A database made by the
// auto-migration of earlier releases has tables but no revisions: it is
// brought up to date the old way once, then recorded as at the newest
// version.
func (d *DB) migrateVersions(ctx context.Context, conn *sql.Conn, n int, adopted bool) error {
	dir, err := migrationDir(map[string]string{dialect.Postgres: "postgres", dialect.SQLite: "sqlite"}[d.Dialect])
	if err != nil {
		return err
	}
	var drv atlasmigrate.Driver
	if d.Dialect == dialect.Postgres {
		drv, err = atlaspg.Open(conn)
	} else {
		drv, err = atlassqlite.Open(conn)
	}
	if err != nil {
		return err
	}
	rrw := &revisions{conn: conn, postgres: d.Dialect == dialect.Postgres}
	if err := rrw.init(ctx); err != nil {
		return err
	}
	var opts []atlasmigrate.ExecutorOption
	if adopted {
		files, err := dir.Files()
		if err != nil || len(files) == 0 {
			return fmt.Errorf("no migration files: %v", err)
		}
		opts = append(opts, atlasmigrate.WithBaselineVersion(files[len(files)-1].Version()))
	}
	ex, err := atlasmigrate.NewExecutor(drv, dir, rrw, opts...)
	if err != nil {
		return err
	}
	if err := ex.ExecuteN(ctx, n); err != nil && !errors.Is(err, atlasmigrate.ErrNoPendingFiles) {
		return err
	}
	return nil
}

// adoptAutoMigrated brings a database made by the auto-migration of
// earlier releases (tables, no revisions) up to date that way, once, and
// tells that it did: the caller then records it at the newest version.
func (d *DB) adoptAutoMigrated(ctx context.Context) (bool, error) {
	has := func(table string) (bool, error) {
		q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
		if d.Dialect == dialect.Postgres {
			q = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
		}
		var n int
		err := d.SQL.QueryRowContext(ctx, q, table).Scan(&n)
		return n > 0, err
	}
	versioned, err := has(revisionsTable)
	if err != nil || versioned {
		return false, err
	}
	legacy, err := has(customer.Table)
	if err != nil || !legacy {
		return false, err
	}
	if err := AutoMigrate(ctx, d.Client, migrate.WithDropIndex(true)); err != nil {
		return false, fmt.Errorf("bring an auto-migrated database up to date: %w", err)
	}
	return true, nil
}

// entSchema serialises ent's schema migrations and diffs in this process:
// they write into the generated table definitions (ent/migrate.Tables),
// which every client shares, so two at once (servers starting side by side
// in the tests) wrote one map concurrently.
var entSchema sync.Mutex

// AutoMigrate runs ent's auto-migration on client (databases of releases
// before versioned migrations are made and adopted this way).
func AutoMigrate(ctx context.Context, client *ent.Client, opts ...schema.MigrateOption) error {
	entSchema.Lock()
	defer entSchema.Unlock()
	return client.Schema.Create(ctx, opts...)
}

// MigrateVersions applies at most n pending versioned migrations (0: all),
// without backfills: for tests that need a database at an older version.
func (d *DB) MigrateVersions(ctx context.Context, n int) error {
	conn, err := d.SQL.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return d.migrateVersions(ctx, conn, n, false)
}

// revisions keeps Atlas's revisions in revisionsTable.
type revisions struct {
	conn     *sql.Conn
	postgres bool
	schema   string // PostgreSQL: the schema the table is in
}

func (r *revisions) q(s string) string {
	if r.postgres {
		return Rebind(dialect.Postgres, s)
	}
	return s
}

// Rebind writes a query's ? placeholders as the dialect wants them ($1, $2
// … on PostgreSQL), for hand-written SQL.
func Rebind(dia, query string) string {
	if dia != dialect.Postgres {
		return query
	}
	n := 0
	var b strings.Builder
	for _, c := range query {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (r *revisions) init(ctx context.Context) error {
	if r.postgres {
		if err := r.conn.QueryRowContext(ctx, "SELECT current_schema()").Scan(&r.schema); err != nil {
			return err
		}
	}
	_, err := r.conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+revisionsTable+` (
  version varchar(255) NOT NULL PRIMARY KEY, description text NOT NULL, type bigint NOT NULL,
  applied bigint NOT NULL, total bigint NOT NULL, executed_at timestamp NOT NULL, execution_time bigint NOT NULL,
  error text NOT NULL, error_stmt text NOT NULL, hash text NOT NULL, partial_hashes text NOT NULL, operator_version text NOT NULL)`)
	return err
}

func (r *revisions) Ident() *atlasmigrate.TableIdent {
	return &atlasmigrate.TableIdent{Name: revisionsTable, Schema: r.schema}
}

const revisionColumns = "version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version"

func (r *revisions) read(ctx context.Context, where string, args ...any) ([]*atlasmigrate.Revision, error) {
	rows, err := r.conn.QueryContext(ctx, r.q("SELECT "+revisionColumns+" FROM "+revisionsTable+where+" ORDER BY version"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*atlasmigrate.Revision
	for rows.Next() {
		var rev atlasmigrate.Revision
		var typ, took int64
		var partial string
		if err := rows.Scan(&rev.Version, &rev.Description, &typ, &rev.Applied, &rev.Total, &rev.ExecutedAt, &took,
			&rev.Error, &rev.ErrorStmt, &rev.Hash, &partial, &rev.OperatorVersion); err != nil {
			return nil, err
		}
		rev.Type, rev.ExecutionTime = atlasmigrate.RevisionType(typ), time.Duration(took)
		if err := json.Unmarshal([]byte(partial), &rev.PartialHashes); err != nil {
			return nil, err
		}
		out = append(out, &rev)
	}
	return out, rows.Err()
}

func (r *revisions) ReadRevisions(ctx context.Context) ([]*atlasmigrate.Revision, error) {
	return r.read(ctx, "")
}

func (r *revisions) ReadRevision(ctx context.Context, v string) (*atlasmigrate.Revision, error) {
	revs, err := r.read(ctx, " WHERE version = ?", v)
	if err != nil {
		return nil, err
	}
	if len(revs) == 0 {
		return nil, atlasmigrate.ErrRevisionNotExist
	}
	return revs[0], nil
}

func (r *revisions) WriteRevision(ctx context.Context, rev *atlasmigrate.Revision) error {
	partial, err := json.Marshal(rev.PartialHashes)
	if err != nil {
		return err
	}
	if _, err := r.conn.ExecContext(ctx, r.q("DELETE FROM "+revisionsTable+" WHERE version = ?"), rev.Version); err != nil {
		return err
	}
	_, err = r.conn.ExecContext(ctx, r.q("INSERT INTO "+revisionsTable+" ("+revisionColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
		rev.Version, rev.Description, int64(rev.Type), rev.Applied, rev.Total, rev.ExecutedAt.UTC(), int64(rev.ExecutionTime),
		rev.Error, rev.ErrorStmt, rev.Hash, string(partial), rev.OperatorVersion)
	return err
}

func (r *revisions) DeleteRevision(ctx context.Context, v string) error {
	_, err := r.conn.ExecContext(ctx, r.q("DELETE FROM "+revisionsTable+" WHERE version = ?"), v)
	return err
}

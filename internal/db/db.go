// Package db opens the database (embedded SQLite or PostgreSQL) behind an
// ent client, counts its statements, and migrates its schema.
package db

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	"accountgraph/ent/datamigration"
	"accountgraph/ent/serversecret"
	"accountgraph/internal/apperr"
	"accountgraph/internal/gid"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/mattn/go-sqlite3"
)

// DB is an open database.
type DB struct {
	Client  *ent.Client
	SQL     *sql.DB
	Dialect string // dialect.SQLite or dialect.Postgres
}

// Open connects to the database at url: "postgres://…"/"postgresql://…" for
// PostgreSQL; "sqlite:PATH", "file:PATH" or a bare path for SQLite (its
// folder is created). Every statement is reported to counter.
func Open(url string, counter Counter, maxConns int) (*DB, error) {
	var conn *countingConnector
	var dia string
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		dia = dialect.Postgres
		conn = &countingConnector{dsn: postgresDSN(url), driver: stdlib.GetDefaultDriver(), counter: counter}
	default:
		dia = dialect.SQLite
		dsn, err := sqliteDSN(url)
		if err != nil {
			return nil, err
		}
		conn = &countingConnector{dsn: dsn, driver: &sqlite3.SQLiteDriver{}, counter: counter}
	}
	sqldb := sql.OpenDB(conn)
	if maxConns <= 0 {
		maxConns = defaultConns(dia, runtime.GOMAXPROCS(0))
	}
	sqldb.SetMaxOpenConns(maxConns)
	sqldb.SetMaxIdleConns(maxConns)
	if dia == dialect.Postgres {
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
	}
	drv := entsql.OpenDB(dia, sqldb)
	return &DB{Client: ent.NewClient(ent.Driver(drv)), SQL: sqldb, Dialect: dia}, nil
}

// defaultConns is the pool size when none is configured. PostgreSQL: 20.
// SQLite runs its statements on the calling thread, so connections beyond
// two per core add no throughput (WAL lets readers run beside the one
// writer; the rest queue on the CPU) but each keeps its own page cache and
// prepared statements: 4 connections instead of 8 on 2 cores answered the
// mixed load of cmd/load as fast or faster with 9 MB less RSS.
func defaultConns(dia string, procs int) int {
	if dia == dialect.Postgres {
		return 20
	}
	return min(max(2*procs, 4), 8)
}

// postgresDSN sets the sessions' random_page_cost to 1.1, what
// PostgreSQL's manual suggests for solid-state storage, unless the URL sets
// it (pgx sends parameters it does not know to the server as settings).
// With the default 4, an account page's join of a few lines to their
// variants hashed the whole variants table (0.33 ms) instead of looking
// each variant up by key (0.13 ms) while the catalogue was small.
func postgresDSN(url string) string {
	if strings.Contains(url, "random_page_cost=") {
		return url
	}
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "random_page_cost=1.1"
}

// sqliteDSN turns the configured URL into a go-sqlite3 DSN with foreign
// keys on, WAL, a busy timeout, and write transactions that take the lock
// at BEGIN (so two writers wait for each other instead of failing).
func sqliteDSN(url string) (string, error) {
	path := strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "file:")
	path = strings.TrimPrefix(path, "//")
	path, query, _ := strings.Cut(path, "?")
	if path == "" {
		return "", fmt.Errorf("database url %q has no path", url)
	}
	if path != ":memory:" {
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return "", fmt.Errorf("create database folder: %w", err)
		}
	}
	// _stmt_cache_size keeps each connection's prepared statements: without
	// it every query is compiled again, a quarter of the CPU of a small
	// account page.
	// _mutex=no opens connections without SQLite's own per-call locking:
	// database/sql already hands a connection, and its statements, to one
	// goroutine at a time, which is what SQLite's multi-thread mode asks.
	params := "_fk=1&_journal_mode=WAL&_busy_timeout=10000&_txlock=immediate&_synchronous=NORMAL&_stmt_cache_size=256&_mutex=no"
	if query != "" {
		params = query + "&" + params
	}
	return "file:" + path + "?" + params, nil
}

// Backfill is a one-time data change that goes with a schema change (a
// new column computed from existing rows). Migrate runs each once per
// database, in its own transaction, and records it in data_migrations.
type Backfill struct {
	Name string
	Run  func(ctx context.Context, tx *ent.Tx) error
}

// Migrate applies the pending versioned migrations (internal/db/migrations,
// one folder per dialect), then the backfills this database has not had.
// On PostgreSQL an advisory lock makes replicas that start together apply
// migrations one after the other; a backfill two replicas run at once is
// kept once (its record is unique) and they compute the same values.
func (d *DB) Migrate(ctx context.Context, backfills ...Backfill) error {
	if err := d.migrateLocked(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, b := range backfills {
		err := WithTx(ctx, d.Client, func(tx *ent.Tx) error {
			done, err := tx.DataMigration.Query().Where(datamigration.Name(b.Name)).Exist(ctx)
			if err != nil || done {
				return err
			}
			if err := b.Run(ctx, tx); err != nil {
				return err
			}
			return tx.DataMigration.Create().SetName(b.Name).Exec(ctx)
		})
		if err != nil && !IsUniqueViolation(err) {
			return fmt.Errorf("backfill %s: %w", b.Name, err)
		}
	}
	return nil
}

// migrateLocked applies the versioned migrations on one connection, under
// the advisory lock on PostgreSQL; the connection goes back to the pool
// before the backfills need it.
func (d *DB) migrateLocked(ctx context.Context) error {
	var adopted bool
	var err error
	if d.Dialect != dialect.Postgres {
		if adopted, err = d.adoptAutoMigrated(ctx); err != nil {
			return err
		}
	}
	conn, err := d.SQL.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if d.Dialect == dialect.Postgres {
		const lockID = 7_420_113 // any constant shared by all replicas
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", lockID); err != nil {
			return fmt.Errorf("migration lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", lockID) //nolint:errcheck // released with the session anyway
		// Under the lock, through the pool (a second connection).
		if adopted, err = d.adoptAutoMigrated(ctx); err != nil {
			return err
		}
	}
	return d.migrateVersions(ctx, conn, 0, adopted)
}

// Close closes the database.
func (d *DB) Close() error { return d.Client.Close() }

// WithTx runs fn in a transaction and commits it, or rolls it back when fn
// fails or panics. Business packages use it for every multi-row write.
func WithTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) (err error) {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if v := recover(); v != nil {
			_ = tx.Rollback()
			panic(v)
		}
	}()
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// ForUpdate is a query modifier that locks the selected rows until the
// transaction ends, on PostgreSQL. SQLite needs no row lock: its write
// transactions begin IMMEDIATE (see sqliteDSN) and so run one at a time.
func ForUpdate(s *entsql.Selector) {
	if s.Dialect() == dialect.Postgres {
		s.ForUpdate()
	}
}

// LockCustomer holds a customer's row until the transaction ends, so that
// changes to the customer's lists (limits, defaults, merges) run one at a
// time, and returns the row as it is under the lock.
func LockCustomer(ctx context.Context, tx *ent.Tx, id int) (*ent.Customer, error) {
	return tx.Customer.Query().Where(customer.ID(id)).Modify(ForUpdate).Only(ctx)
}

// CustomerID decodes the global ID of a customer who must exist, for
// staff operations; a malformed or unknown one is NOT_FOUND at field.
func CustomerID(ctx context.Context, client *ent.Client, id string, field []string) (int, error) {
	notFound := apperr.Invalid(field, apperr.CodeNotFound, "Customer does not exist")
	key, err := gid.Decode(id, "Customer")
	if err != nil {
		return 0, notFound
	}
	ok, err := client.Customer.Query().Where(customer.ID(key)).Exist(ctx)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, notFound
	}
	return key, nil
}

// LimitPerParent rewrites a selector to keep at most limit rows per parent,
// in the given order (unqualified column terms):
//
//	WITH src AS (original), ranked AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY parent ORDER BY …) AS rn FROM src)
//	SELECT columns FROM ranked WHERE rn <= limit ORDER BY parent, rn
func LimitPerParent(s *entsql.Selector, parentCol string, limit int, order []string) {
	d := entsql.Dialect(s.Dialect())
	with := d.With("ag_src").As(s.Clone()).
		With("ag_ranked").As(d.Select("*").
		AppendSelectExprAs(entsql.RowNumber().PartitionBy(parentCol).OrderBy(order...), "ag_rn").
		From(d.Table("ag_src")))
	t := d.Table("ag_ranked").As(s.TableName())
	*s = *d.Select(s.UnqualifiedColumns()...).From(t).
		Where(entsql.LTE(t.C("ag_rn"), limit)).
		OrderBy(t.C(parentCol), t.C("ag_rn")).
		Prefix(with)
}

// IsUniqueViolation tells whether err comes from a unique constraint: a
// concurrent write took the value first. ent reports it as a
// ConstraintError; an error from a commit carries only the driver's text.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	var ce *ent.ConstraintError
	if errors.As(err, &ce) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE") || strings.Contains(msg, "duplicate key")
}

// ServerSecret returns the server's secret of the given name, making it (32
// random bytes) on first use. Replicas that race to make it all end up with
// the stored one.
func ServerSecret(ctx context.Context, client *ent.Client, name string) ([]byte, error) {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	err := client.ServerSecret.Create().SetName(name).SetValue(key).
		OnConflictColumns(serversecret.FieldName).DoNothing().Exec(ctx)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	s, err := client.ServerSecret.Query().Where(serversecret.Name(name)).Only(ctx)
	if err != nil {
		return nil, err
	}
	return s.Value, nil
}

// ValueInt reads an integer selected beside an entity (ent's Value): the
// type differs by driver.
func ValueInt(v any) (int, bool) {
	switch n := v.(type) {
	case int64:
		return int(n), true
	case int:
		return n, true
	case int32:
		return int(n), true
	}
	return 0, false
}

// ValueTime reads a timestamp selected beside an entity: PostgreSQL
// gives a time.Time, SQLite may give its text form.
func ValueTime(v any) (time.Time, bool) {
	switch t := v.(type) {
	case time.Time:
		return t, true
	case string:
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999"} {
			if p, err := time.Parse(layout, t); err == nil {
				return p, true
			}
		}
	case []byte:
		return ValueTime(string(t))
	}
	return time.Time{}, false
}

// Fit makes text from outside (a header, a remote server's error) fit a
// column of n bytes: cut to n bytes and without invalid UTF-8, which
// PostgreSQL refuses (a cut can split a character).
func Fit(s string, n int) string {
	return strings.ToValidUTF8(s[:min(len(s), n)], "")
}

// BulkChunk is how many rows one multi-row INSERT carries in bulk loads:
// a row of a wide table has about 30 columns, and SQLite allows 32,766
// parameters a statement.
const BulkChunk = 500

// InChunks hands rows to save BulkChunk at a time.
func InChunks[T any](rows []T, save func([]T) error) error {
	for i := 0; i < len(rows); i += BulkChunk {
		if err := save(rows[i:min(i+BulkChunk, len(rows))]); err != nil {
			return err
		}
	}
	return nil
}

package server

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"accountgraph/internal/auth"
	"accountgraph/internal/config"
	"accountgraph/internal/generate"
	"accountgraph/internal/gid"
)

// Run is the whole program: a subcommand, or the server until ctx ends.
// Settings come from args and from getenv (os.Getenv in main; tests pass
// their own, so that programs can run side by side).
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "admin-key" {
		return adminKeyCommand(ctx, args[1:], getenv, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "import-customers" {
		return importCommand(ctx, args[1:], getenv, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "generate" {
		return generateCommand(ctx, args[1:], getenv, stdout, stderr)
	}
	if len(args) == 1 && args[0] == "schema" {
		_, err := io.WriteString(stdout, SchemaSDL())
		return err
	}
	cfg, err := config.Load(args, getenv)
	if err != nil {
		return err
	}
	// The IDs the process writes (one process serves one shop).
	if err := gid.SetNamespace(cfg.IDNamespace); err != nil {
		return err
	}
	TuneGC(cfg, getenv)
	log := NewLogger(cfg, stderr)
	log.Info("starting accountgraph", "config", cfg.String())
	s, err := New(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	if cfg.Demo {
		login, err := s.SeedDemo(ctx)
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		fmt.Fprintf(stdout, "demo customer: email %s, password %s\n", login.Email, login.Password)
	}
	hs := &http.Server{
		Addr:              cfg.Addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.ListenAndServe() }()
	base := strings.TrimRight(cfg.PublicURL, "/")
	fmt.Fprintf(stdout, "accountgraph listening on %s — GraphiQL at %s/, account portal at %s/account/\n", cfg.Addr, base, base)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests", "timeout", cfg.ShutdownTimeout)
	s.ready.Store(false)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// NewLogger makes the structured logger from the configuration.
func NewLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// adminKeyCommand: admin-key create --scopes a,b [--name N].
func adminKeyCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: admin-key create --scopes " + strings.Join(auth.Scopes, ",") + "|all [--name NAME]")
	}
	fs := flag.NewFlagSet("admin-key create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scopes := fs.String("scopes", "", "comma-separated scopes, or all: "+strings.Join(auth.Scopes, ", "))
	name := fs.String("name", "cli", "a name to recognise the key by")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	sc, err := auth.ParseScopes(*scopes)
	if err != nil {
		return err
	}
	s, _, err := commandServer(ctx, getenv, stderr, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	key, err := s.adminKeys.Create(ctx, *name, sc)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "admin API key %q with scopes %s (shown only now; store it safely):\n", *name, strings.Join(sc, ","))
	fmt.Fprintln(stdout, key)
	return nil
}

// importCommand: import-customers [--skip-invalid] FILE|- imports a
// customer CSV into the configured database (DATABASE_URL), as
// adminCustomersImport does, without a body-size limit.
func importCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import-customers", flag.ContinueOnError)
	fs.SetOutput(stderr)
	skip := fs.Bool("skip-invalid", false, "write the valid rows even when some are not")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: import-customers [--skip-invalid] FILE (or - for standard input)")
	}
	var in io.Reader = os.Stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	s, _, err := commandServer(ctx, getenv, stderr, noDelivery) // an import sends nothing
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	res, err := s.Customers.Import(ctx, bufio.NewReaderSize(in, 1<<20), *skip)
	if err != nil {
		return err
	}
	for _, e := range res.Errors {
		fmt.Fprintf(stdout, "row %d\t%s\t%s\t%s\n", e.Row, e.Column, e.Code, e.Message)
	}
	fmt.Fprintf(stdout, "created %d, updated %d, skipped %d, %d problems, in %s\n",
		res.Created, res.Updated, res.Skipped, res.ErrorCount, time.Since(start).Round(time.Millisecond))
	if res.ErrorCount > 0 && !*skip {
		return errors.New("nothing was imported: fix the rows above or pass --skip-invalid")
	}
	return nil
}

// GeneratedPassword is the password of every generated customer.
const GeneratedPassword = "generated-customer-2026"

// generateCommand: generate --customers N [--orders M] [--lines L] fills
// the configured database (DATABASE_URL) with customers and their history
// for load tests; every customer signs in with GeneratedPassword.
func generateCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	customers := fs.Int("customers", 1000, "customers to add")
	orders := fs.Int("orders", 10, "orders per customer, on average")
	lines := fs.Int("lines", 3, "lines per order")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *customers < 1 || *orders < 0 || *lines < 1 {
		return errors.New("usage: generate --customers N (≥1) [--orders M (≥0)] [--lines L (≥1)]")
	}
	s, cfg, err := commandServer(ctx, getenv, stderr, noDelivery)
	if err != nil {
		return err
	}
	defer s.Close()
	hash, err := s.Customers.Hasher.Hash(ctx, GeneratedPassword)
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := generate.Run(ctx, s.DB.Client, generate.Size{Customers: *customers, Orders: *orders, Lines: *lines},
		generate.Options{Currency: cfg.ShopCurrency, PasswordHash: hash, Seed: *seed, Progress: func(done int) {
			if done%10000 == 0 {
				fmt.Fprintf(stderr, "%d customers…\n", done)
			}
		}})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "generated %d customers, %d orders, %d order lines in %s; each signs in with password %q (emails gen.N@example.com)\n",
		res.Customers, res.Orders, res.Lines, time.Since(start).Round(time.Millisecond), GeneratedPassword)
	return nil
}

// commandServer opens the configured database for a subcommand (settings
// from the environment, tweak applied, warnings only in the log).
func commandServer(ctx context.Context, getenv func(string) string, stderr io.Writer, tweak func(*config.Config)) (*Server, config.Config, error) {
	cfg, err := config.Load(nil, getenv)
	if err != nil {
		return nil, cfg, err
	}
	if tweak != nil {
		tweak(&cfg)
	}
	s, err := New(ctx, cfg, NewLogger(config.Config{LogLevel: "warn", LogFormat: "text"}, stderr))
	return s, cfg, err
}

// noDelivery keeps a subcommand's process from sending messages.
func noDelivery(c *config.Config) { c.Delivery = false }

// TuneGC sets the garbage collector from cfg (GC_PERCENT, MEMORY_LIMIT_MIB),
// unless Go's own GOGC and GOMEMLIMIT are set, which then win. The defaults
// are measured (BENCHMARKS.md, 2026-12-05): at Go's default of 100 the
// collector took a fifth of a history page's CPU, and 200 lets the page run
// about a quarter faster; the limit makes the collector work harder when
// the heap nears it (a burst of sign-ins, each hash holding argon2id's
// memory), so the process's memory stays about where it was at 100.
func TuneGC(cfg config.Config, getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(cfg.GCPercent)
	}
	if getenv("GOMEMLIMIT") == "" && cfg.MemoryLimitMiB > 0 {
		debug.SetMemoryLimit(int64(cfg.MemoryLimitMiB) << 20)
	}
}

// Package tests drives accountgraph from the outside: real GraphQL
// documents over HTTP against a real server, on SQLite and, when
// TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL too.
package tests

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"accountgraph/graph"
	"accountgraph/internal/config"
	"accountgraph/internal/db"
	"accountgraph/internal/querylimit"
	"accountgraph/internal/server"
)

// adminKey is seeded with every scope in each test server.
const adminKey = "agk_test-admin-key-with-every-scope-0123456789"

// API is one running server under test.
type API struct {
	URL     string
	DB      string // "sqlite" or "postgres"
	DBURL   string
	Server  *server.Server
	MailDir string
	logs    *syncBuffer
	ip      string
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Logs returns everything the server logged so far (nothing for a server
// in another process or started by Run, whose log the test reads itself).
func (a *API) Logs() string {
	if a.logs == nil {
		return "(the server's log is not captured here)"
	}
	return a.logs.String()
}

// eachDB runs fn against a fresh server on every available database.
func eachDB(t *testing.T, fn func(t *testing.T, api *API)) {
	t.Helper()
	eachDBWith(t, nil, fn)
}

// eachDBWith is eachDB with configuration changes.
func eachDBWith(t *testing.T, tweak func(*config.Config), fn func(t *testing.T, api *API)) {
	t.Helper()
	eachDatabase(t, "test.db", func(t *testing.T, name, url string) { fn(t, start(t, name, url, tweak)) })
}

// eachDatabase runs fn on a fresh SQLite file (named file) and, when
// TEST_DATABASE_URL names a PostgreSQL server, on a fresh PostgreSQL
// database; name is "sqlite" or "postgres".
//
// In a test marked parallel the two run side by side.
func eachDatabase(t *testing.T, file string, fn func(t *testing.T, name, url string)) {
	t.Helper()
	_, side := parallelTests.Load(t.Name())
	t.Run("sqlite", func(t *testing.T) {
		if side {
			t.Parallel()
		}
		fn(t, "sqlite", "sqlite:"+filepath.Join(t.TempDir(), file))
	})
	t.Run("postgres", func(t *testing.T) {
		if side {
			t.Parallel()
		}
		base := os.Getenv("TEST_DATABASE_URL")
		if base == "" {
			t.Skip("PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://… (.ci/run starts a throwaway server)")
		}
		fn(t, "postgres", freshPostgres(t, base))
	})
}

// parallelTests holds the names of the tests marked with parallel.
var parallelTests sync.Map

// parallel marks a test that runs beside others (see TestMain): it owns
// its servers, and its SQLite and PostgreSQL runs go side by side too.
func parallel(t *testing.T) {
	t.Helper()
	parallelTests.Store(t.Name(), true)
	t.Parallel()
}

// freshPostgres creates an empty database for one test and drops it after.
func freshPostgres(t *testing.T, base string) string {
	t.Helper()
	u, drop, err := db.FreshPostgres(base, "ag_test")
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(drop)
	return u
}

func start(t *testing.T, dbName, dbURL string, tweak func(*config.Config)) *API {
	t.Helper()
	cfg := config.Default()
	cfg.DatabaseURL = dbURL
	cfg.MailDir = t.TempDir()
	cfg.PublicURL = "https://shop.test"
	cfg.AdminAPIKey = adminKey
	cfg.TrustProxyHeaders = true
	// Tests deliver messages themselves (Mails); a background worker would
	// add statements to the counts some tests pin.
	cfg.Delivery = false
	// TEST_DB_MAX_CONNS=1 runs every server on one connection: code that
	// waits for a second connection inside a transaction then hangs.
	if n, err := strconv.Atoi(os.Getenv("TEST_DB_MAX_CONNS")); err == nil {
		cfg.DBMaxConns = n
	}
	// Cheap hashing keeps the suite fast; production costs are in config.
	cfg.Argon2MemoryKiB, cfg.Argon2Iterations, cfg.Argon2Parallelism = 64, 1, 1
	// Every query the read plan answers is answered by gqlgen too, and the
	// two must be the same bytes (checked when the server stops): so every
	// document a test sends, through this harness, a browser or a Node
	// client, is a differential test of the plan.
	cfg.ReadPlanVerify = true
	// Every document the tests, the portal in a browser and the Node
	// clients send must fit in half the default query limits: real
	// documents stay well under them.
	cfg.Limits = halfLimits()
	if tweak != nil {
		tweak(&cfg)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := server.New(context.Background(), cfg, log)
	if err != nil {
		t.Fatalf("start server: %v", err)
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		hs.Close()
		s.Close()
	})
	t.Cleanup(func() { checkReadPlan(t, s, logs) }) // runs first
	return &API{URL: hs.URL, DB: dbName, DBURL: dbURL, Server: s, MailDir: cfg.MailDir, logs: logs, ip: randomIP()}
}

// halfLimits are the default query limits halved, but for depth (a
// nesting level is not a quantity to halve).
func halfLimits() querylimit.Limits {
	l := querylimit.Defaults()
	l.Tokens, l.Selections, l.Aliases, l.Directives, l.Cost, l.Values = l.Tokens/2, l.Selections/2, l.Aliases/2, l.Directives/2, l.Cost/2, l.Values/2
	return l
}

// checkReadPlan fails the test when gqlgen answered any query differently
// from the read plan (cfg.ReadPlanVerify), with what the log says of it.
func checkReadPlan(t *testing.T, s *server.Server, logs *syncBuffer) {
	t.Helper()
	if n := testutil.ToFloat64(s.Metrics.ReadPlan.WithLabelValues(string(graph.PlanMismatch))); n > 0 {
		var lines []string
		for _, l := range strings.Split(logs.String(), "\n") {
			if strings.Contains(l, "answers differently") || strings.Contains(l, "the differing answers") {
				lines = append(lines, l)
			}
		}
		t.Errorf("gqlgen answered %v queries differently from the read plan:\n%s", n, strings.Join(lines, "\n"))
	}
}

// startOn starts a second server (a replica) on the database of api.
func startOn(t *testing.T, api *API, tweak func(*config.Config)) *API {
	t.Helper()
	return start(t, api.DB, api.DBURL, tweak)
}

// randomIP gives each test its own client address, so throttling in one
// test does not leak into another.
func randomIP() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("10.%d.%d.%d", b[0], b[1], b[2])
}

// Response is a GraphQL response.
type Response struct {
	Status int
	Data   map[string]json.RawMessage
	Errors []GQLError
	Header http.Header
	Raw    string
}

// GQLError is one entry of "errors".
type GQLError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code is the error's extensions.code.
func (e GQLError) Code() string { s, _ := e.Extensions["code"].(string); return s }

type reqOpts struct {
	header http.Header
	ip     string
}

// Opt changes one request.
type Opt func(*reqOpts)

// AsAdmin sends an admin API key.
func AsAdmin(key string) Opt {
	return func(o *reqOpts) { o.header.Set("Authorization", "Bearer "+key) }
}

// FromIP sends the request as if from ip.
func FromIP(ip string) Opt { return func(o *reqOpts) { o.ip = ip } }

// Header sets a request header.
func Header(k, v string) Opt { return func(o *reqOpts) { o.header.Set(k, v) } }

// Do posts a GraphQL operation.
func (a *API) Do(t *testing.T, query string, vars map[string]any, opts ...Opt) Response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return a.Post(t, "application/json", body, opts...)
}

// TryDo is Do that returns errors instead of failing the test, for a
// server that may be dying.
func (a *API) TryDo(query string, vars map[string]any, opts ...Opt) (Response, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return Response{}, err
	}
	return roundTrip(a.request("application/json", body, opts...))
}

// Post sends a raw body to /graphql.
func (a *API) Post(t *testing.T, contentType string, body []byte, opts ...Opt) Response {
	t.Helper()
	return a.send(t, a.request(contentType, body, opts...))
}

// request builds a POST to /graphql.
func (a *API) request(contentType string, body []byte, opts ...Opt) *http.Request {
	o := reqOpts{header: http.Header{}, ip: a.ip}
	for _, f := range opts {
		f(&o)
	}
	req, _ := http.NewRequest(http.MethodPost, a.URL+"/graphql", bytes.NewReader(body))
	req.Header = o.header
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Forwarded-For", o.ip)
	return req
}

func (a *API) send(t *testing.T, req *http.Request) Response {
	t.Helper()
	r, err := roundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	// Every user error carries a code (the standard for bad input), in
	// every response any test sees.
	if i := strings.Index(r.Raw, `"code":null`); i >= 0 {
		t.Errorf("a user error without a code: …%s…", r.Raw[max(0, i-200):min(len(r.Raw), i+100)])
	}
	return r
}

// roundTrip sends req and reads the GraphQL response.
func roundTrip(req *http.Request) (Response, error) {
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return Response{}, err
	}
	r := Response{Status: res.StatusCode, Header: res.Header, Raw: string(raw)}
	var body struct {
		Data   map[string]json.RawMessage `json:"data"`
		Errors []GQLError                 `json:"errors"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return r, fmt.Errorf("response is not JSON (%d): %s", res.StatusCode, raw)
	}
	r.Data, r.Errors = body.Data, body.Errors
	return r, nil
}

// Read runs an operation that must succeed without GraphQL errors and
// returns the field named field as raw JSON, for before/after comparisons.
func (a *API) Read(t *testing.T, query string, vars map[string]any, field string) string {
	t.Helper()
	r := a.Do(t, query, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("read %s: %s", field, r.Raw)
	}
	return string(r.Data[field])
}

// MustDo posts an operation that must succeed without GraphQL errors and
// decodes the field named field into out.
func (a *API) MustDo(t *testing.T, query string, vars map[string]any, field string, out any, opts ...Opt) {
	t.Helper()
	if err := decodeField(a.Do(t, query, vars, opts...), field, out); err != nil {
		t.Fatalf("%v\nserver log:\n%s", err, tail(a.Logs(), 3000))
	}
}

// decodeField checks that r succeeded without GraphQL errors and decodes
// its field named field into out (when out is not nil).
func decodeField(r Response, field string, out any) error {
	if len(r.Errors) > 0 || r.Status != 200 {
		return fmt.Errorf("%s: status %d, errors %+v", field, r.Status, r.Errors)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(r.Data[field], out); err != nil {
		return fmt.Errorf("%s: decode %s: %w", field, r.Data[field], err)
	}
	return nil
}

// UserError is a customerUserErrors entry.
type UserError struct {
	Code    *string  `json:"code"`
	Field   []string `json:"field"`
	Message string   `json:"message"`
}

// codes lists the errors as "CODE@field.path".
func codes(errs []UserError) []string {
	out := []string{}
	for _, e := range errs {
		c := "<nil>"
		if e.Code != nil {
			c = *e.Code
		}
		out = append(out, c+"@"+strings.Join(e.Field, "."))
	}
	sort.Strings(out)
	return out
}

// Statements reads accountgraph_sql_statements_total from /metrics.
func (a *API) Statements(t *testing.T) int {
	t.Helper()
	v := a.Metric(t, "accountgraph_sql_statements_total")
	return int(v)
}

// Metric reads one sample (name with labels exactly as printed) from /metrics.
func (a *API) Metric(t *testing.T, sample string) float64 {
	t.Helper()
	res, err := http.Get(a.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, sample+" "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			if err != nil {
				t.Fatalf("metric %s: %v", sample, err)
			}
			return v
		}
	}
	return 0
}

// Mail is a message the server wrote to its mail folder.
type Mail struct {
	To, Subject, Body string
}

// Mails delivers the due messages of the outbox and returns every mail
// written so far, oldest first.
func (a *API) Mails(t *testing.T) []Mail {
	t.Helper()
	a.deliver(t)
	files, _ := filepath.Glob(filepath.Join(a.MailDir, "*.eml"))
	sort.Strings(files)
	var out []Mail
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := mail.ReadMessage(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		body := unfold(string(b))
		subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
		if err != nil {
			t.Fatalf("%s: subject: %v", f, err)
		}
		out = append(out, Mail{To: m.Header.Get("To"), Subject: subject, Body: body})
	}
	return out
}

// unfold undoes quoted-printable soft breaks (and the escaped "="), which
// would split the links of a raw mail.
func unfold(raw string) string {
	return strings.ReplaceAll(strings.ReplaceAll(raw, "=\r\n", ""), "=3D", "=")
}

// deliver runs the server's delivery worker until nothing is due.
func (a *API) deliver(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := a.Server.Notifications.Flush(ctx); err != nil {
		t.Fatalf("deliver: %v", err)
	}
}

// MailsTo returns the mails to one address.
func (a *API) MailsTo(t *testing.T, to string) []Mail {
	var out []Mail
	for _, m := range a.Mails(t) {
		if strings.Contains(m.To, to) {
			out = append(out, m)
		}
	}
	return out
}

// MailsAbout returns the mails to an address whose subject starts with
// one of prefixes.
func (a *API) MailsAbout(t *testing.T, to string, prefixes ...string) []Mail {
	var out []Mail
	for _, m := range a.MailsTo(t, to) {
		for _, p := range prefixes {
			if strings.HasPrefix(m.Subject, p) {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

var linkRE = regexp.MustCompile(`https://shop\.test/account/(reset|activate)/\d+/[0-9a-f]{64}`)

// LastLink returns the newest reset or activation link mailed to an address.
// LastMatch returns the first group of re in the newest mail to an
// address that matches it.
func (a *API) LastMatch(t *testing.T, to string, re *regexp.Regexp) string {
	t.Helper()
	ms := a.MailsTo(t, to)
	for i := len(ms) - 1; i >= 0; i-- {
		if m := re.FindStringSubmatch(ms[i].Body); m != nil {
			return m[1]
		}
	}
	t.Fatalf("nothing like %s mailed to %s", re, to)
	return ""
}

// wrongCode is a six-digit code that is not code (offset ≥ 1 picks which).
func wrongCode(code string, offset int) string {
	n, _ := strconv.Atoi(code)
	return fmt.Sprintf("%06d", (n+offset)%1_000_000)
}

func (a *API) LastLink(t *testing.T, to, kind string) string {
	t.Helper()
	ms := a.MailsTo(t, to)
	for i := len(ms) - 1; i >= 0; i-- {
		for _, l := range linkRE.FindAllString(ms[i].Body, -1) {
			if strings.Contains(l, "/"+kind+"/") {
				return l
			}
		}
	}
	t.Fatalf("no %s link mailed to %s", kind, to)
	return ""
}

// TimeTravel moves the server's clock for the customer rules.
func (a *API) TimeTravel(d time.Duration) {
	a.Server.Customers.Now = func() time.Time { return time.Now().Add(d) }
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// decode reads one field of a response's data.
func decode(r Response, field string, out any) error {
	return json.Unmarshal(r.Data[field], out)
}

// atOnce runs fn(0) … fn(n-1) at once and waits for all of them: a
// double submit, a race between replicas. fn reports with t.Error, not
// t.Fatal (it runs on its own goroutine).
func atOnce(n int, fn func(i int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); fn(i) }()
	}
	wg.Wait()
}

// tryDecode is MustDo for other goroutines than the test's: it returns what
// went wrong instead of stopping the test.
func (a *API) tryDecode(query string, vars map[string]any, field string, out any, opts ...Opt) error {
	r, err := a.TryDo(query, vars, opts...)
	if err != nil {
		return err
	}
	return decodeField(r, field, out)
}

// failOnErrors reports, on the test's goroutine, what goroutines collected.
func failOnErrors(t *testing.T, errs []error) {
	t.Helper()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
}

// count tells how many of bs are true (the winners of a race).
func count(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// needTool skips a test whose outside tool (Chromium, Node) is missing. With
// CI_REQUIRE_TOOLS set, as .ci/run sets it, it fails instead: CI cannot pass
// by skipping what it was meant to run.
func needTool(t *testing.T, msg string) {
	t.Helper()
	if toolsRequired() {
		t.Fatal(msg + " (CI_REQUIRE_TOOLS is set)")
	}
	t.Skip(msg)
}

// toolsRequired: CI_REQUIRE_TOOLS is set, and a missing outside tool is a
// failure rather than a reason to skip.
func toolsRequired() bool { return os.Getenv("CI_REQUIRE_TOOLS") != "" }

// needNodePackage returns node and the absolute path of the repository
// folder dir whose npm packages include pkg, or skips (fails under
// CI_REQUIRE_TOOLS) saying what is missing; check names the test.
func needNodePackage(t *testing.T, check, dir, pkg string) (node, abs string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		needTool(t, check+" skipped: node is not installed")
	}
	abs, _ = filepath.Abs(filepath.Join("..", filepath.FromSlash(dir)))
	if _, err := os.Stat(filepath.Join(abs, "node_modules", filepath.FromSlash(pkg))); err != nil {
		needTool(t, check+" skipped: run `npm ci --prefix "+dir+"` (.ci/run does)")
	}
	return node, abs
}

// copyTree copies the regular files under src to dst, leaving out what skip
// names (a directory with everything in it); rel is slash-separated.
func copyTree(t *testing.T, src, dst string, skip func(rel string, d fs.DirEntry) bool) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if skip(filepath.ToSlash(rel), d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
}

// diffTrees compares the files under want and got that keep accepts (rel is
// slash-separated): those whose contents differ, those only got has, and
// those only want has, each sorted.
func diffTrees(t *testing.T, want, got string, keep func(rel string) bool) (changed, added, removed []string) {
	t.Helper()
	read := func(root string) map[string][]byte {
		files := map[string][]byte{}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			if rel = filepath.ToSlash(rel); keep(rel) {
				files[rel], err = os.ReadFile(path)
			}
			return err
		})
		if err != nil {
			t.Fatalf("read %s: %v", root, err)
		}
		return files
	}
	w, g := read(want), read(got)
	for name, body := range g {
		if old, ok := w[name]; !ok {
			added = append(added, name)
		} else if !bytes.Equal(old, body) {
			changed = append(changed, name)
		}
	}
	for name := range w {
		if _, ok := g[name]; !ok {
			removed = append(removed, name)
		}
	}
	sort.Strings(changed)
	sort.Strings(added)
	sort.Strings(removed)
	return changed, added, removed
}

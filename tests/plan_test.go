package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"accountgraph/graph"
	"accountgraph/internal/config"
	"accountgraph/internal/server"
)

// The read plan (graph/plan.go) must answer every query exactly as gqlgen's
// executor does. Every test server verifies each answer against gqlgen's
// (READ_PLAN_VERIFY, checked when the server stops); these tests add random
// selections over the whole account graph, and check that the plan, not
// the fallback, answered them.

// TestReadPlanRandomSelections sends random selections (fields, aliases,
// fragments, @include/@skip, __typename, interfaces and unions) from
// Query.customer over the demo customer's account: orders, lines, variants,
// products, fulfillments, tracking, addresses, wishlists, saved carts,
// loyalty and the rest.
func TestReadPlanRandomSelections(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		const n = 300
		before := api.Metric(t, `accountgraph_read_plan_total{outcome="plan"}`)
		api.randomQueries(t, n, func(s *ast.Schema, seed uint64) *queryGen {
			return &queryGen{s: s, r: rand.New(rand.NewPCG(seed, 23))}
		})
		// Queries whose resolvers return errors fall back to gqlgen; the
		// demo account is valid, so nearly all must run on the plan.
		if ran := api.Metric(t, `accountgraph_read_plan_total{outcome="plan"}`) - before; ran < n*9/10 {
			t.Errorf("the plan answered %v of %d random queries; gqlgen answered these:\n%s", ran, n, planReasons(api))
		}
	})
}

// TestReadPlanNarrowedSelections sends random selections of the fields
// whose columns the plan knows (graph.PlanNarrows), so that it reads only
// those columns of customers, orders, lines, variants, shipments,
// addresses, wishlists and loyalty entries (lines with their variants in one
// statement), and checks that it did: every answer is also gqlgen's, read
// from whole rows.
func TestReadPlanNarrowedSelections(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		const n = 150
		before := api.Metric(t, `accountgraph_read_plan_total{outcome="narrowed"}`)
		api.randomQueries(t, n, func(s *ast.Schema, seed uint64) *queryGen {
			return &queryGen{s: s, r: rand.New(rand.NewPCG(seed, 29)), only: graph.PlanNarrows}
		})
		if got := api.Metric(t, `accountgraph_read_plan_total{outcome="narrowed"}`) - before; got < n*9/10 {
			t.Errorf("the plan narrowed %v of %d queries; gqlgen answered these:\n%s", got, n, planReasons(api))
		}
	})
}

// randomQueries sends n queries made by gen (one a seed) over the demo
// account, each of which must be answered without errors.
func (api *API) randomQueries(t *testing.T, n int, gen func(*ast.Schema, uint64) *queryGen) {
	t.Helper()
	login, err := api.Server.SeedDemo(context.Background())
	if err != nil {
		t.Fatalf("demo data: %v", err)
	}
	token := api.login(t, login.Email, login.Password)
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: server.SchemaSDL()})
	for seed := range uint64(n) {
		q := gen(schema, seed).query()
		r := api.Do(t, q, map[string]any{"t": token, "yes": true, "no": false})
		if r.Status != 200 || len(r.Data) == 0 {
			t.Fatalf("seed %d: the generator made a query the server refused (%d): %s\n%s", seed, r.Status, r.Raw, q)
		}
	}
}

// FuzzReadPlan explores random selections beyond the seeds above
// (go test ./tests -run '^$' -fuzz FuzzReadPlan); each input is a seed of
// the query generator, run on a fresh SQLite server with the demo account.
func FuzzReadPlan(f *testing.F) {
	f.Add(uint64(1000))
	f.Add(uint64(1001))
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: server.SchemaSDL()})
	f.Fuzz(func(t *testing.T, seed uint64) {
		api := start(t, "sqlite", "sqlite:"+filepath.Join(t.TempDir(), "fuzz.db"), nil)
		login, err := api.Server.SeedDemo(context.Background())
		if err != nil {
			t.Fatalf("demo data: %v", err)
		}
		token := api.login(t, login.Email, login.Password)
		api.Do(t, randomQuery(schema, rand.New(rand.NewPCG(seed, 23))), map[string]any{"t": token, "yes": true, "no": false})
	})
}

// TestReadPlanKeptPerDocument: a document's plan is made once and kept; what
// each request brings (its variables: the token, a page size, an @include
// condition) still decides its answer, which is the answer gqlgen gives.
func TestReadPlanKeptPerDocument(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		emailA, tokenA, _ := api.newCustomer(t, "plankeepa")
		emailB, tokenB, _ := api.newCustomer(t, "plankeepb")
		for _, city := range []string{"Ottawa", "Toronto", "Montreal"} {
			api.addAddress(t, tokenA, with(ottawa, "city", city))
		}
		off := startOn(t, api, func(c *config.Config) { c.ReadPlan = false })
		// Arguments with variables, no variable directive: the kept plan.
		const kept = `query($t: String!, $n: Int!) { customer(customerAccessToken: $t) { email addresses(first: $n) { nodes { city } } } }`
		// A variable directive: planned per request.
		const varies = `query($t: String!, $n: Int!, $e: Boolean!) { customer(customerAccessToken: $t) { email @include(if: $e) addresses(first: $n) { nodes { city } } } }`
		for _, c := range []struct {
			doc    string
			vars   map[string]any
			email  string
			cities int
		}{
			{kept, map[string]any{"t": tokenA, "n": 1}, emailA, 1},
			{kept, map[string]any{"t": tokenA, "n": 3}, emailA, 3},
			{kept, map[string]any{"t": tokenB, "n": 3}, emailB, 0},
			{varies, map[string]any{"t": tokenA, "n": 2, "e": true}, emailA, 2},
			{varies, map[string]any{"t": tokenA, "n": 2, "e": false}, "", 2},
			{varies, map[string]any{"t": tokenB, "n": 1, "e": true}, emailB, 0},
		} {
			before := api.Metric(t, `accountgraph_read_plan_total{outcome="plan"}`)
			r := api.Do(t, c.doc, c.vars)
			if got := api.Metric(t, `accountgraph_read_plan_total{outcome="plan"}`) - before; got != 1 {
				t.Errorf("%v: the plan answered %v times, want 1", c.vars, got)
			}
			var out struct {
				Customer struct {
					Email     string
					Addresses struct{ Nodes []struct{ City string } }
				}
			}
			if err := json.Unmarshal(r.Data["customer"], &out.Customer); err != nil || len(r.Errors) > 0 {
				t.Fatalf("%v: %s", c.vars, r.Raw)
			}
			if out.Customer.Email != c.email || len(out.Customer.Addresses.Nodes) != c.cities {
				t.Errorf("%v: %s, want email %q and %d addresses", c.vars, r.Raw, c.email, c.cities)
			}
			if g := off.Do(t, c.doc, c.vars); g.Raw != r.Raw {
				t.Errorf("%v\nwith the plan:    %s\nwithout the plan: %s", c.vars, r.Raw, g.Raw)
			}
		}
	})
}

// TestReadPlanOff: READ_PLAN=false runs every query on gqlgen.
func TestReadPlanOff(t *testing.T) {
	parallel(t)
	eachDBWith(t, func(c *config.Config) { c.ReadPlan = false }, func(t *testing.T, api *API) {
		_, token, _ := api.newCustomer(t, "planoff")
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { email } }`, map[string]any{"t": token}, "customer", nil)
		if n := api.Metric(t, `accountgraph_read_plan_total{outcome="plan"}`); n != 0 {
			t.Errorf("the plan answered %v queries with READ_PLAN=false", n)
		}
	})
}

// TestReadPlanFallsBackOnErrors: a resolver's error is reported by gqlgen
// itself, exactly as it reports it without the plan.
func TestReadPlanFallsBackOnErrors(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		_, token, _ := api.newCustomer(t, "planerr")
		const bad = `query($t: String!) { customer(customerAccessToken: $t) { email addresses(first: 1, last: 1) { nodes { id } } } }`
		r := api.Do(t, bad, map[string]any{"t": token})
		if len(r.Errors) != 1 || fmt.Sprint(r.Errors[0].Path) != "[customer addresses]" {
			t.Fatalf("want one error at customer.addresses: %s", r.Raw)
		}
		// A replica with the plan off answers the same bytes.
		off := startOn(t, api, func(c *config.Config) { c.ReadPlan = false })
		if g := off.Do(t, bad, map[string]any{"t": token}); g.Raw != r.Raw {
			t.Errorf("with the plan:    %s\nwithout the plan: %s", r.Raw, g.Raw)
		}
		if n := api.Metric(t, `accountgraph_read_plan_total{outcome="fallback"}`); n != 1 {
			t.Errorf("fallbacks: %v, want 1", n)
		}
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { email } }`, map[string]any{"t": token}, "customer", nil)
		if n := api.Metric(t, `accountgraph_read_plan_total{outcome="plan"}`); n != 1 {
			t.Errorf("plan answers: %v, want 1", n)
		}
	})
}

// queryGen writes one random, valid query document.
type queryGen struct {
	s     *ast.Schema
	r     *rand.Rand
	frags []string
	alias int
	// only, when set, limits the fields to those it accepts (and leaves
	// out interfaces and unions).
	only func(typ, field string) bool
}

const randomQueryDepth = 5

func randomQuery(s *ast.Schema, r *rand.Rand) string {
	return (&queryGen{s: s, r: r}).query()
}

func (g *queryGen) query() string {
	s := g.s
	body := g.selection(s.Types["Customer"], 0)
	// The first field uses both variables, so that none is left unused.
	return "query($t: String!, $yes: Boolean!, $no: Boolean!) {\n  t: __typename @include(if: $yes) @skip(if: $no)\n  customer(customerAccessToken: $t) " +
		body + "\n}\n" + strings.Join(g.frags, "\n")
}

// selection picks fields of t, each in one of the forms storefronts send.
func (g *queryGen) selection(t *ast.Definition, depth int) string {
	if t.Kind == ast.Interface || t.Kind == ast.Union {
		return g.abstract(t, depth)
	}
	var parts []string
	fields := slices.Clone(t.Fields)
	g.r.Shuffle(len(fields), func(i, j int) { fields[i], fields[j] = fields[j], fields[i] })
	for _, f := range fields {
		if len(parts) >= 6 || g.r.IntN(3) == 0 {
			continue
		}
		if g.only != nil && (!g.only(t.Name, f.Name) || g.s.Types[f.Type.Name()].IsAbstractType()) {
			continue
		}
		if head, body, ok := g.field(f, depth); ok {
			parts = append(parts, g.decorate(t, head, body))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "__typename")
	}
	return "{ " + strings.Join(parts, " ") + " }"
}

// field writes f (its alias, name and arguments, then its selection) with
// arguments the generator knows how to fill; false for a field it cannot
// ask for.
func (g *queryGen) field(f *ast.FieldDefinition, depth int) (head, body string, ok bool) {
	// Staff-only fields (@adminScope) answer a customer with an error, and
	// run on gqlgen; the sweep tests cover them.
	if strings.HasPrefix(f.Name, "__") || f.Directives.ForName("adminScope") != nil {
		return "", "", false
	}
	var args []string
	for _, a := range f.Arguments {
		switch {
		case a.Name == "first":
			args = append(args, fmt.Sprintf("first: %d", 1+g.r.IntN(3)))
		case a.Name == "reverse" && g.r.IntN(2) == 0:
			args = append(args, "reverse: true")
		case a.Type.NonNull && a.DefaultValue == nil:
			return "", "", false
		}
	}
	s := f.Name
	if g.r.IntN(5) == 0 {
		g.alias++
		s = fmt.Sprintf("a%d: %s", g.alias, s)
	}
	if len(args) > 0 {
		s += "(" + strings.Join(args, ", ") + ")"
	}
	def := g.s.Types[f.Type.Name()]
	if def.Kind == ast.Scalar || def.Kind == ast.Enum {
		return s, "", true
	}
	if depth >= randomQueryDepth {
		return "", "", false
	}
	return s, " " + g.selection(def, depth+1), true
}

// abstract selects an interface or union through inline fragments on some
// of its types.
func (g *queryGen) abstract(t *ast.Definition, depth int) string {
	parts := []string{"__typename"}
	for _, p := range g.s.GetPossibleTypes(t) {
		if g.r.IntN(2) == 0 {
			parts = append(parts, "... on "+p.Name+" "+g.selection(p, depth))
		}
	}
	return "{ " + strings.Join(parts, " ") + " }"
}

// decorate puts a field behind a directive, an inline fragment or a named
// fragment now and then.
func (g *queryGen) decorate(t *ast.Definition, head, body string) string {
	field := head + body
	switch g.r.IntN(12) {
	case 0:
		return head + " @include(if: $yes)" + body
	case 1:
		return head + " @include(if: $no)" + body
	case 2:
		return head + " @skip(if: $no)" + body
	case 3:
		return "... on " + t.Name + " { " + field + " }"
	case 4:
		name := fmt.Sprintf("F%d", len(g.frags))
		g.frags = append(g.frags, "fragment "+name+" on "+t.Name+" { "+field+" }")
		return "..." + name
	}
	return field
}

// planReasons lists, from the server's log, why gqlgen answered queries.
func planReasons(api *API) string {
	count := map[string]int{}
	for _, line := range strings.Split(api.Logs(), "\n") {
		if _, reason, ok := strings.Cut(line, "read plan: gqlgen answers"); ok {
			count[strings.TrimSpace(reason)]++
		}
	}
	var out []string
	for r, n := range count {
		out = append(out, fmt.Sprintf("%4d %s", n, r))
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

package querylimit

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

const sdl = `
type Query { customer: Customer, nodes(ids: [ID!]!): [Node]! }
type Mutation { upsert(items: [ItemInput!]!): UpsertPayload }
input ItemInput { name: String! }
type UpsertPayload { items: [Item!]!, userErrors: [UserError!]! }
type UserError { message: String! }
interface Node { id: ID! }
type Customer { id: ID!, email: String, orders(first: Int, last: Int): OrderConnection!, tags: [String!]! }
type OrderConnection { nodes: [Order!]!, edges: [OrderEdge!]!, pageInfo: PageInfo! }
type OrderEdge { node: Order!, cursor: String! }
type PageInfo { hasNextPage: Boolean! }
type Order implements Node { id: ID!, name: String!, lines(first: Int = 5): LineConnection!, events: [Event!]! }
type LineConnection { nodes: [Line!]! }
type Line { id: ID!, title: String! }
type Event { status: String! }
type Item implements Node { id: ID! }
`

func schema(t *testing.T) *ast.Schema {
	t.Helper()
	s, err := gqlparser.LoadSchema(&ast.Source{Input: sdl})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func price(t *testing.T, query string, vars map[string]any, lists map[string]int) Price {
	t.Helper()
	s := schema(t)
	doc, errs := gqlparser.LoadQuery(s, query)
	if errs != nil {
		t.Fatalf("%s: %v", query, errs)
	}
	return NewPricer(s, lists).Price(doc.Operations[0], vars)
}

func TestPrice(t *testing.T) {
	for _, c := range []struct {
		query string
		vars  map[string]any
		want  Price
	}{
		// An object costs 1, a scalar 0; every field is a value.
		{`{ customer { id email tags } }`, nil, Price{Cost: 1, Values: 4}},
		// A connection: 2 + its page size × its items.
		{`{ customer { orders(first: 10) { nodes { id } } } }`, nil, Price{Cost: 1 + 2 + 10, Values: 1 + 1 + 1 + 10*2}},
		{`{ customer { orders(last: 3) { edges { cursor node { id } } pageInfo { hasNextPage } } } }`, nil,
			Price{Cost: 1 + 2 + 3*2 + 1, Values: 1 + 1 + (1 + 3*(1+1+2)) + 2}},
		// Page sizes multiply through nesting; an argument's default counts.
		{`{ customer { orders(first: 10) { nodes { lines { nodes { id } } } } } }`, nil,
			Price{Cost: 1 + 2 + 10*(1+2+5), Values: 1 + 1 + 1 + 10*(1+1+1+5*2)}},
		// Variables give page sizes.
		{`query($n: Int) { customer { orders(first: $n) { nodes { id } } } }`, map[string]any{"n": int64(250)}, Price{Cost: 253, Values: 503}},
		// No page size: the largest page.
		{`{ customer { orders { nodes { id } } } }`, nil, Price{Cost: 1 + 2 + PageMax, Values: 3 + 2*PageMax}},
		// A plain list of objects: its known size or DefaultList.
		{`{ customer { orders(first: 1) { nodes { events { status } } } } }`, nil, Price{Cost: 1 + 2 + 1*(1+DefaultList), Values: 2 + (1 + 1*(1+1+DefaultList*2))}},
		// nodes(ids:) holds as many as it is given.
		{`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": []any{"a", "b", "c"}}, Price{Cost: 3, Values: 1 + 3*2}},
		// Fragments and inline fragments count where they are spread.
		{`{ customer { ...C ... on Customer { email } } } fragment C on Customer { orders(first: 2) { nodes { ...O } } } fragment O on Order { id name }`, nil,
			Price{Cost: 1 + 2 + 2, Values: 1 + 1 + 1 + 1 + 2*3}},
		// A mutation field costs 10; its payload's lists hold what it was given.
		{`mutation($items: [ItemInput!]!) { upsert(items: $items) { items { id } userErrors { message } } }`,
			map[string]any{"items": []any{map[string]any{"name": "a"}, map[string]any{"name": "b"}}},
			Price{Cost: 10 + 1 + 2 + 2, Values: 1 + (1 + 2*2) + (1 + 2*2)}},
	} {
		if got := price(t, c.query, c.vars, nil); got != c.want {
			t.Errorf("%s\n got %+v, want %+v", c.query, got, c.want)
		}
	}
	if got := price(t, `{ customer { orders(first: 1) { nodes { events { status } } } } }`, nil, map[string]int{"Order.events": 50}); got.Cost != 1+2+1*(1+50) {
		t.Errorf("known list size: %+v", got)
	}
}

func TestPriceSaturates(t *testing.T) {
	// 250^8 overflows an int64: the price stops at the ceiling.
	q := "{ customer { orders(first: 250) { nodes { lines(first: 250) { nodes { id } } } } } }"
	got := price(t, q, nil, nil)
	if got.Cost <= 0 || got.Values <= 0 {
		t.Errorf("%+v", got)
	}
	if mul(ceiling, ceiling) != ceiling || add(ceiling, ceiling) != ceiling || mul(0, ceiling) != 0 {
		t.Error("saturating arithmetic")
	}
}

func TestShape(t *testing.T) {
	l := Defaults()
	var bomb strings.Builder
	bomb.WriteString("fragment F0 on Customer { id email }\n")
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&bomb, "fragment F%d on Customer { ...F%d ...F%d }\n", i, i-1, i-1)
	}
	bomb.WriteString("{ customer { ...F200 } }")
	for _, c := range []struct {
		name, query, code string
	}{
		{"small", `{ customer { id ...F } } fragment F on Customer { email }`, ""},
		{"fragment bomb: 2^200 fields, counted without expanding", bomb.String(), "MAX_SELECTIONS_EXCEEDED"},
		{"cycle: left to validation", `{ customer { ...A } } fragment A on Customer { ...B } fragment B on Customer { ...A }`, ""},
		{"unknown fragment: left to validation", `{ customer { ...Nope } }`, ""},
		{"depth", "{" + strings.Repeat(" a {", 12) + " b" + strings.Repeat(" }", 12) + " }", "MAX_DEPTH_EXCEEDED"},
		{"depth at the limit", "{" + strings.Repeat(" a {", 11) + " b" + strings.Repeat(" }", 11) + " }", ""},
		{"depth through fragments", "{ a { ...D } } fragment D on T {" + strings.Repeat(" a {", 11) + " b" + strings.Repeat(" }", 11) + " }", "MAX_DEPTH_EXCEEDED"},
		{"introspection is not counted in depth", "{ __schema {" + strings.Repeat(" types {", 20) + " name" + strings.Repeat(" }", 20) + " } }", ""},
		{"aliases", "{ " + strings.Repeat("a: __typename ", l.Aliases+1) + "}", "MAX_ALIASES_EXCEEDED"},
		{"directives", "{ __typename " + strings.Repeat("@skip(if: false) ", l.Directives+1) + "}", "MAX_DIRECTIVES_EXCEEDED"},
		{"fields written in an unused fragment", "{ a } fragment U on T { " + strings.Repeat("b ", l.Selections+1) + "}", "MAX_SELECTIONS_EXCEEDED"},
	} {
		got := ""
		e := Shape(mustParse(t, c.query), l)
		if e != nil {
			got, _ = e.Extensions["code"].(string)
		}
		if got != c.code {
			t.Errorf("%s: got %q, want %q (%v)", c.name, got, c.code, e)
		}
	}
}

func mustParse(t *testing.T, q string) *ast.QueryDocument {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestLimitsValidate(t *testing.T) {
	if errs := Defaults().Validate(); len(errs) != 0 {
		t.Errorf("defaults: %v", errs)
	}
	l := Defaults()
	l.Cost, l.Depth = 0, 1
	if errs := l.Validate(); len(errs) != 2 || !strings.Contains(errs[0], "QUERY_MAX_DEPTH") || !strings.Contains(errs[1], "QUERY_MAX_COST") {
		t.Errorf("%v", errs)
	}
}

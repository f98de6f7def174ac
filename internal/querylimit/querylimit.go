// Package querylimit bounds what one GraphQL request may ask for, before
// anything runs.
//
// Two passes, both linear in the document:
//
//   - Shape, on the parsed document before validation (validation itself is
//     quadratic in some rules, and a document's fragments can spread each
//     other into an exponential tree): the size of every fragment is counted
//     once and reused wherever it is spread, so the document's expanded size,
//     depth, aliases and directives are known without expanding anything.
//     It does not depend on variables, so a document that passed once is not
//     measured again (the query cache holds it).
//   - Cost, on the validated operation with its variables: every field is
//     priced as Shopify prices queries (an object 1, a connection 2 plus its
//     page size times its children, a scalar 0, a mutation field 10), and
//     the number of values the answer can hold is counted the same way, leaves
//     included. The second bounds the response's memory.
//
// A refused request gets one error naming the setting, its value and what
// the request would need, with the code MAX_COST_EXCEEDED (Shopify's) for
// cost and MAX_*_EXCEEDED codes for the shape limits.
package querylimit

import (
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits are the bounds of one request; each is a setting (README,
// "Configuration").
type Limits struct {
	Tokens     int // QUERY_MAX_TOKENS: lexical tokens of the document (the parser stops there)
	Selections int // QUERY_MAX_SELECTIONS: fields of an operation with every fragment spread expanded
	Aliases    int // QUERY_MAX_ALIASES: aliased fields written in the document
	Directives int // QUERY_MAX_DIRECTIVES: directives written in the document
	Depth      int // QUERY_MAX_DEPTH: nesting of fields (introspection not counted)
	Cost       int // QUERY_MAX_COST: Shopify-style cost
	Values     int // QUERY_MAX_VALUES: values the answer can hold, lists multiplied out
}

// Defaults are generous for every storefront document we know (the Hydrogen
// demo store's heaviest, CustomerDetails with 250 orders, uses under a third
// of each; tests/limits_test.go measures them) and keep one request within
// tens of MB of heap.
func Defaults() Limits {
	return Limits{Tokens: 15000, Selections: 1500, Aliases: 200, Directives: 200, Depth: 12, Cost: 50000, Values: 60000}
}

// Validate says which setting cannot work, for start-up.
func (l Limits) Validate() []string {
	var errs []string
	check := func(v, min int, env string) {
		if v < min {
			errs = append(errs, fmt.Sprintf("%s must be at least %d (it is %d)", env, min, v))
		}
	}
	check(l.Tokens, 100, "QUERY_MAX_TOKENS")
	check(l.Selections, 10, "QUERY_MAX_SELECTIONS")
	check(l.Aliases, 0, "QUERY_MAX_ALIASES")
	check(l.Directives, 1, "QUERY_MAX_DIRECTIVES")
	check(l.Depth, 2, "QUERY_MAX_DEPTH")
	check(l.Cost, 10, "QUERY_MAX_COST")
	check(l.Values, 10, "QUERY_MAX_VALUES")
	return errs
}

// Exceeded is the error of a refused request.
func Exceeded(code, setting string, limit, got int, what string) *gqlerror.Error {
	return &gqlerror.Error{
		Message: fmt.Sprintf("The query's %s is %d, over the limit of %d (%s)", what, got, limit, setting),
		Extensions: map[string]any{
			"code": code, "limit": setting, "maxCost": limit, "cost": got,
		},
	}
}

// shape is what a selection set adds up to once expanded.
type shape struct {
	selections int
	depth      int
}

// Shape measures a parsed, not yet validated, document. Unknown or cyclic
// fragments count as empty: validation reports them.
func Shape(doc *ast.QueryDocument, l Limits) *gqlerror.Error {
	fields, aliases, directives := 0, 0, 0
	countDirectives := func(ds ast.DirectiveList) { directives += len(ds) }
	var written func(ast.SelectionSet)
	written = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				fields++
				if s.Alias != "" && s.Alias != s.Name {
					aliases++
				}
				countDirectives(s.Directives)
				written(s.SelectionSet)
			case *ast.InlineFragment:
				countDirectives(s.Directives)
				written(s.SelectionSet)
			case *ast.FragmentSpread:
				countDirectives(s.Directives)
			}
		}
	}
	for _, op := range doc.Operations {
		countDirectives(op.Directives)
		for _, v := range op.VariableDefinitions {
			countDirectives(v.Directives)
		}
		written(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		countDirectives(f.Directives)
		written(f.SelectionSet)
	}
	// Validation reads every fragment, used or not: what is written is
	// bounded as well as what an operation expands to.
	if fields > l.Selections {
		return Exceeded("MAX_SELECTIONS_EXCEEDED", "QUERY_MAX_SELECTIONS", l.Selections, fields, "number of fields written")
	}
	if aliases > l.Aliases {
		return Exceeded("MAX_ALIASES_EXCEEDED", "QUERY_MAX_ALIASES", l.Aliases, aliases, "number of aliases")
	}
	if directives > l.Directives {
		return Exceeded("MAX_DIRECTIVES_EXCEEDED", "QUERY_MAX_DIRECTIVES", l.Directives, directives, "number of directives")
	}

	m := &measurer{doc: doc, memo: map[string]shape{}, busy: map[string]bool{}}
	for _, op := range doc.Operations {
		s := m.set(op.SelectionSet)
		if s.selections > l.Selections {
			return Exceeded("MAX_SELECTIONS_EXCEEDED", "QUERY_MAX_SELECTIONS", l.Selections, s.selections, "number of fields, fragments expanded,")
		}
		if s.depth > l.Depth {
			e := Exceeded("MAX_DEPTH_EXCEEDED", "QUERY_MAX_DEPTH", l.Depth, s.depth, "depth")
			e.Message = fmt.Sprintf("The query is nested %d levels deep; the limit is %d (QUERY_MAX_DEPTH)", s.depth, l.Depth)
			return e
		}
	}
	return nil
}

type measurer struct {
	doc  *ast.QueryDocument
	memo map[string]shape
	busy map[string]bool
}

// saturating addition: an expanded count can exceed an int's range long
// before anything is refused otherwise (2^64 fields from 64 fragments).
const ceiling = 1 << 40

func add(a, b int) int { return min(a+b, ceiling) }

func (m *measurer) set(set ast.SelectionSet) shape {
	var out shape
	for _, sel := range set {
		var s shape
		switch x := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(x.Name, "__") && x.Name != "__typename" {
				// Introspection: bounded by the schema, not counted in depth
				// (GraphiQL's query is deep) but in size.
				inner := m.set(x.SelectionSet)
				s = shape{selections: add(1, inner.selections)}
				break
			}
			inner := m.set(x.SelectionSet)
			s = shape{selections: add(1, inner.selections), depth: 1 + inner.depth}
		case *ast.InlineFragment:
			s = m.set(x.SelectionSet)
		case *ast.FragmentSpread:
			s = m.fragment(x.Name)
		}
		out.selections = add(out.selections, s.selections)
		out.depth = max(out.depth, s.depth)
	}
	return out
}

func (m *measurer) fragment(name string) shape {
	if s, ok := m.memo[name]; ok {
		return s
	}
	def := m.doc.Fragments.ForName(name)
	if def == nil || m.busy[name] {
		return shape{}
	}
	m.busy[name] = true
	s := m.set(def.SelectionSet)
	delete(m.busy, name)
	m.memo[name] = s
	return s
}

package querylimit

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// PageMax is what an unbounded connection is priced at: the largest page
// a connection serves.
const PageMax = 250

// Pricer prices validated operations against one schema.
type Pricer struct {
	schema *ast.Schema
	// lists are the sizes of plain lists of objects that take no page
	// argument ("Type.field"); others count DefaultList.
	lists map[string]int
}

// DefaultList is the assumed length of a list of objects without a page
// argument or a known size: error lists, attributes, tracking numbers.
const DefaultList = 10

// NewPricer prices operations of schema; lists gives known sizes of plain
// lists ("Order.trackingEvents": 50).
func NewPricer(schema *ast.Schema, lists map[string]int) *Pricer {
	return &Pricer{schema: schema, lists: lists}
}

// Price is what an operation asks for.
type Price struct {
	Cost   int // Shopify's measure: objects and connections, page sizes multiplied through
	Values int // every value the answer can hold, leaves included
}

// Check prices op and refuses it over the limits.
func (p *Pricer) Check(op *ast.OperationDefinition, vars map[string]any, l Limits) (Price, *gqlerror.Error) {
	pr := p.Price(op, vars)
	if pr.Cost > l.Cost {
		e := Exceeded("MAX_COST_EXCEEDED", "QUERY_MAX_COST", l.Cost, pr.Cost, "cost")
		e.Message = "Query cost is " + strconv.Itoa(pr.Cost) + ", which exceeds the single query max cost limit (" + strconv.Itoa(l.Cost) + ", QUERY_MAX_COST). Ask for smaller pages (first/last) or fewer fields."
		return pr, e
	}
	if pr.Values > l.Values {
		e := Exceeded("MAX_COST_EXCEEDED", "QUERY_MAX_VALUES", l.Values, pr.Values, "answer size in values")
		e.Message = "The answer could hold " + strconv.Itoa(pr.Values) + " values, over the limit of " + strconv.Itoa(l.Values) + " (QUERY_MAX_VALUES). Ask for smaller pages (first/last) or fewer fields."
		return pr, e
	}
	return pr, nil
}

// Price prices a validated operation with its variables.
func (p *Pricer) Price(op *ast.OperationDefinition, vars map[string]any) Price {
	w := &walk{p: p, vars: vars, memo: map[memoKey]Price{}}
	if op.Operation != ast.Mutation {
		return w.set(op.SelectionSet, 0)
	}
	// Shopify prices a mutation at 10 a root field. A payload's lists hold
	// what the mutation was given (the products upserted, the people
	// invited): their size is that of the field's list argument.
	var out Price
	for _, sel := range op.SelectionSet {
		f, ok := sel.(*ast.Field)
		if !ok || f.Definition == nil {
			continue
		}
		w.payload, w.inputs = f.Definition.Type.Name(), w.inputLen(f)
		w.memo = map[memoKey]Price{}
		pr := w.field(f, 0)
		out.Cost = add(out.Cost, add(10, pr.Cost))
		out.Values = add(out.Values, pr.Values)
	}
	return out
}

// inputLen is the length of a mutation field's list argument, or 0.
func (w *walk) inputLen(f *ast.Field) int {
	for _, a := range f.Arguments {
		if a.Value == nil {
			continue
		}
		if v, err := a.Value.Value(w.vars); err == nil {
			if l, ok := v.([]any); ok {
				return len(l)
			}
		}
	}
	return 0
}

type memoKey struct {
	fragment string
	items    int
}

type walk struct {
	p    *Pricer
	vars map[string]any
	memo map[memoKey]Price
	// payload is the type a mutation field returns, inputs the length of
	// its list argument.
	payload string
	inputs  int
}

// set prices a selection set; items > 0 when it is a connection's, whose
// edges and nodes hold that many items.
func (w *walk) set(set ast.SelectionSet, items int) Price {
	var out Price
	for _, sel := range set {
		var pr Price
		switch s := sel.(type) {
		case *ast.Field:
			pr = w.field(s, items)
		case *ast.InlineFragment:
			pr = w.set(s.SelectionSet, items)
		case *ast.FragmentSpread:
			key := memoKey{s.Name, items}
			cached, ok := w.memo[key]
			if !ok && s.Definition != nil {
				cached = w.set(s.Definition.SelectionSet, items)
				w.memo[key] = cached
			}
			pr = cached
		}
		out.Cost = add(out.Cost, pr.Cost)
		out.Values = add(out.Values, pr.Values)
	}
	return out
}

func (w *walk) field(f *ast.Field, items int) Price {
	if f.Name == "__typename" {
		return Price{Values: 1}
	}
	if f.Definition == nil || strings.HasPrefix(f.Name, "__") {
		// Introspection is bounded by the schema (and counted by Shape).
		return Price{}
	}
	named := w.p.schema.Types[f.Definition.Type.Name()]
	if named == nil || named.Kind == ast.Scalar || named.Kind == ast.Enum {
		return Price{Values: 1}
	}
	list := f.Definition.Type.Elem != nil
	if !list && strings.HasSuffix(named.Name, "Connection") && named.Kind == ast.Object {
		n := w.pageSize(f)
		inner := w.set(f.SelectionSet, n)
		return Price{Cost: add(2, inner.Cost), Values: add(1, inner.Values)}
	}
	if !list {
		inner := w.set(f.SelectionSet, 0)
		return Price{Cost: add(1, inner.Cost), Values: add(1, inner.Values)}
	}
	n := items
	if n == 0 || (f.Name != "edges" && f.Name != "nodes") {
		n = w.listSize(f)
	}
	inner := w.set(f.SelectionSet, 0)
	return Price{
		Cost:   mul(n, add(1, inner.Cost)),
		Values: add(1, mul(n, add(1, inner.Values))),
	}
}

// pageSize is a connection's first or last, its default, or PageMax.
func (w *walk) pageSize(f *ast.Field) int {
	for _, name := range []string{"first", "last"} {
		if n, ok := w.intArg(f, name); ok {
			return n
		}
	}
	return PageMax
}

// listSize is a plain list's first, the number of IDs asked for, its known
// size, or DefaultList.
func (w *walk) listSize(f *ast.Field) int {
	if n, ok := w.intArg(f, "first"); ok {
		return n
	}
	if a := f.Arguments.ForName("ids"); a != nil {
		if v, err := a.Value.Value(w.vars); err == nil {
			if ids, ok := v.([]any); ok {
				return len(ids)
			}
		}
	}
	if w.inputs > 0 && f.ObjectDefinition.Name == w.payload {
		return w.inputs
	}
	if n, ok := w.p.lists[f.ObjectDefinition.Name+"."+f.Name]; ok {
		return n
	}
	return DefaultList
}

// intArg is an integer argument's value: given, from a variable, or its
// default; negative values count as 0 (the resolver refuses them).
func (w *walk) intArg(f *ast.Field, name string) (int, bool) {
	var v any
	if a := f.Arguments.ForName(name); a != nil {
		var err error
		if v, err = a.Value.Value(w.vars); err != nil {
			return 0, false
		}
	} else if d := f.Definition.Arguments.ForName(name); d != nil && d.DefaultValue != nil {
		v, _ = d.DefaultValue.Value(nil)
	}
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
	case int:
		n = int64(x)
	case float64:
		n = int64(x)
	case json.Number:
		var err error
		if n, err = x.Int64(); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	return int(max(0, min(n, ceiling))), true
}

func mul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a > ceiling/b {
		return ceiling
	}
	return min(a*b, ceiling)
}

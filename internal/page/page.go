// Package page implements Relay cursor pagination over a sort column plus
// the row ID (keyset pagination: no OFFSET, stable while rows are added).
package page

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"accountgraph/internal/apperr"
)

// Max is the largest page, as on Shopify.
const Max = 250

// Args are a connection field's arguments.
type Args struct {
	First, Last   *int
	After, Before *string
	Reverse       bool
}

// Cursor is a position in a list sorted by a key.
type Cursor struct {
	Key   string // the sort key the cursor belongs to
	Value string // the sort column's value at the position ("" for ID order)
	ID    int
}

// Encode makes the opaque cursor string.
func (c Cursor) Encode() string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.Key + "\x00" + c.Value + "\x00" + strconv.Itoa(c.ID)))
}

func decode(s, key string) (*Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	parts := strings.Split(string(b), "\x00")
	if err != nil || len(parts) != 3 || parts[0] != key {
		return nil, apperr.BadRequest("invalid cursor")
	}
	id, err := strconv.Atoi(parts[2])
	if err != nil || id <= 0 {
		return nil, apperr.BadRequest("invalid cursor")
	}
	return &Cursor{Key: parts[0], Value: parts[1], ID: id}, nil
}

// Window is a validated request for one page.
type Window struct {
	Key           string
	N             int  // page size
	Backward      bool // `last`: the page ends at the list's end (or at `before`)
	Reverse       bool
	After, Before *Cursor
}

// NewWindow validates the arguments for a list sorted by key.
func NewWindow(a Args, key string) (Window, error) {
	w := Window{Key: key, Reverse: a.Reverse}
	switch {
	case a.First != nil && a.Last != nil:
		return w, apperr.BadRequest("pass either first or last, not both")
	case a.First != nil:
		w.N = *a.First
	case a.Last != nil:
		w.N, w.Backward = *a.Last, true
	default:
		return w, apperr.BadRequest("you must provide one of first or last")
	}
	if w.N < 0 || w.N > Max {
		return w, apperr.BadRequest(fmt.Sprintf("first and last must be between 0 and %d", Max))
	}
	var err error
	if a.After != nil {
		if w.After, err = decode(*a.After, key); err != nil {
			return w, err
		}
	}
	if a.Before != nil {
		if w.Before, err = decode(*a.Before, key); err != nil {
			return w, err
		}
	}
	return w, nil
}

// Column says how to sort by and compare a column. Parse turns a cursor's
// Value back into a database value; nil for ID order.
type Column struct {
	Name  string
	Parse func(string) (any, error)
}

// Limit is how many rows to fetch: one more than the page, to learn
// whether another page follows.
func (w Window) Limit() int { return w.N + 1 }

// Apply adds the cursor bounds and the order to a query's selector. The
// table's alias must be the selector's own table.
func (w Window) Apply(s *sql.Selector, col Column) error {
	if err := w.Where(s, col); err != nil {
		return err
	}
	s.OrderBy(w.OrderTerms(col, s.C)...)
	return nil
}

// Where adds only the cursor bounds.
func (w Window) Where(s *sql.Selector, col Column) error {
	for _, b := range []struct {
		c     *Cursor
		after bool
	}{{w.After, true}, {w.Before, false}} {
		if b.c == nil {
			continue
		}
		// "after" in list order is "greater" unless the list is reversed.
		greater := b.after != w.Reverse
		p, err := w.bound(s, col, b.c, greater)
		if err != nil {
			return err
		}
		s.Where(p)
	}
	return nil
}

// OrderTerms are the ORDER BY terms that fetch the window's rows; qualify
// names column names (s.C, or an identity function for unqualified ones).
func (w Window) OrderTerms(col Column, qualify func(string) string) []string {
	desc := w.Reverse != w.Backward // rows are fetched from the end when Backward
	dir := func(c string) string {
		if desc {
			return sql.Desc(c)
		}
		return sql.Asc(c)
	}
	var terms []string
	if col.Name != "id" {
		terms = append(terms, dir(qualify(col.Name)))
	}
	return append(terms, dir(qualify("id")))
}

// ID identifies the window's arguments, so equal windows share a batch.
func (w Window) ID() string {
	return string(w.AppendID(make([]byte, 0, 32)))
}

// AppendID appends the window's ID to b.
func (w Window) AppendID(b []byte) []byte {
	c := func(c *Cursor) string {
		if c == nil {
			return ""
		}
		return c.Encode()
	}
	// Built with strconv rather than fmt: it runs once per parent per
	// connection, and fmt.Sprintf was 3 % of the history page's CPU.
	b = append(b, w.Key...)
	b = append(b, '|')
	b = strconv.AppendInt(b, int64(w.N), 10)
	b = append(b, '|')
	b = strconv.AppendBool(b, w.Backward)
	b = append(b, '|')
	b = strconv.AppendBool(b, w.Reverse)
	b = append(b, '|')
	b = append(b, c(w.After)...)
	b = append(b, '|')
	b = append(b, c(w.Before)...)
	return b
}

func (w Window) bound(s *sql.Selector, col Column, c *Cursor, greater bool) (*sql.Predicate, error) {
	cmp := sql.LT
	if greater {
		cmp = sql.GT
	}
	if col.Name == "id" {
		return cmp(s.C("id"), c.ID), nil
	}
	v, err := col.Parse(c.Value)
	if err != nil {
		return nil, apperr.BadRequest("invalid cursor")
	}
	return sql.Or(cmp(s.C(col.Name), v), sql.And(sql.EQ(s.C(col.Name), v), cmp(s.C("id"), c.ID))), nil
}

// Page is one page of a list, with a cursor per item.
type Page[T any] struct {
	Items           []T
	HasNextPage     bool
	HasPreviousPage bool

	key      string
	cursorOf func(T) (value string, id int)
}

// Cursor is item i's cursor. It is encoded when asked for: most pages are
// read without their edges.
func (p Page[T]) Cursor(i int) string {
	v, id := p.cursorOf(p.Items[i])
	return Cursor{Key: p.key, Value: v, ID: id}.Encode()
}

// Query reads one page of a root list: run executes the query with mod
// (the window's order and bounds) and limit (one row more than the page,
// to tell whether more follow).
func Query[T any](w Window, col Column, run func(mod func(*sql.Selector), limit int) ([]T, error), cursorOf func(T) (value string, id int)) (Page[T], error) {
	var werr error
	rows, err := run(func(sel *sql.Selector) { werr = w.Apply(sel, col) }, w.Limit())
	if werr != nil {
		return Page[T]{}, werr
	}
	if err != nil {
		return Page[T]{}, err
	}
	return Finish(w, rows, cursorOf), nil
}

// Finish trims the extra row, restores list order for backward pages and
// makes the cursors. cursorOf gives an item's sort value and ID.
func Finish[T any](w Window, rows []T, cursorOf func(T) (value string, id int)) Page[T] {
	more := len(rows) > w.N
	if more {
		rows = rows[:w.N]
	}
	if w.Backward {
		for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
			rows[i], rows[j] = rows[j], rows[i]
		}
	}
	p := Page[T]{Items: rows, key: w.Key, cursorOf: cursorOf}
	if w.Backward {
		p.HasPreviousPage, p.HasNextPage = more, w.Before != nil
	} else {
		p.HasNextPage, p.HasPreviousPage = more, w.After != nil
	}
	return p
}

// Slice pages through a list already in memory (at most a few hundred
// items: a cart's lines, a shipment's lines), given in list order with IDs
// rising along it, as a query with the same window would.
func Slice[T any](w Window, items []T, id func(T) int) Page[T] {
	all := items
	if w.Reverse != w.Backward {
		all = make([]T, len(items))
		for i, it := range items {
			all[len(items)-1-i] = it
		}
	}
	// beyond tells whether a comes after b in the direction of the list.
	beyond := func(a, b int) bool {
		if w.Reverse {
			return a < b
		}
		return a > b
	}
	var rows []T
	for _, it := range all {
		k := id(it)
		if (w.After != nil && !beyond(k, w.After.ID)) || (w.Before != nil && !beyond(w.Before.ID, k)) {
			continue
		}
		if len(rows) == w.Limit() {
			break
		}
		rows = append(rows, it)
	}
	return Finish(w, rows, func(it T) (string, int) { return "", id(it) })
}

// Spec is what a page of children needs: the window, the sort column, the
// cursor value of a row, and optional filters (keyed in FilterKey).
type Spec[T any] struct {
	Window    Window
	Column    Column
	CursorOf  func(T) (string, int)
	Filter    func(*sql.Selector)
	FilterKey string
}

// ByID is the spec of a page of children in ID order (the order they were
// made in), the common case; key names the cursor.
func ByID[T any](args Args, key string, id func(T) int) (Spec[T], error) {
	w, err := NewWindow(args, key)
	if err != nil {
		return Spec[T]{}, err
	}
	return Spec[T]{Window: w, Column: Column{Name: "id"}, CursorOf: func(v T) (string, int) { return "", id(v) }}, nil
}

// NewestFirst is ByID from the newest child (the oldest with reverse).
func NewestFirst[T any](args Args, key string, id func(T) int) (Spec[T], error) {
	args.Reverse = !args.Reverse
	return ByID(args, key, id)
}

// ParseInt and ParseString read an integer or text sort column's cursor
// value (Column.Parse).
func ParseInt(s string) (any, error) { return strconv.Atoi(s) }

// ParseString reads a text sort column's cursor value.
func ParseString(s string) (any, error) { return s, nil }

// ParseTime reads a time sort column's cursor value, as TimeValue writes it.
func ParseTime(s string) (any, error) { return time.Parse(time.RFC3339Nano, s) }

// TimeValue is a time sort column's cursor value.
func TimeValue(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// FromArgs are a connection's arguments as GraphQL gives them.
func FromArgs(first *int, after *string, last *int, before *string, reverse *bool) Args {
	return Args{First: first, After: after, Last: last, Before: before, Reverse: reverse != nil && *reverse}
}

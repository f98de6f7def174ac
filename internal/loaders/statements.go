package loaders

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"entgo.io/ent/dialect/sql"
)

// The text of a narrowed page read depends only on the page's shape (its
// parent column, order and size: no cursor, no filter), the dialect, the
// table, its columns and how many parents it reads; ent's builders made it
// anew for every statement, a sixth of a small page's allocations. Texts
// are kept by that key (a few per deployment: one per page of a document),
// and a statement of a kept shape only binds its parents.

// shapeKey carries a page read's shape from Pages.read to the query that
// builds its statement ("" or absent: build it).
type shapeKey struct{}

// withShape marks ctx's statement as one of the page shape named.
func withShape(ctx context.Context, shape string) context.Context {
	if shape == "" {
		return ctx
	}
	return context.WithValue(ctx, shapeKey{}, shape)
}

type keptText struct {
	text string
	tail []any // the arguments after the parents (constants of the shape)
}

var keptTexts struct {
	sync.Mutex
	m map[string]keptText
}

// statementKey is the key of a statement of ctx's page shape reading parents
// from table: "" when ctx names no shape.
func (l *Loaders) statementKey(ctx context.Context, table string, cols []string, joined []string, parents int) string {
	shape, _ := ctx.Value(shapeKey{}).(string)
	if shape == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(l.db.Dialect())
	b.WriteByte('|')
	b.WriteString(shape)
	b.WriteByte('|')
	b.WriteString(table)
	for _, c := range cols {
		b.WriteByte(',')
		b.WriteString(c)
	}
	b.WriteByte('|')
	for _, c := range joined {
		b.WriteByte(',')
		b.WriteString(c)
	}
	b.WriteByte('|')
	b.WriteString(strconv.Itoa(parents))
	return b.String()
}

// statement returns the kept text of key with parents bound, or builds it
// (and keeps it, for a key).
func statement(key string, parents []int, build func() (string, []any)) (string, []any) {
	if text, args, ok := keptStatement(key, parents); ok {
		return text, args
	}
	text, args := build()
	keepStatement(key, text, args, parents)
	return text, args
}

// keptStatement returns the kept text of key with parents bound.
func keptStatement(key string, parents []int) (string, []any, bool) {
	if key == "" {
		return "", nil, false
	}
	keptTexts.Lock()
	k, ok := keptTexts.m[key]
	keptTexts.Unlock()
	if !ok {
		return "", nil, false
	}
	args := make([]any, 0, len(parents)+len(k.tail))
	for _, p := range parents {
		args = append(args, p)
	}
	return k.text, append(args, k.tail...), true
}

// keepStatement keeps the text of key, built with args, when its first
// arguments are the parents in order (the shape's own constants follow).
func keepStatement(key, text string, args []any, parents []int) {
	if key == "" || len(args) < len(parents) {
		return
	}
	for i, p := range parents {
		if v, ok := args[i].(int); !ok || v != p {
			return
		}
	}
	keptTexts.Lock()
	defer keptTexts.Unlock()
	if len(keptTexts.m) < 1024 {
		put(&keptTexts.m, key, keptText{text, slices.Clone(args[len(parents):])}, 0)
	}
}

// literalEQ is column = value with a constant of the code (never input)
// written into the statement instead of bound. On SQLite a bound constant
// made the same statement, same plan, much slower to run (measured with
// the bench databases, 5,000-10,000 runs each): the history page's shipments
// (status = ?, 40 rows sorted) 45-75 us against 35-43 us, the loyalty
// programme joined to its accounts (id = ?) 28-32 us against 8 us.
func literalEQ(column, value string) *sql.Predicate {
	return sql.P(func(b *sql.Builder) { b.Ident(column).WriteString(" = " + value) })
}

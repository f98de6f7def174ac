package loaders

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/internal/slab"
)

// A narrowed read (see Columns) is built and scanned here rather than by
// ent's query builders: ent scans each column of each row into a holder of
// its own (a sql.NullString, a sql.NullInt64…) before it copies it into the
// entity, a third of a history page's allocations. Here every row is
// scanned into one reused slice of values and set straight into the
// entity's fields. The entities have no client attached (they are read,
// not queried further: Narrowable entities' fields are declared in
// graph/plan_columns.go after reading their code).

// rowReader reads rows of an ent entity E.
type rowReader[E any] struct {
	entity string // its name in Columns
	table  string
	fields map[string]rowField // by column
}

// rowField is one column's place in the entity.
type rowField struct {
	index int
	elem  reflect.Type // for a nullable field (a pointer), what it points to
	json  bool         // stored as JSON
	flat  *flatList    // its decoder when it is a list (not a pointer to one) of flat objects of strings
}

var timeType = reflect.TypeFor[time.Time]()

// newRowReader reads E's fields, known by their columns: ent names a field
// after its column in Go's case (status_key: StatusKey, image_url:
// ImageURL), which fold makes the same.
func newRowReader[E any](entity, table string) *rowReader[E] {
	t := reflect.TypeFor[E]()
	r := &rowReader[E]{entity: entity, table: table, fields: map[string]rowField{}}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Name == "Edges" {
			continue
		}
		rf := rowField{index: i}
		base := f.Type
		if base.Kind() == reflect.Pointer {
			rf.elem = base.Elem()
			base = base.Elem()
		}
		switch base.Kind() {
		case reflect.Slice, reflect.Map, reflect.Array:
			rf.json = true
			if rf.elem == nil {
				rf.flat = flatListOf(base)
			}
		case reflect.Struct:
			rf.json = base != timeType
		}
		r.fields[fold(f.Name)] = rf
	}
	return r
}

// fold is a field's or a column's name without case or underscores.
func fold(name string) string { return strings.ToLower(strings.ReplaceAll(name, "_", "")) }

// read runs sel (which selects cols of r's table) and returns its rows.
func (r *rowReader[E]) read(ctx context.Context, db *ent.Client, sel *entsql.Selector, cols []string) ([]*E, error) {
	return r.readWith(ctx, db, sel, cols, 0, nil)
}

// readWith is read for a statement that selects extra values after cols
// (another entity's, joined), which each is given with its row's entity.
func (r *rowReader[E]) readWith(ctx context.Context, db *ent.Client, sel *entsql.Selector, cols []string, extra int, each func(*E, []any) error) ([]*E, error) {
	fields, err := r.fieldsOf(cols)
	if err != nil {
		return nil, err
	}
	query, args := sel.Query()
	return r.readQuery(ctx, db, query, args, fields, cols, extra, each)
}

// readQuery is readWith for a statement's text and arguments.
func (r *rowReader[E]) readQuery(ctx context.Context, db *ent.Client, query string, args []any, fields []rowField, cols []string, extra int, each func(*E, []any) error) ([]*E, error) {
	rows, err := db.Read(ctx, query, args)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	vals := make([]any, len(cols)+extra)
	dest := make([]any, len(vals))
	var raws []sql.RawBytes // JSON columns' text, only until it is decoded
	for i := range vals {
		dest[i] = &vals[i]
		if i < len(fields) && fields[i].json {
			if raws == nil {
				raws = make([]sql.RawBytes, len(fields))
			}
			dest[i], vals[i] = &raws[i], &raws[i]
		}
	}
	var out []*E
	var ptrs nullables
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		e := new(E)
		if err := r.setAll(e, fields, cols, vals, &ptrs); err != nil {
			return nil, err
		}
		if each != nil {
			if err := each(e, vals[len(cols):]); err != nil {
				return nil, err
			}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// fieldsOf finds the fields of cols.
func (r *rowReader[E]) fieldsOf(cols []string) ([]rowField, error) {
	fields := make([]rowField, len(cols))
	for i, c := range cols {
		f, ok := r.fields[fold(c)]
		if !ok {
			return nil, fmt.Errorf("%s has no column %q", r.table, c)
		}
		fields[i] = f
	}
	return fields, nil
}

// setAll sets e's fields of cols from vals; what nullable fields point to
// comes from ptrs.
func (r *rowReader[E]) setAll(e *E, fields []rowField, cols []string, vals []any, ptrs *nullables) error {
	v := reflect.ValueOf(e).Elem()
	for i, f := range fields {
		if err := f.set(v.Field(f.index), vals[i], ptrs); err != nil {
			return fmt.Errorf("%s.%s: %w", r.table, cols[i], err)
		}
	}
	return nil
}

// set stores a scanned value in a field.
func (f rowField) set(dst reflect.Value, src any, ptrs *nullables) error {
	if src == nil {
		if f.elem == nil && !f.json {
			return fmt.Errorf("NULL in a non-nullable field")
		}
		return nil // a nil pointer, an empty JSON value
	}
	if f.json {
		var b []byte
		switch s := src.(type) {
		case *sql.RawBytes: // the driver's bytes: readQuery's JSON columns
			b = *s
		case []byte:
			b = s
		case string:
			return f.setJSONText(dst, s)
		default:
			return fmt.Errorf("JSON as %T", src)
		}
		if len(b) == 0 {
			return nil
		}
		if f.flat != nil {
			return f.setJSONText(dst, string(b)) // what it decodes are parts of this copy
		}
		return json.Unmarshal(b, dst.Addr().Interface())
	}
	if f.elem != nil {
		p := ptrs.new(f.elem)
		if err := setScalar(p.Elem(), src); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	}
	return setScalar(dst, src)
}

// nullables hands out what the nullable fields of a statement's rows point
// to, from slices of the common kinds: a few allocations a statement rather
// than one a field of a row (a page's lines each point to their variant).
// The values live as long as any of them does: all belong to one request.
type nullables struct {
	strings slab.Slabs[string]
	ints    slab.Slabs[int]
	times   slab.Slabs[time.Time]
}

var (
	stringType = reflect.TypeFor[string]()
	intType    = reflect.TypeFor[int]()
)

// new returns a pointer to a zero t (from n's slices when n is not nil).
func (n *nullables) new(t reflect.Type) reflect.Value {
	if n != nil {
		switch t {
		case stringType:
			return reflect.ValueOf(n.strings.New())
		case intType:
			return reflect.ValueOf(n.ints.New())
		case timeType:
			return reflect.ValueOf(n.times.New())
		}
	}
	return reflect.New(t)
}

// setJSONText sets a JSON field from its text.
func (f rowField) setJSONText(dst reflect.Value, text string) error {
	if len(text) == 0 {
		return nil
	}
	if f.flat != nil && f.flat.decode(text, dst) {
		return nil
	}
	return json.Unmarshal([]byte(text), dst.Addr().Interface())
}

// setScalar stores a driver's value (int64, float64, bool, string, []byte
// or time.Time) in a field of a basic kind or time.Time.
func setScalar(dst reflect.Value, src any) error {
	switch dst.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := src.(int64); ok {
			dst.SetInt(n)
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n, ok := src.(int64); ok && n >= 0 {
			dst.SetUint(uint64(n))
			return nil
		}
	case reflect.Float32, reflect.Float64:
		switch n := src.(type) {
		case float64:
			dst.SetFloat(n)
			return nil
		case int64:
			dst.SetFloat(float64(n))
			return nil
		}
	case reflect.Bool:
		switch b := src.(type) {
		case bool:
			dst.SetBool(b)
			return nil
		case int64:
			dst.SetBool(b != 0)
			return nil
		}
	case reflect.String:
		switch s := src.(type) {
		case string:
			dst.SetString(s)
			return nil
		case []byte:
			dst.SetString(string(s))
			return nil
		}
	case reflect.Struct:
		if t, ok := src.(time.Time); ok && dst.Type() == timeType {
			dst.Set(reflect.ValueOf(t))
			return nil
		}
	}
	return fmt.Errorf("%T into %s", src, dst.Type())
}

// readNarrowed reads rows of r's entity with the request's columns (and
// need) when the request narrowed it: where adds the statement's
// conditions and order. ok is false when the request reads whole rows, which
// the caller then reads through ent.
func readNarrowed[E any](ctx context.Context, l *Loaders, r *rowReader[E], need []string, where func(*entsql.Selector)) (rows []*E, ok bool, err error) {
	cols := l.pick(r.entity, need...)
	if cols == nil {
		return nil, false, nil
	}
	s := narrowSelect(l, r, cols)
	where(s)
	rows, err = r.read(ctx, l.db, s, cols)
	return rows, true, err
}

// narrowSelect selects cols of r's table.
func narrowSelect[E any](l *Loaders, r *rowReader[E], cols []string) *entsql.Selector {
	t := entsql.Dialect(l.db.Dialect()).Table(r.table)
	return entsql.Dialect(l.db.Dialect()).Select(t.Columns(cols...)...).From(t)
}

// narrowPages is a Pages query that reads r's entity narrowed when the
// request narrowed it (need: the loader's own columns), else with whole.
func narrowPages[E any](l *Loaders, r *rowReader[E], parentCol string, need []string,
	whole func(context.Context, func(*entsql.Selector), []int) ([]*E, error)) func(context.Context, func(*entsql.Selector), []int) ([]*E, error) {
	return func(ctx context.Context, mod func(*entsql.Selector), parents []int) ([]*E, error) {
		cols := l.pick(r.entity, need...)
		if cols == nil {
			return whole(ctx, mod, parents)
		}
		fields, err := r.fieldsOf(cols)
		if err != nil {
			return nil, err
		}
		key := l.statementKey(ctx, r.table, cols, nil, len(parents))
		text, args := statement(key, parents, func() (string, []any) {
			s := narrowSelect(l, r, cols)
			s.Where(entsql.InInts(s.C(parentCol), parents...))
			mod(s)
			return s.Query()
		})
		return r.readQuery(ctx, l.db, text, args, fields, cols, 0, nil)
	}
}

// narrowByID is narrowPages for reads by ID (see byID).
func narrowByID[E any](l *Loaders, r *rowReader[E], need []string, whole func(context.Context, []int) ([]*E, error)) func(context.Context, []int) ([]*E, error) {
	return func(ctx context.Context, ids []int) ([]*E, error) {
		rows, ok, err := readNarrowed(ctx, l, r, need, func(s *entsql.Selector) {
			s.Where(entsql.InInts(s.C("id"), ids...))
		})
		if !ok {
			return whole(ctx, ids)
		}
		return rows, err
	}
}

package loaders

import (
	"reflect"
	"strings"
	"unicode/utf8"
)

// A JSON column that holds a list of flat objects of strings (a
// fulfillment's parcels: [{"number":"…","url":"…"}, …]) is decoded here
// rather than by encoding/json when its text is in the plain form both
// databases store: encoding/json's reflection and scanner took more of a
// history page's CPU than reading the fulfillments' rows. Anything else (an
// escape in a string, an unknown or differently cased key, a value that is
// not a string or null) goes to encoding/json, so the result is always
// what json.Unmarshal gives.

// flatList decodes JSON into a slice of structs whose exported fields are
// all string or *string.
type flatList struct {
	typ    reflect.Type         // the slice type
	fields map[string]flatField // by JSON name
	ptrs   int                  // fields that are *string
}

type flatField struct {
	index int
	ptr   bool
}

// flatListOf is t's decoder, nil when t is not a slice of such structs.
func flatListOf(t reflect.Type) *flatList {
	if t.Kind() != reflect.Slice || t.Elem().Kind() != reflect.Struct {
		return nil
	}
	e := t.Elem()
	d := &flatList{typ: t, fields: map[string]flatField{}}
	for i := range e.NumField() {
		f := e.Field(i)
		if !f.IsExported() {
			return nil
		}
		ff := flatField{index: i}
		switch {
		case f.Type.Kind() == reflect.String && f.Type.Name() == "string":
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.String && f.Type.Elem().Name() == "string":
			ff.ptr = true
			d.ptrs++
		default:
			return nil
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || strings.Contains(opts, "string") {
			return nil
		}
		if name == "" {
			name = f.Name
		}
		d.fields[name] = ff
	}
	return d
}

// decode sets dst (a slice of d's type) from the JSON text s and reports
// whether s was in the plain form; when it was not, dst is unchanged. The
// strings decoded are parts of s.
func (d *flatList) decode(s string, dst reflect.Value) bool {
	i := skipSpace(s, 0)
	if i == len(s) || s[i] != '[' {
		return false
	}
	// Capacities from the text: every object opens with a brace outside
	// strings, so this is at least the number of objects.
	n := strings.Count(s, "{")
	out := reflect.MakeSlice(d.typ, n, n)
	k := 0 // objects decoded
	strs := make([]string, 0, n*d.ptrs)
	i = skipSpace(s, i+1)
	if i < len(s) && s[i] == ']' {
		return d.end(s, i+1, out, k, dst)
	}
	for {
		if i == len(s) || s[i] != '{' || k == n {
			return false
		}
		el := out.Index(k)
		k++
		i = skipSpace(s, i+1)
		if i < len(s) && s[i] == '}' {
			i++
		} else {
			for {
				key, j, ok := plainString(s, i)
				if !ok {
					return false
				}
				f, known := d.fields[key]
				if !known {
					return false
				}
				j = skipSpace(s, j)
				if j == len(s) || s[j] != ':' {
					return false
				}
				j = skipSpace(s, j+1)
				if strings.HasPrefix(s[j:], "null") {
					if f.ptr {
						el.Field(f.index).SetZero()
					}
					j += len("null")
				} else {
					v, k, ok := plainString(s, j)
					if !ok || len(strs) == cap(strs) && f.ptr {
						return false
					}
					if f.ptr {
						strs = append(strs, v)
						el.Field(f.index).Set(reflect.ValueOf(&strs[len(strs)-1]))
					} else {
						el.Field(f.index).SetString(v)
					}
					j = k
				}
				j = skipSpace(s, j)
				if j == len(s) {
					return false
				}
				if s[j] == '}' {
					i = j + 1
					break
				}
				if s[j] != ',' {
					return false
				}
				i = skipSpace(s, j+1)
			}
		}
		i = skipSpace(s, i)
		if i == len(s) {
			return false
		}
		if s[i] == ']' {
			return d.end(s, i+1, out, k, dst)
		}
		if s[i] != ',' {
			return false
		}
		i = skipSpace(s, i+1)
	}
}

// end sets dst to the first k of out when nothing but space follows the
// list.
func (d *flatList) end(s string, i int, out reflect.Value, k int, dst reflect.Value) bool {
	if skipSpace(s, i) != len(s) {
		return false
	}
	dst.Set(out)
	dst.SetLen(k)
	return true
}

// plainString reads the string that starts at s[i] when it has no escapes,
// no control characters and valid UTF-8 (which JSON keeps as it is), and
// returns it and the index after its closing quote.
func plainString(s string, i int) (string, int, bool) {
	if i == len(s) || s[i] != '"' {
		return "", 0, false
	}
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '"':
			v := s[i+1 : j]
			if !utf8.ValidString(v) {
				return "", 0, false
			}
			return v, j + 1, true
		case c == '\\' || c < 0x20:
			return "", 0, false
		}
	}
	return "", 0, false
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

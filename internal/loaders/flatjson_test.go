package loaders

import (
	"encoding/json"
	"reflect"
	"testing"

	"accountgraph/ent/schema"
)

// flatSeeds are parcels as both databases store them, and texts the
// decoder must leave to encoding/json.
var flatSeeds = []string{
	`[]`,
	` [ ] `,
	`[{}]`,
	`[{"number":"7023 2100 4488 1","url":"https://example.com/t?n=1"}]`,
	`[{"url": "https://example.com/t", "number": "1Z999"}, {"number": "2"}]`, // PostgreSQL's jsonb text
	`[{"number":null,"url":"u"}]`,
	`[{"number":"ümlaut ✓"}]`,
	`[{"number":"a","number":"b"}]`,
	`[{"number":"a\"b"}]`,
	`[{"number":"a\u0041"}]`,
	`[{"Number":"case"}]`,
	`[{"carrier":"x"}]`,
	`[{"number":1}]`,
	`[null]`,
	`null`,
	`{}`,
	`[{"number":"a"}] x`,
	`[{"number":"a"},]`,
	`[{"number":"a",}]`,
	`[{"number":"a"`,
	`[{"number":"` + "\xff" + `"}]`,
	"[{\"number\":\"tab\there\"}]",
	`[{"number":"{"},{"url":"}"}]`,
}

// TestFlatListMatchesEncodingJSON: whatever the decoder accepts, it
// decodes as json.Unmarshal does; what it refuses, json.Unmarshal decodes
// (or rejects) instead.
func TestFlatListMatchesEncodingJSON(t *testing.T) {
	d := flatListOf(reflect.TypeFor[[]schema.TrackingInfo]())
	if d == nil {
		t.Fatal("no decoder for []schema.TrackingInfo")
	}
	accepted := 0
	for _, s := range flatSeeds {
		if checkFlat(t, d, s) {
			accepted++
		}
	}
	if accepted < 8 {
		t.Errorf("the decoder took %d of the plain texts, want at least 8", accepted)
	}
}

func FuzzFlatList(f *testing.F) {
	for _, s := range flatSeeds {
		f.Add(s)
	}
	d := flatListOf(reflect.TypeFor[[]schema.TrackingInfo]())
	f.Fuzz(func(t *testing.T, s string) { checkFlat(t, d, s) })
}

// checkFlat compares the decoder with json.Unmarshal on s and reports
// whether the decoder took s.
func checkFlat(t *testing.T, d *flatList, s string) bool {
	t.Helper()
	var fast []schema.TrackingInfo
	ok := d.decode(s, reflect.ValueOf(&fast).Elem())
	if !ok {
		if fast != nil {
			t.Errorf("%q: refused but changed the value to %+v", s, fast)
		}
		return false
	}
	var want []schema.TrackingInfo
	if err := json.Unmarshal([]byte(s), &want); err != nil {
		t.Errorf("%q: decoded, but encoding/json rejects it: %v", s, err)
		return true
	}
	if !reflect.DeepEqual(fast, want) {
		t.Errorf("%q: decoded %s, encoding/json %s", s, show(fast), show(want))
	}
	return true
}

func show(v []schema.TrackingInfo) string {
	b, _ := json.Marshal(v)
	if v == nil {
		return "nil"
	}
	return string(b)
}

// TestFlatListOf: only slices of structs of strings have the decoder.
func TestFlatListOf(t *testing.T) {
	for _, c := range []struct {
		typ  reflect.Type
		want bool
	}{
		{reflect.TypeFor[[]schema.TrackingInfo](), true},
		{reflect.TypeFor[[]schema.FulfilledLine](), false}, // ints
		{reflect.TypeFor[schema.TrackingInfo](), false},
		{reflect.TypeFor[[]string](), false},
		{reflect.TypeFor[[]struct {
			A string `json:"a,string"`
		}](), false},
	} {
		if got := flatListOf(c.typ) != nil; got != c.want {
			t.Errorf("flatListOf(%v) = %v, want %v", c.typ, got, c.want)
		}
	}
}

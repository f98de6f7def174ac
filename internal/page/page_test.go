package page

import (
	"fmt"
	"testing"
)

func TestCursorRoundTrip(t *testing.T) {
	c := Cursor{Key: "orders:PROCESSED_AT", Value: "2026-01-01T00:00:00Z", ID: 42}
	got, err := decode(c.Encode(), c.Key)
	if err != nil || *got != c {
		t.Fatalf("decode(encode) = %+v, %v", got, err)
	}
	if _, err := decode(c.Encode(), "orders:ID"); err == nil {
		t.Error("a cursor of another sort order was accepted")
	}
}

func TestNewWindowRejects(t *testing.T) {
	n := func(v int) *int { return &v }
	s := func(v string) *string { return &v }
	for _, a := range []Args{{}, {First: n(1), Last: n(1)}, {First: n(-1)}, {Last: n(251)}, {First: n(1), After: s("!!")}} {
		if _, err := NewWindow(a, "id"); err == nil {
			t.Errorf("NewWindow(%+v) accepted", a)
		}
	}
}

func FuzzDecodeCursor(f *testing.F) {
	f.Add(Cursor{Key: "id", ID: 1}.Encode(), "id")
	f.Add("bm9wZQ", "id")
	f.Fuzz(func(t *testing.T, s, key string) {
		c, err := decode(s, key)
		if err == nil && (c.ID <= 0 || c.Key != key) {
			t.Fatalf("decode(%q) = %+v", s, c)
		}
	})
}

func TestSlice(t *testing.T) {
	items := []int{1, 2, 3, 4, 5}
	id := func(i int) int { return i }
	n := func(v int) *int { return &v }
	page := func(a Args) ([]int, bool, bool) {
		w, err := NewWindow(a, "x")
		if err != nil {
			t.Fatal(err)
		}
		p := Slice(w, items, id)
		return p.Items, p.HasNextPage, p.HasPreviousPage
	}
	cur := func(i int) *string { s := Cursor{Key: "x", ID: i}.Encode(); return &s }
	for _, tc := range []struct {
		args       Args
		want       []int
		next, prev bool
	}{
		{Args{First: n(2)}, []int{1, 2}, true, false},
		{Args{First: n(2), After: cur(2)}, []int{3, 4}, true, true},
		{Args{First: n(2), After: cur(4)}, []int{5}, false, true},
		{Args{Last: n(2)}, []int{4, 5}, false, true},
		{Args{Last: n(2), Before: cur(4)}, []int{2, 3}, true, true},
		{Args{First: n(2), Reverse: true}, []int{5, 4}, true, false},
		{Args{First: n(2), Reverse: true, After: cur(4)}, []int{3, 2}, true, true},
		{Args{First: n(10), After: cur(1), Before: cur(4)}, []int{2, 3}, false, true},
	} {
		got, next, prev := page(tc.args)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) || next != tc.next || prev != tc.prev {
			t.Errorf("%+v: %v next=%v prev=%v, want %v %v %v", tc.args, got, next, prev, tc.want, tc.next, tc.prev)
		}
	}
}

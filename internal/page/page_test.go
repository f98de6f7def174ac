package page

import (
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

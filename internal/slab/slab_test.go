package slab

import "testing"

// TestSlabs: values are zeroed, never shared, and zeroed again by Reset.
func TestSlabs(t *testing.T) {
	var s Slabs[*int]
	seen := map[**int]bool{}
	one := 1
	for n := 1; n < 200; n += 7 {
		vs := s.Take(n)
		if len(vs) != n || cap(vs) != n {
			t.Fatalf("Take(%d): len %d cap %d", n, len(vs), cap(vs))
		}
		for i := range vs {
			if vs[i] != nil || seen[&vs[i]] {
				t.Fatalf("Take(%d)[%d] is not a fresh zero value", n, i)
			}
			seen[&vs[i]] = true
			vs[i] = &one
		}
	}
	if p := s.New(); *p != nil || seen[p] {
		t.Fatal("New: not a fresh zero value")
	}
	size := s.Reset()
	if size < len(seen)*8 {
		t.Fatalf("Reset: %d bytes for %d values", size, len(seen))
	}
	for p := range seen {
		if *p != nil {
			t.Fatal("Reset left a value")
		}
	}
	if vs := s.Take(3); vs[0] != nil || !seen[&vs[0]] {
		t.Fatal("after Reset, Take does not reuse the chunks")
	}
}

// Package slab hands out zeroed values from chunks: a few allocations for
// many small values that live and die together (a request's response tree,
// what a statement's rows point to) instead of one allocation each.
package slab

import "unsafe"

// Slabs hands out zeroed Ts. Values stay where they are until Reset; a
// chunk lives as long as any value in it does. The zero value is ready.
type Slabs[T any] struct {
	chunks [][]T
	cur    int // the chunk taken from
	total  int // elements in all chunks
}

// Take returns n zeroed elements.
func (s *Slabs[T]) Take(n int) []T {
	for ; s.cur < len(s.chunks); s.cur++ {
		c := s.chunks[s.cur]
		if l := len(c); cap(c)-l >= n {
			s.chunks[s.cur] = c[:l+n]
			return c[l : l+n : l+n]
		}
	}
	// Chunks double, so many values take few of them.
	c := make([]T, n, max(n, 32, s.total))
	s.total += cap(c)
	s.chunks = append(s.chunks, c)
	s.cur = len(s.chunks) - 1
	return c[:n:n]
}

// New returns one zeroed element.
func (s *Slabs[T]) New() *T { return &s.Take(1)[0] }

// Reset zeroes what was taken (dropping its pointers) so that the chunks
// serve again, and returns their size in bytes.
func (s *Slabs[T]) Reset() int {
	for i, c := range s.chunks {
		clear(c)
		s.chunks[i] = c[:0]
	}
	s.cur = 0
	var t T
	return s.total * int(unsafe.Sizeof(t))
}

// Package ptr has the two pointer helpers every layer needs, once.
package ptr

// Deref is *p, or T's zero value for nil.
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// To points at a copy of v.
func To[T any](v T) *T { return &v }

// NilIfEmpty is nil for "", else a pointer to s (optional text fields).
func NilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

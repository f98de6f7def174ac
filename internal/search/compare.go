package search

import (
	"time"

	"entgo.io/ent/dialect/sql"
)

// Date reads the term's value as a day (2026-01-31) or a moment (RFC 3339),
// in UTC.
func (t Term) Date() (time.Time, error) {
	tm, err := time.Parse(time.DateOnly, t.Value)
	if err != nil {
		tm, err = time.Parse(time.RFC3339, t.Value)
	}
	return tm.UTC(), err
}

// Compare is the condition the term's operator puts on column col of s:
// `:<`, `:<=`, `:>`, `:>=` compare with v; a plain `field:v` matches the
// range [v, next) (a whole day, or one number).
func (t Term) Compare(s *sql.Selector, col string, v, next any) *sql.Predicate {
	c := s.C(col)
	switch t.Op {
	case ":<":
		return sql.LT(c, v)
	case ":<=":
		return sql.LTE(c, v)
	case ":>":
		return sql.GT(c, v)
	case ":>=":
		return sql.GTE(c, v)
	}
	return sql.And(sql.GTE(c, v), sql.LT(c, next))
}

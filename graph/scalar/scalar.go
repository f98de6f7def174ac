// Package scalar holds the GraphQL scalars whose wire format differs from
// gqlgen's defaults: DateTime (ISO-8601 in UTC, second precision, as Shopify
// sends it) and UnsignedInt64 (a string, so JavaScript loses no precision).
package scalar

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"accountgraph/internal/apperr"
)

// MarshalDateTime writes t as "2006-01-02T15:04:05Z".
func MarshalDateTime(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = w.Write(AppendDateTime(make([]byte, 0, 32), t))
	})
}

// AppendDateTime appends what MarshalDateTime writes to b. The read plan
// writes with it (see plangen: a scalar's AppendX beside its MarshalX).
func AppendDateTime(b []byte, t time.Time) []byte {
	// RFC 3339 has nothing JSON escapes: quotes around it are its JSON.
	b = append(b, '"')
	return append(t.UTC().AppendFormat(b, time.RFC3339), '"')
}

// UnmarshalDateTime reads an RFC 3339 date-time, or a plain date as midnight UTC.
func UnmarshalDateTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, apperr.BadRequest(fmt.Sprintf("DateTime must be a string, got %T", v))
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, apperr.BadRequest("DateTime must be ISO-8601, for example 2026-11-25T10:15:00Z")
}

// MarshalUnsignedInt64 writes n as a decimal string.
func MarshalUnsignedInt64(n uint64) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(strconv.FormatUint(n, 10)))
	})
}

// UnmarshalUnsignedInt64 reads a decimal string or a non-negative integer.
func UnmarshalUnsignedInt64(v any) (uint64, error) {
	switch v := v.(type) {
	case string:
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return 0, apperr.BadRequest("UnsignedInt64 must be a non-negative integer")
		}
		return n, nil
	case int64:
		if v >= 0 {
			return uint64(v), nil
		}
	case int:
		if v >= 0 {
			return uint64(v), nil
		}
	}
	return 0, apperr.BadRequest("UnsignedInt64 must be a non-negative integer")
}

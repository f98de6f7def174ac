package scalar

import (
	"bytes"
	"strconv"
	"testing"
	"time"
)

// TestMarshalDateTime: the JSON string of the time in UTC, to the second.
func TestMarshalDateTime(t *testing.T) {
	for _, in := range []time.Time{
		time.Date(2026, 12, 5, 13, 4, 5, 999, time.UTC),
		time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("EST", -5*3600)),
		{},
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
	} {
		var b bytes.Buffer
		MarshalDateTime(in).MarshalGQL(&b)
		if want := strconv.Quote(in.UTC().Format(time.RFC3339)); b.String() != want {
			t.Errorf("%v: %s, want %s", in, b.String(), want)
		}
	}
}

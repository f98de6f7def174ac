package money

import (
	"fmt"
	"math"
	"testing"
)

func TestParseFormat(t *testing.T) {
	for _, tc := range []struct {
		in, cur string
		minor   int64
		out     string
	}{
		{"19.99", "USD", 1999, "19.99"}, {"20", "USD", 2000, "20.00"}, {"0.5", "EUR", 50, "0.50"},
		{"0", "USD", 0, "0.00"}, {"1500", "JPY", 1500, "1500"}, {"1.234", "KWD", 1234, "1.234"},
		{"7.10", "USD", 710, "7.10"}, {"0.01", "USD", 1, "0.01"}, {"3.000", "USD", 300, "3.00"},
	} {
		got, err := Parse(tc.in, tc.cur)
		if err != nil || got != tc.minor {
			t.Errorf("Parse(%q, %s) = %d, %v", tc.in, tc.cur, got, err)
		}
		if f := Format(got, tc.cur); f != tc.out {
			t.Errorf("Format(%d, %s) = %q", got, tc.cur, f)
		}
	}
	for _, bad := range []string{"", "-1", "1e3", "1.", ".5", "abc", "1,00", "12.345.6", "99999999999999999999", "NaN", "+1"} {
		if _, err := Parse(bad, "USD"); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	if _, err := Parse("1.5", "JPY"); err != ErrPrecision {
		t.Errorf("JPY decimals: %v", err)
	}
	for _, tc := range []struct {
		minor int64
		cur   string
		out   string
	}{
		{-250, "USD", "-2.50"}, {-5, "USD", "-0.05"}, {5, "KWD", "0.005"}, {-1234, "KWD", "-1.234"},
		{-7, "JPY", "-7"}, {math.MinInt64, "JPY", "-9223372036854775808"}, {math.MaxInt64, "USD", "92233720368547758.07"},
	} {
		if f := Format(tc.minor, tc.cur); f != tc.out {
			t.Errorf("Format(%d, %s) = %q, want %q", tc.minor, tc.cur, f, tc.out)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("19.99", "USD")
	f.Fuzz(func(t *testing.T, s, cur string) {
		n, err := Parse(s, cur)
		if err != nil {
			return
		}
		if m, err := Parse(Format(n, cur), cur); err != nil || m != n {
			t.Fatalf("round trip %q -> %d -> %q -> %d %v", s, n, Format(n, cur), m, err)
		}
	})
}

func TestSplit(t *testing.T) {
	for _, c := range []struct {
		total   int64
		weights []int64
		want    []int64
	}{
		{100, []int64{1, 1, 1}, []int64{34, 33, 33}},
		{1000, []int64{500, 1500}, []int64{250, 750}},
		{1, []int64{1, 1}, []int64{1, 0}},
		{999, []int64{1}, []int64{999}},
		{10, []int64{1, 2, 3, 4}, []int64{1, 2, 3, 4}},
	} {
		got := Split(c.total, c.weights)
		var sum int64
		for _, p := range got {
			sum += p
		}
		if sum != c.total || fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("Split(%d, %v) = %v, want %v", c.total, c.weights, got, c.want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	f.Add(int64(100), int64(1), int64(2), int64(3))
	f.Fuzz(func(t *testing.T, total, a, b, c int64) {
		if total < 0 || total > 1<<40 || a < 1 || b < 1 || c < 1 || a > 1<<30 || b > 1<<30 || c > 1<<30 {
			return
		}
		var sum int64
		for _, p := range Split(total, []int64{a, b, c}) {
			if p < 0 {
				t.Fatalf("negative part")
			}
			sum += p
		}
		if sum != total {
			t.Fatalf("Split(%d) adds up to %d", total, sum)
		}
	})
}

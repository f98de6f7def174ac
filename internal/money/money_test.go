package money

import "testing"

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
	if Format(-250, "USD") != "-2.50" {
		t.Error("negative")
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

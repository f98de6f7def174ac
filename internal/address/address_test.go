package address

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCountryCode(t *testing.T) {
	for in, want := range map[string]string{
		"CA": "CA", "ca": "CA", " Canada ": "CA", "united states": "US", "USA": "US", "UK": "GB",
		"Germany": "DE", "Côte d’Ivoire": "CI", "ivory coast": "CI",
	} {
		if got, ok := CountryCode(in); !ok || got != want {
			t.Errorf("CountryCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "XX", "Atlantis", "C"} {
		if got, ok := CountryCode(in); ok {
			t.Errorf("CountryCode(%q) = %q, want not found", in, got)
		}
	}
}

func TestProvinceCode(t *testing.T) {
	for _, tc := range []struct{ country, in, want string }{
		{"US", "california", "CA"}, {"US", "ny", "NY"}, {"CA", "Ontario", "ON"}, {"CA", "qc", "QC"},
		{"AU", "New South Wales", "NSW"}, {"MX", "Jalisco", "JAL"},
	} {
		if got, ok := ProvinceCode(tc.country, tc.in); !ok || got != tc.want {
			t.Errorf("ProvinceCode(%q, %q) = %q, %v", tc.country, tc.in, got, ok)
		}
	}
	if _, ok := ProvinceCode("US", "Ontario"); ok {
		t.Error("Ontario resolved in the US")
	}
}

func TestValidZip(t *testing.T) {
	for _, tc := range []struct {
		country, zip string
		ok           bool
	}{
		{"US", "12345", true}, {"US", "12345-6789", true}, {"US", "1234", false},
		{"CA", "K1A 0B1", true}, {"CA", "k1a0b1", true}, {"CA", "12345", false},
		{"GB", "SW1A 2AA", true}, {"DE", "10117", true}, {"NL", "1234 AB", true}, {"JP", "100-0001", true},
		{"BR", "01310-100", true}, {"BR", "<script>", false},
	} {
		if got := ValidZip(tc.country, tc.zip); got != tc.ok {
			t.Errorf("ValidZip(%q, %q) = %v", tc.country, tc.zip, got)
		}
	}
}

func TestFormatted(t *testing.T) {
	ca := Parts{FirstName: "Ada", LastName: "Lovelace", Company: "Engines Ltd", Address1: "1 Main St", Address2: "Apt 4",
		City: "Ottawa", Province: "Ontario", ProvinceCode: "ON", CountryCode: "CA", Zip: "K1A 0B1"}
	de := Parts{Address1: "Unter den Linden 1", City: "Berlin", CountryCode: "DE", Zip: "10117"}
	gb := Parts{Address1: "10 Downing St", City: "London", CountryCode: "GB", Zip: "SW1A 2AA"}
	for _, tc := range []struct {
		p                     Parts
		withName, withCompany bool
		want                  []string
	}{
		{ca, false, true, []string{"Engines Ltd", "1 Main St", "Apt 4", "Ottawa ON K1A 0B1", "Canada"}},
		{ca, true, false, []string{"Ada Lovelace", "1 Main St", "Apt 4", "Ottawa ON K1A 0B1", "Canada"}},
		{de, true, true, []string{"Unter den Linden 1", "10117 Berlin", "Germany"}},
		{gb, false, true, []string{"10 Downing St", "London", "SW1A 2AA", "United Kingdom"}},
	} {
		if d := cmp.Diff(tc.want, Formatted(tc.p, tc.withName, tc.withCompany)); d != "" {
			t.Errorf("Formatted (-want +got):\n%s", d)
		}
	}
	if got := FormattedArea(ca); got != "Ottawa, ON, Canada" {
		t.Errorf("FormattedArea = %q", got)
	}
	if got := ca.Name(); got != "Ada Lovelace" {
		t.Errorf("Name = %q", got)
	}
}

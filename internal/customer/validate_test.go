package customer

import (
	"strings"
	"testing"
	"unicode/utf8"

	"accountgraph/internal/apperr"
)

func FuzzCheckEmail(f *testing.F) {
	for _, s := range []string{"a@b.co", "Bob <bob@example.com>", "x@localhost", "é@ü.de", "", "a@@b.c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var errs apperr.FieldErrors
		v := checkEmail(&errs, path("email"), s)
		if len(errs) == 0 && (v == "" || len(v) > 254 || !strings.Contains(v, "@") || strings.ContainsAny(v, " <>\x00")) {
			t.Fatalf("checkEmail(%q) accepted %q", s, v)
		}
	})
}

func FuzzCheckPhone(f *testing.F) {
	for _, s := range []string{"+1 (613) 555-0199", "0044 20 7183 8750", "12", "+", "+0123456789"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var errs apperr.FieldErrors
		v := checkPhone(&errs, path("phone"), s, "CA")
		if len(errs) == 0 && !e164.MatchString(v) {
			t.Fatalf("checkPhone(%q) accepted %q", s, v)
		}
	})
}

func FuzzCheckText(f *testing.F) {
	for _, s := range []string{"Ada", "<b>x</b>", "www.spam.example", "a\x00b", strings.Repeat("é", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var errs apperr.FieldErrors
		v := checkText(&errs, path("name"), "Name", s, MaxNameLength, true)
		if len(errs) == 0 && (!utf8.ValidString(v) || utf8.RuneCountInString(v) > MaxNameLength || strings.ContainsRune(v, 0) || htmlTag.MatchString(v)) {
			t.Fatalf("checkText(%q) accepted %q", s, v)
		}
	})
}

func FuzzValidateAddress(f *testing.F) {
	f.Add("150 Elgin St", "Ottawa", "Ontario", "Canada", "K2P 1L4")
	f.Add("1 Infinite Loop", "Cupertino", "ca", "us", "95014")
	f.Fuzz(func(t *testing.T, a1, city, province, country, zip string) {
		a, err := validateAddress(AddressInput{Address1: &a1, City: &city, Province: &province, Country: &country, Zip: &zip})
		if err == nil && (a.Address1 == "" || a.City == "" || a.CountryCode == "" || len(a.CountryCode) != 2) {
			t.Fatalf("accepted an incomplete address: %+v", a)
		}
	})
}

func TestCheckPhone(t *testing.T) {
	for _, c := range []struct {
		in, region, want string
	}{
		{"(613) 555-0123", "CA", "+16135550123"},
		{"613-555-0123", "CA", "+16135550123"},
		{"+1 613 555 0123", "", "+16135550123"},
		{"0016135550123", "", "+16135550123"},
		{"020 7946 0958", "GB", "+442079460958"},
		{"+44 20 7946 0958", "CA", "+442079460958"},
		{"030 123456", "DE", "+4930123456"},
	} {
		var errs apperr.FieldErrors
		if got := checkPhone(&errs, path("phone"), c.in, c.region); got != c.want || len(errs) > 0 {
			t.Errorf("checkPhone(%q, %q) = %q, %v; want %q", c.in, c.region, got, errs, c.want)
		}
	}
	for _, c := range []struct{ in, region, why string }{
		{"613-555-0123", "", "international form"},
		{"12", "CA", "too short"},
		{"+1 613 555 0123 4567 89", "", "too long"},
		{"+999 123 4567", "", "calling code"},
		{"phone me", "CA", "not a phone number"},
	} {
		var errs apperr.FieldErrors
		checkPhone(&errs, path("phone"), c.in, c.region)
		if len(errs) != 1 || !strings.Contains(errs[0].Message, c.why) {
			t.Errorf("checkPhone(%q, %q): %v, want an error saying %q", c.in, c.region, errs, c.why)
		}
	}
}

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
		v := checkPhone(&errs, path("phone"), s)
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

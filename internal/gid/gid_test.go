package gid

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	s := Encode("Customer", 42)
	if s != "gid://accountgraph/Customer/42" {
		t.Fatalf("Encode = %q", s)
	}
	id, err := Decode(s, "Customer")
	if err != nil || id != 42 {
		t.Fatalf("Decode = %d, %v", id, err)
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, s := range []string{
		"", "42", "gid://shopify/Customer/", "gid://other/Customer/1", "gid://accountgraph/Customer/",
		"gid://accountgraph/Customer/0", "gid://accountgraph/Customer/-1",
		"gid://accountgraph/Customer/01", "gid://accountgraph/Customer/1x",
		"gid://accountgraph/Customer/99999999999", "gid://accountgraph/MailingAddress/1",
		"gid://accountgraph//1",
	} {
		if _, err := Decode(s, "Customer"); err == nil {
			t.Errorf("Decode(%q) accepted", s)
		}
	}
}

func TestParseQuery(t *testing.T) {
	typ, id, q, err := Parse("gid://accountgraph/Order/12?key=abc")
	if err != nil || typ != "Order" || id != 12 || q != "key=abc" {
		t.Fatalf("Parse = %q %d %q %v", typ, id, q, err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("gid://accountgraph/Customer/1")
	f.Add("gid://accountgraph/Order/12?key=abc")
	f.Fuzz(func(t *testing.T, s string) {
		typ, id, _, err := Parse(s)
		if err == nil && (id <= 0 || typ == "") {
			t.Fatalf("Parse(%q) = %q %d without error", s, typ, id)
		}
	})
}

func TestShopifyNamespaceNamesTheSameObject(t *testing.T) {
	for _, s := range []string{"gid://shopify/Customer/42", "gid://accountgraph/Customer/42"} {
		if id, err := Decode(s, "Customer"); err != nil || id != 42 {
			t.Errorf("Decode(%q) = %d, %v", s, id, err)
		}
	}
	typ, id, q, err := Parse("gid://shopify/Order/7?key=abc")
	if err != nil || typ != "Order" || id != 7 || q != "key=abc" {
		t.Errorf("Parse = %q %d %q %v", typ, id, q, err)
	}
}

// TestKeyedIDsSurviveBase64InAPath: btoa of a keyed ID never holds '/',
// so a storefront can put it in a URL path; it parses back to the object.
// In either namespace.
func TestKeyedIDsSurviveBase64InAPath(t *testing.T) {
	defer SetNamespace(Ours)
	for _, ns := range []string{Ours, Shopify} {
		if err := SetNamespace(ns); err != nil {
			t.Fatal(err)
		}
		for _, typ := range []string{"Order", "Cart"} {
			for id := 1; id < 2_000_000; id = id*3/2 + 1 {
				s := EncodeKeyed(typ, id, "0123456789abcdef0123456789abcdef")
				if !strings.HasPrefix(s, "gid://"+ns+"/") {
					t.Fatalf("%q is not in namespace %s", s, ns)
				}
				if b := base64.StdEncoding.EncodeToString([]byte(s)); strings.Contains(b, "/") {
					t.Errorf("btoa(%q) = %q", s, b)
				}
				got, n, q, err := Parse(s)
				if err != nil || got != typ || n != id || q != "key=0123456789abcdef0123456789abcdef" {
					t.Errorf("Parse(%q) = %q %d %q %v", s, got, n, q, err)
				}
			}
		}
	}
	if err := SetNamespace("other"); err == nil {
		t.Error("an unknown namespace was accepted")
	}
	// Without a key, IDs stay canonical: no leading zeros.
	if _, err := Decode("gid://accountgraph/Order/012", "Order"); err == nil {
		t.Error("a leading zero without a key was accepted")
	}
}

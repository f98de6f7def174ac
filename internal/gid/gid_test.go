package gid

import "testing"

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

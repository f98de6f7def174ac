// Package gid encodes and decodes global IDs such as
// gid://accountgraph/Customer/123, the opaque IDs every object carries.
package gid

import (
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
)

// The namespaces of the IDs we emit (ID_NAMESPACE). Ours is the default:
// an ID then says which system it belongs to, so a storefront that talks
// to Shopify and to us cannot mistake one system's Product/5 for the
// other's. "shopify" is for storefronts that take IDs apart by Shopify's
// prefix (id.replace("gid://shopify/Customer/", "")). Both are read
// whatever the setting.
const (
	Ours    = "accountgraph"
	Shopify = "shopify"
)

const prefixOurs = "gid://" + Ours + "/"

// prefix is the namespace of emitted IDs: one process serves one shop, so
// it is set once, at start (SetNamespace).
var prefix atomic.Pointer[string]

func init() { SetNamespace(Ours) }

// SetNamespace chooses the namespace of the IDs Encode and EncodeKeyed
// write: Ours or Shopify.
func SetNamespace(ns string) error {
	if ns != Ours && ns != Shopify {
		return errors.New("ID namespace must be " + Ours + " or " + Shopify)
	}
	p := "gid://" + ns + "/"
	prefix.Store(&p)
	return nil
}

// shopifyPrefix is Shopify's namespace. Storefronts written for Shopify
// build some IDs themselves from URLs (the demo store's reset, activation
// and order routes write gid://shopify/Customer/${id}): such an ID names
// the same object as ours.
const shopifyPrefix = "gid://" + Shopify + "/"

// ErrInvalid is returned for an ID that is not a well-formed global ID of
// the expected type.
var ErrInvalid = errors.New("invalid global ID")

// Encode returns the global ID of the object of type typ with the given key.
func Encode(typ string, id int) string {
	return *prefix.Load() + typ + "/" + strconv.Itoa(id)
}

// EncodeKeyed returns the global ID of an object reached with a key (an
// order's status page, a guest's cart): gid://accountgraph/Order/12?key=….
//
// Storefronts put IDs in URLs through base64 (Hydrogen's account recipe
// links to /account/orders/${btoa(order.id)}). In base64 of ASCII text the
// only character that gives '/' is '?' at a position 2 modulo 3, which
// would make the link one path segment too long. The number is then
// written with a leading zero, which moves the '?' one place on; Parse
// reads both spellings as the same object.
func EncodeKeyed(typ string, id int, key string) string {
	p, n := *prefix.Load(), strconv.Itoa(id)
	if (len(p)+len(typ)+1+len(n))%3 == 2 {
		n = "0" + n
	}
	return p + typ + "/" + n + "?key=" + key
}

// Parse splits a global ID into its type, numeric key and query (the part
// after '?', such as an order's status key; "" when absent).
func Parse(s string) (typ string, id int, query string, err error) {
	rest, ok := strings.CutPrefix(s, prefixOurs)
	if !ok {
		rest, ok = strings.CutPrefix(s, shopifyPrefix)
	}
	if !ok || len(s) > 512 {
		return "", 0, "", ErrInvalid
	}
	rest, query, _ = strings.Cut(rest, "?")
	typ, key, ok := strings.Cut(rest, "/")
	if !ok || typ == "" {
		return "", 0, "", ErrInvalid
	}
	// One leading zero is allowed: EncodeKeyed writes it (see there).
	digits := key
	if len(digits) > 1 && digits[0] == '0' && query != "" {
		digits = digits[1:]
	}
	n, err := strconv.ParseUint(digits, 10, 31)
	if err != nil || n == 0 || digits[0] == '0' {
		return "", 0, "", ErrInvalid
	}
	return typ, int(n), query, nil
}

// Decode returns the key of a global ID that must be of type typ.
func Decode(s, typ string) (int, error) {
	t, id, _, err := Parse(s)
	if err != nil || t != typ {
		return 0, ErrInvalid
	}
	return id, nil
}

// Package gid encodes and decodes global IDs such as
// gid://accountgraph/Customer/123, the opaque IDs every object carries.
package gid

import (
	"errors"
	"strconv"
	"strings"
)

const prefix = "gid://accountgraph/"

// shopifyPrefix is Shopify's namespace. Storefronts written for Shopify
// build some IDs themselves from URLs (the demo store's reset, activation
// and order routes write gid://shopify/Customer/${id}): such an ID names
// the same object as ours.
const shopifyPrefix = "gid://shopify/"

// ErrInvalid is returned for an ID that is not a well-formed global ID of
// the expected type.
var ErrInvalid = errors.New("invalid global ID")

// Encode returns the global ID of the object of type typ with the given key.
func Encode(typ string, id int) string {
	return prefix + typ + "/" + strconv.Itoa(id)
}

// Parse splits a global ID into its type, numeric key and query (the part
// after '?', such as an order's status key; "" when absent).
func Parse(s string) (typ string, id int, query string, err error) {
	rest, ok := strings.CutPrefix(s, prefix)
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
	n, err := strconv.ParseUint(key, 10, 31)
	if err != nil || n == 0 || key[0] == '0' {
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

package loaders

import (
	"context"
	"slices"

	"accountgraph/ent/customer"
	"accountgraph/ent/fulfillment"
	"accountgraph/ent/loyaltyentry"
	"accountgraph/ent/mailingaddress"
	"accountgraph/ent/order"
	"accountgraph/ent/orderlineitem"
	"accountgraph/ent/productvariant"
	"accountgraph/ent/wishlist"
	"accountgraph/ent/wishlistline"
)

// Columns narrow the rows of a request's reads: for each entity named in
// Of, the columns the request's fields read (an entity not named is read
// whole). The loaders add the columns they need themselves (IDs, parents,
// cursor columns). Every column costs the driver about a microsecond per row
// read, and the order history's entities have 9 to 34 columns of which a
// page shows a handful, so whole rows were half the time the database took.
//
// The read plan sets them for a query operation from its selections, only
// when it knows every column each selected field reads
// (graph/plan_columns.go); gqlgen's executor, mutations and any request
// outside GraphQL read whole rows.
type Columns struct {
	Of map[string][]string
	// Joins are the object fields ("OrderLineItem.variant") whose objects
	// are read in their parents' statement (see JoinedFields).
	Joins map[string]bool
}

// JoinedFields are the object fields a loader can read with their parents'
// rows, with the entity they return: the lines of an order page or a
// wishlist and their variants in one statement instead of two.
var JoinedFields = map[string]string{"OrderLineItem.variant": "ProductVariant", "WishlistLine.merchandise": "ProductVariant"}

// Narrowable are the entities whose reads can be narrowed, each with its
// check of a column name.
var Narrowable = map[string]func(string) bool{
	"Customer":       customer.ValidColumn,
	"Order":          order.ValidColumn,
	"OrderLineItem":  orderlineitem.ValidColumn,
	"ProductVariant": productvariant.ValidColumn,
	"Fulfillment":    fulfillment.ValidColumn,
	"MailingAddress": mailingaddress.ValidColumn,
	"Wishlist":       wishlist.ValidColumn,
	"WishlistLine":   wishlistline.ValidColumn,
	"LoyaltyEntry":   loyaltyentry.ValidColumn,
}

// Narrow sets the columns of ctx's loaders. It is called before the
// request's first read (rows already read stay as they are).
func Narrow(ctx context.Context, c *Columns) {
	if l, ok := ctx.Value(ctxKey{}).(*Loaders); ok {
		l.narrow = c
	}
}

// pick returns the columns to read of entity: those the request named and
// need, or nil for whole rows.
func (l *Loaders) pick(entity string, need ...string) []string {
	if l.narrow == nil {
		return nil
	}
	cols, ok := l.narrow.Of[entity]
	if !ok {
		return nil
	}
	out := make([]string, 0, len(need)+len(cols))
	out = append(out, need...)
	for _, c := range cols {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// joined tells whether the request reads field's objects with their
// parents (see JoinedFields).
func (l *Loaders) joined(field string) bool { return l.narrow != nil && l.narrow.Joins[field] }

// ColumnsOf is the columns a request reads of entity (with need), nil for
// whole rows: for reads outside the loaders, such as the token's customer.
func ColumnsOf(ctx context.Context, entity string, need ...string) []string {
	if l, ok := ctx.Value(ctxKey{}).(*Loaders); ok {
		return l.pick(entity, need...)
	}
	return nil
}

// Fresh gives ctx new loaders with nothing read or narrowed: for running an
// operation again with whole rows (the read plan's verification and
// fallback).
func Fresh(ctx context.Context) context.Context {
	if l, ok := ctx.Value(ctxKey{}).(*Loaders); ok {
		return context.WithValue(ctx, ctxKey{}, New(l.db))
	}
	return ctx
}

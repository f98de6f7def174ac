package model

import (
	"accountgraph/ent"
	"accountgraph/ent/schema"
	"accountgraph/internal/money"
	"accountgraph/internal/page"
	"accountgraph/internal/ptr"
)

// NewPageInfo is a page's PageInfo, with its first and last cursors.
func NewPageInfo[T any](p page.Page[T]) *PageInfo {
	info := &PageInfo{HasNextPage: p.HasNextPage, HasPreviousPage: p.HasPreviousPage}
	if n := len(p.Items); n > 0 {
		info.StartCursor, info.EndCursor = ptr.To(p.Cursor(0)), ptr.To(p.Cursor(n-1))
	}
	return info
}

// Discounts as both APIs show them (the Storefront API's types, which the
// Customer Account API's are bound to).

// DiscountApplications pages through an order's discounts, which are
// stored with the order (a cursor is the discount's position, from 1).
func DiscountApplications(o *ent.Order, args page.Args) (*DiscountApplicationConnection, error) {
	w, err := page.NewWindow(args, "discounts")
	if err != nil {
		return nil, err
	}
	type item struct {
		pos int
		app schema.DiscountApplication
	}
	all := make([]item, len(o.DiscountApplications))
	for i, a := range o.DiscountApplications {
		all[i] = item{i + 1, a}
	}
	p := page.Slice(w, all, func(it item) int { return it.pos })
	conn := &DiscountApplicationConnection{PageInfo: NewPageInfo(p)}
	for i, it := range p.Items {
		node := NewDiscountApplication(it.app, o.CurrencyCode)
		conn.Nodes = append(conn.Nodes, node)
		conn.Edges = append(conn.Edges, &DiscountApplicationEdge{Cursor: p.Cursor(i), Node: node})
	}
	return conn, nil
}

// NewDiscountApplication maps a stored discount to its GraphQL type.
func NewDiscountApplication(a schema.DiscountApplication, currency string) DiscountApplication {
	var value PricingValue
	if a.Amount != nil {
		value = money.NewV2(*a.Amount, currency)
	} else if a.Percentage != nil {
		value = &PricingPercentageValue{Percentage: *a.Percentage}
	}
	alloc := DiscountApplicationAllocationMethod(a.AllocationMethod)
	sel := DiscountApplicationTargetSelection(a.TargetSelection)
	typ := DiscountApplicationTargetType(a.TargetType)
	if a.Code != "" {
		return &DiscountCodeApplication{Code: a.Code, Applicable: true, AllocationMethod: alloc, TargetSelection: sel, TargetType: typ, Value: value}
	}
	return &ManualDiscountApplication{Title: a.Title, Description: nonEmpty(a.Description), AllocationMethod: alloc, TargetSelection: sel, TargetType: typ, Value: value}
}

// DiscountAllocations maps a line's stored discount allocations.
func DiscountAllocations(list []schema.DiscountAllocation, currency string) []*DiscountAllocation {
	out := make([]*DiscountAllocation, len(list))
	for i, a := range list {
		out[i] = &DiscountAllocation{AllocatedAmount: money.NewV2(a.Amount, currency), DiscountApplication: NewDiscountApplication(a.Application, currency)}
	}
	return out
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

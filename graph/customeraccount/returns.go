package customeraccount

// Returns (schema/customeraccount/returns.graphqls): the Storefront API's
// rules and resolvers, with this API's connection of return line items.

import (
	"context"

	"accountgraph/ent"
	"accountgraph/graph"
	"accountgraph/graph/customeraccount/model"
	sf "accountgraph/graph/model"
)

func (r *Resolver) Return() ReturnResolver {
	return &returnResolver{ReturnResolver: r.Storefront.Return(), r: r}
}

func (r *Resolver) ReturnLineItem() ReturnLineItemResolver { return r.Storefront.ReturnLineItem() }

// returnResolver is the Storefront API's, but for the lines' connection.
type returnResolver struct {
	graph.ReturnResolver
	r *Resolver
}

func (rr *returnResolver) ReturnLineItems(ctx context.Context, obj *ent.OrderReturn, first *int, after *string, last *int, before *string, reverse *bool) (*model.ReturnLineItemTypeConnection, error) {
	p, err := rr.r.Storefront.ReturnLinePage(ctx, obj.ID, pageArgs(first, after, last, before, reverse))
	if err != nil {
		return nil, err
	}
	nodes := make([]model.ReturnLineItemType, len(p.Items))
	for i, l := range p.Items {
		nodes[i] = l
	}
	return &model.ReturnLineItemTypeConnection{Nodes: nodes, PageInfo: pageInfo(p),
		Edges: edges(p, func(c string, l *ent.ReturnLineItem) *model.ReturnLineItemTypeEdge {
			return &model.ReturnLineItemTypeEdge{Cursor: c, Node: l}
		})}, nil
}

func (r *orderResolver) Returns(ctx context.Context, obj *ent.Order, first *int, after *string, last *int, before *string, reverse *bool, sortKey *model.ReturnSortKeys) (*sf.ReturnConnection, error) {
	return r.Storefront.Order().Returns(ctx, obj, first, after, last, before, reverse)
}

func (r *lineItemResolver) ReturnableQuantity(ctx context.Context, obj *ent.OrderLineItem) (int, error) {
	return r.Storefront.OrderLineItem().ReturnableQuantity(ctx, obj)
}

func (r *mutationResolver) OrderRequestReturn(ctx context.Context, orderID string, requestedLineItems []*sf.RequestedLineItemInput) (*sf.OrderRequestReturnPayload, error) {
	return r.Storefront.Mutation().OrderRequestReturn(ctx, token(ctx), orderID, requestedLineItems)
}

package graph

import (
	"accountgraph/ent"
	"accountgraph/ent/orderreturn"
	"accountgraph/graph/model"
	"accountgraph/internal/gid"
	"accountgraph/internal/returns"
	"context"
)

// OrderRequestReturn is the resolver for the orderRequestReturn field.
func (r *mutationResolver) OrderRequestReturn(ctx context.Context, customerAccessToken string, orderID string, requestedLineItems []*model.RequestedLineItemInput) (*model.OrderRequestReturnPayload, error) {
	ret, err := r.Returns.Request(ctx, customerAccessToken, orderID, returnLines(requestedLineItems))
	ue, err := returnErrors(err)
	return &model.OrderRequestReturnPayload{Return: ret, UserErrors: ue}, err
}

// AdminReturnApprove is the resolver for the adminReturnApprove field.
func (r *mutationResolver) AdminReturnApprove(ctx context.Context, returnID string, instructions *string) (*model.AdminReturnPayload, error) {
	return adminReturnPayload(r.Returns.Approve(ctx, returnID, instructions))
}

// AdminReturnDecline is the resolver for the adminReturnDecline field.
func (r *mutationResolver) AdminReturnDecline(ctx context.Context, returnID string, reason orderreturn.DeclineReason, note *string) (*model.AdminReturnPayload, error) {
	return adminReturnPayload(r.Returns.Decline(ctx, returnID, string(reason), note))
}

// AdminReturnReceive is the resolver for the adminReturnReceive field.
func (r *mutationResolver) AdminReturnReceive(ctx context.Context, returnID string, lines []*model.AdminReturnReceiveLineInput) (*model.AdminReturnPayload, error) {
	got := make([]returns.Received, len(lines))
	for i, l := range lines {
		got[i] = returns.Received{ReturnLineItemID: l.ReturnLineItemID, Quantity: l.Quantity}
	}
	return adminReturnPayload(r.Returns.Receive(ctx, returnID, got))
}

// Returns is the resolver for the returns field.
func (r *orderResolver) Returns(ctx context.Context, obj *ent.Order, first *int, after *string, last *int, before *string, reverse *bool) (*model.ReturnConnection, error) {
	return r.returnPage(ctx, obj.ID, pageArgs(first, after, last, before, reverse))
}

// ID is the resolver for the id field.
func (r *orderLineItemResolver) ID(ctx context.Context, obj *ent.OrderLineItem) (string, error) {
	return gid.Encode("LineItem", obj.ID), nil
}

// ReturnableQuantity is the resolver for the returnableQuantity field.
func (r *orderLineItemResolver) ReturnableQuantity(ctx context.Context, obj *ent.OrderLineItem) (int, error) {
	a, err := r.availability(ctx, obj)
	return a.Returnable(), err
}

// AdminReturns is the resolver for the adminReturns field.
func (r *queryResolver) AdminReturns(ctx context.Context, first *int, after *string, last *int, before *string, reverse *bool, status *orderreturn.Status) (*model.ReturnConnection, error) {
	p, err := r.Returns.List(ctx, status, pageArgs(first, after, last, before, reverse))
	if err != nil {
		return nil, err
	}
	return returnConnection(ctx, p), nil
}

// ID is the resolver for the id field.
func (r *returnResolver) ID(ctx context.Context, obj *ent.OrderReturn) (string, error) {
	return gid.Encode("Return", obj.ID), nil
}

// Name is the resolver for the name field.
func (r *returnResolver) Name(ctx context.Context, obj *ent.OrderReturn) (string, error) {
	o, err := r.loaders(ctx).OrderByID.Load(ctx, obj.OrderID)
	if err != nil || o == nil {
		return "", err
	}
	return returns.Name(o, obj), nil
}

// Decline is the resolver for the decline field.
func (r *returnResolver) Decline(ctx context.Context, obj *ent.OrderReturn) (*model.ReturnDecline, error) {
	if obj.DeclineReason == nil {
		return nil, nil
	}
	return &model.ReturnDecline{Reason: *obj.DeclineReason, Note: obj.DeclineNote}, nil
}

// Order is the resolver for the order field.
func (r *returnResolver) Order(ctx context.Context, obj *ent.OrderReturn) (*ent.Order, error) {
	return r.loaders(ctx).OrderByID.Load(ctx, obj.OrderID)
}

// ReturnLineItems is the resolver for the returnLineItems field.
func (r *returnResolver) ReturnLineItems(ctx context.Context, obj *ent.OrderReturn, first *int, after *string, last *int, before *string, reverse *bool) (*model.ReturnLineItemConnection, error) {
	p, err := r.ReturnLinePage(ctx, obj.ID, pageArgs(first, after, last, before, reverse))
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(c string, l *ent.ReturnLineItem) *model.ReturnLineItemEdge {
		return &model.ReturnLineItemEdge{Cursor: c, Node: l}
	})
	return &model.ReturnLineItemConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

// ID is the resolver for the id field.
func (r *returnLineItemResolver) ID(ctx context.Context, obj *ent.ReturnLineItem) (string, error) {
	return gid.Encode("ReturnLineItem", obj.ID), nil
}

// LineItem is the resolver for the lineItem field.
func (r *returnLineItemResolver) LineItem(ctx context.Context, obj *ent.ReturnLineItem) (*ent.OrderLineItem, error) {
	return r.loaders(ctx).LineItemByID.Load(ctx, obj.LineItemID)
}

// Return returns ReturnResolver implementation.
func (r *Resolver) Return() ReturnResolver { return &returnResolver{r} }

// ReturnLineItem returns ReturnLineItemResolver implementation.
func (r *Resolver) ReturnLineItem() ReturnLineItemResolver { return &returnLineItemResolver{r} }

type (
	returnResolver         struct{ *Resolver }
	returnLineItemResolver struct{ *Resolver }
)

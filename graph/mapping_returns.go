package graph

import (
	"context"

	"accountgraph/ent"
	"accountgraph/ent/returnlineitem"
	"accountgraph/graph/model"
	"accountgraph/internal/apperr"
	"accountgraph/internal/page"
	"accountgraph/internal/returns"
)

func returnLines(in []*model.RequestedLineItemInput) []returns.LineRequest {
	out := make([]returns.LineRequest, len(in))
	for i, l := range in {
		reason := string(returnlineitem.ReasonUNKNOWN)
		if l.ReturnReason != nil {
			reason = string(*l.ReturnReason)
		}
		out[i] = returns.LineRequest{LineItemID: l.LineItemID, Quantity: l.Quantity, Reason: reason, CustomerNote: l.CustomerNote}
	}
	return out
}

// returnErrors maps to ReturnUserErrors (both APIs' return payloads).
func returnErrors(err error) ([]*model.ReturnUserError, error) {
	return asErrors(err, func(e apperr.FieldError) *model.ReturnUserError {
		return &model.ReturnUserError{Code: codeOr(e.Code, model.ReturnErrorCodeInvalid), Field: e.Field, Message: e.Message}
	})
}

func adminReturnPayload(r *ent.OrderReturn, err error) (*model.AdminReturnPayload, error) {
	ue, err := returnErrors(err)
	return &model.AdminReturnPayload{Return: r, UserErrors: ue}, err
}

func returnConnection(ctx context.Context, p page.Page[*ent.OrderReturn]) *model.ReturnConnection {
	edges, info := connection(ctx, p, func(c string, r *ent.OrderReturn) *model.ReturnEdge {
		return &model.ReturnEdge{Cursor: c, Node: r}
	})
	return &model.ReturnConnection{Edges: edges, Nodes: p.Items, PageInfo: info}
}

func (r *Resolver) returnPage(ctx context.Context, orderID int, args page.Args) (*model.ReturnConnection, error) {
	spec, err := page.ByID(args, "returns", func(v *ent.OrderReturn) int { return v.ID })
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).ReturnPages.Load(ctx, orderID, spec)
	if err != nil {
		return nil, err
	}
	return returnConnection(ctx, p), nil
}

// ReturnLinePage is a page of a return's lines (the Customer Account API
// maps it to its own connection).
func (r *Resolver) ReturnLinePage(ctx context.Context, returnID int, args page.Args) (page.Page[*ent.ReturnLineItem], error) {
	spec, err := page.ByID(args, "returnlines", func(v *ent.ReturnLineItem) int { return v.ID })
	if err != nil {
		return page.Page[*ent.ReturnLineItem]{}, err
	}
	return r.loaders(ctx).ReturnLinePages.Load(ctx, returnID, spec)
}

// availability is what of an order line may be returned, from the
// request's loaders (the order's shipments, its returns' units, the
// settings), batched over every line of the page.
func (r *Resolver) availability(ctx context.Context, li *ent.OrderLineItem) (returns.Availability, error) {
	l := r.loaders(ctx)
	shipments, err := l.Fulfillments.Load(ctx, li.OrderID)
	if err != nil {
		return returns.Availability{}, err
	}
	units, err := l.ReturnedUnits.Load(ctx, li.OrderID)
	if err != nil {
		return returns.Availability{}, err
	}
	st, err := l.ShopSettings.Load(ctx, 0)
	if err != nil {
		return returns.Availability{}, err
	}
	requested := map[int]int{}
	for _, u := range units {
		if returns.Counts(u.Status) {
			requested[u.LineItemID] += u.Quantity
		}
	}
	return returns.Available(li.ID, shipments, requested, r.Returns.Clock(), returns.WindowDays(st)), nil
}

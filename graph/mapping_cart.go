package graph

import (
	"context"

	"accountgraph/ent"
	"accountgraph/ent/schema"
	"accountgraph/graph/model"
	"accountgraph/internal/apperr"
	"accountgraph/internal/cart"
	"accountgraph/internal/money"
	"accountgraph/internal/page"
	"accountgraph/internal/ptr"
)

// cartErrors maps to a cart payload's userErrors.
func cartErrors(err error) ([]*model.CartUserError, error) {
	return asErrors(err, func(e apperr.FieldError) *model.CartUserError {
		return &model.CartUserError{Code: codeOr(e.Code, model.CartErrorCodeInvalid), Field: e.Field, Message: e.Message}
	})
}

// cartResult splits a cart change into the payload's parts.
func cartResult(res *cart.Result, err error) (*ent.Cart, []*model.CartUserError, []*model.CartWarning, error) {
	ue, err := cartErrors(err)
	warnings := []*model.CartWarning{}
	if err != nil || len(ue) > 0 || res == nil {
		return nil, ue, warnings, err
	}
	for _, w := range res.Warnings {
		warnings = append(warnings, &model.CartWarning{Code: model.CartWarningCode(w.Code), Message: w.Message, Target: w.Target})
	}
	return res.Cart, ue, warnings, nil
}

func attributes(in []*model.AttributeInput) []schema.Attribute {
	if in == nil {
		return nil
	}
	out := make([]schema.Attribute, len(in))
	for i, a := range in {
		out[i] = schema.Attribute{Key: a.Key, Value: a.Value}
	}
	return out
}

func cartLines(in []*model.CartLineInput) []cart.LineInput {
	out := make([]cart.LineInput, len(in))
	for i, l := range in {
		q := 1
		if l.Quantity != nil {
			q = *l.Quantity
		}
		out[i] = cart.LineInput{VariantID: l.MerchandiseID, Quantity: q, Attributes: attributes(l.Attributes)}
	}
	return out
}

func cartBuyer(in *model.CartBuyerIdentityInput) *cart.Buyer {
	if in == nil {
		return nil
	}
	b := &cart.Buyer{CustomerAccessToken: in.CustomerAccessToken, Email: in.Email, Phone: in.Phone}
	if in.CountryCode != nil {
		b.CountryCode = ptr.To(string(*in.CountryCode))
	}
	return b
}

// lineCost is a cart line's cost at the variant's current price.
func lineCost(l *ent.CartLine) *model.CartLineCost {
	v := l.Edges.Variant
	unit := money.NewV2(v.Price, v.CurrencyCode)
	total := money.NewV2(v.Price*int64(l.Quantity), v.CurrencyCode)
	return &model.CartLineCost{AmountPerQuantity: unit, CompareAtAmountPerQuantity: v.CompareAtPriceMoney(), SubtotalAmount: total, TotalAmount: total}
}

// cartCost adds up a cart's lines at current prices.
func (r *Resolver) cartCost(ctx context.Context, c *ent.Cart) (*model.CartCost, error) {
	lines, err := r.loaders(ctx).CartLines.Load(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	currency := r.Carts.Currency
	var sum int64
	for i, l := range lines {
		if i == 0 {
			currency = l.Edges.Variant.CurrencyCode
		}
		sum += l.Edges.Variant.Price * int64(l.Quantity)
	}
	m := money.NewV2(sum, currency)
	return &model.CartCost{CheckoutChargeAmount: m, SubtotalAmount: m, TotalAmount: m}, nil
}

// cartLinePage pages through a cart's lines (at most 250, loaded at once).
func (r *Resolver) cartLinePage(ctx context.Context, c *ent.Cart, args page.Args) (*model.BaseCartLineConnection, error) {
	w, err := page.NewWindow(args, "cartlines")
	if err != nil {
		return nil, err
	}
	lines, err := r.loaders(ctx).CartLines.Load(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	p := page.Slice(w, lines, func(l *ent.CartLine) int { return l.ID })
	conn := &model.BaseCartLineConnection{PageInfo: pageInfo(p), Nodes: []model.BaseCartLine{}, Edges: []*model.BaseCartLineEdge{}}
	for i, l := range p.Items {
		conn.Nodes = append(conn.Nodes, l)
		conn.Edges = append(conn.Edges, &model.BaseCartLineEdge{Cursor: p.Cursor(i), Node: l})
	}
	return conn, nil
}

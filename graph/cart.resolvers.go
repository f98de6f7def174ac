package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/cart"
	"context"
)

// CheckoutURL is the resolver for the checkoutUrl field.
func (r *cartResolver) CheckoutURL(ctx context.Context, obj *ent.Cart) (string, error) {
	return r.Carts.CheckoutURL(obj), nil
}

// Lines is the resolver for the lines field.
func (r *cartResolver) Lines(ctx context.Context, obj *ent.Cart, first *int, after *string, last *int, before *string, reverse *bool) (*model.BaseCartLineConnection, error) {
	return r.cartLinePage(ctx, obj, pageArgs(first, after, last, before, reverse))
}

// TotalQuantity is the resolver for the totalQuantity field.
func (r *cartResolver) TotalQuantity(ctx context.Context, obj *ent.Cart) (int, error) {
	lines, err := r.loaders(ctx).CartLines.Load(ctx, obj.ID)
	n := 0
	for _, l := range lines {
		n += l.Quantity
	}
	return n, err
}

// Cost is the resolver for the cost field.
func (r *cartResolver) Cost(ctx context.Context, obj *ent.Cart) (*model.CartCost, error) {
	return r.cartCost(ctx, obj)
}

// BuyerIdentity is the resolver for the buyerIdentity field.
func (r *cartResolver) BuyerIdentity(ctx context.Context, obj *ent.Cart) (*model.CartBuyerIdentity, error) {
	b := &model.CartBuyerIdentity{Email: obj.BuyerEmail, Phone: obj.BuyerPhone}
	if obj.CountryCode != nil {
		c := model.CountryCode(*obj.CountryCode)
		b.CountryCode = &c
	}
	// The customer is not shown through a cart: whoever holds a cart's ID
	// is not thereby the customer. Read the customer with `customer`.
	return b, nil
}

// DiscountCodes is the resolver for the discountCodes field.
func (r *cartResolver) DiscountCodes(ctx context.Context, obj *ent.Cart) ([]*model.CartDiscountCode, error) {
	out := []*model.CartDiscountCode{}
	for _, c := range obj.DiscountCodes {
		out = append(out, &model.CartDiscountCode{Code: c, Applicable: false})
	}
	return out, nil
}

// Merchandise is the resolver for the merchandise field.
func (r *cartLineResolver) Merchandise(ctx context.Context, obj *ent.CartLine) (model.Merchandise, error) {
	return obj.Edges.Variant, nil
}

// Cost is the resolver for the cost field.
func (r *cartLineResolver) Cost(ctx context.Context, obj *ent.CartLine) (*model.CartLineCost, error) {
	return lineCost(obj), nil
}

// Cart is the resolver for the cart field.
func (r *customerResolver) Cart(ctx context.Context, obj *ent.Customer) (*ent.Cart, error) {
	return r.loaders(ctx).OpenCart.Load(ctx, obj.ID)
}

// CartCreate is the resolver for the cartCreate field.
func (r *mutationResolver) CartCreate(ctx context.Context, input *model.CartInput) (*model.CartCreatePayload, error) {
	in := cart.CreateInput{}
	if input != nil {
		in = cart.CreateInput{Lines: cartLines(input.Lines), Buyer: cartBuyer(input.BuyerIdentity), Note: input.Note,
			Attributes: attributes(input.Attributes), DiscountCodes: input.DiscountCodes}
	}
	c, ue, w, err := cartResult(r.Carts.Create(ctx, in))
	return &model.CartCreatePayload{Cart: c, UserErrors: ue, Warnings: w}, err
}

// CartLinesAdd is the resolver for the cartLinesAdd field.
func (r *mutationResolver) CartLinesAdd(ctx context.Context, cartID string, lines []*model.CartLineInput) (*model.CartLinesAddPayload, error) {
	c, ue, w, err := cartResult(r.Carts.AddLines(ctx, cartID, cartLines(lines)))
	return &model.CartLinesAddPayload{Cart: c, UserErrors: ue, Warnings: w}, err
}

// CartLinesUpdate is the resolver for the cartLinesUpdate field.
func (r *mutationResolver) CartLinesUpdate(ctx context.Context, cartID string, lines []*model.CartLineUpdateInput) (*model.CartLinesUpdatePayload, error) {
	updates := make([]cart.LineUpdate, len(lines))
	for i, l := range lines {
		updates[i] = cart.LineUpdate{LineID: l.ID, VariantID: l.MerchandiseID, Quantity: l.Quantity, Attributes: attributes(l.Attributes)}
	}
	c, ue, w, err := cartResult(r.Carts.UpdateLines(ctx, cartID, updates))
	return &model.CartLinesUpdatePayload{Cart: c, UserErrors: ue, Warnings: w}, err
}

// CartLinesRemove is the resolver for the cartLinesRemove field.
func (r *mutationResolver) CartLinesRemove(ctx context.Context, cartID string, lineIds []string) (*model.CartLinesRemovePayload, error) {
	c, ue, w, err := cartResult(r.Carts.RemoveLines(ctx, cartID, lineIds))
	return &model.CartLinesRemovePayload{Cart: c, UserErrors: ue, Warnings: w}, err
}

// CartBuyerIdentityUpdate is the resolver for the cartBuyerIdentityUpdate field.
func (r *mutationResolver) CartBuyerIdentityUpdate(ctx context.Context, cartID string, buyerIdentity model.CartBuyerIdentityInput) (*model.CartBuyerIdentityUpdatePayload, error) {
	c, ue, w, err := cartResult(r.Carts.UpdateBuyer(ctx, cartID, *cartBuyer(&buyerIdentity)))
	return &model.CartBuyerIdentityUpdatePayload{Cart: c, UserErrors: ue, Warnings: w}, err
}

// CartNoteUpdate is the resolver for the cartNoteUpdate field.
func (r *mutationResolver) CartNoteUpdate(ctx context.Context, cartID string, note string) (*model.CartNoteUpdatePayload, error) {
	c, ue, w, err := cartResult(r.Carts.UpdateNote(ctx, cartID, note))
	return &model.CartNoteUpdatePayload{Cart: c, UserErrors: ue, Warnings: w}, err
}

// Cart is the resolver for the cart field.
func (r *queryResolver) Cart(ctx context.Context, id string) (*ent.Cart, error) {
	return r.Carts.ByID(ctx, id)
}

// Cart returns CartResolver implementation.
func (r *Resolver) Cart() CartResolver { return &cartResolver{r} }

// CartLine returns CartLineResolver implementation.
func (r *Resolver) CartLine() CartLineResolver { return &cartLineResolver{r} }

type (
	cartResolver     struct{ *Resolver }
	cartLineResolver struct{ *Resolver }
)

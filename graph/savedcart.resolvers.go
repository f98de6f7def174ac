package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"context"
)

// SavedCarts is the resolver for the savedCarts field.
func (r *customerResolver) SavedCarts(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool) (*model.SavedCartConnection, error) {
	return r.savedCartPage(ctx, obj, pageArgs(first, after, last, before, reverse))
}

// SavedForLater is the resolver for the savedForLater field.
func (r *customerResolver) SavedForLater(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool) (*model.SavedCartLineConnection, error) {
	id, err := r.SavedCartService.LaterListID(ctx, obj.ID)
	if err != nil {
		return nil, err
	}
	return r.savedLinePage(ctx, id, pageArgs(first, after, last, before, reverse))
}

// SavedCartCreate is the resolver for the savedCartCreate field.
func (r *mutationResolver) SavedCartCreate(ctx context.Context, customerAccessToken string, cartID string, name string) (*model.SavedCartPayload, error) {
	return savedCartPayload(r.SavedCartService.Create(ctx, customerAccessToken, cartID, name))
}

// SavedCartRename is the resolver for the savedCartRename field.
func (r *mutationResolver) SavedCartRename(ctx context.Context, customerAccessToken string, savedCartID string, name string) (*model.SavedCartPayload, error) {
	return savedCartPayload(r.SavedCartService.Rename(ctx, customerAccessToken, savedCartID, name))
}

// SavedCartDelete is the resolver for the savedCartDelete field.
func (r *mutationResolver) SavedCartDelete(ctx context.Context, customerAccessToken string, savedCartID string) (*model.SavedCartDeletePayload, error) {
	id, err := r.SavedCartService.Delete(ctx, customerAccessToken, savedCartID)
	cue, _, err := userErrors(err)
	p := &model.SavedCartDeletePayload{CustomerUserErrors: cue}
	if id != "" && len(cue) == 0 {
		p.DeletedSavedCartID = &id
	}
	return p, err
}

// SavedCartRestore is the resolver for the savedCartRestore field.
func (r *mutationResolver) SavedCartRestore(ctx context.Context, customerAccessToken string, savedCartID string) (*model.CartFromSavedPayload, error) {
	c, ws, err := r.SavedCartService.Restore(ctx, customerAccessToken, savedCartID)
	return r.cartFromSaved(ctx, c, ws, err)
}

// CartLinesSaveForLater is the resolver for the cartLinesSaveForLater field.
func (r *mutationResolver) CartLinesSaveForLater(ctx context.Context, customerAccessToken string, cartID string, lineIds []string) (*model.CartLinesSaveForLaterPayload, error) {
	return laterPayload(r.SavedCartService.SaveForLater(ctx, customerAccessToken, cartID, lineIds))
}

// SavedForLaterMoveToCart is the resolver for the savedForLaterMoveToCart field.
func (r *mutationResolver) SavedForLaterMoveToCart(ctx context.Context, customerAccessToken string, lineIds []string, cartID string) (*model.CartLinesSaveForLaterPayload, error) {
	return laterPayload(r.SavedCartService.MoveToCart(ctx, customerAccessToken, lineIds, cartID))
}

// OrderReorder is the resolver for the orderReorder field.
func (r *mutationResolver) OrderReorder(ctx context.Context, customerAccessToken string, orderID string) (*model.CartFromSavedPayload, error) {
	c, ws, err := r.SavedCartService.Reorder(ctx, customerAccessToken, orderID)
	return r.cartFromSaved(ctx, c, ws, err)
}

// Lines is the resolver for the lines field.
func (r *savedCartResolver) Lines(ctx context.Context, obj *ent.SavedCart, first *int, after *string, last *int, before *string, reverse *bool) (*model.SavedCartLineConnection, error) {
	return r.savedLinePage(ctx, obj.ID, pageArgs(first, after, last, before, reverse))
}

// Merchandise is the resolver for the merchandise field.
func (r *savedCartLineResolver) Merchandise(ctx context.Context, obj *ent.SavedCartLine) (*ent.ProductVariant, error) {
	return r.loaders(ctx).VariantByID.Load(ctx, obj.VariantID)
}

// SavedCart returns SavedCartResolver implementation.
func (r *Resolver) SavedCart() SavedCartResolver { return &savedCartResolver{r} }

// SavedCartLine returns SavedCartLineResolver implementation.
func (r *Resolver) SavedCartLine() SavedCartLineResolver { return &savedCartLineResolver{r} }

type (
	savedCartResolver     struct{ *Resolver }
	savedCartLineResolver struct{ *Resolver }
)

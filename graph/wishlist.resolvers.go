package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/wishlist"
	"context"
)

// Wishlists is the resolver for the wishlists field.
func (r *customerResolver) Wishlists(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool) (*model.WishlistConnection, error) {
	return r.wishlistPage(ctx, obj, pageArgs(first, after, last, before, reverse))
}

// Wishlist is the resolver for the wishlist field.
func (r *customerResolver) Wishlist(ctx context.Context, obj *ent.Customer, id string) (*ent.Wishlist, error) {
	return r.WishlistService.ByID(ctx, obj, id)
}

// WishlistCreate is the resolver for the wishlistCreate field.
func (r *mutationResolver) WishlistCreate(ctx context.Context, customerAccessToken string, name string) (*model.WishlistPayload, error) {
	return wishlistPayload(r.WishlistService.Create(ctx, customerAccessToken, name))
}

// WishlistUpdate is the resolver for the wishlistUpdate field.
func (r *mutationResolver) WishlistUpdate(ctx context.Context, customerAccessToken string, wishlistID string, name *string, showOwnerName *bool) (*model.WishlistPayload, error) {
	return wishlistPayload(r.WishlistService.Update(ctx, customerAccessToken, wishlistID, name, showOwnerName))
}

// WishlistDelete is the resolver for the wishlistDelete field.
func (r *mutationResolver) WishlistDelete(ctx context.Context, customerAccessToken string, wishlistID string) (*model.WishlistDeletePayload, error) {
	id, err := r.WishlistService.Delete(ctx, customerAccessToken, wishlistID)
	cue, _, err := userErrors(err)
	p := &model.WishlistDeletePayload{CustomerUserErrors: cue}
	if id != "" {
		p.DeletedWishlistID = &id
	}
	return p, err
}

// WishlistLinesAdd is the resolver for the wishlistLinesAdd field.
func (r *mutationResolver) WishlistLinesAdd(ctx context.Context, customerAccessToken string, wishlistID *string, lines []*model.WishlistLineInput) (*model.WishlistPayload, error) {
	in := make([]wishlist.LineInput, len(lines))
	for i, l := range lines {
		q := 1
		if l.Quantity != nil {
			q = *l.Quantity
		}
		in[i] = wishlist.LineInput{VariantID: l.MerchandiseID, Quantity: q, Note: l.Note}
	}
	return wishlistPayload(r.WishlistService.AddLines(ctx, customerAccessToken, wishlistID, in))
}

// WishlistLinesUpdate is the resolver for the wishlistLinesUpdate field.
func (r *mutationResolver) WishlistLinesUpdate(ctx context.Context, customerAccessToken string, wishlistID string, lines []*model.WishlistLineUpdateInput) (*model.WishlistPayload, error) {
	in := make([]wishlist.LineUpdate, len(lines))
	for i, l := range lines {
		in[i] = wishlist.LineUpdate{LineID: l.ID, Quantity: l.Quantity, Note: l.Note}
	}
	return wishlistPayload(r.WishlistService.UpdateLines(ctx, customerAccessToken, wishlistID, in))
}

// WishlistLinesRemove is the resolver for the wishlistLinesRemove field.
func (r *mutationResolver) WishlistLinesRemove(ctx context.Context, customerAccessToken string, wishlistID string, lineIds []string) (*model.WishlistPayload, error) {
	return wishlistPayload(r.WishlistService.RemoveLines(ctx, customerAccessToken, wishlistID, lineIds))
}

// WishlistShare is the resolver for the wishlistShare field.
func (r *mutationResolver) WishlistShare(ctx context.Context, customerAccessToken string, wishlistID string) (*model.WishlistPayload, error) {
	return wishlistPayload(r.WishlistService.Share(ctx, customerAccessToken, wishlistID))
}

// WishlistUnshare is the resolver for the wishlistUnshare field.
func (r *mutationResolver) WishlistUnshare(ctx context.Context, customerAccessToken string, wishlistID string) (*model.WishlistPayload, error) {
	return wishlistPayload(r.WishlistService.Unshare(ctx, customerAccessToken, wishlistID))
}

// WishlistLinesMoveToCart is the resolver for the wishlistLinesMoveToCart field.
func (r *mutationResolver) WishlistLinesMoveToCart(ctx context.Context, customerAccessToken string, wishlistID string, lineIds []string, cartID string) (*model.WishlistLinesMoveToCartPayload, error) {
	w, c, err := r.WishlistService.MoveToCart(ctx, customerAccessToken, wishlistID, lineIds, cartID, r.Carts)
	cue, _, err := userErrors(err)
	return &model.WishlistLinesMoveToCartPayload{Wishlist: w, Cart: c, CustomerUserErrors: cue}, err
}

// SharedWishlist is the resolver for the sharedWishlist field.
func (r *queryResolver) SharedWishlist(ctx context.Context, shareToken string) (*model.SharedWishlist, error) {
	w, owner, err := r.WishlistService.Shared(ctx, shareToken)
	if err != nil || w == nil {
		return nil, err
	}
	sw := &model.SharedWishlist{Name: w.Name, WishlistID: w.ID}
	if owner != nil {
		sw.OwnerFirstName = owner.FirstName
	}
	return sw, nil
}

// Lines is the resolver for the lines field.
func (r *sharedWishlistResolver) Lines(ctx context.Context, obj *model.SharedWishlist, first *int, after *string, last *int, before *string, reverse *bool) (*model.WishlistLineConnection, error) {
	return r.wishlistLinePage(ctx, obj.WishlistID, pageArgs(first, after, last, before, reverse))
}

// ShareURL is the resolver for the shareUrl field.
func (r *wishlistResolver) ShareURL(ctx context.Context, obj *ent.Wishlist) (*string, error) {
	return r.WishlistService.ShareURL(obj), nil
}

// Lines is the resolver for the lines field.
func (r *wishlistResolver) Lines(ctx context.Context, obj *ent.Wishlist, first *int, after *string, last *int, before *string, reverse *bool) (*model.WishlistLineConnection, error) {
	return r.wishlistLinePage(ctx, obj.ID, pageArgs(first, after, last, before, reverse))
}

// Merchandise is the resolver for the merchandise field.
func (r *wishlistLineResolver) Merchandise(ctx context.Context, obj *ent.WishlistLine) (*ent.ProductVariant, error) {
	return r.loaders(ctx).VariantByID.Load(ctx, obj.VariantID)
}

// PriceDropped is the resolver for the priceDropped field.
func (r *wishlistLineResolver) PriceDropped(ctx context.Context, obj *ent.WishlistLine) (bool, error) {
	v, err := r.loaders(ctx).VariantByID.Load(ctx, obj.VariantID)
	return err == nil && v != nil && v.CurrencyCode == obj.CurrencyCode && v.Price < obj.PriceWhenAdded, err
}

// SharedWishlist returns SharedWishlistResolver implementation.
func (r *Resolver) SharedWishlist() SharedWishlistResolver { return &sharedWishlistResolver{r} }

// Wishlist returns WishlistResolver implementation.
func (r *Resolver) Wishlist() WishlistResolver { return &wishlistResolver{r} }

// WishlistLine returns WishlistLineResolver implementation.
func (r *Resolver) WishlistLine() WishlistLineResolver { return &wishlistLineResolver{r} }

type (
	sharedWishlistResolver struct{ *Resolver }
	wishlistResolver       struct{ *Resolver }
	wishlistLineResolver   struct{ *Resolver }
)

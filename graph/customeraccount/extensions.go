package customeraccount

// The extensions (schema/customeraccount/extensions.graphqls) are the
// Storefront API's: their types are schema/shared's, bound to the same Go
// types in both APIs, so the Storefront API's resolvers answer them here
// too; the root fields pass the signed-in customer's token where the
// Storefront API takes a customerAccessToken argument.

import (
	"context"

	"accountgraph/ent"
	sf "accountgraph/graph/model"
)

func (r *Resolver) CustomerLoyalty() CustomerLoyaltyResolver { return r.Storefront.CustomerLoyalty() }
func (r *Resolver) CustomerPreferences() CustomerPreferencesResolver {
	return r.Storefront.CustomerPreferences()
}
func (r *Resolver) CustomerSession() CustomerSessionResolver { return r.Storefront.CustomerSession() }
func (r *Resolver) Image() ImageResolver                     { return r.Storefront.Image() }
func (r *Resolver) LoyaltyRedemption() LoyaltyRedemptionResolver {
	return r.Storefront.LoyaltyRedemption()
}
func (r *Resolver) LoyaltyReward() LoyaltyRewardResolver { return r.Storefront.LoyaltyReward() }
func (r *Resolver) LoyaltyTransaction() LoyaltyTransactionResolver {
	return r.Storefront.LoyaltyTransaction()
}
func (r *Resolver) Membership() MembershipResolver         { return r.Storefront.Membership() }
func (r *Resolver) Product() ProductResolver               { return r.Storefront.Product() }
func (r *Resolver) ProductVariant() ProductVariantResolver { return r.Storefront.ProductVariant() }
func (r *Resolver) SavedCart() SavedCartResolver           { return r.Storefront.SavedCart() }
func (r *Resolver) SavedCartLine() SavedCartLineResolver   { return r.Storefront.SavedCartLine() }
func (r *Resolver) SharedWishlist() SharedWishlistResolver { return r.Storefront.SharedWishlist() }
func (r *Resolver) Wishlist() WishlistResolver             { return r.Storefront.Wishlist() }
func (r *Resolver) WishlistLine() WishlistLineResolver     { return r.Storefront.WishlistLine() }

func (r *customerResolver) Wishlists(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool) (*sf.WishlistConnection, error) {
	return r.Storefront.Customer().Wishlists(ctx, obj, first, after, last, before, reverse)
}

func (r *customerResolver) Wishlist(ctx context.Context, obj *ent.Customer, id string) (*ent.Wishlist, error) {
	return r.Storefront.Customer().Wishlist(ctx, obj, id)
}

func (r *customerResolver) SavedCarts(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool) (*sf.SavedCartConnection, error) {
	return r.Storefront.Customer().SavedCarts(ctx, obj, first, after, last, before, reverse)
}

func (r *customerResolver) SavedForLater(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool) (*sf.SavedCartLineConnection, error) {
	return r.Storefront.Customer().SavedForLater(ctx, obj, first, after, last, before, reverse)
}

func (r *customerResolver) Loyalty(ctx context.Context, obj *ent.Customer) (*ent.LoyaltyAccount, error) {
	return r.Storefront.Customer().Loyalty(ctx, obj)
}

func (r *customerResolver) Preferences(ctx context.Context, obj *ent.Customer) (*sf.CustomerPreferences, error) {
	return r.Storefront.Customer().Preferences(ctx, obj)
}

func (r *customerResolver) Privacy(ctx context.Context, obj *ent.Customer) (*sf.CustomerPrivacy, error) {
	return r.Storefront.Customer().Privacy(ctx, obj)
}

func (r *customerResolver) Sessions(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool) (*sf.CustomerSessionConnection, error) {
	return r.Storefront.Customer().Sessions(ctx, obj, first, after, last, before, reverse)
}

func (r *queryResolver) LoyaltyProgram(ctx context.Context) (*sf.LoyaltyProgram, error) {
	return r.Storefront.Query().LoyaltyProgram(ctx)
}

func (r *queryResolver) PreferenceVocabulary(ctx context.Context) (*ent.PreferenceVocabulary, error) {
	return r.Storefront.Query().PreferenceVocabulary(ctx)
}

func (r *mutationResolver) WishlistCreate(ctx context.Context, name string) (*sf.WishlistPayload, error) {
	return r.Storefront.Mutation().WishlistCreate(ctx, token(ctx), name)
}

func (r *mutationResolver) WishlistUpdate(ctx context.Context, wishlistID string, name *string, showOwnerName *bool) (*sf.WishlistPayload, error) {
	return r.Storefront.Mutation().WishlistUpdate(ctx, token(ctx), wishlistID, name, showOwnerName)
}

func (r *mutationResolver) WishlistDelete(ctx context.Context, wishlistID string) (*sf.WishlistDeletePayload, error) {
	return r.Storefront.Mutation().WishlistDelete(ctx, token(ctx), wishlistID)
}

func (r *mutationResolver) WishlistLinesAdd(ctx context.Context, wishlistID *string, lines []*sf.WishlistLineInput) (*sf.WishlistPayload, error) {
	return r.Storefront.Mutation().WishlistLinesAdd(ctx, token(ctx), wishlistID, lines)
}

func (r *mutationResolver) WishlistLinesUpdate(ctx context.Context, wishlistID string, lines []*sf.WishlistLineUpdateInput) (*sf.WishlistPayload, error) {
	return r.Storefront.Mutation().WishlistLinesUpdate(ctx, token(ctx), wishlistID, lines)
}

func (r *mutationResolver) WishlistLinesRemove(ctx context.Context, wishlistID string, lineIds []string) (*sf.WishlistPayload, error) {
	return r.Storefront.Mutation().WishlistLinesRemove(ctx, token(ctx), wishlistID, lineIds)
}

func (r *mutationResolver) WishlistShare(ctx context.Context, wishlistID string) (*sf.WishlistPayload, error) {
	return r.Storefront.Mutation().WishlistShare(ctx, token(ctx), wishlistID)
}

func (r *mutationResolver) WishlistUnshare(ctx context.Context, wishlistID string) (*sf.WishlistPayload, error) {
	return r.Storefront.Mutation().WishlistUnshare(ctx, token(ctx), wishlistID)
}

func (r *mutationResolver) SavedCartRename(ctx context.Context, savedCartID string, name string) (*sf.SavedCartPayload, error) {
	return r.Storefront.Mutation().SavedCartRename(ctx, token(ctx), savedCartID, name)
}

func (r *mutationResolver) SavedCartDelete(ctx context.Context, savedCartID string) (*sf.SavedCartDeletePayload, error) {
	return r.Storefront.Mutation().SavedCartDelete(ctx, token(ctx), savedCartID)
}

func (r *mutationResolver) LoyaltyRewardRedeem(ctx context.Context, rewardID string) (*sf.LoyaltyRewardRedeemPayload, error) {
	return r.Storefront.Mutation().LoyaltyRewardRedeem(ctx, token(ctx), rewardID)
}

func (r *mutationResolver) LoyaltyActionRecord(ctx context.Context, action sf.LoyaltyCustomerAction, reference string) (*sf.LoyaltyPayload, error) {
	return r.Storefront.Mutation().LoyaltyActionRecord(ctx, token(ctx), action, reference)
}

func (r *mutationResolver) LoyaltyReferralApply(ctx context.Context, referralCode string) (*sf.LoyaltyPayload, error) {
	return r.Storefront.Mutation().LoyaltyReferralApply(ctx, token(ctx), referralCode)
}

func (r *mutationResolver) CustomerPreferencesUpdate(ctx context.Context, preferences sf.CustomerPreferencesInput) (*sf.CustomerPreferencesUpdatePayload, error) {
	return r.Storefront.Mutation().CustomerPreferencesUpdate(ctx, token(ctx), preferences)
}

func (r *mutationResolver) CustomerPrivacyUpdate(ctx context.Context, privacy sf.CustomerPrivacyInput) (*sf.CustomerPreferencesUpdatePayload, error) {
	return r.Storefront.Mutation().CustomerPrivacyUpdate(ctx, token(ctx), privacy)
}

func (r *mutationResolver) CustomerCommunicationPreferencesUpdate(ctx context.Context, preferences []*sf.CommunicationPreferenceInput) (*sf.CustomerPreferencesUpdatePayload, error) {
	return r.Storefront.Mutation().CustomerCommunicationPreferencesUpdate(ctx, token(ctx), preferences)
}

func (r *mutationResolver) CustomerSessionRevoke(ctx context.Context, sessionID string) (*sf.CustomerSessionRevokePayload, error) {
	return r.Storefront.Mutation().CustomerSessionRevoke(ctx, token(ctx), sessionID)
}

func (r *mutationResolver) CustomerSessionsRevokeOthers(ctx context.Context) (*sf.CustomerSessionsRevokeOthersPayload, error) {
	return r.Storefront.Mutation().CustomerSessionsRevokeOthers(ctx, token(ctx))
}

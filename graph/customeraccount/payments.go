package customeraccount

// Saved cards (schema/customeraccount/payments.graphqls): the Storefront
// API's payment methods under Shopify's Customer Account API names.

import (
	"context"

	"accountgraph/ent"
	"accountgraph/graph/customeraccount/model"
	"accountgraph/internal/apperr"
	"accountgraph/internal/gid"
	"accountgraph/internal/page"
	"accountgraph/internal/paymentmethod"
	"accountgraph/internal/ptr"
)

func (r *Resolver) CustomerCreditCard() CustomerCreditCardResolver { return &creditCardResolver{r} }

type creditCardResolver struct{ *Resolver }

func (r *creditCardResolver) ID(ctx context.Context, obj *ent.PaymentMethod) (string, error) {
	return gid.Encode("CustomerCreditCard", obj.ID), nil
}

func (r *creditCardResolver) BillingAddress(ctx context.Context, obj *ent.PaymentMethod) (*model.PaymentInstrumentBillingAddress, error) {
	b := obj.BillingAddress
	if b.Line1 == "" && b.City == "" && b.Country == "" && b.PostalCode == "" {
		return nil, nil
	}
	out := &model.PaymentInstrumentBillingAddress{Address1: ptr.NilIfEmpty(b.Line1), Address2: ptr.NilIfEmpty(b.Line2),
		City: ptr.NilIfEmpty(b.City), ProvinceCode: ptr.NilIfEmpty(b.State), Zip: ptr.NilIfEmpty(b.PostalCode)}
	if c := model.CountryCode(b.Country); c.IsValid() {
		out.CountryCode = &c
	}
	return out, nil
}

func (r *creditCardResolver) Expired(ctx context.Context, obj *ent.PaymentMethod) (bool, error) {
	return paymentmethod.Expired(obj, r.Storefront.PaymentMethods.Clock()), nil
}

func (r *creditCardResolver) ExpiresSoon(ctx context.Context, obj *ent.PaymentMethod) (bool, error) {
	return paymentmethod.ExpiresSoon(obj, r.Storefront.PaymentMethods.Clock()), nil
}

// FirstDigits are not kept: the provider has the card.
func (r *creditCardResolver) FirstDigits(ctx context.Context, obj *ent.PaymentMethod) (*string, error) {
	return nil, nil
}

func (r *creditCardResolver) MaskedNumber(ctx context.Context, obj *ent.PaymentMethod) (string, error) {
	return paymentmethod.Masked(obj), nil
}

func (r *creditCardResolver) Name(ctx context.Context, obj *ent.PaymentMethod) (string, error) {
	return obj.BillingAddress.Name, nil
}

func (r *customerResolver) CreditCards(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool) (*model.CustomerCreditCardConnection, error) {
	all, err := r.loaders(ctx).PaymentMethods.Load(ctx, obj.ID)
	if err != nil {
		return nil, err
	}
	w, err := page.NewWindow(pageArgs(first, after, last, before, reverse), "cards")
	if err != nil {
		return nil, err
	}
	// The default first, then newest: IDs do not rise along that order, so
	// the page is over positions.
	pos := make(map[*ent.PaymentMethod]int, len(all))
	for i, m := range all {
		pos[m] = i + 1
	}
	p := page.Slice(w, all, func(m *ent.PaymentMethod) int { return pos[m] })
	return &model.CustomerCreditCardConnection{Nodes: p.Items, PageInfo: pageInfo(p),
		Edges: edges(p, func(c string, m *ent.PaymentMethod) *model.CustomerCreditCardEdge {
			return &model.CustomerCreditCardEdge{Cursor: c, Node: m}
		})}, nil
}

func (r *customerResolver) CreditCard(ctx context.Context, obj *ent.Customer, id string) (*ent.PaymentMethod, error) {
	key, err := gid.Decode(id, "CustomerCreditCard")
	if err != nil {
		return nil, nil
	}
	all, err := r.loaders(ctx).PaymentMethods.Load(ctx, obj.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range all {
		if m.ID == key {
			return m, nil
		}
	}
	return nil, nil
}

func (r *mutationResolver) PaymentInstrumentRemove(ctx context.Context, paymentInstrumentID string, replacementPaymentInstrumentID *string) (*model.PaymentInstrumentRemovePayload, error) {
	svc := r.Storefront.PaymentMethods
	if replacementPaymentInstrumentID != nil && *replacementPaymentInstrumentID == paymentInstrumentID {
		code := model.UserErrorsPaymentInstrumentUserErrorsCodeCannotReplacePaymentInstrumentWithItself
		return &model.PaymentInstrumentRemovePayload{UserErrors: []*model.UserErrorsPaymentInstrumentUserErrors{{Code: &code,
			Field: []string{"replacementPaymentInstrumentId"}, Message: "A card cannot replace itself"}}}, nil
	}
	if replacementPaymentInstrumentID != nil {
		// The replacement first: removing must not leave the customer
		// without the default they chose.
		if _, err := svc.SetDefault(ctx, token(ctx), *replacementPaymentInstrumentID, true); err != nil {
			ue, err := instrumentErrors(err, "replacementPaymentInstrumentId")
			return &model.PaymentInstrumentRemovePayload{UserErrors: ue}, err
		}
	}
	id, err := svc.Remove(ctx, token(ctx), paymentInstrumentID)
	ue, err := instrumentErrors(err, "paymentInstrumentId")
	out := &model.PaymentInstrumentRemovePayload{UserErrors: ue}
	if id != "" {
		out.DeletedPaymentInstrumentID = &paymentInstrumentID
	}
	return out, err
}

func (r *mutationResolver) PaymentInstrumentUpdateDefault(ctx context.Context, isDefault bool, paymentInstrumentID string) (*model.PaymentInstrumentUpdateDefaultPayload, error) {
	m, err := r.Storefront.PaymentMethods.SetDefault(ctx, token(ctx), paymentInstrumentID, isDefault)
	ue, err := instrumentErrors(err, "paymentInstrumentId")
	out := &model.PaymentInstrumentUpdateDefaultPayload{UserErrors: ue}
	if m != nil {
		out.UpdatedPaymentInstrumentID = &paymentInstrumentID
	}
	return out, err
}

var instrumentCodes = map[string]model.UserErrorsPaymentInstrumentUserErrorsCode{
	apperr.CodeNotFound:       model.UserErrorsPaymentInstrumentUserErrorsCodePaymentInstrumentIDDoesNotExist,
	apperr.CodeNotEnabled:     model.UserErrorsPaymentInstrumentUserErrorsCodeSavedPaymentMethodsNotEnabled,
	paymentmethod.CodeExpired: model.UserErrorsPaymentInstrumentUserErrorsCodeExpired,
}

// instrumentErrors maps a payment method service error to userErrors, its
// field named as this API's argument.
func instrumentErrors(err error, arg string) ([]*model.UserErrorsPaymentInstrumentUserErrors, error) {
	return userErrors(err, instrumentCodes, model.UserErrorsPaymentInstrumentUserErrorsCodeInvalid, map[string]string{"paymentMethodId": arg},
		func(c *model.UserErrorsPaymentInstrumentUserErrorsCode, field []string, message string) *model.UserErrorsPaymentInstrumentUserErrors {
			return &model.UserErrorsPaymentInstrumentUserErrors{Code: c, Field: field, Message: message}
		})
}

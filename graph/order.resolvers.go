package graph

import (
	"accountgraph/ent"
	"accountgraph/ent/order"
	"accountgraph/ent/schema"
	"accountgraph/graph/model"
	"accountgraph/internal/gid"
	"context"
)

// Orders is the resolver for the orders field.
func (r *customerResolver) Orders(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool, sortKey *model.OrderSortKeys, query *string) (*model.OrderConnection, error) {
	return r.customerOrders(ctx, obj, pageArgs(first, after, last, before, reverse), *sortKey, deref(query))
}

// TrackingInfo is the resolver for the trackingInfo field.
func (r *fulfillmentResolver) TrackingInfo(ctx context.Context, obj *ent.Fulfillment, first *int) ([]*schema.TrackingInfo, error) {
	n := len(obj.TrackingInfo)
	if first != nil && *first >= 0 && *first < n {
		n = *first
	}
	out := make([]*schema.TrackingInfo, n)
	for i := range out {
		out[i] = &obj.TrackingInfo[i]
	}
	return out, nil
}

// FulfillmentLineItems is the resolver for the fulfillmentLineItems field.
func (r *fulfillmentResolver) FulfillmentLineItems(ctx context.Context, obj *ent.Fulfillment, first *int, after *string, last *int, before *string, reverse *bool) (*model.FulfillmentLineItemConnection, error) {
	return r.fulfillmentLines(ctx, obj, pageArgs(first, after, last, before, reverse))
}

// Message is the resolver for the message field.
func (r *fulfillmentEventResolver) Message(ctx context.Context, obj *ent.FulfillmentEvent) (*string, error) {
	if obj.Message == "" {
		return nil, nil
	}
	return &obj.Message, nil
}

// CountryCode is the resolver for the countryCode field.
func (r *fulfillmentEventResolver) CountryCode(ctx context.Context, obj *ent.FulfillmentEvent) (*model.CountryCode, error) {
	if obj.CountryCode == nil {
		return nil, nil
	}
	c := model.CountryCode(*obj.CountryCode)
	return &c, nil
}

// Number is the resolver for the number field.
func (r *fulfillmentTrackingInfoResolver) Number(ctx context.Context, obj *schema.TrackingInfo) (*string, error) {
	return nonEmpty(obj.Number), nil
}

// URL is the resolver for the url field.
func (r *fulfillmentTrackingInfoResolver) URL(ctx context.Context, obj *schema.TrackingInfo) (*string, error) {
	return nonEmpty(obj.URL), nil
}

// AdminOrderCreate is the resolver for the adminOrderCreate field.
func (r *mutationResolver) AdminOrderCreate(ctx context.Context, order model.AdminOrderInput) (*model.AdminOrderPayload, error) {
	return r.createOrder(ctx, order)
}

// AdminOrderUpdate is the resolver for the adminOrderUpdate field.
func (r *mutationResolver) AdminOrderUpdate(ctx context.Context, id string, input model.AdminOrderUpdateInput) (*model.AdminOrderPayload, error) {
	o, err := r.Orders.Update(ctx, id, orderUpdateInput(input))
	ue, err := adminErrors(err)
	return &model.AdminOrderPayload{Order: o, UserErrors: ue}, err
}

// AdminOrderCancel is the resolver for the adminOrderCancel field.
func (r *mutationResolver) AdminOrderCancel(ctx context.Context, id string, reason order.CancelReason) (*model.AdminOrderPayload, error) {
	o, err := r.Orders.Cancel(ctx, id, string(reason))
	ue, err := adminErrors(err)
	return &model.AdminOrderPayload{Order: o, UserErrors: ue}, err
}

// AdminFulfillmentCreate is the resolver for the adminFulfillmentCreate field.
func (r *mutationResolver) AdminFulfillmentCreate(ctx context.Context, orderID string, fulfillment model.AdminFulfillmentInput) (*model.AdminFulfillmentPayload, error) {
	f, o, err := r.Orders.CreateFulfillment(ctx, orderID, fulfillmentInput(fulfillment))
	ue, err := adminErrors(err)
	p := &model.AdminFulfillmentPayload{Fulfillment: f, Order: o, UserErrors: ue}
	if f != nil {
		p.FulfillmentID = ptr(gid.Encode("Fulfillment", f.ID))
	}
	return p, err
}

// AdminFulfillmentEventAdd is the resolver for the adminFulfillmentEventAdd field.
func (r *mutationResolver) AdminFulfillmentEventAdd(ctx context.Context, fulfillmentID string, event model.AdminFulfillmentEventInput) (*model.AdminFulfillmentEventPayload, error) {
	e, err := r.Orders.AddEvent(ctx, fulfillmentID, eventInput(event))
	ue, err := adminErrors(err)
	return &model.AdminFulfillmentEventPayload{FulfillmentEvent: e, UserErrors: ue}, err
}

// ID is the resolver for the id field.
func (r *orderResolver) ID(ctx context.Context, obj *ent.Order) (string, error) {
	return orderGlobalID(obj), nil
}

// CurrencyCode is the resolver for the currencyCode field.
func (r *orderResolver) CurrencyCode(ctx context.Context, obj *ent.Order) (model.CurrencyCode, error) {
	return model.CurrencyCode(obj.CurrencyCode), nil
}

// Edited is the resolver for the edited field.
func (r *orderResolver) Edited(ctx context.Context, obj *ent.Order) (bool, error) {
	return false, nil
}

// CustomAttributes is the resolver for the customAttributes field.
func (r *orderResolver) CustomAttributes(ctx context.Context, obj *ent.Order) ([]*model.Attribute, error) {
	return []*model.Attribute{}, nil
}

// CustomerLocale is the resolver for the customerLocale field.
func (r *orderResolver) CustomerLocale(ctx context.Context, obj *ent.Order) (*string, error) {
	return nil, nil
}

// CustomerURL is the resolver for the customerUrl field.
func (r *orderResolver) CustomerURL(ctx context.Context, obj *ent.Order) (*string, error) {
	return ptr(r.Orders.StatusURL(obj)), nil
}

// StatusURL is the resolver for the statusUrl field.
func (r *orderResolver) StatusURL(ctx context.Context, obj *ent.Order) (string, error) {
	return r.Orders.StatusURL(obj), nil
}

// SubtotalPrice is the resolver for the subtotalPrice field.
func (r *orderResolver) SubtotalPrice(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.SubtotalPrice, obj.CurrencyCode), nil
}

// SubtotalPriceV2 is the resolver for the subtotalPriceV2 field.
func (r *orderResolver) SubtotalPriceV2(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.SubtotalPrice, obj.CurrencyCode), nil
}

// TotalShippingPrice is the resolver for the totalShippingPrice field.
func (r *orderResolver) TotalShippingPrice(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalShippingPrice, obj.CurrencyCode), nil
}

// TotalShippingPriceV2 is the resolver for the totalShippingPriceV2 field.
func (r *orderResolver) TotalShippingPriceV2(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalShippingPrice, obj.CurrencyCode), nil
}

// TotalTax is the resolver for the totalTax field.
func (r *orderResolver) TotalTax(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalTax, obj.CurrencyCode), nil
}

// TotalTaxV2 is the resolver for the totalTaxV2 field.
func (r *orderResolver) TotalTaxV2(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalTax, obj.CurrencyCode), nil
}

// TotalPrice is the resolver for the totalPrice field.
func (r *orderResolver) TotalPrice(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalPrice, obj.CurrencyCode), nil
}

// TotalPriceV2 is the resolver for the totalPriceV2 field.
func (r *orderResolver) TotalPriceV2(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalPrice, obj.CurrencyCode), nil
}

// TotalRefunded is the resolver for the totalRefunded field.
func (r *orderResolver) TotalRefunded(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalRefunded, obj.CurrencyCode), nil
}

// TotalRefundedV2 is the resolver for the totalRefundedV2 field.
func (r *orderResolver) TotalRefundedV2(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalRefunded, obj.CurrencyCode), nil
}

// OriginalTotalPrice is the resolver for the originalTotalPrice field.
func (r *orderResolver) OriginalTotalPrice(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalPrice, obj.CurrencyCode), nil
}

// CurrentTotalPrice is the resolver for the currentTotalPrice field.
func (r *orderResolver) CurrentTotalPrice(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalPrice-obj.TotalRefunded, obj.CurrencyCode), nil
}

// CurrentSubtotalPrice is the resolver for the currentSubtotalPrice field.
func (r *orderResolver) CurrentSubtotalPrice(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.SubtotalPrice, obj.CurrencyCode), nil
}

// CurrentTotalTax is the resolver for the currentTotalTax field.
func (r *orderResolver) CurrentTotalTax(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalTax, obj.CurrencyCode), nil
}

// CurrentTotalShippingPrice is the resolver for the currentTotalShippingPrice field.
func (r *orderResolver) CurrentTotalShippingPrice(ctx context.Context, obj *ent.Order) (*model.MoneyV2, error) {
	return moneyV2(obj.TotalShippingPrice, obj.CurrencyCode), nil
}

// ShippingAddress is the resolver for the shippingAddress field.
func (r *orderResolver) ShippingAddress(ctx context.Context, obj *ent.Order) (*ent.MailingAddress, error) {
	return r.orderAddress(ctx, obj.ShippingAddressID)
}

// BillingAddress is the resolver for the billingAddress field.
func (r *orderResolver) BillingAddress(ctx context.Context, obj *ent.Order) (*ent.MailingAddress, error) {
	return r.orderAddress(ctx, obj.BillingAddressID)
}

// LineItems is the resolver for the lineItems field.
func (r *orderResolver) LineItems(ctx context.Context, obj *ent.Order, first *int, after *string, last *int, before *string, reverse *bool) (*model.OrderLineItemConnection, error) {
	p, err := r.lineItemPage(ctx, obj.ID, pageArgs(first, after, last, before, reverse))
	if err != nil {
		return nil, err
	}
	edges, info := connection(p, func(c string, l *ent.OrderLineItem) *model.OrderLineItemEdge {
		return &model.OrderLineItemEdge{Cursor: c, Node: l}
	})
	return &model.OrderLineItemConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

// SuccessfulFulfillments is the resolver for the successfulFulfillments field.
func (r *orderResolver) SuccessfulFulfillments(ctx context.Context, obj *ent.Order, first *int) ([]*ent.Fulfillment, error) {
	fs, err := r.loaders(ctx).Fulfillments.Load(ctx, obj.ID)
	if first != nil && *first >= 0 && *first < len(fs) {
		fs = fs[:*first]
	}
	return fs, err
}

// TrackingEvents is the resolver for the trackingEvents field.
func (r *orderResolver) TrackingEvents(ctx context.Context, obj *ent.Order) ([]*ent.FulfillmentEvent, error) {
	evs, err := r.loaders(ctx).EventsByOrder.Load(ctx, obj.ID)
	if evs == nil {
		evs = []*ent.FulfillmentEvent{}
	}
	return evs, err
}

// OriginalTotalPrice is the resolver for the originalTotalPrice field.
func (r *orderLineItemResolver) OriginalTotalPrice(ctx context.Context, obj *ent.OrderLineItem) (*model.MoneyV2, error) {
	return moneyV2(obj.OriginalUnitPrice*int64(obj.Quantity), obj.CurrencyCode), nil
}

// DiscountedTotalPrice is the resolver for the discountedTotalPrice field.
func (r *orderLineItemResolver) DiscountedTotalPrice(ctx context.Context, obj *ent.OrderLineItem) (*model.MoneyV2, error) {
	return moneyV2(obj.OriginalUnitPrice*int64(obj.Quantity)-obj.Discount, obj.CurrencyCode), nil
}

// Variant is the resolver for the variant field.
func (r *orderLineItemResolver) Variant(ctx context.Context, obj *ent.OrderLineItem) (*ent.ProductVariant, error) {
	if obj.VariantID == nil {
		return nil, nil
	}
	return r.loaders(ctx).VariantByID.Load(ctx, *obj.VariantID)
}

// CustomAttributes is the resolver for the customAttributes field.
func (r *orderLineItemResolver) CustomAttributes(ctx context.Context, obj *ent.OrderLineItem) ([]*model.Attribute, error) {
	return []*model.Attribute{}, nil
}

// Fulfillment returns FulfillmentResolver implementation.
func (r *Resolver) Fulfillment() FulfillmentResolver { return &fulfillmentResolver{r} }

// FulfillmentEvent returns FulfillmentEventResolver implementation.
func (r *Resolver) FulfillmentEvent() FulfillmentEventResolver { return &fulfillmentEventResolver{r} }

// FulfillmentTrackingInfo returns FulfillmentTrackingInfoResolver implementation.
func (r *Resolver) FulfillmentTrackingInfo() FulfillmentTrackingInfoResolver {
	return &fulfillmentTrackingInfoResolver{r}
}

// Order returns OrderResolver implementation.
func (r *Resolver) Order() OrderResolver { return &orderResolver{r} }

// OrderLineItem returns OrderLineItemResolver implementation.
func (r *Resolver) OrderLineItem() OrderLineItemResolver { return &orderLineItemResolver{r} }

type (
	fulfillmentResolver             struct{ *Resolver }
	fulfillmentEventResolver        struct{ *Resolver }
	fulfillmentTrackingInfoResolver struct{ *Resolver }
	orderResolver                   struct{ *Resolver }
	orderLineItemResolver           struct{ *Resolver }
)

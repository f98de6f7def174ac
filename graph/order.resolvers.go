package graph

import (
	"accountgraph/ent"
	"accountgraph/ent/order"
	"accountgraph/ent/schema"
	"accountgraph/graph/model"
	"accountgraph/internal/gid"
	"accountgraph/internal/ptr"
	"context"
)

// Orders is the resolver for the orders field.
func (r *customerResolver) Orders(ctx context.Context, obj *ent.Customer, first *int, after *string, last *int, before *string, reverse *bool, sortKey *model.OrderSortKeys, query *string) (*model.OrderConnection, error) {
	return r.customerOrders(ctx, obj, pageArgs(first, after, last, before, reverse), *sortKey, ptr.Deref(query))
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
		p.FulfillmentID = ptr.To(gid.Encode("Fulfillment", f.ID))
	}
	return p, err
}

// AdminFulfillmentEventAdd is the resolver for the adminFulfillmentEventAdd field.
func (r *mutationResolver) AdminFulfillmentEventAdd(ctx context.Context, fulfillmentID string, event model.AdminFulfillmentEventInput) (*model.AdminFulfillmentEventPayload, error) {
	e, err := r.Orders.AddEvent(ctx, fulfillmentID, eventInput(event))
	ue, err := adminErrors(err)
	return &model.AdminFulfillmentEventPayload{FulfillmentEvent: e, UserErrors: ue}, err
}

// CustomAttributes is the resolver for the customAttributes field.
func (r *orderResolver) CustomAttributes(ctx context.Context, obj *ent.Order) ([]*schema.Attribute, error) {
	return []*schema.Attribute{}, nil
}

// CustomerLocale is the resolver for the customerLocale field.
func (r *orderResolver) CustomerLocale(ctx context.Context, obj *ent.Order) (*string, error) {
	return nil, nil
}

// CustomerURL is the resolver for the customerUrl field.
func (r *orderResolver) CustomerURL(ctx context.Context, obj *ent.Order) (*string, error) {
	return ptr.To(r.Orders.StatusURL(obj)), nil
}

// StatusURL is the resolver for the statusUrl field.
func (r *orderResolver) StatusURL(ctx context.Context, obj *ent.Order) (string, error) {
	return r.Orders.StatusURL(obj), nil
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
	edges, info := connection(ctx, p, func(c string, l *ent.OrderLineItem) *model.OrderLineItemEdge {
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
	return r.loaders(ctx).EventsByOrder.Load(ctx, obj.ID)
}

// DiscountApplications is the resolver for the discountApplications field.
func (r *orderResolver) DiscountApplications(ctx context.Context, obj *ent.Order, first *int, after *string, last *int, before *string, reverse *bool) (*model.DiscountApplicationConnection, error) {
	return model.DiscountApplications(obj, pageArgs(first, after, last, before, reverse))
}

// ShippingDiscountAllocations is the resolver for the shippingDiscountAllocations field.
func (r *orderResolver) ShippingDiscountAllocations(ctx context.Context, obj *ent.Order) ([]*model.DiscountAllocation, error) {
	return shippingDiscountAllocations(obj), nil
}

// Variant is the resolver for the variant field.
func (r *orderLineItemResolver) Variant(ctx context.Context, obj *ent.OrderLineItem) (*ent.ProductVariant, error) {
	if obj.VariantID == nil {
		return nil, nil
	}
	return r.loaders(ctx).VariantByID.Load(ctx, *obj.VariantID)
}

// CustomAttributes is the resolver for the customAttributes field.
func (r *orderLineItemResolver) CustomAttributes(ctx context.Context, obj *ent.OrderLineItem) ([]*schema.Attribute, error) {
	return []*schema.Attribute{}, nil
}

// DiscountAllocations is the resolver for the discountAllocations field.
func (r *orderLineItemResolver) DiscountAllocations(ctx context.Context, obj *ent.OrderLineItem) ([]*model.DiscountAllocation, error) {
	return model.DiscountAllocations(obj.DiscountAllocations, obj.CurrencyCode), nil
}

// Fulfillment returns FulfillmentResolver implementation.
func (r *Resolver) Fulfillment() FulfillmentResolver { return &fulfillmentResolver{r} }

// FulfillmentEvent returns FulfillmentEventResolver implementation.
func (r *Resolver) FulfillmentEvent() FulfillmentEventResolver { return &fulfillmentEventResolver{r} }

// Order returns OrderResolver implementation.
func (r *Resolver) Order() OrderResolver { return &orderResolver{r} }

// OrderLineItem returns OrderLineItemResolver implementation.
func (r *Resolver) OrderLineItem() OrderLineItemResolver { return &orderLineItemResolver{r} }

type (
	fulfillmentResolver      struct{ *Resolver }
	fulfillmentEventResolver struct{ *Resolver }
	orderResolver            struct{ *Resolver }
	orderLineItemResolver    struct{ *Resolver }
)

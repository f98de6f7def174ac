package customeraccount

import (
	"accountgraph/ent"
	"accountgraph/ent/fulfillmentevent"
	"accountgraph/ent/mailingaddress"
	"accountgraph/graph/customeraccount/model"
	model1 "accountgraph/graph/model"
	"accountgraph/internal/customer"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
	"accountgraph/internal/order"
	"accountgraph/internal/page"
	"accountgraph/internal/ptr"
	"context"

	"entgo.io/ent/dialect/sql"
)

// Addresses is the resolver for the addresses field.
func (r *customerResolver) Addresses(ctx context.Context, obj *ent.Customer, after *string, before *string, first *int, last *int, reverse *bool, skipDefault *bool) (*model.CustomerAddressConnection, error) {
	args := pageArgs(first, after, last, before, reverse)
	spec, err := page.ByID(args, "id", func(a *ent.MailingAddress) int { return a.ID })
	if err != nil {
		return nil, err
	}
	if skipDefault != nil && *skipDefault && obj.DefaultAddressID != nil {
		def := *obj.DefaultAddressID
		spec.Filter = func(s *sql.Selector) { s.Where(sql.NEQ(s.C(mailingaddress.FieldID), def)) }
		spec.FilterKey = "skip-default"
	}
	p, err := r.loaders(ctx).AddressPages.Load(ctx, obj.ID, spec)
	if err != nil {
		return nil, err
	}
	return &model.CustomerAddressConnection{Nodes: p.Items, PageInfo: pageInfo(p),
		Edges: edges(p, func(c string, a *ent.MailingAddress) *model.CustomerAddressEdge {
			return &model.CustomerAddressEdge{Cursor: c, Node: a}
		})}, nil
}

// DefaultAddress is the resolver for the defaultAddress field.
func (r *customerResolver) DefaultAddress(ctx context.Context, obj *ent.Customer) (*ent.MailingAddress, error) {
	if obj.DefaultAddressID == nil {
		return nil, nil
	}
	a, err := r.loaders(ctx).AddressByID.Load(ctx, *obj.DefaultAddressID)
	if err != nil || a == nil || a.CustomerID != obj.ID {
		return nil, err
	}
	return a, nil
}

// DisplayName is the resolver for the displayName field.
func (r *customerResolver) DisplayName(ctx context.Context, obj *ent.Customer) (string, error) {
	return customer.DisplayName(obj), nil
}

// EmailAddress is the resolver for the emailAddress field.
func (r *customerResolver) EmailAddress(ctx context.Context, obj *ent.Customer) (*model.CustomerEmailAddress, error) {
	state := model.EmailMarketingStateNotSubscribed
	if obj.AcceptsMarketing {
		state = model.EmailMarketingStateSubscribed
	}
	return &model.CustomerEmailAddress{EmailAddress: &obj.Email, MarketingState: state}, nil
}

// ID is the resolver for the id field.
func (r *customerResolver) ID(ctx context.Context, obj *ent.Customer) (string, error) {
	return gid.Encode("Customer", obj.ID), nil
}

// ImageURL is the resolver for the imageUrl field.
func (r *customerResolver) ImageURL(ctx context.Context, obj *ent.Customer) (string, error) {
	return avatar(obj), nil
}

// Orders is the resolver for the orders field.
func (r *customerResolver) Orders(ctx context.Context, obj *ent.Customer, after *string, before *string, first *int, last *int, query *string, reverse *bool, sortKey *model.OrderSortKeys) (*model.OrderConnection, error) {
	key := "ID"
	if sortKey != nil {
		key = string(*sortKey)
	}
	spec, err := order.HistorySpec(pageArgs(first, after, last, before, reverse), key, ptr.Deref(query))
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).OrderPages.Load(ctx, obj.ID, spec)
	if err != nil {
		return nil, err
	}
	return &model.OrderConnection{Nodes: p.Items, PageInfo: pageInfo(p),
		Edges: edges(p, func(c string, o *ent.Order) *model.OrderEdge { return &model.OrderEdge{Cursor: c, Node: o} })}, nil
}

// PhoneNumber is the resolver for the phoneNumber field.
func (r *customerResolver) PhoneNumber(ctx context.Context, obj *ent.Customer) (*model.CustomerPhoneNumber, error) {
	if obj.Phone == nil {
		return nil, nil
	}
	return &model.CustomerPhoneNumber{PhoneNumber: *obj.Phone, MarketingState: model.SmsMarketingStateNotSubscribed}, nil
}

// Formatted is the resolver for the formatted field.
func (r *customerAddressResolver) Formatted(ctx context.Context, obj *ent.MailingAddress, withCompany *bool, withName *bool) ([]string, error) {
	return customer.AddressLines(obj, withName, withCompany), nil
}

// FormattedArea is the resolver for the formattedArea field.
func (r *customerAddressResolver) FormattedArea(ctx context.Context, obj *ent.MailingAddress) (*string, error) {
	return customer.AddressArea(obj), nil
}

// ID is the resolver for the id field.
func (r *customerAddressResolver) ID(ctx context.Context, obj *ent.MailingAddress) (string, error) {
	return addressID(obj), nil
}

// Name is the resolver for the name field.
func (r *customerAddressResolver) Name(ctx context.Context, obj *ent.MailingAddress) (*string, error) {
	return customer.AddressName(obj), nil
}

// TerritoryCode is the resolver for the territoryCode field.
func (r *customerAddressResolver) TerritoryCode(ctx context.Context, obj *ent.MailingAddress) (*model.CountryCode, error) {
	if obj.CountryCode == nil {
		return nil, nil
	}
	c := model.CountryCode(*obj.CountryCode)
	if !c.IsValid() {
		return nil, nil
	}
	return &c, nil
}

// ID is the resolver for the id field.
func (r *fulfillmentResolver) ID(ctx context.Context, obj *ent.Fulfillment) (string, error) {
	return gid.Encode("Fulfillment", obj.ID), nil
}

// LatestShipmentStatus is the resolver for the latestShipmentStatus field.
func (r *fulfillmentResolver) LatestShipmentStatus(ctx context.Context, obj *ent.Fulfillment) (*fulfillmentevent.Status, error) {
	events, err := r.loaders(ctx).EventsByOrder.Load(ctx, obj.OrderID)
	if err != nil {
		return nil, err
	}
	var latest *ent.FulfillmentEvent
	for _, e := range events {
		if e.FulfillmentID == obj.ID && (latest == nil || !e.HappenedAt.Before(latest.HappenedAt)) {
			latest = e
		}
	}
	if latest == nil {
		return nil, nil
	}
	return &latest.Status, nil
}

// TrackingInformation is the resolver for the trackingInformation field.
func (r *fulfillmentResolver) TrackingInformation(ctx context.Context, obj *ent.Fulfillment) ([]*model.TrackingInformation, error) {
	out := make([]*model.TrackingInformation, len(obj.TrackingInfo))
	for i, t := range obj.TrackingInfo {
		out[i] = &model.TrackingInformation{Company: obj.TrackingCompany, Number: t.Number, URL: t.URL}
	}
	return out, nil
}

// DiscountAllocations is the resolver for the discountAllocations field.
func (r *lineItemResolver) DiscountAllocations(ctx context.Context, obj *ent.OrderLineItem) ([]*model1.DiscountAllocation, error) {
	return model1.DiscountAllocations(obj.DiscountAllocations, obj.CurrencyCode), nil
}

// ID is the resolver for the id field.
func (r *lineItemResolver) ID(ctx context.Context, obj *ent.OrderLineItem) (string, error) {
	return gid.Encode("LineItem", obj.ID), nil
}

// Image is the resolver for the image field.
func (r *lineItemResolver) Image(ctx context.Context, obj *ent.OrderLineItem) (*model1.Image, error) {
	if obj.VariantID == nil {
		return nil, nil
	}
	l := r.loaders(ctx)
	v, err := l.VariantByID.Load(ctx, *obj.VariantID)
	if err != nil || v == nil {
		return nil, err
	}
	url, alt := v.ImageURL, v.ImageAlt
	if url == nil {
		p, err := l.ProductByID.Load(ctx, v.ProductID)
		if err != nil || p == nil {
			return nil, err
		}
		url, alt = p.ImageURL, p.ImageAlt
	}
	return model1.NewImage(url, alt), nil
}

// Name is the resolver for the name field.
func (r *lineItemResolver) Name(ctx context.Context, obj *ent.OrderLineItem) (string, error) {
	if obj.VariantTitle == "" || obj.VariantTitle == "Default Title" {
		return obj.Title, nil
	}
	return obj.Title + " - " + obj.VariantTitle, nil
}

// Price is the resolver for the price field.
func (r *lineItemResolver) Price(ctx context.Context, obj *ent.OrderLineItem) (*money.V2, error) {
	return money.NewV2(obj.OriginalUnitPrice, obj.CurrencyCode), nil
}

// ProductID is the resolver for the productId field.
func (r *lineItemResolver) ProductID(ctx context.Context, obj *ent.OrderLineItem) (*string, error) {
	if obj.VariantID == nil {
		return nil, nil
	}
	v, err := r.loaders(ctx).VariantByID.Load(ctx, *obj.VariantID)
	if err != nil || v == nil {
		return nil, err
	}
	return ptr.To(gid.Encode("Product", v.ProductID)), nil
}

// TotalDiscount is the resolver for the totalDiscount field.
func (r *lineItemResolver) TotalDiscount(ctx context.Context, obj *ent.OrderLineItem) (*money.V2, error) {
	return money.NewV2(obj.Discount, obj.CurrencyCode), nil
}

// VariantID is the resolver for the variantId field.
func (r *lineItemResolver) VariantID(ctx context.Context, obj *ent.OrderLineItem) (*string, error) {
	if obj.VariantID == nil {
		return nil, nil
	}
	return ptr.To(gid.Encode("ProductVariant", *obj.VariantID)), nil
}

// CustomerAddressCreate is the resolver for the customerAddressCreate field.
func (r *mutationResolver) CustomerAddressCreate(ctx context.Context, address model.CustomerAddressInput, defaultAddress *bool) (*model.CustomerAddressCreatePayload, error) {
	a, err := r.Customers.CreateAddress(ctx, token(ctx), addressInput(&address))
	if err == nil && defaultAddress != nil && *defaultAddress {
		_, err = r.Customers.SetDefaultAddress(ctx, token(ctx), gid.Encode("MailingAddress", a.ID))
	}
	ue, err := addressErrors(err)
	if len(ue) > 0 {
		a = nil
	}
	return &model.CustomerAddressCreatePayload{CustomerAddress: a, UserErrors: ue}, err
}

// CustomerAddressDelete is the resolver for the customerAddressDelete field.
func (r *mutationResolver) CustomerAddressDelete(ctx context.Context, addressID string) (*model.CustomerAddressDeletePayload, error) {
	id, err := r.Customers.DeleteAddress(ctx, token(ctx), storefrontAddressID(addressID))
	ue, err := addressErrors(err)
	if len(ue) > 0 || err != nil {
		return &model.CustomerAddressDeletePayload{UserErrors: ue}, err
	}
	_, n, _, _ := gid.Parse(id)
	return &model.CustomerAddressDeletePayload{DeletedAddressID: ptr.To(gid.Encode("CustomerAddress", n)), UserErrors: ue}, nil
}

// CustomerAddressUpdate is the resolver for the customerAddressUpdate field.
func (r *mutationResolver) CustomerAddressUpdate(ctx context.Context, address *model.CustomerAddressInput, addressID string, defaultAddress *bool) (*model.CustomerAddressUpdatePayload, error) {
	id := storefrontAddressID(addressID)
	in := addressInput(address)
	var a *ent.MailingAddress
	var err error
	if len(in.Given) > 0 || defaultAddress == nil || !*defaultAddress {
		a, err = r.Customers.UpdateAddress(ctx, token(ctx), id, in)
	}
	if err == nil && defaultAddress != nil && *defaultAddress {
		var c *ent.Customer
		if c, err = r.Customers.SetDefaultAddress(ctx, token(ctx), id); err == nil && c.DefaultAddressID != nil {
			a, err = r.loaders(ctx).AddressByID.Load(ctx, *c.DefaultAddressID)
		}
	}
	ue, err := addressErrors(err)
	if len(ue) > 0 {
		a = nil
	}
	return &model.CustomerAddressUpdatePayload{CustomerAddress: a, UserErrors: ue}, err
}

// CustomerUpdate is the resolver for the customerUpdate field.
func (r *mutationResolver) CustomerUpdate(ctx context.Context, input model.CustomerUpdateInput) (*model.CustomerUpdatePayload, error) {
	c, _, err := r.Customers.Update(ctx, token(ctx), customer.UpdateInput{FirstName: input.FirstName, LastName: input.LastName})
	ue, err := customerErrors(err)
	if len(ue) > 0 {
		c = nil
	}
	return &model.CustomerUpdatePayload{Customer: c, UserErrors: ue}, err
}

// BillingAddress is the resolver for the billingAddress field.
func (r *orderResolver) BillingAddress(ctx context.Context, obj *ent.Order) (*ent.MailingAddress, error) {
	if obj.BillingAddressID == nil {
		return nil, nil
	}
	return r.loaders(ctx).AddressByID.Load(ctx, *obj.BillingAddressID)
}

// Fulfillments is the resolver for the fulfillments field.
func (r *orderResolver) Fulfillments(ctx context.Context, obj *ent.Order, after *string, before *string, first *int, last *int, reverse *bool) (*model.FulfillmentConnection, error) {
	all, err := r.loaders(ctx).Fulfillments.Load(ctx, obj.ID)
	if err != nil {
		return nil, err
	}
	w, err := page.NewWindow(pageArgs(first, after, last, before, reverse), "fulfillments")
	if err != nil {
		return nil, err
	}
	p := page.Slice(w, all, func(f *ent.Fulfillment) int { return f.ID })
	return &model.FulfillmentConnection{Nodes: p.Items, PageInfo: pageInfo(p),
		Edges: edges(p, func(c string, f *ent.Fulfillment) *model.FulfillmentEdge {
			return &model.FulfillmentEdge{Cursor: c, Node: f}
		})}, nil
}

// ID is the resolver for the id field.
func (r *orderResolver) ID(ctx context.Context, obj *ent.Order) (string, error) {
	return gid.Encode("Order", obj.ID), nil
}

// DiscountApplications is the resolver for the discountApplications field.
func (r *orderResolver) DiscountApplications(ctx context.Context, obj *ent.Order, after *string, before *string, first *int, last *int, reverse *bool) (*model1.DiscountApplicationConnection, error) {
	return model1.DiscountApplications(obj, pageArgs(first, after, last, before, reverse))
}

// LineItems is the resolver for the lineItems field.
func (r *orderResolver) LineItems(ctx context.Context, obj *ent.Order, after *string, before *string, first *int, last *int, reverse *bool) (*model.LineItemConnection, error) {
	spec, err := order.LineItemSpec(pageArgs(first, after, last, before, reverse))
	if err != nil {
		return nil, err
	}
	p, err := r.loaders(ctx).LineItemPages.Load(ctx, obj.ID, spec)
	if err != nil {
		return nil, err
	}
	return &model.LineItemConnection{Nodes: p.Items, PageInfo: pageInfo(p),
		Edges: edges(p, func(c string, l *ent.OrderLineItem) *model.LineItemEdge {
			return &model.LineItemEdge{Cursor: c, Node: l}
		})}, nil
}

// ShippingAddress is the resolver for the shippingAddress field.
func (r *orderResolver) ShippingAddress(ctx context.Context, obj *ent.Order) (*ent.MailingAddress, error) {
	if obj.ShippingAddressID == nil {
		return nil, nil
	}
	return r.loaders(ctx).AddressByID.Load(ctx, *obj.ShippingAddressID)
}

// StatusPageURL is the resolver for the statusPageUrl field.
func (r *orderResolver) StatusPageURL(ctx context.Context, obj *ent.Order) (string, error) {
	return r.Orders.StatusURL(obj), nil
}

// Customer is the resolver for the customer field.
func (r *queryResolver) Customer(ctx context.Context) (*ent.Customer, error) {
	c, err := r.viewer(ctx)
	if c != nil {
		r.loaders(ctx).ExpectCustomers([]*ent.Customer{c})
	}
	return c, err
}

// Order is the resolver for the order field.
func (r *queryResolver) Order(ctx context.Context, id string) (*ent.Order, error) {
	c, err := r.viewer(ctx)
	if err != nil {
		return nil, err
	}
	typ, n, _, err := gid.Parse(id)
	if err != nil || typ != "Order" {
		return nil, nil
	}
	o, err := r.loaders(ctx).OrderByID.Load(ctx, n)
	if err != nil || o == nil || o.CustomerID == nil || *o.CustomerID != c.ID {
		return nil, err
	}
	return o, nil
}

// Customer returns CustomerResolver implementation.
func (r *Resolver) Customer() CustomerResolver { return &customerResolver{r} }

// CustomerAddress returns CustomerAddressResolver implementation.
func (r *Resolver) CustomerAddress() CustomerAddressResolver { return &customerAddressResolver{r} }

// Fulfillment returns FulfillmentResolver implementation.
func (r *Resolver) Fulfillment() FulfillmentResolver { return &fulfillmentResolver{r} }

// LineItem returns LineItemResolver implementation.
func (r *Resolver) LineItem() LineItemResolver { return &lineItemResolver{r} }

// Mutation returns MutationResolver implementation.
func (r *Resolver) Mutation() MutationResolver { return &mutationResolver{r} }

// Order returns OrderResolver implementation.
func (r *Resolver) Order() OrderResolver { return &orderResolver{r} }

// Query returns QueryResolver implementation.
func (r *Resolver) Query() QueryResolver { return &queryResolver{r} }

type (
	customerResolver        struct{ *Resolver }
	customerAddressResolver struct{ *Resolver }
	fulfillmentResolver     struct{ *Resolver }
	lineItemResolver        struct{ *Resolver }
	mutationResolver        struct{ *Resolver }
	orderResolver           struct{ *Resolver }
	queryResolver           struct{ *Resolver }
)

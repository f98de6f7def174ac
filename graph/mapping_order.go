package graph

import (
	"context"

	"accountgraph/ent"
	"accountgraph/ent/companycontact"
	"accountgraph/ent/schema"
	"accountgraph/graph/model"
	"accountgraph/internal/catalog"
	"accountgraph/internal/loaders"
	"accountgraph/internal/order"
	"accountgraph/internal/page"
	"accountgraph/internal/ptr"
)

func (r *Resolver) variantPage(ctx context.Context, p *ent.Product, args page.Args, key model.ProductVariantSortKeys) (page.Page[*ent.ProductVariant], error) {
	spec, err := catalog.VariantSpec(args, string(key))
	if err != nil {
		return page.Page[*ent.ProductVariant]{}, err
	}
	return r.loaders(ctx).VariantPages.Load(ctx, p.ID, spec)
}

func (r *Resolver) lineItemPage(ctx context.Context, orderID int, args page.Args) (page.Page[*ent.OrderLineItem], error) {
	spec, err := order.LineItemSpec(args)
	if err != nil {
		return page.Page[*ent.OrderLineItem]{}, err
	}
	return r.loaders(ctx).LineItemPages.Load(ctx, orderID, spec)
}

// fulfillmentLines pages through a shipment's lines (kept on the shipment)
// and loads their order lines in one batch for every shipment.
func (r *Resolver) fulfillmentLines(ctx context.Context, f *ent.Fulfillment, args page.Args) (*model.FulfillmentLineItemConnection, error) {
	w, err := page.NewWindow(args, "flines")
	if err != nil {
		return nil, err
	}
	p := page.Slice(w, f.Lines, func(l schema.FulfilledLine) int { return l.LineItemID })
	ids := make([]int, len(p.Items))
	for i, l := range p.Items {
		ids[i] = l.LineItemID
	}
	items, err := r.loaders(ctx).LineItemByID.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	nodes := make([]*model.FulfillmentLineItem, len(p.Items))
	edges := make([]*model.FulfillmentLineItemEdge, len(p.Items))
	for i, l := range p.Items {
		nodes[i] = &model.FulfillmentLineItem{LineItem: items[i], Quantity: l.Quantity}
		edges[i] = &model.FulfillmentLineItemEdge{Cursor: p.Cursor(i), Node: nodes[i]}
	}
	return &model.FulfillmentLineItemConnection{Edges: edges, Nodes: nodes, PageInfo: pageInfo(p)}, nil
}

func (r *Resolver) orderAddress(ctx context.Context, id *int) (*ent.MailingAddress, error) {
	if id == nil {
		return nil, nil
	}
	return r.loaders(ctx).AddressByID.Load(ctx, *id)
}

func productInputs(in []*model.AdminProductInput) []catalog.ProductInput {
	out := make([]catalog.ProductInput, len(in))
	for i, p := range in {
		out[i] = catalog.ProductInput{Handle: p.Handle, Title: p.Title, Description: p.Description, Vendor: p.Vendor,
			ProductType: p.ProductType, Tags: p.Tags, ImageURL: p.ImageURL, ImageAlt: p.ImageAlt, PublishedAt: p.PublishedAt}
		for _, v := range p.Variants {
			vi := catalog.VariantInput{SKU: v.Sku, Title: v.Title, Price: v.Price, CompareAtPrice: v.CompareAtPrice,
				Currency: string(v.CurrencyCode), AvailableForSale: v.AvailableForSale, ImageURL: v.ImageURL}
			for _, o := range v.SelectedOptions {
				vi.Options = append(vi.Options, schema.SelectedOption{Name: o.Name, Value: o.Value})
			}
			out[i].Variants = append(out[i].Variants, vi)
		}
	}
	return out
}

func orderInput(in model.AdminOrderInput) order.CreateInput {
	out := order.CreateInput{
		ExternalID: in.ExternalID, ConfirmationNumber: in.ConfirmationNumber, CustomerID: in.CustomerID, Email: in.Email, Phone: in.Phone, CompanyLocationID: in.CompanyLocationID,
		ProcessedAt: in.ProcessedAt, Currency: string(in.CurrencyCode), Shipping: ptr.Deref(in.TotalShippingPrice),
		Tax: ptr.Deref(in.TotalTax), Discounts: ptr.Deref(in.TotalDiscounts),
	}
	for _, d := range in.DiscountApplications {
		out.DiscountApps = append(out.DiscountApps, order.DiscountInput{
			Code: d.Code, Title: d.Title, Description: d.Description, Amount: d.Amount, Percentage: d.Percentage,
			TargetType: string(*d.TargetType), TargetSelection: string(*d.TargetSelection), AllocationMethod: string(*d.AllocationMethod),
		})
	}
	if in.FinancialStatus != nil {
		out.FinancialStatus = string(*in.FinancialStatus)
	}
	for _, l := range in.LineItems {
		li := order.LineInput{SKU: l.Sku, Title: l.Title, VariantTitle: l.VariantTitle,
			Quantity: l.Quantity, Price: l.Price, Discount: ptr.Deref(l.Discount)}
		for _, a := range l.DiscountAllocations {
			li.Allocations = append(li.Allocations, order.AllocationInput{Index: a.DiscountApplicationIndex, Amount: a.Amount})
		}
		out.Lines = append(out.Lines, li)
	}
	if in.ShippingAddress != nil {
		a := addressInput(*in.ShippingAddress)
		out.ShippingAddress = &a
	}
	if in.BillingAddress != nil {
		a := addressInput(*in.BillingAddress)
		out.BillingAddress = &a
	}
	return out
}

func orderUpdateInput(in model.AdminOrderUpdateInput) order.UpdateInput {
	out := order.UpdateInput{RefundAmount: in.RefundAmount, Closed: in.Closed}
	if in.FinancialStatus != nil {
		out.FinancialStatus = ptr.To(string(*in.FinancialStatus))
	}
	if in.FulfillmentStatus != nil {
		out.FulfillmentStatus = ptr.To(string(*in.FulfillmentStatus))
	}
	return out
}

func fulfillmentInput(in model.AdminFulfillmentInput) order.FulfillmentInput {
	out := order.FulfillmentInput{ExternalID: in.ExternalID, TrackingCompany: in.TrackingCompany, Tracking: []schema.TrackingInfo{}, ShippedAt: in.ShippedAt}
	for _, t := range in.TrackingInfo {
		out.Tracking = append(out.Tracking, schema.TrackingInfo{Number: &t.Number, URL: t.URL})
	}
	if in.LineItems != nil {
		out.Lines = []order.FulfilledLineInput{}
		for _, l := range in.LineItems {
			out.Lines = append(out.Lines, order.FulfilledLineInput{Position: l.Position, Quantity: l.Quantity})
		}
	}
	return out
}

func eventInput(in model.AdminFulfillmentEventInput) order.EventInput {
	out := order.EventInput{Status: string(in.Status), HappenedAt: in.HappenedAt, Message: in.Message,
		City: in.City, Province: in.Province, Zip: in.Zip}
	if in.CountryCode != nil {
		out.CountryCode = ptr.To(string(*in.CountryCode))
	}
	return out
}

func (r *mutationResolver) createOrder(ctx context.Context, in model.AdminOrderInput) (*model.AdminOrderPayload, error) {
	o, err := r.Orders.Create(ctx, orderInput(in))
	ue, err := adminErrors(err)
	return &model.AdminOrderPayload{Order: o, UserErrors: ue}, err
}

// customerOrders is Customer.orders: a page of one customer's orders,
// batched with every other customer's in the request.
func (r *Resolver) customerOrders(ctx context.Context, c *ent.Customer, args page.Args, sortKey model.OrderSortKeys, query string) (*model.OrderConnection, error) {
	spec, err := order.HistorySpec(args, string(sortKey), query)
	if err != nil {
		return nil, err
	}
	l := r.loaders(ctx)
	return orderConnection(ctx, l.OrderPages, l.OrderTotalCounts, c.ID, spec)
}

// contactOrders pages through the orders a company contact may see: the
// company's for an ADMIN, their own at the company for a BUYER.
func (r *Resolver) contactOrders(ctx context.Context, c *ent.CompanyContact, args page.Args, sortKey model.OrderSortKeys, query string) (*model.OrderConnection, error) {
	spec, err := order.HistorySpec(args, string(sortKey), query)
	if err != nil {
		return nil, err
	}
	l := r.loaders(ctx)
	if c.Role == companycontact.RoleADMIN {
		return orderConnection(ctx, l.CompanyOrderPages, l.CompanyOrderTotalCounts, c.CompanyID, spec)
	}
	return orderConnection(ctx, l.OrderPages, l.OrderTotalCounts, c.CustomerID, order.WithinCompany(spec, c.CompanyID))
}

// orderConnection loads one parent's page of orders (and its total when
// asked for) through the request's loaders.
func orderConnection(ctx context.Context, pages *loaders.Pages[*ent.Order], counts *loaders.Counts, parent int,
	spec page.Spec[*ent.Order]) (*model.OrderConnection, error) {
	p, err := pages.Load(ctx, parent, spec)
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(cur string, o *ent.Order) *model.OrderEdge { return &model.OrderEdge{Cursor: cur, Node: o} })
	conn := &model.OrderConnection{Edges: edges, Nodes: p.Items, PageInfo: info}
	if fieldRequested(ctx, "totalCount") {
		n, err := counts.Load(ctx, pages.Key(parent, spec))
		if err != nil {
			return nil, err
		}
		conn.TotalCount = uint64(n)
	}
	return conn, nil
}

func shippingDiscountAllocations(o *ent.Order) []*model.DiscountAllocation {
	return model.DiscountAllocations(order.ShippingAllocations(o), o.CurrencyCode)
}

// Package order holds the rules of orders: ingestion from the shop's order
// system (idempotent), status changes, cancellation, shipments and their
// tracking, guest orders joining accounts, and the filters and sort orders
// of a customer's order history.
package order

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"accountgraph/ent"
	"accountgraph/ent/customer"
	entorder "accountgraph/ent/order"
	"accountgraph/ent/productvariant"
	"accountgraph/ent/schema"
	"accountgraph/internal/apperr"
	"accountgraph/internal/auth"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
	"accountgraph/internal/notify"
	"accountgraph/internal/ptr"
	"accountgraph/internal/recommend"

	cust "accountgraph/internal/customer"
)

// Limits of an ingested order.
const (
	MaxLines       = 250
	MaxQuantity    = 10000
	MaxTrackingIDs = 20
)

// Service runs the order rules.
type Service struct {
	DB        *ent.Client
	PublicURL string
	Now       func() time.Time
	// Outbox takes the order's messages (confirmation, shipping and
	// delivery updates) in the transactions that cause them.
	Outbox *notify.Outbox
	// Loyalty keeps points in step with orders (nil: no programme).
	Loyalty LoyaltyHook
	// Currency is the shop's currency, in which the customer list's amount
	// spent is counted.
	Currency string
	// Companies checks B2B orders (nil: no B2B).
	Companies CompanyChecker
	// Returns closes an order's open returns when a refund is recorded
	// (nil: no returns).
	Returns RefundHook
}

// RefundHook is told, inside the refund's transaction, that a refund of
// amount (formatted, with its currency) was recorded on an order.
type RefundHook interface {
	OrderRefunded(ctx context.Context, tx *ent.Tx, o *ent.Order, amount string) error
}

// CompanyChecker checks a B2B order for a company location and returns the
// company's ID.
type CompanyChecker interface {
	CheckOrder(ctx context.Context, locationID, customerID int, total int64, currency string, field []string) (int, error)
}

// LoyaltyHook keeps the loyalty ledger in step with an order, inside the
// transaction that changed it.
type LoyaltyHook interface {
	OrderChanged(ctx context.Context, tx *ent.Tx, o *ent.Order) error
}

// changed keeps the customer's list figures and the loyalty programme in
// step with an order written in tx.
func (s *Service) changed(ctx context.Context, tx *ent.Tx, o *ent.Order) error {
	if o.CustomerID == nil {
		return nil
	}
	if err := cust.RefreshStats(ctx, tx, s.Currency, *o.CustomerID); err != nil {
		return err
	}
	if s.Loyalty == nil {
		return nil
	}
	return s.Loyalty.OrderChanged(ctx, tx, o)
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// LineInput is a line of an ingested order.
type LineInput struct {
	SKU          *string
	Title        string
	VariantTitle *string
	Quantity     int
	Price        string
	Discount     string
	// Allocations say which discount applications make up Discount.
	Allocations []AllocationInput
}

// AllocationInput is the part of a line's discount one of the order's
// discount applications (by index) gave.
type AllocationInput struct {
	Index  int
	Amount string
}

// DiscountInput is a discount applied to an ingested order.
type DiscountInput struct {
	Code, Title, Description *string
	Amount                   *string
	Percentage               *float64
	TargetType               string
	TargetSelection          string
	AllocationMethod         string
}

var confirmationRE = regexp.MustCompile(`^[A-Za-z0-9]{4,32}$`)

// newConfirmationNumber is nine random capitals and digits (no 0, O, 1 or
// I, which customers misread), as Shopify's look.
func newConfirmationNumber() string {
	const letters = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	b := make([]byte, 9)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = letters[int(b[i])%len(letters)]
	}
	return string(b)
}

// CreateInput is an ingested order.
type CreateInput struct {
	ExternalID string
	// ConfirmationNumber is the order system's; nil: one is made.
	ConfirmationNumber *string
	CustomerID         *string
	CompanyLocationID  *string
	Email, Phone       *string
	ProcessedAt        *time.Time
	Currency           string
	FinancialStatus    string
	Lines              []LineInput
	Shipping           string
	Tax                string
	Discounts          string
	DiscountApps       []DiscountInput
	ShippingAddress    *cust.AddressInput
	BillingAddress     *cust.AddressInput
}

type validated struct {
	lines                   []ent.OrderLineItem
	subtotal, shipping, tax int64
	discounts, total        int64
	email, emailKey, phone  *string
	customerID              *int
	shipping_, billing      *cust.ValidAddress
	searchText              string
	discountApps            []schema.DiscountApplication
	companyID, locationID   *int
}

func (s *Service) validate(ctx context.Context, in CreateInput) (*validated, error) {
	var errs apperr.FieldErrors
	v := &validated{}
	amount := func(f []string, raw string) int64 {
		n, err := money.Parse(raw, in.Currency)
		if err != nil {
			errs.Add(f, apperr.CodeInvalid, "Amount must be a non-negative decimal with at most "+strconv.Itoa(money.Exponent(in.Currency))+" decimals for "+in.Currency)
		}
		return n
	}
	if strings.TrimSpace(in.ExternalID) == "" {
		errs.Add(apperr.Path("order", "externalId"), apperr.CodeBlank, "External ID can't be blank")
	} else if len(in.ExternalID) > 255 {
		errs.Add(apperr.Path("order", "externalId"), apperr.CodeTooLong, "External ID is too long")
	}
	if c := in.ConfirmationNumber; c != nil && !confirmationRE.MatchString(*c) {
		errs.Add(apperr.Path("order", "confirmationNumber"), apperr.CodeInvalid, "A confirmation number is 4 to 32 letters and digits")
	}
	switch {
	case len(in.Lines) == 0:
		errs.Add(apperr.Path("order", "lineItems"), apperr.CodeBlank, "An order needs at least one line")
	case len(in.Lines) > MaxLines:
		errs.Add(apperr.Path("order", "lineItems"), apperr.CodeTooMany, "An order has at most 250 lines")
	}
	var titles []string
	for i, l := range in.Lines {
		f := func(name string) []string { return apperr.Path("order", "lineItems", i, name) }
		title := strings.TrimSpace(l.Title)
		switch {
		case title == "":
			errs.Add(f("title"), apperr.CodeBlank, "Title can't be blank")
		case utf8.RuneCountInString(title) > 255:
			errs.Add(f("title"), apperr.CodeTooLong, "Title is too long")
		}
		if l.Quantity < 1 || l.Quantity > MaxQuantity {
			errs.Add(f("quantity"), apperr.CodeInvalid, "Quantity must be between 1 and 10000")
		}
		price := amount(f("price"), l.Price)
		discount := amount(f("discount"), l.Discount)
		if discount > price*int64(l.Quantity) {
			errs.Add(f("discount"), apperr.CodeInvalid, "Discount is larger than the line")
			discount = 0
		}
		li := ent.OrderLineItem{Title: title, Quantity: l.Quantity, CurrentQuantity: l.Quantity,
			OriginalUnitPrice: price, Discount: discount, Position: i + 1, CurrencyCode: in.Currency}
		if l.SKU != nil {
			li.Sku = strings.TrimSpace(*l.SKU)
		}
		if l.VariantTitle != nil {
			li.VariantTitle = strings.TrimSpace(*l.VariantTitle)
		}
		v.lines = append(v.lines, li)
		v.subtotal += price*int64(l.Quantity) - discount
		titles = append(titles, title)
	}
	v.shipping = amount(apperr.Path("order", "totalShippingPrice"), in.Shipping)
	v.tax = amount(apperr.Path("order", "totalTax"), in.Tax)
	v.discounts = amount(apperr.Path("order", "totalDiscounts"), in.Discounts)
	// Checked only when the lines are valid: a bad line already said why.
	if v.subtotal >= 0 && v.discounts > v.subtotal+v.shipping+v.tax {
		errs.Add(apperr.Path("order", "totalDiscounts"), apperr.CodeInvalid, "Discounts are larger than the order")
	}
	v.total = v.subtotal + v.shipping + v.tax - v.discounts
	if in.Email != nil && strings.TrimSpace(*in.Email) != "" {
		e := strings.TrimSpace(*in.Email)
		if !strings.Contains(e, "@") || len(e) > 254 || strings.ContainsAny(e, " <>") {
			errs.Add(apperr.Path("order", "email"), apperr.CodeInvalid, "Email is invalid")
		}
		k := strings.ToLower(e)
		v.email, v.emailKey = &e, &k
	}
	if in.Phone != nil && strings.TrimSpace(*in.Phone) != "" {
		p := strings.TrimSpace(*in.Phone)
		if len(p) > 20 {
			errs.Add(apperr.Path("order", "phone"), apperr.CodeTooLong, "Phone is too long")
		}
		v.phone = &p
	}
	for _, a := range []struct {
		in   *cust.AddressInput
		name string
		out  **cust.ValidAddress
	}{{in.ShippingAddress, "shippingAddress", &v.shipping_}, {in.BillingAddress, "billingAddress", &v.billing}} {
		if a.in == nil {
			continue
		}
		va, err := cust.ValidateAddress(*a.in, apperr.Path("order", a.name))
		if fe, ok := err.(apperr.FieldErrors); ok {
			errs = append(errs, fe...)
		}
		*a.out = &va
	}
	if in.CustomerID != nil {
		id, err := gid.Decode(*in.CustomerID, "Customer")
		if err == nil {
			if ok, qerr := s.DB.Customer.Query().Where(customer.ID(id)).Exist(ctx); qerr != nil {
				return nil, qerr
			} else if !ok {
				err = gid.ErrInvalid
			}
		}
		if err != nil {
			errs.Add(apperr.Path("order", "customerId"), apperr.CodeNotFound, "Customer does not exist")
		}
		v.customerID = &id
	}
	if len(in.DiscountApps) > 20 {
		errs.Add(apperr.Path("order", "discountApplications"), apperr.CodeTooMany, "At most 20 discounts")
	}
	for i, d := range in.DiscountApps {
		f := func(name string) []string { return apperr.Path("order", "discountApplications", i, name) }
		app := schema.DiscountApplication{TargetType: d.TargetType, TargetSelection: d.TargetSelection, AllocationMethod: d.AllocationMethod}
		trim := func(p *string) string {
			if p == nil {
				return ""
			}
			return strings.TrimSpace(*p)
		}
		app.Code, app.Title, app.Description = trim(d.Code), trim(d.Title), trim(d.Description)
		switch {
		case app.Code == "" && app.Title == "":
			errs.Add(f("code"), apperr.CodeBlank, "A discount needs a code or a title")
		case len(app.Code) > 255 || len(app.Title) > 255 || len(app.Description) > 1000:
			errs.Add(f("code"), apperr.CodeTooLong, "Too long")
		}
		switch {
		case (d.Amount == nil) == (d.Percentage == nil):
			errs.Add(f("amount"), apperr.CodeInvalid, "Give either an amount or a percentage")
		case d.Amount != nil:
			n := amount(f("amount"), *d.Amount)
			app.Amount = &n
		case *d.Percentage <= 0 || *d.Percentage > 100:
			errs.Add(f("percentage"), apperr.CodeInvalid, "Percentage must be above 0 and at most 100")
		default:
			p := *d.Percentage
			app.Percentage = &p
		}
		v.discountApps = append(v.discountApps, app)
	}
	for i, l := range in.Lines { // v.lines has a line for each, valid or not
		v.lines[i].DiscountAllocations = allocate(&errs, i, &v.lines[i], l.Allocations, v.discountApps, amount)
	}
	v.searchText = strings.ToLower(strings.Join(titles, " \n "))
	return v, errs.Err()
}

// allocate splits a line's discount over the order's discount
// applications: as given (the amounts must add up to the line's discount,
// or make it when none was given), or else over the applications that
// target line items, in proportion to what each would take off the line
// alone, to the minor unit.
func allocate(errs *apperr.FieldErrors, line int, li *ent.OrderLineItem, given []AllocationInput, apps []schema.DiscountApplication, amount func([]string, string) int64) []schema.DiscountAllocation {
	f := func(path ...any) []string { return apperr.Path(append([]any{"order", "lineItems", line}, path...)...) }
	if len(given) > 0 {
		var out []schema.DiscountAllocation
		var sum int64
		for j, g := range given {
			if g.Index < 0 || g.Index >= len(apps) {
				errs.Add(f("discountAllocations", j, "discountApplicationIndex"), apperr.CodeInvalid, "No discount application has this index")
				continue
			}
			n := amount(f("discountAllocations", j, "amount"), g.Amount)
			sum += n
			out = append(out, schema.DiscountAllocation{Amount: n, Index: g.Index, Application: apps[g.Index]})
		}
		switch {
		case li.Discount == 0 && sum <= li.OriginalUnitPrice*int64(li.Quantity):
			li.Discount = sum
		case sum != li.Discount:
			errs.Add(f("discountAllocations"), apperr.CodeInvalid, "The allocations must add up to the line's discount")
		}
		return out
	}
	if li.Discount == 0 {
		return nil
	}
	var targets []int
	var weights []int64
	for i, a := range apps {
		if a.TargetType != "LINE_ITEM" {
			continue
		}
		// Each weighs what it would take off this line alone.
		w := int64(1)
		switch {
		case a.Amount != nil:
			w = max(*a.Amount, 1)
		case a.Percentage != nil:
			w = max(int64(*a.Percentage*float64(li.OriginalUnitPrice*int64(li.Quantity))/100), 1)
		}
		targets, weights = append(targets, i), append(weights, w)
	}
	if len(targets) == 0 {
		return nil
	}
	shares := money.Split(li.Discount, weights)
	out := make([]schema.DiscountAllocation, 0, len(targets))
	for k, i := range targets {
		if shares[k] > 0 {
			out = append(out, schema.DiscountAllocation{Amount: shares[k], Index: i, Application: apps[i]})
		}
	}
	return out
}

// Create ingests an order. The same external ID ingested again returns the
// stored order unchanged, also when two calls race.
func (s *Service) Create(ctx context.Context, in CreateInput) (*ent.Order, error) {
	if o, err := s.byExternalID(ctx, in.ExternalID); o != nil || err != nil {
		return o, err
	}
	v, err := s.validate(ctx, in)
	if err != nil {
		return nil, err
	}
	if v.customerID == nil && v.emailKey != nil {
		// A guest order joins the account whose owner proved the address.
		c, err := s.DB.Customer.Query().Where(customer.EmailKey(*v.emailKey), customer.EmailVerified(true)).Only(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return nil, err
		}
		if c != nil {
			v.customerID = &c.ID
		}
	}
	if in.CompanyLocationID != nil {
		field := apperr.Path("order", "companyLocationId")
		loc, err := gid.Decode(*in.CompanyLocationID, "CompanyLocation")
		switch {
		case err != nil || s.Companies == nil:
			return nil, apperr.Invalid(field, apperr.CodeNotFound, "Company location does not exist")
		case v.customerID == nil:
			return nil, apperr.Invalid(field, apperr.CodeNotAllowed, "A company order needs a customer who is a contact of the company")
		}
		company, err := s.Companies.CheckOrder(ctx, loc, *v.customerID, v.total, in.Currency, field)
		if err != nil {
			return nil, err
		}
		v.companyID, v.locationID = &company, &loc
	}
	processed := s.now()
	if in.ProcessedAt != nil {
		processed = in.ProcessedAt.UTC()
	}
	var created *ent.Order
	for attempt := 0; attempt < 5; attempt++ {
		err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
			var err error
			created, err = s.insert(ctx, tx, in, v, processed)
			return err
		})
		if !db.IsUniqueViolation(err) {
			break
		}
		// Either the same external ID won a race (return it) or another
		// order took the next number (try again).
		if o, err2 := s.byExternalID(ctx, in.ExternalID); o != nil || err2 != nil {
			return o, err2
		}
	}
	return created, err
}

func (s *Service) byExternalID(ctx context.Context, id string) (*ent.Order, error) {
	o, err := s.DB.Order.Query().Where(entorder.ExternalID(strings.TrimSpace(id))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return o, err
}

func (s *Service) insert(ctx context.Context, tx *ent.Tx, in CreateInput, v *validated, processed time.Time) (*ent.Order, error) {
	last, err := tx.Order.Query().Order(ent.Desc(entorder.FieldOrderNumber)).Limit(1).Select(entorder.FieldOrderNumber).Ints(ctx)
	if err != nil {
		return nil, err
	}
	number := 1001
	if len(last) > 0 {
		number = last[0] + 1
	}
	key, _ := auth.NewToken()
	name := "#" + strconv.Itoa(number)
	confirmation := in.ConfirmationNumber
	if confirmation == nil {
		confirmation = ptr.To(newConfirmationNumber())
	}
	create := tx.Order.Create().
		SetExternalID(strings.TrimSpace(in.ExternalID)).SetOrderNumber(number).SetName(name).
		SetConfirmationNumber(strings.ToUpper(*confirmation)).
		SetNillableCustomerID(v.customerID).SetNillableEmail(v.email).SetNillableEmailKey(v.emailKey).SetNillablePhone(v.phone).
		SetProcessedAt(processed).SetCurrencyCode(in.Currency).
		SetFinancialStatus(entorder.FinancialStatus(in.FinancialStatus)).SetFulfillmentStatus(entorder.FulfillmentStatusUNFULFILLED).
		SetSubtotalPrice(v.subtotal).SetTotalShippingPrice(v.shipping).SetTotalTax(v.tax).
		SetTotalDiscounts(v.discounts).SetTotalPrice(v.total).SetStatusKey(key[:32]).
		SetDiscountApplications(v.discountApps).SetNillableCompanyID(v.companyID).SetNillableCompanyLocationID(v.locationID).
		SetSearchText(strings.ToLower(name) + " \n " + v.searchText)
	for _, a := range []struct {
		addr *cust.ValidAddress
		set  func(int)
	}{{v.shipping_, func(id int) { create.SetShippingAddressID(id) }}, {v.billing, func(id int) { create.SetBillingAddressID(id) }}} {
		if a.addr == nil {
			continue
		}
		m, err := cust.SaveAddress(ctx, tx, *a.addr)
		if err != nil {
			return nil, err
		}
		a.set(m.ID)
	}
	o, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	// Link lines to catalogue variants by SKU, in one query.
	var skus []string
	for _, l := range v.lines {
		if l.Sku != "" {
			skus = append(skus, l.Sku)
		}
	}
	variants := map[string]int{}
	if len(skus) > 0 {
		rows, err := tx.ProductVariant.Query().Where(productvariant.SkuIn(skus...)).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			variants[r.Sku] = r.ID
		}
	}
	bulk := make([]*ent.OrderLineItemCreate, len(v.lines))
	for i, l := range v.lines {
		b := tx.OrderLineItem.Create().SetOrderID(o.ID).SetTitle(l.Title).SetVariantTitle(l.VariantTitle).SetSku(l.Sku).
			SetQuantity(l.Quantity).SetCurrentQuantity(l.Quantity).SetCurrencyCode(l.CurrencyCode).
			SetOriginalUnitPrice(l.OriginalUnitPrice).SetDiscount(l.Discount).SetPosition(l.Position)
		if id, ok := variants[l.Sku]; ok {
			b.SetVariantID(id)
		}
		if len(l.DiscountAllocations) > 0 { // else NULL: nothing to decode when read
			b.SetDiscountAllocations(l.DiscountAllocations)
		}
		bulk[i] = b
	}
	if err := tx.OrderLineItem.CreateBulk(bulk...).Exec(ctx); err != nil {
		return nil, err
	}
	var sold []int
	for _, l := range v.lines {
		if id, ok := variants[l.Sku]; ok {
			sold = append(sold, id)
		}
	}
	if err := recommend.Count(ctx, tx, sold, 1); err != nil {
		return nil, err
	}
	if err := s.confirm(ctx, tx, o, v.lines); err != nil {
		return nil, err
	}
	return o, s.changed(ctx, tx, o)
}

// ByID returns an order for the Admin API.
func (s *Service) ByID(ctx context.Context, id string) (*ent.Order, error) {
	key, err := gid.Decode(id, "Order")
	if err != nil {
		return nil, apperr.Invalid(apperr.Path("id"), apperr.CodeNotFound, "Order does not exist")
	}
	o, err := s.DB.Order.Get(ctx, key)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid(apperr.Path("id"), apperr.CodeNotFound, "Order does not exist")
	}
	return o, err
}

// ByStatusLink returns the order of a global ID that carries its status
// key (gid://accountgraph/Order/12?key=…), or nil when the key is wrong.
func (s *Service) ByStatusLink(ctx context.Context, id int, query string) (*ent.Order, error) {
	q, err := url.ParseQuery(query)
	key := q.Get("key")
	if err != nil || key == "" {
		return nil, nil
	}
	o, err := s.DB.Order.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(o.StatusKey), []byte(key)) != 1 {
		return nil, nil
	}
	return o, nil
}

// GlobalID is the order's ID with its status key, as its customer sees it.
func GlobalID(o *ent.Order) string {
	return gid.EncodeKeyed("Order", o.ID, o.StatusKey)
}

// StatusURL is the order's status page.
func (s *Service) StatusURL(o *ent.Order) string {
	return fmt.Sprintf("%s/orders/%d/status?key=%s", s.PublicURL, o.ID, o.StatusKey)
}

// ShippingAllocations are the parts of the shipping price the order's
// shipping discounts took off, in their order, each its amount or its
// percentage of the shipping price, never more than what is left of it.
func ShippingAllocations(o *ent.Order) []schema.DiscountAllocation {
	left := o.TotalShippingPrice
	var out []schema.DiscountAllocation
	for i, a := range o.DiscountApplications {
		if a.TargetType != "SHIPPING_LINE" || left <= 0 {
			continue
		}
		var n int64
		switch {
		case a.Amount != nil:
			n = *a.Amount
		case a.Percentage != nil:
			n = int64(math.Round(*a.Percentage * float64(o.TotalShippingPrice) / 100))
		}
		n = min(n, left)
		if n > 0 {
			left -= n
			out = append(out, schema.DiscountAllocation{Amount: n, Index: i, Application: a})
		}
	}
	return out
}

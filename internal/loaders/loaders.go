// Package loaders batches the reads of nested fields per request, so the
// number of SQL statements of a request depends on its depth and never on
// how many rows it returns. Loaders live for one request only: sharing them
// would serve stale data and leak one customer's rows to another.
package loaders

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/vikstrous/dataloadgen"

	"accountgraph/ent"
	"accountgraph/ent/cart"
	"accountgraph/ent/cartline"
	"accountgraph/ent/communicationpreference"
	"accountgraph/ent/customeraccesstoken"
	"accountgraph/ent/fulfillment"
	"accountgraph/ent/fulfillmentevent"
	"accountgraph/ent/linkedidentity"
	"accountgraph/ent/mailingaddress"
	"accountgraph/ent/order"
	"accountgraph/ent/orderlineitem"
	"accountgraph/ent/product"
	"accountgraph/ent/productvariant"
	"accountgraph/ent/savedcart"
	"accountgraph/ent/savedcartline"
	"accountgraph/ent/supportmessage"
	"accountgraph/ent/supportticket"
	"accountgraph/ent/wishlist"
	"accountgraph/ent/wishlistline"
	"accountgraph/internal/db"
	"accountgraph/internal/loyalty"
	"accountgraph/internal/page"
	"accountgraph/internal/recommend"
)

// Loaders are one request's loaders.
type Loaders struct {
	VariantByID      *Keyed[int, *ent.ProductVariant]
	ProductByID      *Keyed[int, *ent.Product]
	AddressByID      *Keyed[int, *ent.MailingAddress]
	LineItemByID     *Keyed[int, *ent.OrderLineItem]
	OrderCount       *Keyed[int, int]
	Fulfillments     *Keyed[int, []*ent.Fulfillment]
	EventsByOrder    *Keyed[int, []*ent.FulfillmentEvent]
	LineItemPages    *Pages[*ent.OrderLineItem]
	AddressPages     *Pages[*ent.MailingAddress]
	VariantPages     *Pages[*ent.ProductVariant]
	OrderPages       *Pages[*ent.Order]
	OrderTotalCounts *dataloadgen.Loader[PageKey, int]
	// CartLines are a cart's lines (at most 250) with their variants.
	CartLines *Keyed[int, []*ent.CartLine]
	// OpenCart is a customer's open cart.
	OpenCart *Keyed[int, *ent.Cart]
	// Communication is a customer's stored communication preferences.
	Communication *Keyed[int, []*ent.CommunicationPreference]
	// LinkedIdentities are a customer's social sign-in identities.
	LinkedIdentities *Keyed[int, []*ent.LinkedIdentity]
	companyLoaders
	// WishlistPages are customers' wishlists; WishlistLinePages their lines.
	WishlistPages     *Pages[*ent.Wishlist]
	WishlistLinePages *Pages[*ent.WishlistLine]
	// SavedCartPages are customers' named saved carts; SavedLinePages the
	// lines of saved carts (and of save-for-later lists).
	SavedCartPages *Pages[*ent.SavedCart]
	SavedLinePages *Pages[*ent.SavedCartLine]
	// SessionPages are customers' access tokens.
	SessionPages *Pages[*ent.CustomerAccessToken]
	// TicketPages are customers' support tickets; MessagePages their messages.
	TicketPages  *Pages[*ent.SupportTicket]
	MessagePages *Pages[*ent.SupportMessage]
	// OrderByID loads orders (a ticket's order).
	OrderByID *Keyed[int, *ent.Order]

	// Loyalty: the programme (key 0), accounts by customer, the rolling
	// 12-month sums and the expiry view of customers' ledgers, ledger and
	// redemption pages, redemption counts per reward, rewards, active
	// rewards (key 0), memberships by customer, plans and referral counts.
	LoyaltyProgram       *Keyed[int, *ent.LoyaltyProgram]
	LoyaltyAccount       *Keyed[int, *ent.LoyaltyAccount]
	LoyaltyRolling       *Keyed[int, loyalty.Sums]
	LoyaltyLots          *Keyed[int, loyalty.Ledger]
	LoyaltyEntryPages    *Pages[*ent.LoyaltyEntry]
	RedemptionPages      *Pages[*ent.LoyaltyRedemption]
	RedemptionCounts     *Keyed[int, map[int]int]
	RewardByID           *Keyed[int, *ent.LoyaltyReward]
	ActiveRewards        *Keyed[int, []*ent.LoyaltyReward]
	MembershipByCustomer *Keyed[int, *ent.Membership]
	PlanByID             *Keyed[int, *ent.MembershipPlan]
	ReferralCount        *Keyed[int, int]

	// Recommendations are customers' ranked recommendations.
	Recommendations *Keyed[int, []recommend.Item]

	// byCustomer are the loaders keyed by customer ID (see perCustomer).
	byCustomer []expecter
}

// wait is how long a loader collects keys before it queries. Completeness
// of a batch does not depend on it (see Keyed); it only merges siblings
// that nobody registered, such as the customers of a root list.
const wait = 2 * time.Millisecond

// New makes a request's loaders.
func New(db *ent.Client) *Loaders {
	l := &Loaders{
		VariantByID: newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.ProductVariant, error) {
			return db.ProductVariant.Query().Where(productvariant.IDIn(ids...)).All(ctx)
		}, func(v *ent.ProductVariant) int { return v.ID })),
		ProductByID: newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.Product, error) {
			return db.Product.Query().Where(product.IDIn(ids...)).All(ctx)
		}, func(v *ent.Product) int { return v.ID })),
		AddressByID: newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.MailingAddress, error) {
			return db.MailingAddress.Query().Where(mailingaddress.IDIn(ids...)).All(ctx)
		}, func(v *ent.MailingAddress) int { return v.ID })),
		LineItemByID: newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.OrderLineItem, error) {
			return db.OrderLineItem.Query().Where(orderlineitem.IDIn(ids...)).All(ctx)
		}, func(v *ent.OrderLineItem) int { return v.ID })),
		Fulfillments: newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.Fulfillment, error) {
			return db.Fulfillment.Query().Where(fulfillment.OrderIDIn(ids...), fulfillment.StatusEQ(fulfillment.StatusSUCCESS)).
				Order(ent.Asc(fulfillment.FieldID)).All(ctx)
		}, func(f *ent.Fulfillment) int { return f.OrderID })),
		EventsByOrder: newKeyed(func(ctx context.Context, orderIDs []int) (map[int][]*ent.FulfillmentEvent, error) {
			// One statement: the events joined to their shipments' orders.
			events, err := db.FulfillmentEvent.Query().
				Modify(func(s *sql.Selector) {
					t := sql.Table(fulfillment.Table)
					s.Join(t).On(s.C(fulfillmentevent.FieldFulfillmentID), t.C(fulfillment.FieldID)).
						Where(sql.InInts(t.C(fulfillment.FieldOrderID), orderIDs...)).
						AppendSelectAs(t.C(fulfillment.FieldOrderID), "ag_order_id")
				}).
				Order(ent.Asc(fulfillmentevent.FieldHappenedAt), ent.Asc(fulfillmentevent.FieldID)).All(ctx)
			out := make(map[int][]*ent.FulfillmentEvent, len(orderIDs))
			for _, e := range events {
				v, verr := e.Value("ag_order_id")
				oid, ok := v.(int64)
				if verr != nil || !ok {
					return nil, fmt.Errorf("event %d: order id %v (%v)", e.ID, v, verr)
				}
				out[int(oid)] = append(out[int(oid)], e)
			}
			return out, err
		}),
	}
	l.OrderCount = perCustomer(&l.byCustomer, newKeyed(func(ctx context.Context, customerIDs []int) (map[int]int, error) {
		var rows []struct {
			CustomerID int `json:"customer_id"`
			Count      int `json:"count"`
		}
		err := db.Order.Query().Where(order.CustomerIDIn(customerIDs...)).
			GroupBy(order.FieldCustomerID).Aggregate(ent.Count()).Scan(ctx, &rows)
		out := make(map[int]int, len(customerIDs))
		for _, r := range rows {
			out[r.CustomerID] = r.Count
		}
		return out, err
	}))
	l.Communication = perCustomer(&l.byCustomer, newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.CommunicationPreference, error) {
		return db.CommunicationPreference.Query().Where(communicationpreference.CustomerIDIn(ids...)).All(ctx)
	}, func(p *ent.CommunicationPreference) int { return p.CustomerID })))
	l.LinkedIdentities = perCustomer(&l.byCustomer, newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.LinkedIdentity, error) {
		return db.LinkedIdentity.Query().Where(linkedidentity.CustomerIDIn(ids...)).Order(ent.Asc(linkedidentity.FieldID)).All(ctx)
	}, func(i *ent.LinkedIdentity) int { return i.CustomerID })))
	l.LineItemPages = newPages(orderlineitem.FieldOrderID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.OrderLineItem, error) {
		return db.OrderLineItem.Query().Where(orderlineitem.OrderIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.OrderLineItem) int { return v.OrderID })
	l.AddressPages = perCustomer(&l.byCustomer, newPages(mailingaddress.FieldCustomerID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.MailingAddress, error) {
		return db.MailingAddress.Query().Where(mailingaddress.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.MailingAddress) int { return v.CustomerID }))
	l.VariantPages = newPages(productvariant.FieldProductID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.ProductVariant, error) {
		return db.ProductVariant.Query().Where(productvariant.ProductIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.ProductVariant) int { return v.ProductID })
	l.OrderPages = perCustomer(&l.byCustomer, newPages(order.FieldCustomerID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.Order, error) {
		return db.Order.Query().Where(order.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.Order) int { return *v.CustomerID }))
	l.OrderTotalCounts = orderCounts(db, l.OrderPages, order.FieldCustomerID)

	l.CartLines = newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.CartLine, error) {
		return db.CartLine.Query().Where(cartline.CartIDIn(ids...)).WithVariant().Order(ent.Asc(cartline.FieldID)).All(ctx)
	}, func(l *ent.CartLine) int { return l.CartID }))
	l.OpenCart = perCustomer(&l.byCustomer, newKeyed(func(ctx context.Context, customerIDs []int) (map[int]*ent.Cart, error) {
		carts, err := db.Cart.Query().Where(cart.CustomerIDIn(customerIDs...), cart.StatusEQ(cart.StatusOPEN)).
			Order(ent.Asc(cart.FieldUpdatedAt)).All(ctx)
		out := map[int]*ent.Cart{}
		for _, c := range carts {
			out[*c.CustomerID] = c // the newest wins; there is at most one
		}
		return out, err
	}))
	l.OpenCart.after = func(cs map[int]*ent.Cart) {
		for _, c := range cs {
			if c != nil {
				l.CartLines.Expect(c.ID)
			}
		}
	}

	l.WishlistPages = perCustomer(&l.byCustomer, newPages(wishlist.FieldCustomerID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.Wishlist, error) {
		return db.Wishlist.Query().Where(wishlist.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.Wishlist) int { return v.CustomerID }))
	l.WishlistLinePages = newPages(wishlistline.FieldWishlistID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.WishlistLine, error) {
		return db.WishlistLine.Query().Where(wishlistline.WishlistIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.WishlistLine) int { return v.WishlistID })
	l.WishlistPages.after = func(ws []*ent.Wishlist) {
		for _, w := range ws {
			l.WishlistLinePages.Expect(w.ID)
		}
	}
	l.WishlistLinePages.after = func(lines []*ent.WishlistLine) {
		for _, li := range lines {
			l.VariantByID.Expect(li.VariantID)
		}
	}

	l.SavedCartPages = perCustomer(&l.byCustomer, newPages(savedcart.FieldCustomerID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.SavedCart, error) {
		return db.SavedCart.Query().Where(savedcart.CustomerIDIn(parents...), savedcart.KindEQ(savedcart.KindNAMED)).Modify(mod).All(ctx)
	}, func(v *ent.SavedCart) int { return v.CustomerID }))
	l.SavedLinePages = newPages(savedcartline.FieldSavedCartID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.SavedCartLine, error) {
		return db.SavedCartLine.Query().Where(savedcartline.SavedCartIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.SavedCartLine) int { return v.SavedCartID })
	l.SavedCartPages.after = func(cs []*ent.SavedCart) {
		for _, c := range cs {
			l.SavedLinePages.Expect(c.ID)
		}
	}
	l.SavedLinePages.after = func(lines []*ent.SavedCartLine) {
		for _, li := range lines {
			l.VariantByID.Expect(li.VariantID)
		}
	}

	l.SessionPages = perCustomer(&l.byCustomer, newPages(customeraccesstoken.FieldCustomerID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.CustomerAccessToken, error) {
		return db.CustomerAccessToken.Query().Where(customeraccesstoken.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.CustomerAccessToken) int { return v.CustomerID }))

	l.TicketPages = perCustomer(&l.byCustomer, newPages(supportticket.FieldCustomerID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.SupportTicket, error) {
		return db.SupportTicket.Query().Where(supportticket.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.SupportTicket) int { return v.CustomerID }))
	l.MessagePages = newPages(supportmessage.FieldTicketID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.SupportMessage, error) {
		return db.SupportMessage.Query().Where(supportmessage.TicketIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.SupportMessage) int { return v.TicketID })
	l.OrderByID = newKeyed(byID(func(ctx context.Context, ids []int) ([]*ent.Order, error) {
		return db.Order.Query().Where(order.IDIn(ids...)).All(ctx)
	}, func(o *ent.Order) int { return o.ID }))
	l.TicketPages.after = func(ts []*ent.SupportTicket) {
		for _, t := range ts {
			l.MessagePages.Expect(t.ID)
			if t.OrderID != nil {
				l.OrderByID.Expect(*t.OrderID)
			}
		}
	}

	l.newLoyalty(db)
	l.newCompany(db)
	l.Recommendations = perCustomer(&l.byCustomer, newRecommendations(db))

	// Each level tells the next which keys its children will load.
	l.OrderPages.after = func(orders []*ent.Order) {
		for _, o := range orders {
			l.LineItemPages.Expect(o.ID)
			l.Fulfillments.Expect(o.ID)
			l.EventsByOrder.Expect(o.ID)
			for _, a := range []*int{o.ShippingAddressID, o.BillingAddressID} {
				if a != nil {
					l.AddressByID.Expect(*a)
				}
			}
		}
	}
	l.CompanyOrderPages.after = l.OrderPages.after
	l.LineItemPages.after = func(lines []*ent.OrderLineItem) {
		for _, li := range lines {
			if li.VariantID != nil {
				l.VariantByID.Expect(*li.VariantID)
			}
		}
	}
	l.VariantByID.after = func(vs map[int]*ent.ProductVariant) {
		for _, v := range vs {
			l.ProductByID.Expect(v.ProductID)
		}
	}
	l.Fulfillments.after = func(fs map[int][]*ent.Fulfillment) {
		for _, list := range fs {
			for _, f := range list {
				for _, line := range f.Lines {
					l.LineItemByID.Expect(line.LineItemID)
				}
			}
		}
	}
	return l
}

// expecter is a loader whose keys can be registered ahead (Keyed, Pages).
type expecter interface{ Expect(keys ...int) }

// perCustomer declares a loader keyed by customer ID: ExpectCustomers
// registers every customer for each of them, so a customer's children are
// listed where they are made, not in a second hand-kept list.
func perCustomer[L expecter](children *[]expecter, l L) L {
	*children = append(*children, l)
	return l
}

// ExpectCustomers registers the customers of a list, whose nested fields
// then load in one batch each.
func (l *Loaders) ExpectCustomers(cs []*ent.Customer) {
	for _, c := range cs {
		for _, child := range l.byCustomer {
			child.Expect(c.ID)
		}
		if c.DefaultAddressID != nil {
			l.AddressByID.Expect(*c.DefaultAddressID)
		}
	}
}

// byID turns a query by IDs into a mapped fetch.
func byID[T any](q func(context.Context, []int) ([]T, error), id func(T) int) func(context.Context, []int) (map[int]T, error) {
	return func(ctx context.Context, ids []int) (map[int]T, error) {
		rows, err := q(ctx, ids)
		out := make(map[int]T, len(rows))
		for _, r := range rows {
			out[id(r)] = r
		}
		return out, err
	}
}

// groupBy turns a query by parent IDs into a mapped fetch of lists.
func groupBy[T any](q func(context.Context, []int) ([]T, error), parent func(T) int) func(context.Context, []int) (map[int][]T, error) {
	return func(ctx context.Context, ids []int) (map[int][]T, error) {
		rows, err := q(ctx, ids)
		out := make(map[int][]T, len(ids))
		for _, r := range rows {
			out[parent(r)] = append(out[parent(r)], r)
		}
		return out, err
	}
}

// PageKey asks for one parent's page of children.
type PageKey struct {
	Parent int
	Window string // page.Window.ID() plus any filter's key
}

// Pages loads pages of children of many parents with one statement per
// distinct set of arguments: ROW_NUMBER() OVER (PARTITION BY parent) keeps
// each parent's pagination exact. Like Keyed, a batch covers every parent
// registered with Expect.
type Pages[T any] struct {
	parentCol string
	query     func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]T, error)
	parentOf  func(T) int
	after     func(rows []T)
	mu        sync.Mutex // guards specs; fetchMu serialises fetches
	fetchMu   sync.Mutex
	specs     map[string]page.Spec[T]
	expected  map[int]bool
	cache     map[PageKey]page.Page[T]
	failed    map[PageKey]error // pages whose fetch failed: siblings get the error, not another statement
	// countCache holds total counts per parent and filter.
	countCache map[PageKey]int
	loader     *dataloadgen.Loader[PageKey, page.Page[T]]
}

func newPages[T any](parentCol string, query func(context.Context, func(*sql.Selector), []int) ([]T, error), parentOf func(T) int) *Pages[T] {
	return &Pages[T]{parentCol: parentCol, query: query, parentOf: parentOf}
}

// batcher is the loader that waits for unregistered siblings (made on
// first use, like the maps).
func (p *Pages[T]) batcher() *dataloadgen.Loader[PageKey, page.Page[T]] {
	p.fetchMu.Lock()
	defer p.fetchMu.Unlock()
	if p.loader == nil {
		p.loader = dataloadgen.NewLoader(p.fetch, dataloadgen.WithWait(wait))
	}
	return p.loader
}

// Expect registers parents whose pages siblings will load.
func (p *Pages[T]) Expect(parents ...int) {
	p.fetchMu.Lock()
	defer p.fetchMu.Unlock()
	for _, id := range parents {
		put(&p.expected, id, true)
	}
}

func (p *Pages[T]) key(parent int, spec page.Spec[T]) PageKey {
	k := PageKey{Parent: parent, Window: spec.Window.ID() + "|" + spec.FilterKey}
	p.mu.Lock()
	put(&p.specs, k.Window, spec)
	p.mu.Unlock()
	return k
}

// Load returns one parent's page. A registered parent's page is fetched at
// once (with every registered sibling's, see Keyed); others wait to be
// batched.
func (p *Pages[T]) Load(ctx context.Context, parent int, spec page.Spec[T]) (page.Page[T], error) {
	key := p.key(parent, spec)
	p.fetchMu.Lock()
	pg, done := p.cache[key]
	err := p.failed[key]
	known := done || err != nil || p.expected[parent]
	p.fetchMu.Unlock()
	if done || err != nil { // a sibling's batch fetched it
		return pg, err
	}
	if !known {
		return p.batcher().Load(ctx, key)
	}
	pages, errs := p.fetch(ctx, []PageKey{key})
	return pages[0], errs[0]
}

// Key registers spec and returns the key for a parent, for loaders that
// share the spec (such as total counts).
func (p *Pages[T]) Key(parent int, spec page.Spec[T]) PageKey { return p.key(parent, spec) }

func (p *Pages[T]) spec(window string) page.Spec[T] {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.specs[window]
}

func (p *Pages[T]) fetch(ctx context.Context, keys []PageKey) ([]page.Page[T], []error) {
	p.fetchMu.Lock()
	defer p.fetchMu.Unlock()
	for window, parents := range groupKeys(keys) {
		missing := false
		for _, parent := range parents {
			k := PageKey{parent, window}
			if _, ok := p.cache[k]; !ok && p.failed[k] == nil {
				missing = true
			}
		}
		if !missing {
			continue
		}
		for parent := range p.expected {
			if _, ok := p.cache[PageKey{parent, window}]; !ok && !slices.Contains(parents, parent) {
				parents = append(parents, parent)
			}
		}
		spec := p.spec(window)
		var werr error
		rows, err := p.query(ctx, func(s *sql.Selector) {
			if spec.Filter != nil {
				spec.Filter(s)
			}
			if werr = spec.Window.Where(s, spec.Column); werr != nil {
				return
			}
			db.LimitPerParent(s, p.parentCol, spec.Window.Limit(), spec.Window.OrderTerms(spec.Column, func(c string) string { return c }))
		}, parents)
		if err == nil {
			err = werr
		}
		if err != nil {
			for _, parent := range parents {
				put(&p.failed, PageKey{parent, window}, err)
			}
			continue
		}
		byParent := map[int][]T{}
		for _, r := range rows {
			byParent[p.parentOf(r)] = append(byParent[p.parentOf(r)], r)
		}
		for _, parent := range parents {
			put(&p.cache, PageKey{parent, window}, page.Finish(spec.Window, byParent[parent], spec.CursorOf))
		}
		if p.after != nil {
			var kept []T
			for _, parent := range parents {
				kept = append(kept, p.cache[PageKey{parent, window}].Items...)
			}
			p.after(kept)
		}
	}
	out := make([]page.Page[T], len(keys))
	outErr := make([]error, len(keys))
	for i, k := range keys {
		out[i], outErr[i] = p.cache[k], p.failed[k]
	}
	return out, outErr
}

// counts answers total counts for pages' filters (cursor bounds ignored).
func (p *Pages[T]) counts(ctx context.Context, keys []PageKey, count func(context.Context, func(*sql.Selector), []int) (map[int]int, error)) ([]int, []error) {
	p.fetchMu.Lock()
	defer p.fetchMu.Unlock()
	errs := map[string]error{}
	for window, parents := range groupKeys(keys) {
		parents = slices.DeleteFunc(parents, func(parent int) bool {
			_, done := p.countCache[PageKey{parent, window}]
			return done
		})
		if len(parents) == 0 {
			continue
		}
		// Like pages, counts are complete by construction: every expected
		// parent is counted in the first batch, however late its sibling
		// resolvers arrive.
		for parent := range p.expected {
			if _, ok := p.countCache[PageKey{parent, window}]; !ok && !slices.Contains(parents, parent) {
				parents = append(parents, parent)
			}
		}
		spec := p.spec(window)
		filter := spec.Filter
		if filter == nil {
			filter = func(*sql.Selector) {}
		}
		n, err := count(ctx, filter, parents)
		if err != nil {
			errs[window] = err
			continue
		}
		for _, parent := range parents {
			put(&p.countCache, PageKey{parent, window}, n[parent])
		}
	}
	out := make([]int, len(keys))
	outErr := make([]error, len(keys))
	for i, k := range keys {
		out[i], outErr[i] = p.countCache[k], errs[k.Window]
	}
	return out, outErr
}

type ctxKey struct{}

// Middleware gives every request its own loaders.
func Middleware(db *ent.Client, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, New(db))))
	})
}

// For returns the request's loaders (fresh ones outside a request).
func For(ctx context.Context, db *ent.Client) *Loaders {
	if l, ok := ctx.Value(ctxKey{}).(*Loaders); ok {
		return l
	}
	return New(db)
}

// groupKeys groups page keys by their arguments.
func groupKeys(keys []PageKey) map[string][]int {
	groups := map[string][]int{}
	for _, k := range keys {
		if !slices.Contains(groups[k.Window], k.Parent) {
			groups[k.Window] = append(groups[k.Window], k.Parent)
		}
	}
	return groups
}

// orderCounts counts the orders of each page key's parent (grouped by
// parentCol) under the key's filter: totalCount of an order connection.
func orderCounts(db *ent.Client, pages *Pages[*ent.Order], parentCol string) *dataloadgen.Loader[PageKey, int] {
	return dataloadgen.NewLoader(func(ctx context.Context, keys []PageKey) ([]int, []error) {
		return pages.counts(ctx, keys, func(ctx context.Context, filter func(*sql.Selector), parents []int) (map[int]int, error) {
			var rows []struct {
				Parent int `json:"parent"`
				Count  int `json:"count"`
			}
			err := db.Order.Query().Modify(func(s *sql.Selector) {
				filter(s)
				s.Where(sql.InInts(s.C(parentCol), parents...)).
					Select(sql.As(s.C(parentCol), "parent"), sql.As(sql.Count("*"), "count")).GroupBy(s.C(parentCol))
			}).Scan(ctx, &rows)
			out := map[int]int{}
			for _, r := range rows {
				out[r.Parent] = r.Count
			}
			return out, err
		})
	}, dataloadgen.WithWait(wait))
}

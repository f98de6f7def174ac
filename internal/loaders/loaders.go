// Package loaders batches the reads of nested fields per request, so the
// number of SQL statements of a request depends on its depth and never on
// how many rows it returns. Loaders live for one request only: sharing them
// would serve stale data and leak one customer's rows to another.
package loaders

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"time"

	"accountgraph/ent"
	"accountgraph/internal/recommend"
)

// Loaders are one request's loaders, declared per domain (catalog.go,
// customers.go, orders.go, carts.go, wishlists.go, support.go, loyalty.go,
// company.go, recommend.go), each with the keys its rows tell the next
// level to load ("after" hooks).
type Loaders struct {
	catalogLoaders
	customerLoaders
	orderLoaders
	cartLoaders
	wishlistLoaders
	supportLoaders
	loyaltyLoaders
	companyLoaders
	returnLoaders
	paymentLoaders
	// Recommendations are customers' ranked recommendations.
	Recommendations *Keyed[int, []recommend.Item]

	// byCustomer are the loaders keyed by customer ID (see perCustomer).
	byCustomer []expecter

	db     *ent.Client
	narrow *Columns    // see Narrow
	inline atomic.Bool // see Inline
}

// wait is how long a loader collects keys before it queries. Completeness
// of a batch does not depend on it (see Keyed); it only merges siblings
// that nobody registered, such as the customers of a root list.
const wait = 2 * time.Millisecond

// New makes a request's loaders. A domain's hooks may name loaders of the
// domains made before it.
func New(db *ent.Client) *Loaders {
	l := &Loaders{db: db}
	l.newCatalog(db)
	l.newCustomer(db)
	l.newOrders(db)
	l.newCarts(db)
	l.newWishlists(db)
	l.newSupport(db)
	l.newLoyalty(db)
	l.newCompany(db)
	l.newReturns(db)
	l.newPayments(db)
	l.Recommendations = perCustomer(&l.byCustomer, newRecommendations(db))
	// The recommended variants come with their products: a variant's
	// product field needs no statement (and no wait for siblings).
	l.Recommendations.after = func(recs map[int][]recommend.Item) {
		for _, items := range recs {
			for _, it := range items {
				if p := it.Variant.Edges.Product; p != nil {
					l.ProductByID.Prime(p.ID, p)
				} else {
					l.ProductByID.Expect(it.Variant.ProductID)
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
	ids := make([]int, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
		if c.DefaultAddressID != nil {
			l.AddressByID.Expect(*c.DefaultAddressID)
		}
	}
	for _, child := range l.byCustomer {
		child.Expect(ids...)
	}
}

type ctxKey struct{}

// ErrWouldWait is what a load panics with, while its loaders are Inline,
// when it would wait for siblings to be batched with.
var ErrWouldWait = errors.New("loaders: the load would wait for its siblings")

// Inline says whether ctx's loaders refuse to wait for siblings. A caller
// that runs a level's fields one after another on one goroutine (the read
// plan) sets it: most of a level's loads are of registered keys, fetched at
// once with all their siblings, or cached, and need no goroutine each; a
// load that would wait for siblings (keys nobody registered) panics with
// ErrWouldWait instead, and the caller runs that field concurrently with its
// siblings as before. A panic, not an error, since a resolver could turn an
// error into a null.
func Inline(ctx context.Context, on bool) {
	if l, ok := ctx.Value(ctxKey{}).(*Loaders); ok {
		l.inline.Store(on)
	}
}

// waiting is called before a load waits for siblings.
func waiting(ctx context.Context) {
	if l, ok := ctx.Value(ctxKey{}).(*Loaders); ok && l.inline.Load() {
		panic(ErrWouldWait)
	}
}

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

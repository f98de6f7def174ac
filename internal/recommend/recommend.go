// Package recommend ranks product variants a customer may like, from what
// customers buy together, the customer's own orders and wishlists, their
// stated preferences and what sells.
//
// It scales with the catalogue and order volume because nothing scans
// orders at read time: order ingestion keeps two tables current in its own
// transaction (Count) — CoPurchase (orders holding both variants of a pair)
// and VariantSales (orders holding a variant) — and a read touches only the
// customer's own order lines and wishlist, the MaxPartners strongest
// co-purchase rows of at most MaxSeeds of their variants (an index range
// each) and a bounded pool of the best sellers and newest variants.
package recommend

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/copurchase"
	"accountgraph/ent/customer"
	"accountgraph/ent/order"
	"accountgraph/ent/orderlineitem"
	"accountgraph/ent/productvariant"
	"accountgraph/ent/variantsales"
	"accountgraph/ent/wishlist"
	"accountgraph/ent/wishlistline"
	agdb "accountgraph/internal/db"
)

// Reason says why a variant is recommended.
type Reason string

// The reasons, in the order they rank: something often bought with what
// the customer bought beats something they saved, which beats something
// matching their stated preferences, which beats a best seller.
const (
	BoughtTogether     Reason = "BOUGHT_TOGETHER"
	FromWishlist       Reason = "FROM_WISHLIST"
	MatchesPreferences Reason = "MATCHES_PREFERENCES"
	Popular            Reason = "POPULAR"
)

var rank = map[Reason]int{BoughtTogether: 0, FromWishlist: 1, MatchesPreferences: 2, Popular: 3}

// Item is one recommendation.
type Item struct {
	Variant *ent.ProductVariant // with its product
	Reason  Reason
	// Score orders items of one reason: orders in common, matched
	// preferences, or orders holding the variant.
	Score int
}

// Tunables.
const (
	// Max is the most recommendations kept per customer.
	Max = 50
	// MaxSeeds is how many of a customer's most recently bought variants
	// seed BOUGHT_TOGETHER.
	MaxSeeds = 20
	// MaxPartners is how many of a seed's most frequent partners count.
	MaxPartners = 30
	// MaxPairVariants caps the variants of one order that are paired, so an
	// order of hundreds of lines costs a bounded number of rows.
	MaxPairVariants = 30
	// PoolSize is how many best sellers, and how many newest variants, are
	// matched against stated preferences and fill POPULAR.
	PoolSize = 200
	// Recent is how long after buying a variant it is not recommended.
	Recent = 90 * 24 * time.Hour
)

// Count adds delta (1 for a new order, -1 for a cancelled one) to the
// co-purchase and sales counts of an order's variants, in the order's
// transaction. Rows are written in key order so concurrent orders never
// deadlock.
func Count(ctx context.Context, tx *ent.Tx, variantIDs []int, delta int) error {
	ids := slices.Clone(variantIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) > MaxPairVariants {
		ids = ids[:MaxPairVariants]
	}
	if len(ids) == 0 {
		return nil
	}
	sales := make([]*ent.VariantSalesCreate, len(ids))
	for i, id := range ids {
		sales[i] = tx.VariantSales.Create().SetVariantID(id).SetOrders(max(delta, 0))
	}
	err := tx.VariantSales.CreateBulk(sales...).OnConflictColumns(variantsales.FieldVariantID).
		Update(func(u *ent.VariantSalesUpsert) { u.AddOrders(delta) }).Exec(ctx)
	if err != nil || len(ids) < 2 {
		return err
	}
	pairs := make([]*ent.CoPurchaseCreate, 0, len(ids)*(len(ids)-1))
	for _, a := range ids {
		for _, b := range ids {
			if a != b {
				pairs = append(pairs, tx.CoPurchase.Create().SetVariantID(a).SetOtherVariantID(b).SetOrders(max(delta, 0)))
			}
		}
	}
	return tx.CoPurchase.CreateBulk(pairs...).OnConflictColumns(copurchase.FieldVariantID, copurchase.FieldOtherVariantID).
		Update(func(u *ent.CoPurchaseUpsert) { u.AddOrders(delta) }).Exec(ctx)
}

// For ranks recommendations for a batch of customers with a fixed number
// of statements, whatever the batch's size: customers, their order lines,
// wishlist lines, co-purchases, best sellers, newest variants, candidate
// variants and their products.
func For(ctx context.Context, db *ent.Client, customerIDs []int, now time.Time) (map[int][]Item, error) {
	customers, err := db.Customer.Query().Where(customer.IDIn(customerIDs...)).
		Select(customer.FieldID, customer.FieldPersonalization, customer.FieldSizes, customer.FieldColors, customer.FieldInterests).All(ctx)
	if err != nil {
		return nil, err
	}
	// History is read only for customers who allow personalization.
	var personal []int
	for _, c := range customers {
		if c.Personalization {
			personal = append(personal, c.ID)
		}
	}
	h, err := history(ctx, db, personal, now)
	if err != nil {
		return nil, err
	}
	var seeds []int
	for _, hc := range h {
		seeds = append(seeds, hc.seeds...)
	}
	together := map[int]map[int]int{} // seed → partner → orders
	if len(seeds) > 0 {
		rows, err := db.CoPurchase.Query().Where(copurchase.VariantIDIn(seeds...), copurchase.OrdersGT(0)).
			Modify(func(s *sql.Selector) {
				agdb.LimitPerParent(s, copurchase.FieldVariantID, MaxPartners, []string{sql.Desc(copurchase.FieldOrders), sql.Asc(copurchase.FieldOtherVariantID)})
			}).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if together[r.VariantID] == nil {
				together[r.VariantID] = map[int]int{}
			}
			together[r.VariantID][r.OtherVariantID] = r.Orders
		}
	}
	best, err := db.VariantSales.Query().Where(variantsales.OrdersGT(0)).
		Order(ent.Desc(variantsales.FieldOrders), ent.Asc(variantsales.FieldVariantID)).Limit(PoolSize).All(ctx)
	if err != nil {
		return nil, err
	}
	sold := map[int]int{}
	for _, b := range best {
		sold[b.VariantID] = b.Orders
	}
	newest, err := db.ProductVariant.Query().Where(productvariant.AvailableForSale(true)).
		Order(ent.Desc(productvariant.FieldID)).Limit(PoolSize).IDs(ctx)
	if err != nil {
		return nil, err
	}
	// Every candidate variant, read once with its product.
	want := map[int]bool{}
	for _, id := range newest {
		want[id] = true
	}
	for id := range sold {
		want[id] = true
	}
	for _, partners := range together {
		for id := range partners {
			want[id] = true
		}
	}
	for _, hc := range h {
		for _, id := range hc.wishlist {
			want[id] = true
		}
	}
	ids := make([]int, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	variants := map[int]*ent.ProductVariant{}
	if len(ids) > 0 {
		rows, err := db.ProductVariant.Query().Where(productvariant.IDIn(ids...), productvariant.AvailableForSale(true)).
			WithProduct().All(ctx)
		if err != nil {
			return nil, err
		}
		for _, v := range rows {
			variants[v.ID] = v
		}
	}
	pool := slices.Concat(newest, keys(sold))
	out := make(map[int][]Item, len(customers))
	for _, c := range customers {
		out[c.ID] = rankFor(c, h[c.ID], together, sold, variants, pool)
	}
	return out, nil
}

// customerHistory is what a customer's history says.
type customerHistory struct {
	seeds    []int        // most recently bought variants, newest first
	recent   map[int]bool // bought within Recent
	wishlist []int        // wishlist variants, newest first
}

func history(ctx context.Context, db *ent.Client, customerIDs []int, now time.Time) (map[int]*customerHistory, error) {
	out := map[int]*customerHistory{}
	if len(customerIDs) == 0 {
		return out, nil
	}
	for _, id := range customerIDs {
		out[id] = &customerHistory{recent: map[int]bool{}}
	}
	// Order lines joined to their orders, newest first: one statement.
	lines, err := db.OrderLineItem.Query().Where(orderlineitem.VariantIDNotNil()).
		Modify(func(s *sql.Selector) {
			t := sql.Table(order.Table)
			s.Join(t).On(s.C(orderlineitem.FieldOrderID), t.C(order.FieldID)).
				Where(sql.And(sql.InInts(t.C(order.FieldCustomerID), customerIDs...), sql.IsNull(t.C(order.FieldCanceledAt)))).
				AppendSelectAs(t.C(order.FieldCustomerID), "ag_customer_id").
				AppendSelectAs(t.C(order.FieldProcessedAt), "ag_processed_at").
				OrderBy(sql.Desc(t.C(order.FieldProcessedAt)), sql.Desc(s.C(orderlineitem.FieldID)))
		}).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range lines {
		cid, err1 := l.Value("ag_customer_id")
		at, err2 := l.Value("ag_processed_at")
		id, ok := agdb.ValueInt(cid)
		if err1 != nil || err2 != nil || !ok || out[id] == nil {
			continue
		}
		hc := out[id]
		if !slices.Contains(hc.seeds, *l.VariantID) && len(hc.seeds) < MaxSeeds {
			hc.seeds = append(hc.seeds, *l.VariantID)
		}
		if t, ok := agdb.ValueTime(at); ok && now.Sub(t) < Recent {
			hc.recent[*l.VariantID] = true
		}
	}
	wl, err := db.WishlistLine.Query().
		Modify(func(s *sql.Selector) {
			t := sql.Table(wishlist.Table)
			s.Join(t).On(s.C(wishlistline.FieldWishlistID), t.C(wishlist.FieldID)).
				Where(sql.InInts(t.C(wishlist.FieldCustomerID), customerIDs...)).
				AppendSelectAs(t.C(wishlist.FieldCustomerID), "ag_customer_id").
				OrderBy(sql.Desc(s.C(wishlistline.FieldID)))
		}).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range wl {
		cid, err := l.Value("ag_customer_id")
		id, ok := agdb.ValueInt(cid)
		if err != nil || !ok || out[id] == nil {
			continue
		}
		if hc := out[id]; !slices.Contains(hc.wishlist, l.VariantID) {
			hc.wishlist = append(hc.wishlist, l.VariantID)
		}
	}
	return out, nil
}

// rankFor ranks one customer's candidates: each variant once, under the
// best reason it has.
func rankFor(c *ent.Customer, h *customerHistory, together map[int]map[int]int, sold map[int]int,
	variants map[int]*ent.ProductVariant, pool []int) []Item {
	best := map[int]Item{}
	offer := func(id int, r Reason, score int) {
		v := variants[id]
		if v == nil || (h != nil && h.recent[id]) {
			return // unavailable, unknown, or bought recently
		}
		cur, ok := best[id]
		if !ok || rank[r] < rank[cur.Reason] || (r == cur.Reason && score > cur.Score) {
			best[id] = Item{Variant: v, Reason: r, Score: score}
		}
	}
	if h != nil {
		scores := map[int]int{}
		for _, seed := range h.seeds {
			for id, n := range together[seed] {
				scores[id] += n
			}
		}
		for id, n := range scores {
			offer(id, BoughtTogether, n)
		}
		for i, id := range h.wishlist {
			offer(id, FromWishlist, len(h.wishlist)-i) // newest saved first
		}
	}
	for _, id := range pool {
		if v := variants[id]; v != nil {
			if n := matches(c, v); n > 0 {
				offer(id, MatchesPreferences, n)
			}
		}
	}
	for id, n := range sold {
		offer(id, Popular, n)
	}
	items := make([]Item, 0, len(best))
	for _, it := range best {
		items = append(items, it)
	}
	slices.SortFunc(items, func(a, b Item) int {
		return cmp.Or(
			cmp.Compare(rank[a.Reason], rank[b.Reason]),
			cmp.Compare(b.Score, a.Score),
			cmp.Compare(sold[b.Variant.ID], sold[a.Variant.ID]),
			cmp.Compare(a.Variant.ID, b.Variant.ID))
	})
	if len(items) > Max {
		items = items[:Max]
	}
	return items
}

// matches counts the customer's stated preferences a variant meets: its
// Size option among their sizes, its Color/Colour option among their
// colours, its product's type or a tag among their interests.
func matches(c *ent.Customer, v *ent.ProductVariant) int {
	n := 0
	for _, o := range v.SelectedOptions {
		switch strings.ToLower(o.Name) {
		case "size":
			if containsFold(c.Sizes, o.Value) {
				n++
			}
		case "color", "colour":
			if containsFold(c.Colors, o.Value) {
				n++
			}
		}
	}
	if p := v.Edges.Product; p != nil && len(c.Interests) > 0 {
		if containsFold(c.Interests, p.ProductType) || slices.ContainsFunc(p.Tags, func(t string) bool { return containsFold(c.Interests, t) }) {
			n++
		}
	}
	return n
}

func containsFold(list []string, v string) bool {
	return v != "" && slices.ContainsFunc(list, func(w string) bool { return strings.EqualFold(w, v) })
}

func keys(m map[int]int) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

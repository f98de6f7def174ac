package loaders

import (
	"context"
	"fmt"
	"sync"

	"entgo.io/ent/dialect/sql"
	"github.com/vikstrous/dataloadgen"

	"accountgraph/ent"
	"accountgraph/ent/fulfillment"
	"accountgraph/ent/fulfillmentevent"
	"accountgraph/ent/order"
	"accountgraph/ent/orderlineitem"
)

// Order loaders: a customer's orders and their count, an order's lines,
// shipments and tracking events, lines and orders by ID.
type orderLoaders struct {
	OrderPages       *Pages[*ent.Order]
	OrderTotalCounts *Counts
	OrderCount       *Keyed[int, int]
	// OrderByID loads orders (a ticket's order).
	OrderByID     *Keyed[int, *ent.Order]
	LineItemPages *Pages[*ent.OrderLineItem]
	LineItemByID  *Keyed[int, *ent.OrderLineItem]
	Fulfillments  *Keyed[int, []*ent.Fulfillment]
	EventsByOrder *Keyed[int, []*ent.FulfillmentEvent]
}

func (l *Loaders) newOrders(db *ent.Client) {
	l.LineItemByID = newKeyed(byID(narrowByID(l, lineRows, lineColumns, func(ctx context.Context, ids []int) ([]*ent.OrderLineItem, error) {
		return db.OrderLineItem.Query().Where(orderlineitem.IDIn(ids...)).All(ctx)
	}), func(v *ent.OrderLineItem) int { return v.ID }))
	l.Fulfillments = newKeyed(groupBy(func(ctx context.Context, ids []int) ([]*ent.Fulfillment, error) {
		if rows, ok, err := readNarrowed(ctx, l, fulfillmentRows, []string{fulfillment.FieldID, fulfillment.FieldOrderID}, func(s *sql.Selector) {
			s.Where(sql.And(sql.InInts(s.C(fulfillment.FieldOrderID), ids...), successful(s))).
				OrderBy(s.C(fulfillment.FieldID))
		}); ok {
			return rows, err
		}
		return db.Fulfillment.Query().Where(fulfillment.OrderIDIn(ids...), func(s *sql.Selector) { s.Where(successful(s)) }).
			Order(ent.Asc(fulfillment.FieldID)).All(ctx)
	}, func(f *ent.Fulfillment) int { return f.OrderID }))
	l.EventsByOrder = newKeyed(func(ctx context.Context, orderIDs []int) (map[int][]*ent.FulfillmentEvent, error) {
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
	})
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
	linePages := narrowPages(l, lineRows, orderlineitem.FieldOrderID, lineColumns, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.OrderLineItem, error) {
		return db.OrderLineItem.Query().Where(orderlineitem.OrderIDIn(parents...)).Modify(mod).All(ctx)
	})
	l.LineItemPages = newPages(orderlineitem.FieldOrderID, withVariants(l, "OrderLineItem.variant", lineRows, orderlineitem.FieldOrderID, orderlineitem.FieldVariantID,
		lineColumns, func(li *ent.OrderLineItem) *int { return li.VariantID }, linePages), func(v *ent.OrderLineItem) int { return v.OrderID })
	l.OrderPages = perCustomer(&l.byCustomer, newPages(order.FieldCustomerID, narrowPages(l, orderRows, order.FieldCustomerID, orderColumns, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.Order, error) {
		return db.Order.Query().Where(order.CustomerIDIn(parents...)).Modify(mod).All(ctx)
	}), func(v *ent.Order) int { return *v.CustomerID }))
	l.OrderTotalCounts = orderCounts(db, l.OrderPages, order.FieldCustomerID)
	l.OrderByID = newKeyed(byID(narrowByID(l, orderRows, orderColumns, func(ctx context.Context, ids []int) ([]*ent.Order, error) {
		return db.Order.Query().Where(order.IDIn(ids...)).All(ctx)
	}), func(o *ent.Order) int { return o.ID }))

	// Each level tells the next which keys its children will load (an
	// address's, a variant's: their own domains load them).
	l.OrderPages.after = func(orders []*ent.Order) {
		for _, o := range orders {
			l.OrderByID.Prime(o.ID, o)
			l.LineItemPages.Expect(o.ID)
			l.Fulfillments.Expect(o.ID)
			l.EventsByOrder.Expect(o.ID)
			l.ReturnPages.Expect(o.ID)
			l.ReturnedUnits.Expect(o.ID)
			for _, a := range []*int{o.ShippingAddressID, o.BillingAddressID} {
				if a != nil {
					l.AddressByID.Expect(*a)
				}
			}
		}
	}
	l.LineItemPages.after = func(lines []*ent.OrderLineItem) {
		for _, li := range lines {
			if li.VariantID != nil {
				l.VariantByID.Expect(*li.VariantID)
			}
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
}

// The columns an order's and a line's loaders read whatever the request
// names: keys, parents and the columns pages are ordered by.
var (
	orderColumns = []string{order.FieldID, order.FieldCustomerID, order.FieldCompanyID, order.FieldProcessedAt, order.FieldTotalPrice}
	lineColumns  = []string{orderlineitem.FieldID, orderlineitem.FieldOrderID, orderlineitem.FieldPosition}

	orderRows       = newRowReader[ent.Order]("Order", order.Table)
	lineRows        = newRowReader[ent.OrderLineItem]("OrderLineItem", orderlineitem.Table)
	fulfillmentRows = newRowReader[ent.Fulfillment]("Fulfillment", fulfillment.Table)
)

// Counts are total counts per page key, batched by time (a connection's
// totalCount is asked for beside its page, whose parents are registered;
// its own keys are not).
type Counts struct {
	mu     sync.Mutex
	count  func(ctx context.Context, keys []PageKey) ([]int, []error)
	loader *dataloadgen.Loader[PageKey, int] // made on first use
}

// Load returns key's count.
func (c *Counts) Load(ctx context.Context, key PageKey) (int, error) {
	waiting(ctx)
	c.mu.Lock()
	if c.loader == nil {
		c.loader = dataloadgen.NewLoader(c.count, dataloadgen.WithWait(wait))
	}
	c.mu.Unlock()
	return c.loader.Load(ctx, key)
}

// orderCounts counts the orders of each page key's parent (grouped by
// parentCol) under the key's filter: totalCount of an order connection.
func orderCounts(db *ent.Client, pages *Pages[*ent.Order], parentCol string) *Counts {
	return &Counts{count: func(ctx context.Context, keys []PageKey) ([]int, []error) {
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
	}}
}

// successful is status = 'SUCCESS' (literalEQ).
func successful(s *sql.Selector) *sql.Predicate {
	return literalEQ(s.C(fulfillment.FieldStatus), "'"+string(fulfillment.StatusSUCCESS)+"'")
}

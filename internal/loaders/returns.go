package loaders

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/orderreturn"
	"accountgraph/ent/returnlineitem"
)

// Return loaders: orders' returns and their lines, the units each order's
// returns ask for, and the shop's settings (its return window).
type returnLoaders struct {
	ReturnPages     *Pages[*ent.OrderReturn]
	ReturnLinePages *Pages[*ent.ReturnLineItem]
	ReturnedUnits   *Keyed[int, []ReturnedUnits]
	// ShopSettings is the settings row (key 0), nil before any change.
	ShopSettings *Keyed[int, *ent.ShopSettings]
}

// ReturnedUnits are the units of one order line in the order's returns of
// one status.
type ReturnedUnits struct {
	LineItemID int                `json:"line_item_id"`
	Status     orderreturn.Status `json:"status"`
	Quantity   int                `json:"quantity"`
	OrderID    int                `json:"order_id"`
}

func (l *Loaders) newReturns(db *ent.Client) {
	l.ReturnPages = newPages(orderreturn.FieldOrderID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.OrderReturn, error) {
		return db.OrderReturn.Query().Where(orderreturn.OrderIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.OrderReturn) int { return v.OrderID })
	l.ReturnLinePages = newPages(returnlineitem.FieldReturnID, func(ctx context.Context, mod func(*sql.Selector), parents []int) ([]*ent.ReturnLineItem, error) {
		return db.ReturnLineItem.Query().Where(returnlineitem.ReturnIDIn(parents...)).Modify(mod).All(ctx)
	}, func(v *ent.ReturnLineItem) int { return v.ReturnID })
	l.ReturnedUnits = newKeyed(groupBy(func(ctx context.Context, orderIDs []int) ([]ReturnedUnits, error) {
		var rows []ReturnedUnits
		err := db.ReturnLineItem.Query().Modify(func(s *sql.Selector) {
			t := sql.Table(orderreturn.Table)
			s.Join(t).On(s.C(returnlineitem.FieldReturnID), t.C(orderreturn.FieldID)).
				Where(sql.InInts(t.C(orderreturn.FieldOrderID), orderIDs...)).
				Select(sql.As(t.C(orderreturn.FieldOrderID), "order_id"), sql.As(t.C(orderreturn.FieldStatus), "status"),
					sql.As(s.C(returnlineitem.FieldLineItemID), "line_item_id"), sql.As(sql.Sum(s.C(returnlineitem.FieldQuantity)), "quantity")).
				GroupBy(t.C(orderreturn.FieldOrderID), t.C(orderreturn.FieldStatus), s.C(returnlineitem.FieldLineItemID))
		}).Scan(ctx, &rows)
		return rows, err
	}, func(r ReturnedUnits) int { return r.OrderID }))
	l.ShopSettings = newKeyed(func(ctx context.Context, keys []int) (map[int]*ent.ShopSettings, error) {
		st, err := db.ShopSettings.Query().First(ctx)
		if ent.IsNotFound(err) {
			return map[int]*ent.ShopSettings{}, nil
		}
		out := make(map[int]*ent.ShopSettings, len(keys))
		for _, k := range keys {
			out[k] = st
		}
		return out, err
	})
	l.ReturnPages.after = func(rs []*ent.OrderReturn) {
		for _, r := range rs {
			l.ReturnLinePages.Expect(r.ID)
		}
	}
	l.ReturnLinePages.after = func(lines []*ent.ReturnLineItem) {
		for _, li := range lines {
			l.LineItemByID.Expect(li.LineItemID)
		}
	}
}

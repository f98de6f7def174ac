package order

import (
	"context"
	"net/url"
	"strings"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/fulfillment"
	"accountgraph/ent/fulfillmentevent"
	entorder "accountgraph/ent/order"
	"accountgraph/ent/orderlineitem"
	"accountgraph/ent/schema"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
	"accountgraph/internal/recommend"
)

// UpdateInput changes an order.
type UpdateInput struct {
	FinancialStatus   *string
	FulfillmentStatus *string
	RefundAmount      *string
	Closed            *bool
}

// lockOrder reads an order inside tx and holds it until the end.
func lockOrder(ctx context.Context, tx *ent.Tx, id string) (*ent.Order, error) {
	key, err := gid.Decode(id, "Order")
	if err != nil {
		return nil, apperr.Invalid(apperr.Path("id"), apperr.CodeNotFound, "Order does not exist")
	}
	o, err := tx.Order.Query().Where(entorder.ID(key)).Modify(db.ForUpdate).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid(apperr.Path("id"), apperr.CodeNotFound, "Order does not exist")
	}
	return o, err
}

// Update changes statuses, records a refund or closes an order.
func (s *Service) Update(ctx context.Context, id string, in UpdateInput) (*ent.Order, error) {
	var out *ent.Order
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		o, err := lockOrder(ctx, tx, id)
		if err != nil {
			return err
		}
		u := tx.Order.UpdateOne(o)
		if in.RefundAmount != nil {
			n, err := money.Parse(*in.RefundAmount, o.CurrencyCode)
			switch {
			case err != nil || n == 0:
				return apperr.Invalid(apperr.Path("input", "refundAmount"), apperr.CodeInvalid, "Refund must be a positive amount in "+o.CurrencyCode)
			case o.TotalRefunded+n > o.TotalPrice:
				return apperr.Invalid(apperr.Path("input", "refundAmount"), apperr.CodeInvalid, "Refund is more than what remains of the order")
			}
			u.SetTotalRefunded(o.TotalRefunded + n)
			if in.FinancialStatus == nil {
				st := entorder.FinancialStatusPARTIALLY_REFUNDED
				if o.TotalRefunded+n == o.TotalPrice {
					st = entorder.FinancialStatusREFUNDED
				}
				u.SetFinancialStatus(st)
			}
		}
		if in.FinancialStatus != nil {
			u.SetFinancialStatus(entorder.FinancialStatus(*in.FinancialStatus))
		}
		if in.FulfillmentStatus != nil {
			u.SetFulfillmentStatus(entorder.FulfillmentStatus(*in.FulfillmentStatus))
		}
		if in.Closed != nil {
			if *in.Closed {
				u.SetClosedAt(s.now())
			} else if o.CanceledAt != nil {
				return apperr.Invalid(apperr.Path("input", "closed"), apperr.CodeNotAllowed, "A cancelled order stays closed")
			} else {
				u.ClearClosedAt()
			}
		}
		if out, err = u.Save(ctx); err != nil {
			return err
		}
		if in.RefundAmount != nil && s.Returns != nil {
			refunded := money.Format(out.TotalRefunded-o.TotalRefunded, o.CurrencyCode) + " " + o.CurrencyCode
			if err := s.Returns.OrderRefunded(ctx, tx, out, refunded); err != nil {
				return err
			}
		}
		return s.changed(ctx, tx, out)
	})
	return out, err
}

// Cancel cancels an order; a cancelled order is also closed.
func (s *Service) Cancel(ctx context.Context, id, reason string) (*ent.Order, error) {
	var out *ent.Order
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		o, err := lockOrder(ctx, tx, id)
		if err != nil {
			return err
		}
		if o.CanceledAt != nil {
			return apperr.Invalid(apperr.Path("id"), apperr.CodeNotAllowed, "The order is already cancelled")
		}
		now := s.now()
		u := tx.Order.UpdateOne(o).SetCanceledAt(now).SetCancelReason(entorder.CancelReason(reason))
		if o.ClosedAt == nil {
			u.SetClosedAt(now)
		}
		if out, err = u.Save(ctx); err != nil {
			return err
		}
		// A cancelled order no longer counts as bought together.
		sold, err := tx.OrderLineItem.Query().Where(orderlineitem.OrderID(o.ID), orderlineitem.VariantIDNotNil()).
			Select(orderlineitem.FieldVariantID).Ints(ctx)
		if err != nil {
			return err
		}
		if err := recommend.Count(ctx, tx, sold, -1); err != nil {
			return err
		}
		return s.changed(ctx, tx, out)
	})
	return out, err
}

// FulfillmentInput is a shipment.
type FulfillmentInput struct {
	ExternalID      *string
	TrackingCompany *string
	Tracking        []schema.TrackingInfo
	Lines           []FulfilledLineInput // nil: everything not yet shipped
	ShippedAt       *time.Time           // nil: now
}

// FulfilledLineInput is a line of a shipment, by position in the order.
type FulfilledLineInput struct{ Position, Quantity int }

func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= 2048
}

// CreateFulfillment records a shipment and updates the order's shipping state.
func (s *Service) CreateFulfillment(ctx context.Context, orderID string, in FulfillmentInput) (*ent.Fulfillment, *ent.Order, error) {
	var errs apperr.FieldErrors
	if len(in.Tracking) > MaxTrackingIDs {
		errs.Add(apperr.Path("fulfillment", "trackingInfo"), apperr.CodeTooMany, "At most 20 tracking numbers")
	}
	for i, t := range in.Tracking {
		if t.Number == nil || strings.TrimSpace(*t.Number) == "" || len(*t.Number) > 255 {
			errs.Add(apperr.Path("fulfillment", "trackingInfo", i, "number"), apperr.CodeInvalid, "Tracking number must be 1 to 255 characters")
		}
		if t.URL != nil && !validURL(*t.URL) {
			errs.Add(apperr.Path("fulfillment", "trackingInfo", i, "url"), apperr.CodeInvalid, "Tracking URL must be an http(s) address")
		}
	}
	if in.TrackingCompany != nil && len(*in.TrackingCompany) > 255 {
		errs.Add(apperr.Path("fulfillment", "trackingCompany"), apperr.CodeTooLong, "Carrier name is too long")
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	if in.ExternalID != nil {
		f, err := s.DB.Fulfillment.Query().Where(fulfillment.ExternalID(*in.ExternalID)).Only(ctx)
		if err == nil {
			o, err := s.DB.Order.Get(ctx, f.OrderID)
			return f, o, err
		}
		if !ent.IsNotFound(err) {
			return nil, nil, err
		}
	}
	var f *ent.Fulfillment
	var out *ent.Order
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		o, err := lockOrder(ctx, tx, orderID)
		if err != nil {
			return apperr.Invalid(apperr.Path("orderId"), apperr.CodeNotFound, "Order does not exist")
		}
		if o.CanceledAt != nil {
			return apperr.Invalid(apperr.Path("orderId"), apperr.CodeNotAllowed, "A cancelled order cannot be shipped")
		}
		lines, err := tx.OrderLineItem.Query().Where(orderlineitem.OrderID(o.ID)).Order(ent.Asc(orderlineitem.FieldPosition)).All(ctx)
		if err != nil {
			return err
		}
		shipped, err := tx.Fulfillment.Query().Where(fulfillment.OrderID(o.ID), fulfillment.StatusEQ(fulfillment.StatusSUCCESS)).All(ctx)
		if err != nil {
			return err
		}
		done := map[int]int{} // line ID → units shipped
		for _, sh := range shipped {
			for _, l := range sh.Lines {
				done[l.LineItemID] += l.Quantity
			}
		}
		var ship []schema.FulfilledLine
		if in.Lines == nil {
			for _, l := range lines {
				if left := l.CurrentQuantity - done[l.ID]; left > 0 {
					ship = append(ship, schema.FulfilledLine{LineItemID: l.ID, Quantity: left})
				}
			}
		}
		var errs apperr.FieldErrors
		for i, in := range in.Lines {
			f := apperr.Path("fulfillment", "lineItems", i)
			if in.Position < 1 || in.Position > len(lines) {
				errs.Add(append(f, "position"), apperr.CodeNotFound, "The order has no line at this position")
				continue
			}
			l := lines[in.Position-1]
			if left := l.CurrentQuantity - done[l.ID]; in.Quantity < 1 || in.Quantity > left {
				errs.Add(append(f, "quantity"), apperr.CodeInvalid, "Quantity must be between 1 and the units not yet shipped")
				continue
			}
			done[l.ID] += in.Quantity
			ship = append(ship, schema.FulfilledLine{LineItemID: l.ID, Quantity: in.Quantity})
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if len(ship) == 0 {
			return apperr.Invalid(apperr.Path("fulfillment", "lineItems"), apperr.CodeNotAllowed, "Nothing is left to ship")
		}
		if in.Lines == nil {
			for _, sl := range ship {
				done[sl.LineItemID] += sl.Quantity
			}
		}
		shippedAt := s.now()
		if in.ShippedAt != nil {
			if in.ShippedAt.After(shippedAt) {
				return apperr.Invalid(apperr.Path("fulfillment", "shippedAt"), apperr.CodeInvalid, "A shipment cannot ship in the future")
			}
			shippedAt = in.ShippedAt.UTC()
		}
		f, err = tx.Fulfillment.Create().SetOrderID(o.ID).SetNillableExternalID(in.ExternalID).SetCreatedAt(shippedAt).
			SetNillableTrackingCompany(in.TrackingCompany).SetTrackingInfo(in.Tracking).SetLines(ship).Save(ctx)
		if err != nil {
			return err
		}
		status := entorder.FulfillmentStatusFULFILLED
		for _, l := range lines {
			if done[l.ID] < l.CurrentQuantity {
				status = entorder.FulfillmentStatusPARTIALLY_FULFILLED
			}
		}
		if out, err = tx.Order.UpdateOne(o).SetFulfillmentStatus(status).Save(ctx); err != nil {
			return err
		}
		return s.shipped(ctx, tx, out, f)
	})
	if err != nil {
		return nil, nil, err
	}
	return f, out, nil
}

// EventInput is a tracking event.
type EventInput struct {
	Status                      string
	HappenedAt                  *time.Time
	Message                     *string
	City, Province, CountryCode *string
	Zip                         *string
}

// AddEvent records a step of a shipment's journey.
func (s *Service) AddEvent(ctx context.Context, fulfillmentID string, in EventInput) (*ent.FulfillmentEvent, error) {
	key, err := gid.Decode(fulfillmentID, "Fulfillment")
	if err != nil {
		return nil, apperr.Invalid(apperr.Path("fulfillmentId"), apperr.CodeNotFound, "Fulfillment does not exist")
	}
	f, err := s.DB.Fulfillment.Query().Where(fulfillment.ID(key)).WithOrder().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid(apperr.Path("fulfillmentId"), apperr.CodeNotFound, "Fulfillment does not exist")
	}
	if err != nil {
		return nil, err
	}
	var errs apperr.FieldErrors
	for name, v := range map[string]*string{"message": in.Message, "city": in.City, "province": in.Province, "zip": in.Zip} {
		max := 255
		if name == "message" {
			max = 1000
		}
		if v != nil && len(*v) > max {
			errs.Add(apperr.Path("event", name), apperr.CodeTooLong, "Too long")
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	at := s.now()
	if in.HappenedAt != nil {
		at = in.HappenedAt.UTC()
	}
	msg := ""
	if in.Message != nil {
		msg = strings.TrimSpace(*in.Message)
	}
	var e *ent.FulfillmentEvent
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		var err error
		e, err = tx.FulfillmentEvent.Create().SetFulfillmentID(key).SetStatus(fulfillmentevent.Status(in.Status)).
			SetHappenedAt(at).SetMessage(msg).SetNillableCity(in.City).SetNillableProvince(in.Province).
			SetNillableCountryCode(in.CountryCode).SetNillableZip(in.Zip).Save(ctx)
		if err != nil {
			return err
		}
		return s.delivering(ctx, tx, f.Edges.Order, e)
	})
	return e, err
}

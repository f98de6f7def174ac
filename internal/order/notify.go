package order

import (
	"context"
	"strconv"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/fulfillmentevent"
	"accountgraph/ent/notification"
	"accountgraph/internal/money"
	"accountgraph/internal/notify"
)

// confirmWithin is how old an ingested order may be and still be
// confirmed to the customer: older ones are history being imported, not
// purchases the customer waits to hear about.
const confirmWithin = 24 * time.Hour

// announce adds a message about an order to the outbox in tx: to the
// customer, or to the email of a guest order.
func (s *Service) announce(ctx context.Context, tx *ent.Tx, o *ent.Order, topic notification.Topic, kind, key string, data map[string]any) error {
	if s.Outbox == nil {
		return nil
	}
	ev := notify.Event{Key: key, Kind: kind, Topic: notify.Topic(topic), Data: data}
	switch {
	case o.CustomerID != nil:
		ev.CustomerID = *o.CustomerID
	case o.Email != nil:
		ev.To = *o.Email
	default:
		return nil
	}
	data["OrderName"], data["URL"] = o.Name, s.StatusURL(o)
	return s.Outbox.Enqueue(ctx, tx, ev)
}

// confirm announces a newly ingested order with its lines.
func (s *Service) confirm(ctx context.Context, tx *ent.Tx, o *ent.Order, lines []ent.OrderLineItem) error {
	if s.now().Sub(o.ProcessedAt) > confirmWithin {
		return nil
	}
	items := make([]map[string]any, len(lines))
	for i, l := range lines {
		items[i] = map[string]any{"Title": l.Title, "Quantity": strconv.Itoa(l.Quantity)}
	}
	return s.announce(ctx, tx, o, notification.TopicORDER_CONFIRMATION, "order_confirmation",
		"order_confirmation:"+strconv.Itoa(o.ID), map[string]any{
			"Total": money.Format(o.TotalPrice, o.CurrencyCode) + " " + o.CurrencyCode, "Lines": items,
		})
}

// shipped announces a fulfillment with its tracking (not one synced long
// after it shipped).
func (s *Service) shipped(ctx context.Context, tx *ent.Tx, o *ent.Order, f *ent.Fulfillment) error {
	if s.now().Sub(f.CreatedAt) > confirmWithin {
		return nil
	}
	tracking := make([]map[string]any, 0, len(f.TrackingInfo))
	for _, t := range f.TrackingInfo {
		n, u := "", ""
		if t.Number != nil {
			n = *t.Number
		}
		if t.URL != nil {
			u = *t.URL
		}
		tracking = append(tracking, map[string]any{"Number": n, "URL": u})
	}
	company := ""
	if f.TrackingCompany != nil {
		company = *f.TrackingCompany
	}
	return s.announce(ctx, tx, o, notification.TopicSHIPPING_UPDATES, "shipping_update",
		"shipping_update:"+strconv.Itoa(f.ID), map[string]any{"Company": company, "Tracking": tracking})
}

// deliverySteps are the tracking events customers are told about, in
// words; the others (labels, in transit…) show only in the timeline.
var deliverySteps = map[fulfillmentevent.Status]string{
	fulfillmentevent.StatusOUT_FOR_DELIVERY:   "out for delivery",
	fulfillmentevent.StatusDELIVERED:          "delivered",
	fulfillmentevent.StatusATTEMPTED_DELIVERY: "delivery attempted",
	fulfillmentevent.StatusREADY_FOR_PICKUP:   "ready for pickup",
	fulfillmentevent.StatusFAILURE:            "delivery failed",
}

// delivering announces a step of the last mile.
func (s *Service) delivering(ctx context.Context, tx *ent.Tx, o *ent.Order, e *ent.FulfillmentEvent) error {
	step, ok := deliverySteps[e.Status]
	if !ok {
		return nil
	}
	place := ""
	if e.City != nil {
		place = *e.City
	}
	return s.announce(ctx, tx, o, notification.TopicDELIVERY_UPDATES, "delivery_update",
		"delivery_update:"+strconv.Itoa(e.ID), map[string]any{"Status": step, "Place": place, "Message": e.Message})
}

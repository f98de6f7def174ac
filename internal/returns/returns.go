// Package returns holds self-serve returns: a customer asks to send back
// shipped units of an order within the shop's return window; staff approve
// or decline, mark units received; a refund recorded on the order closes
// what is open. Each step tells the customer through the outbox.
package returns

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"accountgraph/ent"
	"accountgraph/ent/fulfillment"
	"accountgraph/ent/notification"
	entorder "accountgraph/ent/order"
	"accountgraph/ent/orderlineitem"
	"accountgraph/ent/orderreturn"
	"accountgraph/ent/returnlineitem"
	"accountgraph/ent/shopsettings"
	"accountgraph/internal/apperr"
	"accountgraph/internal/customer"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/notify"
	"accountgraph/internal/page"
	"accountgraph/internal/settings"
)

// MaxLines is the most lines one request names.
const MaxLines = 50

// Service runs returns.
type Service struct {
	DB        *ent.Client
	Customers *customer.Service
	Outbox    *notify.Outbox
	// StatusURL is an order's status page, linked from the messages.
	StatusURL func(*ent.Order) string
	Now       func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// LineRequest is one line of a return request, as the API gives it.
type LineRequest struct {
	LineItemID   string
	Quantity     int
	Reason       string
	CustomerNote *string
}

// Counting are the statuses whose units are taken: a declined or
// cancelled return gives its units back.
var Counting = []orderreturn.Status{orderreturn.StatusREQUESTED, orderreturn.StatusOPEN, orderreturn.StatusCLOSED}

// Counts tells whether a return's units are taken (in a return of that
// status, they cannot be asked for again).
func Counts(s orderreturn.Status) bool { return slices.Contains(Counting, s) }

// errNotFound hides whether an order exists from a customer it is not for.
func errNotFound() error {
	return apperr.Invalid(apperr.Path("orderId"), apperr.CodeNotFound, "Order does not exist")
}

// Request asks to return units of one of the customer's orders, all lines
// or none. The order is locked while the units already asked for are
// counted, so concurrent requests never ask for more than was shipped.
func (s *Service) Request(ctx context.Context, accessToken, orderID string, lines []LineRequest) (*ent.OrderReturn, error) {
	c, err := s.Customers.RequireCustomer(ctx, accessToken)
	if err != nil {
		return nil, err
	}
	customerID := c.ID
	key, err := gid.Decode(orderID, "Order")
	if err != nil {
		return nil, errNotFound()
	}
	switch {
	case len(lines) == 0:
		return nil, apperr.Invalid(apperr.Path("requestedLineItems"), apperr.CodeBlank, "Name at least one line to return")
	case len(lines) > MaxLines:
		return nil, apperr.Invalid(apperr.Path("requestedLineItems"), apperr.CodeTooManyArguments, fmt.Sprintf("At most %d lines per return", MaxLines))
	}
	wanted, err := checkLines(lines)
	if err != nil {
		return nil, err
	}
	var out *ent.OrderReturn
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		st, err := settings.Read(ctx, tx.Client())
		if err != nil {
			return err
		}
		if st.ReturnWindowDays <= 0 {
			return apperr.Invalid(apperr.Path("orderId"), apperr.CodeFeatureNotEnabled, "This shop does not take return requests online")
		}
		o, err := tx.Order.Query().Where(entorder.ID(key)).Modify(db.ForUpdate).Only(ctx)
		if ent.IsNotFound(err) || err == nil && (o.CustomerID == nil || *o.CustomerID != customerID) {
			return errNotFound()
		}
		if err != nil {
			return err
		}
		if o.CanceledAt != nil {
			return apperr.Invalid(apperr.Path("orderId"), apperr.CodeInvalidState, "The order was cancelled")
		}
		avail, err := returnable(ctx, tx.Client(), o.ID, s.now(), st.ReturnWindowDays)
		if err != nil {
			return err
		}
		var errs apperr.FieldErrors
		for i, w := range wanted {
			field := apperr.Path("requestedLineItems", i, "lineItemId")
			a, ok := avail[w.lineID]
			switch {
			case !ok:
				errs = append(errs, apperr.FieldError{Field: field, Code: apperr.CodeNotFound, Message: "The order has no such line"})
			case a.Shipped == 0:
				errs = append(errs, apperr.FieldError{Field: field, Code: apperr.CodeInvalidState, Message: "This line has not shipped yet"})
			case a.Left() == 0 && a.Requested > 0:
				errs = append(errs, apperr.FieldError{Field: field, Code: apperr.CodeAlreadyExists, Message: "Every shipped unit of this line is already in a return"})
			case !a.Open:
				errs = append(errs, apperr.FieldError{Field: field, Code: apperr.CodeInvalidState,
					Message: fmt.Sprintf("The return window of %d days ended on %s", st.ReturnWindowDays, a.WindowEnds.Format("2 January 2006"))})
			case w.Quantity > a.Left():
				errs = append(errs, apperr.FieldError{Field: apperr.Path("requestedLineItems", i, "quantity"), Code: apperr.CodeLessThanOrEqualTo,
					Message: fmt.Sprintf("At most %d can be returned", a.Left())})
			}
		}
		if len(errs) > 0 {
			return errs
		}
		n, err := tx.OrderReturn.Query().Where(orderreturn.OrderID(o.ID)).Count(ctx)
		if err != nil {
			return err
		}
		r, err := tx.OrderReturn.Create().SetOrderID(o.ID).SetCustomerID(customerID).SetNumber(n + 1).Save(ctx)
		if err != nil {
			return err
		}
		creates := make([]*ent.ReturnLineItemCreate, len(wanted))
		for i, w := range wanted {
			creates[i] = tx.ReturnLineItem.Create().SetReturnID(r.ID).SetLineItemID(w.lineID).SetQuantity(w.Quantity).
				SetReason(returnlineitem.Reason(w.Reason)).SetNillableCustomerNote(w.CustomerNote)
		}
		if err := tx.ReturnLineItem.CreateBulk(creates...).Exec(ctx); err != nil {
			return err
		}
		out = r
		return s.tell(ctx, tx, o, r, "return_requested", nil)
	})
	return out, err
}

type wantedLine struct {
	LineRequest
	lineID int
}

// checkLines checks the request's lines without the database.
func checkLines(lines []LineRequest) ([]wantedLine, error) {
	var errs apperr.FieldErrors
	seen := map[int]bool{}
	out := make([]wantedLine, len(lines))
	for i, l := range lines {
		id, err := gid.Decode(l.LineItemID, "LineItem")
		field := func(name string) []string { return apperr.Path("requestedLineItems", i, name) }
		switch {
		case err != nil:
			errs = append(errs, apperr.FieldError{Field: field("lineItemId"), Code: apperr.CodeNotFound, Message: "The order has no such line"})
		case seen[id]:
			errs = append(errs, apperr.FieldError{Field: field("lineItemId"), Code: apperr.CodeAlreadyExists, Message: "This line is named twice"})
		}
		seen[id] = true
		if l.Quantity < 1 {
			errs = append(errs, apperr.FieldError{Field: field("quantity"), Code: apperr.CodeGreaterThan, Message: "Quantity must be greater than 0"})
		}
		if returnlineitem.ReasonValidator(returnlineitem.Reason(l.Reason)) != nil {
			errs = append(errs, apperr.FieldError{Field: field("returnReason"), Code: apperr.CodeInvalid, Message: "Not a return reason"})
		}
		if l.CustomerNote != nil {
			note, err := apperr.RequiredText(field("customerNote"), "Note", *l.CustomerNote, 300, true)
			var fe apperr.FieldErrors
			switch {
			case errors.As(err, &fe) && fe[0].Code == apperr.CodeBlank:
				l.CustomerNote = nil
			case err != nil:
				errs = append(errs, fe...)
			default:
				l.CustomerNote = &note
			}
		}
		out[i] = wantedLine{LineRequest: l, lineID: id}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// Availability is what of one order line may still be returned.
type Availability struct {
	Shipped, Requested int
	// WindowEnds is the last shipment's date plus the window; Open tells
	// whether now is before it.
	WindowEnds time.Time
	Open       bool
}

// Left is how many units may still be asked for.
func (a Availability) Left() int { return max(0, a.Shipped-a.Requested) }

// returnable tells, for each line of an order, what may still be returned.
func returnable(ctx context.Context, client *ent.Client, orderID int, now time.Time, windowDays int) (map[int]Availability, error) {
	ids, err := client.OrderLineItem.Query().Where(orderlineitem.OrderID(orderID)).IDs(ctx)
	if err != nil {
		return nil, err
	}
	shipments, err := client.Fulfillment.Query().Where(fulfillment.OrderID(orderID), fulfillment.StatusEQ(fulfillment.StatusSUCCESS)).All(ctx)
	if err != nil {
		return nil, err
	}
	var taken []struct {
		LineItemID int `json:"line_item_id"`
		Sum        int `json:"sum"`
	}
	err = client.ReturnLineItem.Query().
		Where(returnlineitem.HasReturnWith(orderreturn.OrderID(orderID), orderreturn.StatusIn(Counting...))).
		GroupBy(returnlineitem.FieldLineItemID).Aggregate(ent.Sum(returnlineitem.FieldQuantity)).Scan(ctx, &taken)
	if err != nil {
		return nil, err
	}
	requested := make(map[int]int, len(taken))
	for _, t := range taken {
		requested[t.LineItemID] = t.Sum
	}
	out := make(map[int]Availability, len(ids))
	for _, id := range ids {
		out[id] = Available(id, shipments, requested, now, windowDays)
	}
	return out, nil
}

// Available is what of one order line may still be returned, from the
// order's successful shipments and the units its returns already ask for
// (by line): what the account pages show and what a request may take.
func Available(lineID int, shipments []*ent.Fulfillment, requested map[int]int, now time.Time, windowDays int) Availability {
	a := Availability{Requested: requested[lineID]}
	var last time.Time
	for _, f := range shipments {
		for _, l := range f.Lines {
			if l.LineItemID != lineID {
				continue
			}
			a.Shipped += l.Quantity
			if f.CreatedAt.After(last) {
				last = f.CreatedAt
			}
		}
	}
	if a.Shipped > 0 && windowDays > 0 {
		a.WindowEnds = last.AddDate(0, 0, windowDays)
		a.Open = now.Before(a.WindowEnds)
	}
	return a
}

// Returnable is how many units of a line a customer may ask back now.
func (a Availability) Returnable() int {
	if !a.Open {
		return 0
	}
	return a.Left()
}

// WindowDays is the shop's return window (st nil: no settings row yet).
func WindowDays(st *ent.ShopSettings) int {
	if st == nil {
		return shopsettings.DefaultReturnWindowDays
	}
	return st.ReturnWindowDays
}

// Clock is the service's time, for the rules the API layer applies to
// loaded data.
func (s *Service) Clock() time.Time { return s.now() }

// lockReturn reads a return inside tx and holds it until the end.
func lockReturn(ctx context.Context, tx *ent.Tx, id string) (*ent.OrderReturn, *ent.Order, error) {
	key, err := gid.Decode(id, "Return")
	if err != nil {
		return nil, nil, apperr.Invalid(apperr.Path("id"), apperr.CodeNotFound, "Return does not exist")
	}
	r, err := tx.OrderReturn.Query().Where(orderreturn.ID(key)).Modify(db.ForUpdate).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, apperr.Invalid(apperr.Path("id"), apperr.CodeNotFound, "Return does not exist")
	}
	if err != nil {
		return nil, nil, err
	}
	o, err := tx.Order.Get(ctx, r.OrderID)
	return r, o, err
}

// Approve opens a requested return: the customer is sent the shop's
// return instructions (or these, when given).
func (s *Service) Approve(ctx context.Context, id string, instructions *string) (*ent.OrderReturn, error) {
	return s.transition(ctx, id, orderreturn.StatusREQUESTED, func(tx *ent.Tx, r *ent.OrderReturn, o *ent.Order) (*ent.OrderReturn, error) {
		text := ""
		if instructions != nil {
			text = strings.TrimSpace(*instructions)
			if len([]rune(text)) > 2000 {
				return nil, apperr.Invalid(apperr.Path("instructions"), apperr.CodeTooLong, "Instructions are too long (maximum is 2000 characters)")
			}
		}
		if text == "" {
			st, err := settings.Read(ctx, tx.Client())
			if err != nil {
				return nil, err
			}
			text = st.ReturnInstructions
		}
		r, err := tx.OrderReturn.UpdateOne(r).SetStatus(orderreturn.StatusOPEN).Save(ctx)
		if err != nil {
			return nil, err
		}
		return r, s.tell(ctx, tx, o, r, "return_approved", map[string]any{"Instructions": text})
	})
}

// Decline refuses a requested return with a reason and a note for the
// customer; its units may be asked for again.
func (s *Service) Decline(ctx context.Context, id, reason string, note *string) (*ent.OrderReturn, error) {
	return s.transition(ctx, id, orderreturn.StatusREQUESTED, func(tx *ent.Tx, r *ent.OrderReturn, o *ent.Order) (*ent.OrderReturn, error) {
		if orderreturn.DeclineReasonValidator(orderreturn.DeclineReason(reason)) != nil {
			return nil, apperr.Invalid(apperr.Path("reason"), apperr.CodeInvalid, "Not a decline reason")
		}
		u := tx.OrderReturn.UpdateOne(r).SetStatus(orderreturn.StatusDECLINED).SetDeclineReason(orderreturn.DeclineReason(reason)).SetClosedAt(s.now())
		text := ""
		if note != nil {
			t, err := apperr.RequiredText(apperr.Path("note"), "Note", *note, 500, false)
			if err != nil {
				return nil, err
			}
			text = t
			u.SetDeclineNote(t)
		}
		r, err := u.Save(ctx)
		if err != nil {
			return nil, err
		}
		return r, s.tell(ctx, tx, o, r, "return_declined", map[string]any{"Reason": declineWords[reason], "Note": text})
	})
}

var declineWords = map[string]string{
	"RETURN_PERIOD_ENDED": "the return period has ended", "FINAL_SALE": "the items were a final sale", "OTHER": "",
}

// Received is a count of units back in the shop, for one line of a return.
type Received struct {
	ReturnLineItemID string
	Quantity         int
}

// Receive records units received for an open return (at most what it
// returns, counted over calls).
func (s *Service) Receive(ctx context.Context, id string, got []Received) (*ent.OrderReturn, error) {
	return s.transition(ctx, id, orderreturn.StatusOPEN, func(tx *ent.Tx, r *ent.OrderReturn, _ *ent.Order) (*ent.OrderReturn, error) {
		lines, err := tx.ReturnLineItem.Query().Where(returnlineitem.ReturnID(r.ID)).All(ctx)
		if err != nil {
			return nil, err
		}
		byID := map[int]*ent.ReturnLineItem{}
		for _, l := range lines {
			byID[l.ID] = l
		}
		var errs apperr.FieldErrors
		adds := map[int]int{}
		for i, g := range got {
			key, err := gid.Decode(g.ReturnLineItemID, "ReturnLineItem")
			l := byID[key]
			switch {
			case err != nil || l == nil:
				errs = append(errs, apperr.FieldError{Field: apperr.Path("lines", i, "returnLineItemId"), Code: apperr.CodeNotFound, Message: "The return has no such line"})
			case g.Quantity < 1:
				errs = append(errs, apperr.FieldError{Field: apperr.Path("lines", i, "quantity"), Code: apperr.CodeGreaterThan, Message: "Quantity must be greater than 0"})
			case l.ReceivedQuantity+adds[key]+g.Quantity > l.Quantity:
				errs = append(errs, apperr.FieldError{Field: apperr.Path("lines", i, "quantity"), Code: apperr.CodeLessThanOrEqualTo,
					Message: fmt.Sprintf("At most %d more can be received", l.Quantity-l.ReceivedQuantity-adds[key])})
			default:
				adds[key] += g.Quantity
			}
		}
		if len(errs) > 0 {
			return nil, errs
		}
		ids := make([]int, 0, len(adds))
		for id := range adds {
			ids = append(ids, id)
		}
		sort.Ints(ids)
		for _, id := range ids {
			if err := tx.ReturnLineItem.UpdateOneID(id).AddReceivedQuantity(adds[id]).Exec(ctx); err != nil {
				return nil, err
			}
		}
		return tx.OrderReturn.UpdateOne(r).SetUpdatedAt(s.now()).Save(ctx)
	})
}

// transition changes a return that is in status from, under its lock.
func (s *Service) transition(ctx context.Context, id string, from orderreturn.Status, change func(*ent.Tx, *ent.OrderReturn, *ent.Order) (*ent.OrderReturn, error)) (*ent.OrderReturn, error) {
	var out *ent.OrderReturn
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		r, o, err := lockReturn(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.Status != from {
			return apperr.Invalid(apperr.Path("id"), apperr.CodeInvalidState, fmt.Sprintf("The return is %s, not %s", r.Status, from))
		}
		out, err = change(tx, r, o)
		return err
	})
	return out, err
}

// OrderRefunded closes an order's open returns when a refund is recorded
// on it (inside the refund's transaction) and tells the customer.
func (s *Service) OrderRefunded(ctx context.Context, tx *ent.Tx, o *ent.Order, amount string) error {
	open, err := tx.OrderReturn.Query().Where(orderreturn.OrderID(o.ID), orderreturn.StatusEQ(orderreturn.StatusOPEN)).All(ctx)
	if err != nil {
		return err
	}
	for _, r := range open {
		r, err = tx.OrderReturn.UpdateOne(r).SetStatus(orderreturn.StatusCLOSED).SetClosedAt(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		if err := s.tell(ctx, tx, o, r, "return_refunded", map[string]any{"Amount": amount}); err != nil {
			return err
		}
	}
	return nil
}

// Name is a return's name: its order's and its number, such as #1001-R1.
func Name(o *ent.Order, r *ent.OrderReturn) string { return o.Name + "-R" + strconv.Itoa(r.Number) }

// tell adds a message about a return to the outbox in tx, under the
// customer's RETURNS preferences.
func (s *Service) tell(ctx context.Context, tx *ent.Tx, o *ent.Order, r *ent.OrderReturn, kind string, data map[string]any) error {
	if s.Outbox == nil || r.CustomerID == nil {
		return nil
	}
	if data == nil {
		data = map[string]any{}
	}
	lines, err := tx.ReturnLineItem.Query().Where(returnlineitem.ReturnID(r.ID)).WithLineItem().Order(ent.Asc(returnlineitem.FieldID)).All(ctx)
	if err != nil {
		return err
	}
	items := make([]map[string]any, len(lines))
	for i, l := range lines {
		items[i] = map[string]any{"Title": l.Edges.LineItem.Title, "Quantity": strconv.Itoa(l.Quantity)}
	}
	data["OrderName"], data["ReturnName"], data["Lines"] = o.Name, Name(o, r), items
	if s.StatusURL != nil {
		data["URL"] = s.StatusURL(o)
	}
	return s.Outbox.Enqueue(ctx, tx, notify.Event{
		Key: kind + ":" + strconv.Itoa(r.ID), Kind: kind, Topic: notify.Topic(notification.TopicRETURNS),
		CustomerID: *r.CustomerID, Data: data,
	})
}

// List pages through returns, newest first, of one status when given (the
// Admin API's list).
func (s *Service) List(ctx context.Context, status *orderreturn.Status, args page.Args) (page.Page[*ent.OrderReturn], error) {
	spec, err := page.NewestFirst(args, "returns", func(r *ent.OrderReturn) int { return r.ID })
	if err != nil {
		return page.Page[*ent.OrderReturn]{}, err
	}
	return page.Query(spec.Window, spec.Column, func(mod func(*entsql.Selector), limit int) ([]*ent.OrderReturn, error) {
		q := s.DB.OrderReturn.Query()
		if status != nil {
			q.Where(orderreturn.StatusEQ(*status))
		}
		return q.Modify(mod).Limit(limit).All(ctx)
	}, spec.CursorOf)
}

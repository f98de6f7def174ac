// Package notify is the durable outbox of customer messages. Business
// packages add a message in the transaction of the event it tells about
// (Outbox.Enqueue), so a message exists exactly when its event does; a
// Worker on any replica delivers due messages by email, text or push, with
// retries, digests and the customer's communication preferences.
package notify

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/notification"
)

// Event is something to tell a customer (or an address without an account).
type Event struct {
	// Key identifies the event, e.g. "order_confirmation:42". A second
	// event with the same key makes no second message, so a retried
	// request or a replayed sync does not announce anything twice.
	Key string
	// Kind names the templates (internal/mail/templates/<kind>.txt).
	Kind string
	// Topic is nil for a message the customer asked for (a sign-in code, a
	// reset link): it goes by email, at once, whatever the preferences.
	Topic *notification.Topic
	// CustomerID is the customer told; 0 for an address without account.
	CustomerID int
	// To overrides the customer's email address (a new address to verify),
	// or is the address when there is no customer.
	To string
	// Data fills the templates; it must encode to a JSON object.
	Data any
}

// Topic returns a pointer to t, for Event.Topic.
func Topic(t notification.Topic) *notification.Topic { return &t }

// Outbox adds messages. Its zero value works; Now and the wake-up are
// optional.
type Outbox struct {
	Now  func() time.Time
	wake chan struct{}
}

// NewOutbox returns an outbox whose committed messages wake Woken().
func NewOutbox() *Outbox { return &Outbox{wake: make(chan struct{}, 1)} }

// Woken receives after a transaction that added messages commits, so an
// in-process worker can deliver them at once instead of at its next poll.
func (o *Outbox) Woken() <-chan struct{} { return o.wake }

func (o *Outbox) now() time.Time {
	if o.Now != nil {
		return o.Now().UTC()
	}
	return time.Now().UTC()
}

// Enqueue adds the messages of events in tx: for a topic, one per channel
// the customer hears on (email, text when there is a phone number, push),
// due now or at the next digest; nothing for a channel set to NEVER. It
// reads the customers and their preferences in two statements whatever the
// number of events, and writes one.
func (o *Outbox) Enqueue(ctx context.Context, tx *ent.Tx, events ...Event) error {
	if len(events) == 0 {
		return nil
	}
	var ids []int
	for _, ev := range events {
		if ev.CustomerID != 0 {
			ids = append(ids, ev.CustomerID)
		}
	}
	a, err := loadAudience(ctx, tx.Client(), ids)
	if err != nil {
		return err
	}
	now := o.now()
	var bulk []*ent.NotificationCreate
	for _, ev := range events {
		data, err := encode(ev.Data)
		if err != nil {
			return fmt.Errorf("notify %s: %w", ev.Kind, err)
		}
		c := a.customers[ev.CustomerID]
		if ev.CustomerID != 0 && c == nil {
			continue // erased in the meantime
		}
		// Every template may greet by first name.
		if s, _ := data["FirstName"].(string); s == "" {
			data["FirstName"] = ""
			if c != nil && c.FirstName != nil {
				data["FirstName"] = *c.FirstName
			}
		}
		for _, m := range plan(ev, c, a.stored[ev.CustomerID]) {
			n := tx.Notification.Create().SetEventKey(ev.Key).SetKind(ev.Kind).SetNillableTopic(ev.Topic).
				SetChannel(m.channel).SetRecipient(m.to).SetData(data).
				SetFrequency(notification.Frequency(m.frequency)).SetDueAt(DueAt(m.frequency, now)).SetCreatedAt(now)
			if c != nil {
				n.SetCustomerID(c.ID)
				if c.Language != nil {
					n.SetLanguage(*c.Language)
				}
			}
			bulk = append(bulk, n)
		}
	}
	if len(bulk) == 0 {
		return nil
	}
	err = tx.Notification.CreateBulk(bulk...).
		OnConflictColumns(notification.FieldEventKey, notification.FieldChannel).DoNothing().Exec(ctx)
	// With every row a duplicate, PostgreSQL returns no IDs, which ent
	// reports as sql.ErrNoRows: nothing was added, as intended.
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if o.wake != nil {
		tx.OnCommit(func(next ent.Committer) ent.Committer {
			return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
				err := next.Commit(ctx, tx)
				if err == nil {
					select {
					case o.wake <- struct{}{}:
					default:
					}
				}
				return err
			})
		})
	}
	return nil
}

// message is one planned message of an event.
type message struct {
	channel   notification.Channel
	to        string
	frequency Frequency
}

// plan lists an event's messages: the channels its topic is on for the
// customer, each with the address it goes to.
func plan(ev Event, c *ent.Customer, stored []*ent.CommunicationPreference) []message {
	email := ev.To
	if email == "" && c != nil {
		email = c.Email
	}
	if ev.Topic == nil || c == nil {
		// Asked-for messages, and messages to addresses without an
		// account (never promotions: there is no consent to rely on).
		if email == "" || (ev.Topic != nil && *ev.Topic == notification.TopicPROMOTIONS) {
			return nil
		}
		return []message{{channel: notification.ChannelEMAIL, to: email, frequency: Immediate}}
	}
	var out []message
	for _, p := range Matrix(c, stored) {
		if p.Topic != *ev.Topic || !p.Enabled() {
			continue
		}
		var to string
		switch p.Channel {
		case notification.ChannelEMAIL:
			to = email
		case notification.ChannelSMS:
			if c.Phone != nil {
				to = *c.Phone
			}
		case notification.ChannelPUSH:
			to = strconv.Itoa(c.ID)
		}
		if to != "" {
			out = append(out, message{channel: p.Channel, to: to, frequency: p.Frequency})
		}
	}
	return out
}

// encode turns template data into the JSON object stored with a message.
func encode(v any) (map[string]any, error) {
	if v == nil {
		return map[string]any{}, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// DigestHour is the hour (UTC) digests go out: daily ones every day,
// weekly ones on Mondays.
const DigestHour = 8

// DueAt is when a message added at now goes out at the given frequency.
func DueAt(f Frequency, now time.Time) time.Time {
	now = now.UTC()
	next := time.Date(now.Year(), now.Month(), now.Day(), DigestHour, 0, 0, 0, time.UTC)
	switch f {
	case Daily:
		if !next.After(now) {
			next = next.AddDate(0, 0, 1)
		}
		return next
	case Weekly:
		for !next.After(now) || next.Weekday() != time.Monday {
			next = next.AddDate(0, 0, 1)
		}
		return next
	}
	return now
}

package preferences

import (
	"context"
	"fmt"

	"accountgraph/ent"
	"accountgraph/ent/communicationpreference"
	"accountgraph/ent/consentevent"
	"accountgraph/ent/notification"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/notify"
)

// Change is one requested change of a communication preference.
type Change struct {
	Topic     notification.Topic
	Channel   notification.Channel
	Frequency notify.Frequency
}

// MaxChanges bounds one update: every topic on every channel once.
const MaxChanges = 24

// UpdateCommunication applies the signed-in customer's changes to their
// communication preferences, all or nothing.
func (s *Service) UpdateCommunication(ctx context.Context, token string, changes []Change) (*ent.Customer, error) {
	c, err := s.Customers.RequireCustomer(ctx, token)
	if err != nil {
		return nil, err
	}
	if len(changes) > MaxChanges {
		return nil, apperr.Invalid(apperr.Path("preferences"), apperr.CodeTooLong, fmt.Sprintf("At most %d preferences at once", MaxChanges))
	}
	return s.communicate(ctx, c.ID, changes, consentevent.SourceSTOREFRONT)
}

// Unsubscribe turns off what a signed unsubscribe link names.
func (s *Service) Unsubscribe(ctx context.Context, u notify.Unsubscription) error {
	_, err := s.communicate(ctx, u.CustomerID, []Change{{Topic: u.Topic, Channel: u.Channel, Frequency: notify.Never}}, consentevent.SourceEMAIL_LINK)
	if ent.IsNotFound(err) {
		return nil // the account was erased: nothing is sent to it anyway
	}
	return err
}

// communicate checks changes against the customer (security alerts by
// email stay on, text messages need a phone number, each topic and channel
// once) and applies them in one transaction. Each change of the effective
// choice goes to the consent log; promotions by email also set
// acceptsMarketing.
func (s *Service) communicate(ctx context.Context, customerID int, changes []Change, source consentevent.Source) (*ent.Customer, error) {
	var c *ent.Customer
	err := db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		var err error
		if c, err = db.LockCustomer(ctx, tx, customerID); err != nil {
			return err
		}
		rows, err := tx.CommunicationPreference.Query().Where(communicationpreference.CustomerID(customerID)).All(ctx)
		if err != nil {
			return err
		}
		var errs apperr.FieldErrors
		seen := map[Change]bool{}
		for i, ch := range changes {
			key := Change{Topic: ch.Topic, Channel: ch.Channel}
			switch {
			case seen[key]:
				errs.Add(apperr.Path("preferences", i, "topic"), apperr.CodeInvalid, "This topic and channel are named twice")
			case notify.Locked(ch.Topic, ch.Channel) && ch.Frequency != notify.Immediate:
				errs.Add(apperr.Path("preferences", i, "frequency"), apperr.CodeInvalid, "Security alerts by email cannot be turned off or delayed")
			case ch.Channel == notification.ChannelSMS && ch.Frequency != notify.Never && c.Phone == nil:
				errs.Add(apperr.Path("preferences", i, "channel"), apperr.CodeInvalid, "Add a phone number to get text messages")
			}
			seen[key] = true
		}
		if err := errs.Err(); err != nil {
			return err
		}
		current := notify.Matrix(c, rows)
		for _, ch := range changes {
			if p, _ := notify.Find(current, ch.Topic, ch.Channel); p.Frequency == ch.Frequency {
				continue
			}
			if err := s.setCommunication(ctx, tx, c, ch, source); err != nil {
				return err
			}
		}
		c, err = tx.Customer.Get(ctx, customerID)
		return err
	})
	return c, err
}

// setCommunication stores one changed choice and logs the consent;
// promotions by email also change acceptsMarketing.
func (s *Service) setCommunication(ctx context.Context, tx *ent.Tx, c *ent.Customer, ch Change, source consentevent.Source) error {
	err := tx.CommunicationPreference.Create().SetCustomerID(c.ID).SetTopic(communicationpreference.Topic(ch.Topic)).
		SetChannel(communicationpreference.Channel(ch.Channel)).SetFrequency(ch.Frequency).
		OnConflictColumns(communicationpreference.FieldCustomerID, communicationpreference.FieldTopic, communicationpreference.FieldChannel).
		UpdateNewValues().Exec(ctx)
	if err != nil {
		return err
	}
	err = tx.ConsentEvent.Create().SetCustomerID(c.ID).SetTopic(consentevent.TopicCOMMUNICATION).
		SetCommunicationTopic(consentevent.CommunicationTopic(ch.Topic)).SetChannel(consentevent.Channel(ch.Channel)).
		SetFrequency(consentevent.Frequency(ch.Frequency)).SetGranted(ch.Frequency != notify.Never).
		SetSource(source).SetCreatedAt(s.now()).Exec(ctx)
	if err != nil {
		return err
	}
	accepts := ch.Frequency != notify.Never
	if ch.Topic != notification.TopicPROMOTIONS || ch.Channel != notification.ChannelEMAIL || accepts == c.AcceptsMarketing {
		return nil
	}
	return s.Marketing.SetAcceptsMarketing(ctx, tx, c.ID, accepts, source)
}

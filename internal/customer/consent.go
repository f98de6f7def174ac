package customer

import (
	"context"

	"accountgraph/ent"
	"accountgraph/ent/consentevent"
)

// RecordConsent appends a consent change to the customer's consent log,
// in the transaction that makes the change.
func RecordConsent(ctx context.Context, tx *ent.Tx, customerID int, topic consentevent.Topic, granted bool, source consentevent.Source) error {
	return tx.ConsentEvent.Create().SetCustomerID(customerID).SetTopic(topic).SetGranted(granted).SetSource(source).Exec(ctx)
}

// SetAcceptsMarketing changes a customer's consent to marketing email in
// tx: the flag, the consent log, and the loyalty points for opting in. The
// caller checked that the value changes. Promotions by email in the
// communication preferences follow the flag (see internal/notify).
func (s *Service) SetAcceptsMarketing(ctx context.Context, tx *ent.Tx, customerID int, accepts bool, source consentevent.Source) error {
	if err := tx.Customer.UpdateOneID(customerID).SetAcceptsMarketing(accepts).SetAcceptsMarketingUpdatedAt(s.now()).Exec(ctx); err != nil {
		return err
	}
	if err := RecordConsent(ctx, tx, customerID, consentevent.TopicMARKETING_EMAIL, accepts, source); err != nil {
		return err
	}
	if accepts && s.Loyalty != nil {
		return s.Loyalty.MarketingOptIn(ctx, tx, customerID)
	}
	return nil
}

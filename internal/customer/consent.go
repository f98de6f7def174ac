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

package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
)

func paymentMethodPayload(m *ent.PaymentMethod, err error) (*model.CustomerPaymentMethodPayload, error) {
	cue, _, err := userErrors(err)
	return &model.CustomerPaymentMethodPayload{PaymentMethod: m, CustomerUserErrors: cue}, err
}

package ent

// Marker methods for the Customer Account API's interfaces (bound in
// gqlgen.customeraccount.yml to graph/customeraccount/model's): each is
// implemented by the one entity that is its only kind here, so an
// interface's Go type matches nothing else.

// IsReturnLineItemType marks a ReturnLineItemType.
func (ReturnLineItem) IsReturnLineItemType() {}

// IsPaymentInstrument marks a PaymentInstrument.
func (PaymentMethod) IsPaymentInstrument() {}

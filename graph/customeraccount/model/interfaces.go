package model

// ReturnLineItemType is a return's line item (an ent.ReturnLineItem here).
type ReturnLineItemType interface{ IsReturnLineItemType() }

// PaymentInstrument is a saved payment instrument (an ent.PaymentMethod,
// shown as a CustomerCreditCard).
type PaymentInstrument interface{ IsPaymentInstrument() }

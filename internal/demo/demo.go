// Package demo adds a demo customer through the same business functions
// the API uses, so `go run . --demo` shows a filled account.
package demo

import (
	"context"
	"errors"

	"accountgraph/internal/apperr"
	"accountgraph/internal/customer"
)

// Login is the demo customer's credentials.
type Login struct{ Email, Password string }

// The demo login is printed at start-up and is public by design.
var demoLogin = Login{Email: "demo@example.com", Password: "demo-shopper-2026"}

// Seed creates the demo customer with addresses unless it exists.
func Seed(ctx context.Context, customers *customer.Service) (Login, error) {
	first, last, phone, yes := "Ada", "Lovelace", "+16135550123", true
	_, err := customers.Create(ctx, customer.CreateInput{
		Email: demoLogin.Email, Password: demoLogin.Password,
		FirstName: &first, LastName: &last, Phone: &phone, AcceptsMarketing: &yes,
	})
	var fe apperr.FieldErrors
	if errors.As(err, &fe) && len(fe) > 0 && fe[0].Code == apperr.CodeTaken {
		return demoLogin, nil // seeded on an earlier start
	}
	if err != nil {
		return demoLogin, err
	}
	tok, err := customers.Login(ctx, demoLogin.Email, demoLogin.Password)
	if err != nil {
		return demoLogin, err
	}
	for _, a := range []customer.AddressInput{
		{FirstName: &first, LastName: &last, Address1: s("150 Elgin St"), Address2: s("Suite 800"), City: s("Ottawa"),
			Province: s("Ontario"), Country: s("Canada"), Zip: s("K2P 1L4"), Phone: &phone},
		{FirstName: &first, LastName: &last, Company: s("Analytical Engines Ltd"), Address1: s("10 Downing St"),
			City: s("London"), Country: s("United Kingdom"), Zip: s("SW1A 2AA")},
	} {
		if _, err := customers.CreateAddress(ctx, tok.AccessToken, a); err != nil {
			return demoLogin, err
		}
	}
	return demoLogin, nil
}

func s(v string) *string { return &v }

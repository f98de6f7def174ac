package tests

import (
	"strings"
	"testing"
)

// TestAccessControlSweep walks every storefront mutation that acts for a
// customer (found by introspection: it takes customerAccessToken) and every
// Customer Account API mutation, calls it with customer A's token and
// customer B's IDs, and checks that nothing of B's was changed or shown. A
// new operation fails the test until it is given arguments here.
func TestAccessControlSweep(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		v := api.variantIDs(t)
		emailA, _, _ := api.newCustomer(t, "alice")
		emailB, tokenB, idB := api.newCustomer(t, "bobby")
		// B's belongings.
		addrB := api.addAddress(t, tokenB, with(ottawa, "firstName", "Bobby"))
		orderB := api.createOrder(t, map[string]any{"customerId": idB})
		api.ship(t, orderB.ID, map[string]any{})
		lineB := api.myOrders(t, tokenB)[orderB.Name].LineItems.Nodes[0].ID
		wlB := api.wl(t, wlAddDoc, "wishlistLinesAdd", map[string]any{"t": tokenB, "lines": []any{map[string]any{"merchandiseId": v["SOCKS"]}}}).Wishlist
		api.wl(t, wlShareDoc, "wishlistShare", map[string]any{"t": tokenB, "w": wlB.ID})
		cartB := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{
			"buyerIdentity": map[string]any{"customerAccessToken": tokenB},
			"lines":         []any{map[string]any{"merchandiseId": v["SOCKS"]}, map[string]any{"merchandiseId": v["SHIRT-M"]}},
		}}).Cart
		var sc struct{ SavedCart *struct{ ID string } }
		api.MustDo(t, scCreateDoc, map[string]any{"t": tokenB, "c": cartB.ID, "n": "B"}, "savedCartCreate", &sc)
		api.MustDo(t, laterDoc, map[string]any{"t": tokenB, "c": cartB.ID, "ids": []string{cartB.Lines.Nodes[1].ID}}, "cartLinesSaveForLater", nil)
		var laterB struct {
			SavedForLater struct{ Nodes []struct{ ID string } }
		}
		api.MustDo(t, mySavedDoc, map[string]any{"t": tokenB}, "customer", &laterB)
		cartA := api.cartDo(t, cartCreateDoc, "cartCreate", map[string]any{"input": map[string]any{}}).Cart
		rewards := api.setUpLoyalty(t, nil)
		api.adjust(t, idB, 500)
		api.redeem(t, tokenB, rewards["five-off"])
		var tk struct{ SupportTicket *struct{ ID string } }
		api.MustDo(t, ticketCreateDoc, map[string]any{"t": tokenB, "s": "Where is my parcel?", "b": "It is late.", "o": orderB.ID}, "supportTicketCreate", &tk)

		// Everything B has, as B reads it.
		snapshot := `query($t: String!) { customer(customerAccessToken: $t) {
  id email firstName lastName phone acceptsMarketing tags defaultAddress { id }
  addresses(first: 10) { nodes { id address1 city firstName } }
  orders(first: 10) { nodes { id name financialStatus returns(first: 5) { nodes { id status } } } }
  cart { id totalQuantity lines(first: 10) { nodes { id quantity } } }
  wishlists(first: 10) { nodes { id name shareToken lines(first: 10) { nodes { id quantity note } } } }
  savedCarts(first: 10) { nodes { id name lines(first: 10) { nodes { quantity } } } }
  savedForLater(first: 10) { nodes { id quantity } }
  sessions(first: 10) { nodes { id } }
  supportTickets(first: 10) { nodes { id subject status messages(first: 10) { nodes { body } } } }
  preferences { language currencyCode sizes colors interests occasions birthday personalization }
  privacy { personalization dataSharing }
  recommendations(first: 10) { reason variant { id } }
  loyalty { pointsBalance lifetimePoints referralCode transactions(first: 20) { nodes { kind points } } redemptions(first: 5) { nodes { codeEnding usedAt } } membership { status } }
} }`
		read := func() string { return api.Read(t, snapshot, map[string]any{"t": tokenB}, "customer") }
		before := read()

		wlLineB := wlB.Lines.Nodes[0].ID
		cartLineB := cartB.Lines.Nodes[0].ID
		var sess sessionsOut
		api.MustDo(t, sessionsDoc, map[string]any{"t": tokenB}, "customer", &sess)
		sessionB := sess.Sessions.Nodes[0].ID
		codeB := api.loyalty(t, tokenB).ReferralCode

		// Arguments for each customer operation: A's token, B's IDs.
		args := map[string]map[string]any{
			"customerUpdate":                         {"customer": map[string]any{"firstName": "Hijacked"}},
			"customerAccessTokenRenew":               {},
			"customerAccessTokenDelete":              {},
			"customerSocialLoginStart":               {"provider": "local", "returnTo": "https://shop.test/account"},
			"customerIdentityUnlink":                 {"identityId": "gid://accountgraph/LinkedIdentity/1"},
			"customerAddressCreate":                  {"address": ottawa},
			"customerAddressUpdate":                  {"id": addrB.ID, "address": with(ottawa, "city", "Hijacked")},
			"customerAddressDelete":                  {"id": addrB.ID},
			"customerDefaultAddressUpdate":           {"addressId": addrB.ID},
			"wishlistCreate":                         {"name": "A's"},
			"wishlistUpdate":                         {"wishlistId": wlB.ID, "name": "Hijacked"},
			"wishlistDelete":                         {"wishlistId": wlB.ID},
			"wishlistLinesAdd":                       {"wishlistId": wlB.ID, "lines": []any{map[string]any{"merchandiseId": v["SHIRT-L"]}}},
			"wishlistLinesUpdate":                    {"wishlistId": wlB.ID, "lines": []any{map[string]any{"id": wlLineB, "quantity": 9}}},
			"wishlistLinesRemove":                    {"wishlistId": wlB.ID, "lineIds": []string{wlLineB}},
			"wishlistShare":                          {"wishlistId": wlB.ID},
			"wishlistUnshare":                        {"wishlistId": wlB.ID},
			"wishlistLinesMoveToCart":                {"wishlistId": wlB.ID, "lineIds": []string{wlLineB}, "cartId": cartA.ID},
			"savedCartCreate":                        {"cartId": cartB.ID, "name": "stolen"},
			"savedCartRename":                        {"savedCartId": sc.SavedCart.ID, "name": "Hijacked"},
			"savedCartDelete":                        {"savedCartId": sc.SavedCart.ID},
			"savedCartRestore":                       {"savedCartId": sc.SavedCart.ID},
			"cartLinesSaveForLater":                  {"cartId": cartB.ID, "lineIds": []string{cartLineB}},
			"savedForLaterMoveToCart":                {"lineIds": []string{laterB.SavedForLater.Nodes[0].ID}, "cartId": cartA.ID},
			"orderReorder":                           {"orderId": orderB.ID},
			"customerPaymentMethodSetupCreate":       {},
			"customerPaymentMethodSetupComplete":     {"setupId": "seti_123"},
			"customerPaymentMethodRemove":            {"paymentMethodId": "gid://accountgraph/CustomerPaymentMethod/1"},
			"customerPaymentMethodDefaultUpdate":     {"paymentMethodId": "gid://accountgraph/CustomerPaymentMethod/1"},
			"orderRequestReturn":                     {"orderId": orderB.ID, "requestedLineItems": []any{line(lineB, 1)}},
			"customerSessionRevoke":                  {"sessionId": sessionB},
			"customerSessionsRevokeOthers":           {},
			"supportTicketCreate":                    {"subject": "About B's order", "body": "Show me", "orderId": orderB.ID},
			"supportTicketReply":                     {"ticketId": tk.SupportTicket.ID, "body": "Hijacked"},
			"loyaltyRewardRedeem":                    {"rewardId": rewards["five-off"]},
			"loyaltyActionRecord":                    {"action": "REVIEW", "reference": "B's review"},
			"loyaltyReferralApply":                   {"referralCode": codeB},
			"customerPreferencesUpdate":              {"preferences": map[string]any{"personalization": false, "language": "FR"}},
			"customerPrivacyUpdate":                  {"privacy": map[string]any{"dataSharing": true}},
			"customerDataExport":                     {},
			"customerCommunicationPreferencesUpdate": {"preferences": []any{map[string]any{"topic": "PROMOTIONS", "channel": "EMAIL", "frequency": "NEVER"}}},
			"customerDelete":                         {},
			"customerTwoFactorSetup":                 {},
			"customerTwoFactorEnable":                {"code": "123456"},
			"customerTwoFactorDisable":               {"code": "123456"},
		}

		// call runs one operation as A (a fresh token each time: an earlier
		// one may have ended A's) with B's IDs, and checks that nothing of
		// B's was shown or changed.
		call := func(api string, f fieldInfo, vars map[string]any, send func(doc string, vars map[string]any) Response) {
			var decl, pass []string
			all := map[string]any{}
			for _, a := range f.Args {
				val, given := vars[a.Name]
				if !given {
					continue
				}
				decl = append(decl, "$"+a.Name+": "+a.Type.String())
				pass = append(pass, a.Name+": $"+a.Name)
				all[a.Name] = val
			}
			selection := "__typename"
			for _, pf := range f.Type.Fields {
				if pf.Name == "customerUserErrors" {
					selection = "customerUserErrors { code field }"
				}
			}
			doc := "mutation"
			if len(decl) > 0 {
				doc += "(" + strings.Join(decl, ", ") + ")"
			}
			doc += " { " + f.Name
			if len(pass) > 0 {
				doc += "(" + strings.Join(pass, ", ") + ")"
			}
			res := send(doc+" { "+selection+" } }", all)
			// A GraphQL error would mean B's IDs were never looked at.
			if res.Status != 200 || len(res.Errors) > 0 || strings.Contains(res.Raw, emailB) || strings.Contains(res.Raw, "Bobby") {
				t.Errorf("%s %s: %d %s", api, f.Name, res.Status, res.Raw)
			}
			// The call was made as A: a refused token would prove nothing.
			if strings.Contains(res.Raw, "TOKEN_INVALID") {
				t.Errorf("%s %s ran without a valid token: %s", api, f.Name, res.Raw)
			}
			if after := read(); after != before {
				t.Fatalf("%s %s changed B's account:\nbefore %s\nafter  %s", api, f.Name, before, after)
			}
		}

		covered := 0
		for _, f := range introspect(t, api).roots["mutation"] {
			takesToken := false
			for _, a := range f.Args {
				takesToken = takesToken || a.Name == "customerAccessToken"
			}
			if !takesToken {
				continue
			}
			vars, ok := args[f.Name]
			if !ok {
				t.Errorf("%s acts for a customer: add it to the access-control sweep", f.Name)
				continue
			}
			covered++
			tokenA := api.login(t, emailA, goodPassword)
			vars["customerAccessToken"] = tokenA
			call("Storefront API", f, vars, func(doc string, vars map[string]any) Response { return api.Do(t, doc, vars) })
		}

		// The Customer Account API: every mutation acts for the token's
		// customer; those named as in the Storefront API take its arguments.
		caArgs := map[string]map[string]any{
			"customerUpdate":                 {"input": map[string]any{"firstName": "Hijacked"}},
			"customerAddressCreate":          {"address": map[string]any{"address1": "1 Main St", "city": "Ottawa", "territoryCode": "CA", "zoneCode": "ON", "zip": "K2P 1L4"}},
			"customerAddressUpdate":          {"addressId": addrB.ID, "address": map[string]any{"city": "Hijacked"}},
			"customerAddressDelete":          {"addressId": addrB.ID},
			"paymentInstrumentRemove":        {"paymentInstrumentId": "gid://accountgraph/CustomerCreditCard/1"},
			"paymentInstrumentUpdateDefault": {"paymentInstrumentId": "gid://accountgraph/CustomerCreditCard/1", "default": true},
		}
		caMutations := introspectCA(t, api, api.login(t, emailA, goodPassword)).roots["mutation"]
		if len(caMutations) <= len(caArgs) {
			t.Errorf("the Customer Account API has %d mutations", len(caMutations))
		}
		for _, f := range caMutations {
			vars, ok := caArgs[f.Name]
			if !ok {
				vars, ok = args[f.Name]
			}
			if !ok {
				t.Errorf("Customer Account API %s: add it to the access-control sweep", f.Name)
				continue
			}
			tokenA := api.login(t, emailA, goodPassword)
			call("Customer Account API", f, vars, func(doc string, vars map[string]any) Response { return api.caDo(t, tokenA, doc, vars) })
		}
		if covered < len(args) {
			t.Errorf("only %d of %d listed operations exist", covered, len(args))
		}
	})
}

// typeRef is an introspected type reference.
type typeRef struct {
	Kind   string
	Name   *string
	OfType *typeRef
}

// String writes the type as GraphQL does: [ID!]!.
func (t typeRef) String() string {
	switch t.Kind {
	case "NON_NULL":
		return t.OfType.String() + "!"
	case "LIST":
		return "[" + t.OfType.String() + "]"
	}
	return *t.Name
}

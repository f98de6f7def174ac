package tests

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	returnRequestDoc = `mutation($t: String!, $o: ID!, $lines: [RequestedLineItemInput!]!) {
  orderRequestReturn(customerAccessToken: $t, orderId: $o, requestedLineItems: $lines) {
    return { id name status returnLineItems(first: 10) { nodes { id quantity returnReason customerNote lineItem { title } } } }
    userErrors { code field message }
  }
}`
	myReturnsDoc = `query($t: String!) { customer(customerAccessToken: $t) { orders(first: 10) { nodes {
  id name
  lineItems(first: 10) { nodes { id title quantity returnableQuantity } }
  returns(first: 10) { nodes { id name status closedAt decline { reason note } returnLineItems(first: 10) { nodes { id quantity receivedQuantity returnReason lineItem { title } } } } }
} } } }`
	returnApproveDoc  = `mutation($r: ID!, $i: String) { adminReturnApprove(returnId: $r, instructions: $i) { return { status } userErrors { code field message } } }`
	returnDeclineDoc  = `mutation($r: ID!, $n: String) { adminReturnDecline(returnId: $r, reason: FINAL_SALE, note: $n) { return { status decline { reason note } } userErrors { code field message } } }`
	returnReceiveDoc  = `mutation($r: ID!, $lines: [AdminReturnReceiveLineInput!]!) { adminReturnReceive(returnId: $r, lines: $lines) { return { status returnLineItems(first: 10) { nodes { receivedQuantity } } } userErrors { code field message } } }`
	returnSettingsDoc = `mutation($in: AccountSettingsInput!) { adminAccountSettingsUpdate(input: $in) { settings { returnWindowDays returnInstructions } userErrors { code field message } } }`
)

type returnOut struct {
	ID, Name, Status string
	ClosedAt         *string
	Decline          *struct{ Reason, Note string }
	ReturnLineItems  struct {
		Nodes []struct {
			ID, ReturnReason           string
			Quantity, ReceivedQuantity int
			CustomerNote               *string
			LineItem                   struct{ Title string }
		}
	}
}

type returnPayload struct {
	Return     *returnOut
	UserErrors []UserError
}

type orderReturns struct {
	ID, Name  string
	LineItems struct {
		Nodes []struct {
			ID, Title                    string
			Quantity, ReturnableQuantity int
		}
	}
	Returns struct{ Nodes []returnOut }
}

// myOrders reads the customer's orders with their lines and returns, by name.
func (a *API) myOrders(t *testing.T, token string) map[string]orderReturns {
	t.Helper()
	var c struct {
		Orders struct{ Nodes []orderReturns }
	}
	a.MustDo(t, myReturnsDoc, map[string]any{"t": token}, "customer", &c)
	out := map[string]orderReturns{}
	for _, o := range c.Orders.Nodes {
		out[o.Name] = o
	}
	return out
}

func line(id string, qty int, extra ...any) map[string]any {
	m := map[string]any{"lineItemId": id, "quantity": qty}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i].(string)] = extra[i+1]
	}
	return m
}

// TestReturns: a return from request to refund with its messages; staff
// decline another (its units come back); every refusal of a bad request;
// the Customer Account API asks and shows the same returns; 20 concurrent
// requests for one line never ask for more than was shipped.
func TestReturns(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		var st struct {
			Settings   *struct{ ReturnWindowDays int }
			UserErrors []UserError
		}
		api.MustDo(t, returnSettingsDoc, map[string]any{"in": map[string]any{"returnWindowDays": 30, "returnInstructions": "Send the parcel to Returns, Lagerstraße 5, Berlin."}},
			"adminAccountSettingsUpdate", &st, AsAdmin(adminKey))
		if st.Settings == nil || st.Settings.ReturnWindowDays != 30 {
			t.Fatalf("settings: %+v", st)
		}
		email, token, customerID := api.newCustomer(t, "returns")
		_, otherToken, otherID := api.newCustomer(t, "returns-other")

		// An order with the shirt (2) shipped and the socks (1) not yet; an
		// order shipped 40 days ago; another customer's shipped order.
		o := api.createOrder(t, map[string]any{"customerId": customerID})
		api.ship(t, o.ID, map[string]any{"lineItems": []any{map[string]any{"position": 1, "quantity": 2}}})
		old := api.createOrder(t, map[string]any{"customerId": customerID, "processedAt": time.Now().AddDate(0, 0, -45).Format(time.RFC3339)})
		api.ship(t, old.ID, map[string]any{"shippedAt": time.Now().AddDate(0, 0, -40).Format(time.RFC3339)})
		theirs := api.createOrder(t, map[string]any{"customerId": otherID})
		api.ship(t, theirs.ID, map[string]any{})

		orders := api.myOrders(t, token)
		mine := orders[o.Name]
		shirt, socks := mine.LineItems.Nodes[0], mine.LineItems.Nodes[1]
		oldShirt := orders[old.Name].LineItems.Nodes[0]
		if shirt.ReturnableQuantity != 2 || socks.ReturnableQuantity != 0 || oldShirt.ReturnableQuantity != 0 || !strings.Contains(shirt.ID, "/LineItem/") {
			t.Fatalf("returnable quantities: %+v %+v", mine.LineItems, orders[old.Name].LineItems)
		}
		theirLine := api.myOrders(t, otherToken)[theirs.Name].LineItems.Nodes[0].ID

		// Refusals, each with its code and field; nothing is asked.
		request := func(tok, orderID string, lines ...any) returnPayload {
			var p returnPayload
			api.MustDo(t, returnRequestDoc, map[string]any{"t": tok, "o": orderID, "lines": lines}, "orderRequestReturn", &p)
			return p
		}
		for name, c := range map[string]struct {
			order string
			lines []any
			want  []string
		}{
			"not shipped":              {o.ID, []any{line(socks.ID, 1)}, []string{"INVALID_STATE@requestedLineItems.0.lineItemId"}},
			"more than shipped":        {o.ID, []any{line(shirt.ID, 3)}, []string{"LESS_THAN_OR_EQUAL_TO@requestedLineItems.0.quantity"}},
			"no units":                 {o.ID, []any{line(shirt.ID, 0)}, []string{"GREATER_THAN@requestedLineItems.0.quantity"}},
			"past the window":          {old.ID, []any{line(oldShirt.ID, 1)}, []string{"INVALID_STATE@requestedLineItems.0.lineItemId"}},
			"a line of another order":  {o.ID, []any{line(oldShirt.ID, 1)}, []string{"NOT_FOUND@requestedLineItems.0.lineItemId"}},
			"another customer's order": {theirs.ID, []any{line(theirLine, 1)}, []string{"NOT_FOUND@orderId"}},
			"the same line twice":      {o.ID, []any{line(shirt.ID, 1), line(shirt.ID, 1)}, []string{"ALREADY_EXISTS@requestedLineItems.1.lineItemId"}},
			"HTML in the note":         {o.ID, []any{line(shirt.ID, 1, "customerNote", "<b>now</b>")}, []string{"INVALID@requestedLineItems.0.customerNote"}},
			"nothing":                  {o.ID, []any{}, []string{"BLANK@requestedLineItems"}},
			"an unknown order":         {"gid://accountgraph/Order/999999", []any{line(shirt.ID, 1)}, []string{"NOT_FOUND@orderId"}},
		} {
			p := request(token, c.order, c.lines...)
			if d := cmp.Diff(c.want, codes(p.UserErrors)); d != "" || p.Return != nil {
				t.Errorf("%s: %s %+v", name, d, p)
			}
		}
		p := request(token, o.ID, line(shirt.ID, 1))
		if p.Return == nil {
			t.Fatalf("a good request: %+v", p)
		}
		if p.Return.Status != "REQUESTED" || p.Return.Name != o.Name+"-R1" || len(p.Return.ReturnLineItems.Nodes) != 1 ||
			p.Return.ReturnLineItems.Nodes[0].ReturnReason != "UNKNOWN" || p.Return.ReturnLineItems.Nodes[0].LineItem.Title != "Linen shirt" {
			t.Errorf("the return: %+v", p.Return)
		}
		if got := api.myOrders(t, otherToken)[theirs.Name].Returns.Nodes; len(got) != 0 {
			t.Errorf("another customer's order has returns: %+v", got)
		}
		// The second shirt, with a reason and a note; then nothing is left.
		second := request(token, o.ID, line(shirt.ID, 1, "returnReason", "SIZE_TOO_SMALL", "customerNote", " Too tight "))
		if second.Return == nil || second.Return.Name != o.Name+"-R2" || *second.Return.ReturnLineItems.Nodes[0].CustomerNote != "Too tight" {
			t.Fatalf("a second return: %+v", second)
		}
		if p := request(token, o.ID, line(shirt.ID, 1)); !cmp.Equal(codes(p.UserErrors), []string{"ALREADY_EXISTS@requestedLineItems.0.lineItemId"}) {
			t.Errorf("a duplicate request: %+v", p)
		}
		if n := len(api.MailsAbout(t, email, "Return request #")); n != 2 {
			t.Errorf("%d request-received mails, want 2", n)
		}

		// Staff decline the second: its unit can be asked for again.
		returns := api.myOrders(t, token)[o.Name].Returns.Nodes
		if len(returns) != 2 {
			t.Fatalf("returns: %+v", returns)
		}
		first, secondID := returns[0], returns[1].ID
		var adm returnPayload
		api.MustDo(t, returnDeclineDoc, map[string]any{"r": secondID, "n": "Underwear is a final sale."}, "adminReturnDecline", &adm, AsAdmin(adminKey))
		if adm.Return == nil || adm.Return.Status != "DECLINED" || adm.Return.Decline == nil || adm.Return.Decline.Reason != "FINAL_SALE" {
			t.Errorf("decline: %+v", adm)
		}
		api.MustDo(t, returnDeclineDoc, map[string]any{"r": secondID}, "adminReturnDecline", &adm, AsAdmin(adminKey))
		if !cmp.Equal(codes(adm.UserErrors), []string{"INVALID_STATE@id"}) {
			t.Errorf("declining twice: %+v", adm)
		}
		if m := api.MailsAbout(t, email, "Return request "+o.Name+"-R2 declined"); len(m) != 1 || !strings.Contains(m[0].Body, "final sale") {
			t.Errorf("decline mail: %+v", m)
		}
		if q := api.myOrders(t, token)[o.Name].LineItems.Nodes[0].ReturnableQuantity; q != 1 {
			t.Errorf("returnable after a decline: %d", q)
		}

		// The first: approved with the shop's instructions, received, refunded.
		api.MustDo(t, returnApproveDoc, map[string]any{"r": first.ID}, "adminReturnApprove", &adm, AsAdmin(adminKey))
		if adm.Return == nil || adm.Return.Status != "OPEN" {
			t.Fatalf("approve: %+v", adm)
		}
		if m := api.MailsAbout(t, email, "Return "+o.Name+"-R1 approved"); len(m) != 1 || !strings.Contains(m[0].Body, "Lagerstra") {
			t.Errorf("approval mail: %+v", m)
		}
		lineID := first.ReturnLineItems.Nodes[0].ID
		api.MustDo(t, returnReceiveDoc, map[string]any{"r": first.ID, "lines": []any{map[string]any{"returnLineItemId": lineID, "quantity": 2}}}, "adminReturnReceive", &adm, AsAdmin(adminKey))
		if !cmp.Equal(codes(adm.UserErrors), []string{"LESS_THAN_OR_EQUAL_TO@lines.0.quantity"}) {
			t.Errorf("receiving more than returned: %+v", adm)
		}
		api.MustDo(t, returnReceiveDoc, map[string]any{"r": first.ID, "lines": []any{map[string]any{"returnLineItemId": lineID, "quantity": 1}}}, "adminReturnReceive", &adm, AsAdmin(adminKey))
		if adm.Return == nil || adm.Return.ReturnLineItems.Nodes[0].ReceivedQuantity != 1 {
			t.Errorf("receive: %+v", adm)
		}
		api.MustDo(t, orderUpdateDoc, map[string]any{"id": o.ID, "input": map[string]any{"refundAmount": "44.00"}}, "adminOrderUpdate", nil, AsAdmin(adminKey))
		returns = api.myOrders(t, token)[o.Name].Returns.Nodes
		if returns[0].Status != "CLOSED" || returns[0].ClosedAt == nil || returns[1].Status != "DECLINED" {
			t.Errorf("after the refund: %+v", returns)
		}
		if m := api.MailsAbout(t, email, "Return "+o.Name+"-R1 refunded"); len(m) != 1 || !strings.Contains(m[0].Body, "44.00") {
			t.Errorf("refund mail: %+v", m)
		}

		// The Customer Account API: the same returns, and a request there
		// (the last shirt) that the customer's RETURNS preference keeps
		// quiet.
		api.setCommunication(t, token, "RETURNS/EMAIL=NEVER")
		before := len(api.MailsTo(t, email))
		var ca struct {
			Return *struct {
				Name            string
				ReturnLineItems struct {
					Nodes []struct {
						Quantity int
						LineItem struct{ Title string }
					}
				}
			}
			UserErrors []UserError
		}
		r := api.caDo(t, token, `mutation($o: ID!, $lines: [RequestedLineItemInput!]!) { orderRequestReturn(orderId: $o, requestedLineItems: $lines) {
  return { name returnLineItems(first: 5) { nodes { quantity ... on ReturnLineItem { lineItem { title } } } } } userErrors { code field message } } }`,
			map[string]any{"o": plainID(o.ID), "lines": []any{line(shirt.ID, 1, "returnReason", "DEFECTIVE")}})
		if err := decodeField(r, "orderRequestReturn", &ca); err != nil || ca.Return == nil || ca.Return.Name != o.Name+"-R3" {
			t.Fatalf("Customer Account API request: %v %s", err, r.Raw)
		}
		var caOrder struct {
			Returns struct {
				Nodes []struct{ Name, Status string }
			}
			LineItems struct {
				Nodes []struct{ ReturnableQuantity int }
			}
		}
		api.caMust(t, token, `query($id: ID!) { order(id: $id) { returns(first: 5) { nodes { name status } } lineItems(first: 5) { nodes { returnableQuantity } } } }`,
			map[string]any{"id": plainID(o.ID)}, "order", &caOrder)
		if len(caOrder.Returns.Nodes) != 3 || caOrder.Returns.Nodes[2].Status != "REQUESTED" || caOrder.LineItems.Nodes[0].ReturnableQuantity != 0 {
			t.Errorf("Customer Account API order: %+v", caOrder)
		}
		if after := len(api.MailsTo(t, email)); after != before {
			t.Errorf("%d mails despite RETURNS/EMAIL=NEVER", after-before)
		}

		// 20 concurrent requests for one line of 3 shipped units: 3 succeed.
		many := api.createOrder(t, map[string]any{"customerId": customerID, "lineItems": []any{
			map[string]any{"sku": "SOCKS", "title": "Wool socks", "quantity": 3, "price": "12.50"}}})
		api.ship(t, many.ID, map[string]any{})
		manyLine := api.myOrders(t, token)[many.Name].LineItems.Nodes[0].ID
		var ok, refused atomic.Int32
		atOnce(20, func(int) {
			var p returnPayload
			res := api.Do(t, returnRequestDoc, map[string]any{"t": token, "o": many.ID, "lines": []any{line(manyLine, 1)}})
			if err := decodeField(res, "orderRequestReturn", &p); err != nil {
				t.Errorf("concurrent request: %v %s", err, res.Raw)
				return
			}
			switch {
			case p.Return != nil:
				ok.Add(1)
			case len(p.UserErrors) == 1:
				refused.Add(1)
			}
		})
		total := 0
		for _, rt := range api.myOrders(t, token)[many.Name].Returns.Nodes {
			total += rt.ReturnLineItems.Nodes[0].Quantity
		}
		if ok.Load() != 3 || refused.Load() != 17 || total != 3 {
			t.Errorf("concurrent requests: %d made, %d refused, %d units asked (3 shipped)", ok.Load(), refused.Load(), total)
		}
	})
}

// TestReturnsStatementCount: an order page with returnable quantities and
// returns with their lines costs the same statements for 1 order as for 6.
func TestReturnsStatementCount(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		_, token, id := api.newCustomer(t, "returns-count")
		counts := map[int]int{}
		for have, n := 0, 1; n <= 6; n += 5 {
			for ; have < n; have++ {
				o := api.createOrder(t, map[string]any{"customerId": id})
				api.ship(t, o.ID, map[string]any{})
				lineID := api.myOrders(t, token)[o.Name].LineItems.Nodes[0].ID
				var p returnPayload
				api.MustDo(t, returnRequestDoc, map[string]any{"t": token, "o": o.ID, "lines": []any{line(lineID, 1)}}, "orderRequestReturn", &p)
				if p.Return == nil {
					t.Fatalf("request: %+v", p)
				}
			}
			before := api.Statements(t)
			orders := api.myOrders(t, token)
			counts[n] = api.Statements(t) - before
			for _, o := range orders {
				if len(o.Returns.Nodes) != 1 || o.LineItems.Nodes[0].ReturnableQuantity != 1 || o.Returns.Nodes[0].ReturnLineItems.Nodes[0].LineItem.Title != "Linen shirt" {
					t.Fatalf("order %s: %+v", o.Name, o)
				}
			}
		}
		if counts[1] != counts[6] {
			t.Errorf("statements grow with orders: %v", counts)
		}
		t.Logf("statements: %v", counts)
	})
}

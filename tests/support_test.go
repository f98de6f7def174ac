package tests

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	ticketCreateDoc = `mutation($t: String!, $s: String!, $b: String!, $o: ID) { supportTicketCreate(customerAccessToken: $t, subject: $s, body: $b, orderId: $o) { supportTicket { id subject status order { name } } customerUserErrors { code field message } } }`
	ticketReplyDoc  = `mutation($t: String!, $id: ID!, $b: String!) { supportTicketReply(customerAccessToken: $t, ticketId: $id, body: $b) { supportTicket { status } customerUserErrors { code field message } } }`
	staffReplyDoc   = `mutation($id: ID!, $b: String!) { adminSupportTicketReply(ticketId: $id, body: $b) { supportTicket { status } userErrors { code field message } } }`
	staffStatusDoc  = `mutation($id: ID!, $s: SupportTicketStatus!) { adminSupportTicketStatusUpdate(ticketId: $id, status: $s) { supportTicket { status } userErrors { code field message } } }`
	myTicketsDoc    = `query($t: String!) { customer(customerAccessToken: $t) { supportTickets(first: 5) { nodes { subject status order { name } messages(first: 10) { nodes { author body } } } } } }`
)

func TestSupportTickets(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		email, token, id := api.newCustomer(t, "helpme")
		o := api.createOrder(t, map[string]any{"customerId": id})
		var p struct {
			SupportTicket *struct {
				ID, Subject, Status string
				Order               *struct{ Name string }
			}
			CustomerUserErrors []UserError
		}
		api.MustDo(t, ticketCreateDoc, map[string]any{"t": token, "s": "Parcel late", "b": "Ordered two weeks ago.", "o": o.ID}, "supportTicketCreate", &p)
		if p.SupportTicket == nil || p.SupportTicket.Status != "OPEN" || p.SupportTicket.Order.Name != o.Name {
			t.Fatalf("create: %+v", p)
		}
		ticket := p.SupportTicket.ID
		for name, vars := range map[string]map[string]any{
			"blank subject": {"t": token, "s": " ", "b": "x"},
			"long body":     {"t": token, "s": "x", "b": strings.Repeat("é", 5001)},
			"other order":   {"t": token, "s": "x", "b": "x", "o": "gid://accountgraph/Order/99999"},
		} {
			api.MustDo(t, ticketCreateDoc, vars, "supportTicketCreate", &p)
			if len(p.CustomerUserErrors) != 1 || p.SupportTicket != nil {
				t.Errorf("%s: %+v", name, p)
			}
		}
		var s struct {
			SupportTicket *struct{ Status string }
			UserErrors    []UserError
		}
		api.MustDo(t, staffReplyDoc, map[string]any{"id": ticket, "b": "It is on its way: JD0001."}, "adminSupportTicketReply", &s, AsAdmin(adminKey))
		if s.SupportTicket == nil || s.SupportTicket.Status != "AWAITING_CUSTOMER" {
			t.Fatalf("staff reply: %+v", s)
		}
		if ms := api.MailsTo(t, email); !strings.Contains(ms[len(ms)-1].Subject, "Parcel late") || !strings.Contains(ms[len(ms)-1].Body, "JD0001") {
			t.Errorf("no notification of the staff reply")
		}
		api.MustDo(t, staffStatusDoc, map[string]any{"id": ticket, "s": "RESOLVED"}, "adminSupportTicketStatusUpdate", &s, AsAdmin(adminKey))
		var r struct {
			SupportTicket      *struct{ Status string }
			CustomerUserErrors []UserError
		}
		api.MustDo(t, ticketReplyDoc, map[string]any{"t": token, "id": ticket, "b": "Not here yet."}, "supportTicketReply", &r)
		if r.SupportTicket == nil || r.SupportTicket.Status != "OPEN" {
			t.Errorf("a reply reopens a resolved ticket: %+v", r)
		}
		api.MustDo(t, staffStatusDoc, map[string]any{"id": ticket, "s": "CLOSED"}, "adminSupportTicketStatusUpdate", &s, AsAdmin(adminKey))
		api.MustDo(t, ticketReplyDoc, map[string]any{"t": token, "id": ticket, "b": "Hello?"}, "supportTicketReply", &r)
		if d := cmp.Diff([]string{"INVALID@ticketId"}, codes(r.CustomerUserErrors)); d != "" {
			t.Errorf("reply to a closed ticket: %s", d)
		}
		var mine struct {
			SupportTickets struct {
				Nodes []struct {
					Status   string
					Messages struct {
						Nodes []struct{ Author, Body string }
					}
				}
			}
		}
		api.MustDo(t, myTicketsDoc, map[string]any{"t": token}, "customer", &mine)
		got := []string{}
		for _, m := range mine.SupportTickets.Nodes[0].Messages.Nodes {
			got = append(got, m.Author+": "+m.Body)
		}
		want := []string{"CUSTOMER: Ordered two weeks ago.", "STAFF: It is on its way: JD0001.", "CUSTOMER: Not here yet."}
		if d := cmp.Diff(want, got); d != "" || mine.SupportTickets.Nodes[0].Status != "CLOSED" {
			t.Errorf("thread (-want +got):\n%s", d)
		}
		var list struct{ Nodes []struct{ Subject string } }
		api.MustDo(t, `{ adminSupportTickets(first: 10, status: CLOSED) { nodes { subject } } }`, nil, "adminSupportTickets", &list, AsAdmin(adminKey))
		if len(list.Nodes) != 1 || list.Nodes[0].Subject != "Parcel late" {
			t.Errorf("admin list: %+v", list)
		}
	})
}

// TestSupportContact: staff set how customers reach support; anyone reads
// it; bad values are refused whole; empty strings remove a field.
func TestSupportContact(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		const read = `{ supportContact { email phone hours chatUrl faqUrl } }`
		const update = `mutation($i: SupportContactInput!) { adminSupportContactUpdate(input: $i) {
  supportContact { email phone hours chatUrl faqUrl } userErrors { code field message } } }`
		type contact struct{ Email, Phone, Hours, ChatURL, FaqURL *string }
		var c contact
		api.MustDo(t, read, nil, "supportContact", &c)
		if c != (contact{}) {
			t.Fatalf("before set-up: %+v", c)
		}
		set := func(in map[string]any) []string {
			var p struct{ UserErrors []UserError }
			api.MustDo(t, update, map[string]any{"i": in}, "adminSupportContactUpdate", &p, AsAdmin(adminKey))
			return codes(p.UserErrors)
		}
		if got := set(map[string]any{"email": "help@shop.test", "phone": "+1 (613) 555-0100", "hours": "Mon–Fri 9–17",
			"chatUrl": "https://shop.test/chat", "faqUrl": "https://shop.test/faq"}); len(got) > 0 {
			t.Fatal(got)
		}
		bad := set(map[string]any{"email": "not an email", "phone": "call us", "hours": "<b>always</b>", "chatUrl": "javascript:alert(1)", "faqUrl": "ftp://x"})
		want := []string{"INVALID@input.chatUrl", "INVALID@input.email", "INVALID@input.faqUrl", "INVALID@input.hours", "INVALID@input.phone"}
		if !slices.Equal(bad, want) {
			t.Fatalf("bad input: %v", bad)
		}
		if got := set(map[string]any{"phone": "", "hours": "Every day 8–20"}); len(got) > 0 {
			t.Fatal(got)
		}
		api.MustDo(t, read, nil, "supportContact", &c)
		if c.Email == nil || *c.Email != "help@shop.test" || c.Phone != nil || *c.Hours != "Every day 8–20" || *c.FaqURL != "https://shop.test/faq" {
			t.Fatalf("after changes: %+v", c)
		}
		if r := api.Do(t, update, map[string]any{"i": map[string]any{"email": "x@shop.test"}}); len(r.Errors) == 0 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Fatalf("without a key: %s", r.Raw)
		}
	})
}

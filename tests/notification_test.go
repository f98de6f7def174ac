package tests

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"accountgraph/internal/config"
)

const (
	communicationDoc = `query($t: String!) { customer(customerAccessToken: $t) {
  acceptsMarketing
  preferences { communication { topic channel enabled frequency locked } }
} }`
	communicationUpdateDoc = `mutation($t: String!, $p: [CommunicationPreferenceInput!]!) {
  customerCommunicationPreferencesUpdate(customerAccessToken: $t, preferences: $p) {
    customer { acceptsMarketing preferences { communication { topic channel frequency } } }
    customerUserErrors { code field message }
  }
}`
)

// commPref is one communication preference as the tests read it.
type commPref struct {
	Topic, Channel, Frequency string
	Enabled, Locked           bool
}

func (a *API) communication(t *testing.T, token string) (prefs map[string]commPref, acceptsMarketing bool) {
	t.Helper()
	var c struct {
		AcceptsMarketing bool
		Preferences      struct{ Communication []commPref }
	}
	a.MustDo(t, communicationDoc, map[string]any{"t": token}, "customer", &c)
	prefs = map[string]commPref{}
	for _, p := range c.Preferences.Communication {
		prefs[p.Topic+"/"+p.Channel] = p
	}
	return prefs, c.AcceptsMarketing
}

// setCommunication changes preferences, given as "TOPIC/CHANNEL": "FREQUENCY",
// and returns the error codes and fields.
func (a *API) setCommunication(t *testing.T, token string, changes ...string) []string {
	t.Helper()
	var in []any
	for _, c := range changes {
		tc, f, _ := strings.Cut(c, "=")
		topic, channel, _ := strings.Cut(tc, "/")
		in = append(in, map[string]any{"topic": topic, "channel": channel, "frequency": f})
	}
	var p Payload
	a.MustDo(t, communicationUpdateDoc, map[string]any{"t": token, "p": in}, "customerCommunicationPreferencesUpdate", &p)
	return codes(p.CustomerUserErrors)
}

// TestCommunicationPreferences: every topic × channel with its default,
// changes with their checks (all or nothing), promotions by email and
// acceptsMarketing as one consent, and every change in the consent log.
func TestCommunicationPreferences(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		_, token, id := api.newCustomer(t, "prefs")
		prefs, marketing := api.communication(t, token)
		if len(prefs) != 27 || marketing { // 9 topics × 3 channels
			t.Fatalf("%d preferences, acceptsMarketing %v", len(prefs), marketing)
		}
		for key, want := range map[string]commPref{
			"ORDER_CONFIRMATION/EMAIL": {Frequency: "IMMEDIATE", Enabled: true},
			"PROMOTIONS/EMAIL":         {Frequency: "NEVER"}, // follows acceptsMarketing
			"SECURITY_ALERTS/EMAIL":    {Frequency: "IMMEDIATE", Enabled: true, Locked: true},
			"SHIPPING_UPDATES/SMS":     {Frequency: "NEVER"}, // text and push are opt-in
			"LOYALTY/PUSH":             {Frequency: "NEVER"},
			"RETURNS/EMAIL":            {Frequency: "IMMEDIATE", Enabled: true},
		} {
			got := prefs[key]
			got.Topic, got.Channel = "", ""
			if got != want {
				t.Errorf("%s = %+v, want %+v", key, got, want)
			}
		}

		// Bad changes are refused with their paths, and nothing changes.
		for name, tc := range map[string]struct {
			changes []string
			want    []string
		}{
			"security alerts stay on": {[]string{"LOYALTY/EMAIL=WEEKLY", "SECURITY_ALERTS/EMAIL=NEVER"}, []string{"INVALID@preferences.1.frequency"}},
			"security alerts at once": {[]string{"SECURITY_ALERTS/EMAIL=DAILY"}, []string{"INVALID@preferences.0.frequency"}},
			"text needs a phone":      {[]string{"ORDER_CONFIRMATION/SMS=IMMEDIATE"}, []string{"INVALID@preferences.0.channel"}},
			"named twice":             {[]string{"LOYALTY/EMAIL=WEEKLY", "LOYALTY/EMAIL=NEVER"}, []string{"INVALID@preferences.1.topic"}},
		} {
			t.Run(name, func(t *testing.T) {
				if d := cmp.Diff(tc.want, api.setCommunication(t, token, tc.changes...)); d != "" {
					t.Errorf("(-want +got):\n%s", d)
				}
			})
		}
		var many []string
		for i := 0; i < 25; i++ {
			many = append(many, "LOYALTY/EMAIL=WEEKLY")
		}
		if got := api.setCommunication(t, token, many...); len(got) != 1 || got[0] != "TOO_LONG@preferences" {
			t.Errorf("25 changes: %v", got)
		}
		if r := api.Do(t, communicationUpdateDoc, map[string]any{"t": token, "p": []any{map[string]any{"topic": "GOSSIP", "channel": "EMAIL", "frequency": "NEVER"}}}); len(r.Errors) == 0 {
			t.Errorf("unknown topic accepted: %s", r.Raw)
		}
		if after, _ := api.communication(t, token); after["LOYALTY/EMAIL"].Frequency != "IMMEDIATE" {
			t.Errorf("a refused update changed something: %+v", after["LOYALTY/EMAIL"])
		}

		// Good changes; promotions by email is acceptsMarketing.
		if errs := api.setCommunication(t, token, "LOYALTY/EMAIL=WEEKLY", "SHIPPING_UPDATES/PUSH=IMMEDIATE", "PROMOTIONS/EMAIL=DAILY"); len(errs) > 0 {
			t.Fatal(errs)
		}
		prefs, marketing = api.communication(t, token)
		if prefs["LOYALTY/EMAIL"].Frequency != "WEEKLY" || !prefs["SHIPPING_UPDATES/PUSH"].Enabled ||
			prefs["PROMOTIONS/EMAIL"].Frequency != "DAILY" || !marketing {
			t.Errorf("after update: %+v %+v %+v marketing=%v", prefs["LOYALTY/EMAIL"], prefs["SHIPPING_UPDATES/PUSH"], prefs["PROMOTIONS/EMAIL"], marketing)
		}
		api.MustDo(t, customerUpdateDoc, map[string]any{"token": token, "customer": map[string]any{"acceptsMarketing": false}}, "customerUpdate", nil)
		if prefs, _ = api.communication(t, token); prefs["PROMOTIONS/EMAIL"].Enabled {
			t.Errorf("acceptsMarketing false left promotions on: %+v", prefs["PROMOTIONS/EMAIL"])
		}

		want := []string{ // newest first
			"MARKETING_EMAIL false STOREFRONT",
			"MARKETING_EMAIL true STOREFRONT",
			"COMMUNICATION true STOREFRONT PROMOTIONS/EMAIL=DAILY",
			"COMMUNICATION true STOREFRONT SHIPPING_UPDATES/PUSH=IMMEDIATE",
			"COMMUNICATION true STOREFRONT LOYALTY/EMAIL=WEEKLY",
			"MARKETING_EMAIL false REGISTRATION",
		}
		if d := cmp.Diff(want, api.consentLog(t, id)); d != "" {
			t.Errorf("consent log (-want +got):\n%s", d)
		}
	})
}

// withSMTP points the servers of a test at smtp.
func withSMTP(smtp *smtpServer) func(*config.Config) {
	return func(c *config.Config) {
		c.SMTPURL = "smtp://" + smtp.Addr
		c.MailFrom = "Shop <shop@example.com>"
		c.ShopName = "Test Shop"
	}
}

// later moves the delivery worker's clock.
func (a *API) later(d time.Duration) {
	a.Server.Notifications.Now = func() time.Time { return time.Now().Add(d) }
}

func subjects(ms []*mail.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i], _ = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	}
	return out
}

// TestDeliveryOverSMTP: the order's messages reach a real SMTP server once
// each, a refused delivery is retried after a back-off and then sent once,
// a retried event makes no second message, opted-out topics are skipped
// (also when the customer opts out after the event), and DAILY messages
// arrive as one digest.
func TestDeliveryOverSMTP(t *testing.T) {
	parallel(t)
	smtp := startSMTPServer(t)
	eachDBWith(t, withSMTP(smtp), func(t *testing.T, api *API) {
		api.seedCatalog(t)
		email, token, id := api.newCustomer(t, "post")
		api.deliver(t)
		if got := subjects(smtp.To(email)); !cmp.Equal(got, []string{"Welcome to Test Shop", "Confirm your email address"}) {
			t.Errorf("after registration: %q", got)
		}

		in := map[string]any{"customerId": id, "externalId": "ext-smtp-" + api.DB + "-" + id}
		o := api.createOrder(t, in)
		api.createOrder(t, in) // the order system retries: the same order, no second message
		f := api.ship(t, o.ID, map[string]any{"trackingCompany": "DHL", "trackingInfo": []any{map[string]any{"number": "TRACK-1", "url": "https://track.example/1"}}})
		api.MustDo(t, eventAddDoc, map[string]any{"id": f, "e": map[string]any{"status": "IN_TRANSIT"}}, "adminFulfillmentEventAdd", nil, AsAdmin(adminKey))
		api.MustDo(t, eventAddDoc, map[string]any{"id": f, "e": map[string]any{"status": "DELIVERED", "city": "Berlin"}}, "adminFulfillmentEventAdd", nil, AsAdmin(adminKey))
		api.deliver(t)
		api.deliver(t)
		got := subjects(smtp.To(email))[2:]
		want := []string{"Order " + o.Name + " confirmed", "Order " + o.Name + " has shipped", "Order " + o.Name + ": delivered"}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("order messages (-want +got):\n%s", d)
		}
		ship := smtp.To(email)[3]
		body, _ := io.ReadAll(ship.Body)
		if !strings.Contains(string(body), "TRACK-1") || !strings.Contains(ship.Header.Get("List-Unsubscribe"), "https://shop.test/unsubscribe?t=") ||
			ship.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
			t.Errorf("shipping mail: %v\n%s", ship.Header, body)
		}
		if smtp.To(email)[0].Header.Get("List-Unsubscribe") != "" {
			t.Error("a mail the customer asked for carries an unsubscribe link")
		}

		// The server refuses twice: the message waits out the back-off,
		// then goes once.
		smtp.FailNext(2)
		api.MustDo(t, customerUpdateDoc, map[string]any{"token": token, "customer": map[string]any{"firstName": "Renamed"}}, "customerUpdate", nil)
		api.deliver(t)
		api.deliver(t) // not due yet: nothing happens
		if n := len(smtp.To(email)); n != 5 {
			t.Fatalf("%d mails while the server refuses", n)
		}
		api.later(45 * time.Second)
		api.deliver(t)
		api.later(3 * time.Minute)
		api.deliver(t)
		api.deliver(t)
		if got := subjects(smtp.To(email))[5:]; !cmp.Equal(got, []string{"Your account details changed"}) {
			t.Errorf("after retries: %q", got)
		}
		api.later(0)

		// Opted out: no shipping mail. Opting out after the event skips the
		// message already waiting.
		if errs := api.setCommunication(t, token, "SHIPPING_UPDATES/EMAIL=NEVER"); len(errs) > 0 {
			t.Fatal(errs)
		}
		o2 := api.createOrder(t, map[string]any{"customerId": id})
		f2 := api.ship(t, o2.ID, map[string]any{})
		api.MustDo(t, eventAddDoc, map[string]any{"id": f2, "e": map[string]any{"status": "OUT_FOR_DELIVERY"}}, "adminFulfillmentEventAdd", nil, AsAdmin(adminKey))
		if errs := api.setCommunication(t, token, "DELIVERY_UPDATES/EMAIL=NEVER"); len(errs) > 0 {
			t.Fatal(errs)
		}
		api.deliver(t)
		if got := subjects(smtp.To(email))[6:]; !cmp.Equal(got, []string{"Order " + o2.Name + " confirmed"}) {
			t.Errorf("with shipping and delivery off: %q", got)
		}

		// DAILY: two updates, one digest the next morning.
		if errs := api.setCommunication(t, token, "DELIVERY_UPDATES/EMAIL=DAILY"); len(errs) > 0 {
			t.Fatal(errs)
		}
		for _, status := range []string{"ATTEMPTED_DELIVERY", "DELIVERED"} {
			api.MustDo(t, eventAddDoc, map[string]any{"id": f2, "e": map[string]any{"status": status}}, "adminFulfillmentEventAdd", nil, AsAdmin(adminKey))
		}
		api.deliver(t)
		if n := len(smtp.To(email)); n != 7 {
			t.Fatalf("a daily message went out at once: %q", subjects(smtp.To(email))[7:])
		}
		api.later(25 * time.Hour)
		api.deliver(t)
		api.later(0)
		ms := smtp.To(email)[7:]
		if got := subjects(ms); !cmp.Equal(got, []string{"Your daily summary from Test Shop"}) {
			t.Fatalf("digest: %q", got)
		}
		body, _ = io.ReadAll(ms[0].Body)
		if text := string(body); !strings.Contains(text, "delivery attempted") || !strings.Contains(text, ": delivered") {
			t.Errorf("digest body:\n%s", text)
		}
	})
}

// TestTwoWorkersDeliverOnce: two servers (replicas) on one database, each
// with its delivery worker, deliver every message exactly once.
func TestTwoWorkersDeliverOnce(t *testing.T) {
	parallel(t)
	smtp := startSMTPServer(t)
	eachDBWith(t, withSMTP(smtp), func(t *testing.T, api *API) {
		other := startOn(t, api, withSMTP(smtp))
		api.seedCatalog(t)
		const n = 60
		emails := make([]string, n)
		for i := range emails {
			emails[i] = uniqueEmail("guest")
			api.createOrder(t, map[string]any{"email": emails[i]})
		}
		for _, w := range []*API{api, other} {
			w.Server.Notifications.Batch = 4 // many small claims: the workers interleave
		}
		var wg sync.WaitGroup
		for _, w := range []*API{api, other, api, other} {
			wg.Go(func() {
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				if err := w.Server.Notifications.Flush(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		for _, e := range emails {
			if got := len(smtp.To(e)); got != 1 {
				t.Errorf("%s got %d confirmations", e, got)
			}
		}
	})
}

// TestUnsubscribeLink: the link in a mail turns its topic off without
// signing in, after a confirmation page (GET changes nothing); the mail
// client's one-click POST works too; a tampered link is refused.
func TestUnsubscribeLink(t *testing.T) {
	parallel(t)
	smtp := startSMTPServer(t)
	eachDBWith(t, withSMTP(smtp), func(t *testing.T, api *API) {
		api.seedCatalog(t)
		email, token, id := api.newCustomer(t, "unsub")
		o := api.createOrder(t, map[string]any{"customerId": id})
		api.deliver(t)
		ms := smtp.To(email)
		link := ms[len(ms)-1].Header.Get("List-Unsubscribe")
		link = strings.Trim(link, "<>")
		u, err := url.Parse(link)
		if err != nil || u.Path != "/unsubscribe" {
			t.Fatalf("link %q", link)
		}
		local := api.URL + "/unsubscribe?" + u.RawQuery

		res, err := http.Get(local)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(page), "Stop receiving order confirmations by email?") || !strings.Contains(string(page), `method="post"`) {
			t.Errorf("GET: %d %s", res.StatusCode, page)
		}
		if prefs, _ := api.communication(t, token); !prefs["ORDER_CONFIRMATION/EMAIL"].Enabled {
			t.Error("GET unsubscribed")
		}

		tampered := strings.Replace(local, "ORDER", "ORDEX", 1)
		for _, bad := range []string{api.URL + "/unsubscribe?t=" + url.QueryEscape("MS5QUk9NT1RJT05TLkVNQUlM.AAAA"), tampered + "x"} {
			res, err := http.Post(bad, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusBadRequest {
				t.Errorf("bad link answered %d", res.StatusCode)
			}
		}

		res, err = http.Post(local, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
		if err != nil {
			t.Fatal(err)
		}
		page, _ = io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(page), "no longer receive order confirmations by email") {
			t.Errorf("POST: %d %s", res.StatusCode, page)
		}
		if prefs, _ := api.communication(t, token); prefs["ORDER_CONFIRMATION/EMAIL"].Enabled {
			t.Error("still subscribed")
		}
		if got := api.consentLog(t, id)[0]; got != "COMMUNICATION false EMAIL_LINK ORDER_CONFIRMATION/EMAIL=NEVER" {
			t.Errorf("consent log: %s", got)
		}
		api.createOrder(t, map[string]any{"customerId": id})
		api.deliver(t)
		if got := subjects(smtp.To(email)); got[len(got)-1] != "Order "+o.Name+" confirmed" {
			t.Errorf("confirmed after unsubscribing: %q", got)
		}
	})
}

// TestSecurityAlerts: a sign-in from a new device or a new country, a
// password change and two-factor changes raise an alert by email in the
// customer's language; a sign-in from a known device does not.
func TestSecurityAlerts(t *testing.T) {
	parallel(t)
	eachDBWith(t, func(c *config.Config) { c.CountryHeader = "CF-IPCountry" }, func(t *testing.T, api *API) {
		email := uniqueEmail("alert")
		api.register(t, email)
		firefox := Header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0")
		iphone := Header("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")
		signIn := func(opts ...Opt) { api.login(t, email, goodPassword, opts...) }
		alerts := func() []string {
			var out []string
			for _, m := range api.MailsAbout(t, email, "Security alert", "Alerte") {
				out = append(out, m.Body)
			}
			return out
		}
		signIn(firefox, Header("CF-IPCountry", "DE"))
		signIn(firefox, Header("CF-IPCountry", "DE"))
		if n := len(alerts()); n != 0 {
			t.Fatalf("%d alerts for the first and a known device", n)
		}
		signIn(iphone, Header("CF-IPCountry", "DE"))
		signIn(firefox, Header("CF-IPCountry", "BR"))
		signIn(firefox, Header("CF-IPCountry", "XX")) // unknown place: nothing to compare
		got := alerts()
		if len(got) != 2 || !strings.Contains(got[0], "new device") || !strings.Contains(got[0], "Safari on iOS") ||
			!strings.Contains(got[1], "new country") || !strings.Contains(got[1], "Country: BR") {
			t.Fatalf("alerts: %q", got)
		}

		token := api.login(t, email, goodPassword)
		api.MustDo(t, preferencesUpdateDoc, map[string]any{"t": token, "p": map[string]any{"language": "FR"}}, "customerPreferencesUpdate", nil)
		api.MustDo(t, customerUpdateDoc, map[string]any{"token": token, "customer": map[string]any{"password": "another long passphrase"}}, "customerUpdate", nil)
		got = alerts()
		if last := got[len(got)-1]; !strings.Contains(last, "Your password was changed.") || !strings.Contains(last, "Heure") {
			t.Errorf("password alert (in French): %s", last)
		}
	})
}

// TestTextMessages: a customer with a phone number can take order
// confirmations by text; without a gateway they go to sms.jsonl.
func TestTextMessages(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		_, token, id := api.newCustomer(t, "sms")
		if errs := api.setCommunication(t, token, "ORDER_CONFIRMATION/SMS=IMMEDIATE"); len(errs) != 1 {
			t.Fatalf("text without a phone number: %v", errs)
		}
		phone := fmt.Sprintf("+1613555%04d", seq.Add(1)%10000)
		api.MustDo(t, customerUpdateDoc, map[string]any{"token": token, "customer": map[string]any{"phone": phone}}, "customerUpdate", nil)
		if errs := api.setCommunication(t, token, "ORDER_CONFIRMATION/SMS=IMMEDIATE", "ORDER_CONFIRMATION/PUSH=IMMEDIATE"); len(errs) > 0 {
			t.Fatal(errs)
		}
		o := api.createOrder(t, map[string]any{"customerId": id})
		api.deliver(t)
		for _, tc := range []struct{ file, to string }{{"sms.jsonl", phone}, {"push.jsonl", ""}} {
			lines := readLines(t, filepath.Join(api.MailDir, tc.file))
			var found bool
			for _, l := range lines {
				var m struct{ Channel, Kind, To, Title, Body string }
				if err := json.Unmarshal([]byte(l), &m); err != nil {
					t.Fatal(err)
				}
				if m.Kind == "order_confirmation" && (tc.to == "" || m.To == tc.to) && m.Title == "Order "+o.Name+" confirmed" && m.Body != "" {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %q", tc.file, lines)
			}
		}
	})
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		out = append(out, s.Text())
	}
	return out
}

// TestLoyaltyMessages: points for a new order are announced; points for
// an order imported long after it was placed are not (history import).
func TestLoyaltyMessages(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.setUpLoyalty(t, nil)
		api.seedCatalog(t)
		email, _, id := api.newCustomer(t, "points")
		earned := func() int { return len(api.MailsAbout(t, email, "You earned")) }
		signup := earned() // the sign-up bonus, if the programme has one
		api.createOrder(t, map[string]any{"customerId": id, "processedAt": "2025-03-01T12:00:00Z"})
		if n := earned() - signup; n != 0 {
			t.Fatalf("%d messages for an old order's points", n)
		}
		api.createOrder(t, map[string]any{"customerId": id})
		if n := earned() - signup; n != 1 {
			t.Errorf("%d messages for a new order's points", n)
		}
	})
}

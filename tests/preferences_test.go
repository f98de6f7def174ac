package tests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	vocabularyDoc = `mutation($in: PreferenceVocabularyInput!) {
  adminPreferenceVocabularyUpdate(input: $in) { preferenceVocabulary { sizes colors interests occasions } userErrors { code field message } }
}`
	preferencesUpdateDoc = `mutation($t: String!, $p: CustomerPreferencesInput!) {
  customerPreferencesUpdate(customerAccessToken: $t, preferences: $p) {
    customer { preferences { language currencyCode sizes colors interests occasions birthday personalization } privacy { personalization dataSharing } }
    customerUserErrors { code field message }
  }
}`
	privacyUpdateDoc = `mutation($t: String!, $p: CustomerPrivacyInput!) {
  customerPrivacyUpdate(customerAccessToken: $t, privacy: $p) {
    customer { privacy { personalization dataSharing } }
    customerUserErrors { code field message }
  }
}`
	myPreferencesDoc = `query($t: String!) { customer(customerAccessToken: $t) {
  preferences { language currencyCode sizes colors interests occasions birthday personalization }
  privacy { personalization dataSharing }
} }`
	consentLogDoc = `query($id: ID!) { adminCustomerConsentLog(customerId: $id, first: 50) {
  nodes { topic granted source communicationTopic channel frequency }
} }`
)

// Preferences is Customer.preferences as the tests read it.
type Preferences struct {
	Language, CurrencyCode, Birthday    *string
	Sizes, Colors, Interests, Occasions []string
	Personalization                     bool
}

type privacySwitches struct{ Personalization, DataSharing bool }

type preferencesPayload struct {
	Payload
	Customer *struct {
		Preferences Preferences
		Privacy     privacySwitches
	}
}

func (a *API) setVocabulary(t *testing.T, in map[string]any) {
	t.Helper()
	var p struct{ adminPayload }
	a.MustDo(t, vocabularyDoc, map[string]any{"in": in}, "adminPreferenceVocabularyUpdate", &p, AsAdmin(adminKey))
	if len(p.UserErrors) > 0 {
		t.Fatalf("vocabulary: %+v", p.UserErrors)
	}
}

func (a *API) myPreferences(t *testing.T, token string) (Preferences, privacySwitches) {
	t.Helper()
	var c struct {
		Preferences Preferences
		Privacy     privacySwitches
	}
	a.MustDo(t, myPreferencesDoc, map[string]any{"t": token}, "customer", &c)
	return c.Preferences, c.Privacy
}

// consentLog returns a customer's consent changes, newest first, as
// "TOPIC granted SOURCE", with " TOPIC/CHANNEL=FREQUENCY" for
// communication preferences.
func (a *API) consentLog(t *testing.T, customerID string) []string {
	t.Helper()
	var c struct {
		Nodes []struct {
			Topic, Source                          string
			Granted                                bool
			CommunicationTopic, Channel, Frequency *string
		}
	}
	a.MustDo(t, consentLogDoc, map[string]any{"id": customerID}, "adminCustomerConsentLog", &c, AsAdmin(adminKey))
	out := []string{}
	for _, n := range c.Nodes {
		s := fmt.Sprintf("%s %v %s", n.Topic, n.Granted, n.Source)
		if n.CommunicationTopic != nil {
			s += fmt.Sprintf(" %s/%s=%s", *n.CommunicationTopic, *n.Channel, *n.Frequency)
		}
		out = append(out, s)
	}
	return out
}

// TestPreferenceVocabulary: staff set the lists customers choose from;
// bad values are refused with their paths and change nothing.
func TestPreferenceVocabulary(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.setVocabulary(t, map[string]any{"sizes": []string{"S", " M ", "L"}, "colors": []string{"Navy", "Olive"}, "interests": []string{"Hiking"}})
		bad := []struct {
			in   map[string]any
			want []string
		}{
			{map[string]any{"sizes": []string{"XL", ""}}, []string{"BLANK@input.sizes.1"}},
			{map[string]any{"colors": []string{strings.Repeat("x", 51)}}, []string{"TOO_LONG@input.colors.0"}},
			{map[string]any{"interests": []string{"<b>Golf</b>"}}, []string{"INVALID@input.interests.0"}},
			{map[string]any{"sizes": []string{"XS", "xs"}}, []string{"TAKEN@input.sizes.1"}},
			{map[string]any{"occasions": make([]string, 201)}, []string{"TOO_MANY@input.occasions"}},
			// Every error at once, and the good list beside them is not written either.
			{map[string]any{"sizes": []string{"XS"}, "colors": []string{"Red", "RED"}}, []string{"TAKEN@input.colors.1"}},
		}
		for _, b := range bad {
			var p struct{ adminPayload }
			api.MustDo(t, vocabularyDoc, map[string]any{"in": b.in}, "adminPreferenceVocabularyUpdate", &p, AsAdmin(adminKey))
			if d := cmp.Diff(b.want, codes(p.UserErrors)); d != "" {
				t.Errorf("%v: %s", b.in, d)
			}
		}
		type vocabulary struct{ Sizes, Colors, Interests, Occasions []string }
		read := func() (v vocabulary) {
			api.MustDo(t, `{ preferenceVocabulary { sizes colors interests occasions } }`, nil, "preferenceVocabulary", &v)
			return v
		}
		want := vocabulary{[]string{"S", "M", "L"}, []string{"Navy", "Olive"}, []string{"Hiking"}, []string{}}
		if d := cmp.Diff(want, read()); d != "" {
			t.Errorf("vocabulary: %s", d)
		}
		// Absent lists stay; a given list replaces.
		api.setVocabulary(t, map[string]any{"occasions": []string{"Weddings"}})
		want.Occasions = []string{"Weddings"}
		if d := cmp.Diff(want, read()); d != "" {
			t.Errorf("vocabulary after occasions: %s", d)
		}
		// Only staff with settings:write change it.
		r := api.Do(t, vocabularyDoc, map[string]any{"in": map[string]any{"sizes": []string{"XXL"}}})
		if len(r.Errors) == 0 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("without a key: %s", r.Raw)
		}
	})
}

// TestCustomerPreferences: a customer states preferences from the
// vocabulary; unknown values, too many values and bad dates are refused
// with their paths and nothing is written.
func TestCustomerPreferences(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.setVocabulary(t, map[string]any{"sizes": []string{"S", "M", "L"}, "colors": []string{"Navy", "Olive"},
			"interests": []string{"Hiking", "Cooking"}, "occasions": []string{"Birthdays"}})
		_, token, _ := api.newCustomer(t, "prefs")

		got, sw := api.myPreferences(t, token)
		if d := cmp.Diff(Preferences{Sizes: []string{}, Colors: []string{}, Interests: []string{}, Occasions: []string{}, Personalization: true}, got); d != "" {
			t.Errorf("defaults: %s", d)
		}
		if sw != (privacySwitches{Personalization: true}) {
			t.Errorf("default privacy: %+v", sw)
		}

		var p preferencesPayload
		api.MustDo(t, preferencesUpdateDoc, map[string]any{"t": token, "p": map[string]any{
			"language": "FR", "currencyCode": "EUR", "sizes": []string{"m", " L", "M"}, "colors": []string{"navy"},
			"interests": []string{"Hiking"}, "occasions": []string{"birthdays"}, "birthday": "1990-04-12",
		}}, "customerPreferencesUpdate", &p)
		want := Preferences{Language: ptr("FR"), CurrencyCode: ptr("EUR"), Sizes: []string{"M", "L"}, Colors: []string{"Navy"},
			Interests: []string{"Hiking"}, Occasions: []string{"Birthdays"}, Birthday: ptr("1990-04-12"), Personalization: true}
		if len(p.CustomerUserErrors) > 0 || p.Customer == nil {
			t.Fatalf("update: %+v", p.CustomerUserErrors)
		}
		if d := cmp.Diff(want, p.Customer.Preferences); d != "" {
			t.Errorf("after update (vocabulary spelling, no duplicates): %s", d)
		}

		bad := []struct {
			in   map[string]any
			want []string
		}{
			{map[string]any{"sizes": []string{"M", "XXL"}, "language": "DE"}, []string{"INVALID@preferences.sizes.1"}},
			{map[string]any{"colors": []string{"Red"}, "interests": []string{"Golf"}}, []string{"INVALID@preferences.colors.0", "INVALID@preferences.interests.0"}},
			{map[string]any{"sizes": make([]string, 21)}, []string{"TOO_LONG@preferences.sizes"}},
			{map[string]any{"birthday": "1990-13-01"}, []string{"INVALID@preferences.birthday"}},
			{map[string]any{"birthday": "2999-01-01"}, []string{"INVALID@preferences.birthday"}},
		}
		for _, b := range bad {
			var p preferencesPayload
			api.MustDo(t, preferencesUpdateDoc, map[string]any{"t": token, "p": b.in}, "customerPreferencesUpdate", &p)
			if d := cmp.Diff(b.want, codes(p.CustomerUserErrors)); d != "" {
				t.Errorf("%v: %s", b.in, d)
			}
			if p.Customer != nil {
				t.Errorf("%v: a customer came back with errors", b.in)
			}
		}
		// A wrong language code is a malformed request.
		r := api.Do(t, preferencesUpdateDoc, map[string]any{"t": token, "p": map[string]any{"language": "KLINGON"}})
		if len(r.Errors) == 0 {
			t.Errorf("unknown language accepted: %s", r.Raw)
		}
		if got, _ := api.myPreferences(t, token); !cmp.Equal(want, got) {
			t.Errorf("a refused update changed something: %s", cmp.Diff(want, got))
		}

		// null removes language, currency and birthday; absent fields stay.
		api.MustDo(t, preferencesUpdateDoc, map[string]any{"t": token, "p": map[string]any{"language": nil, "currencyCode": nil, "birthday": nil, "colors": []string{}}},
			"customerPreferencesUpdate", &p)
		want.Language, want.CurrencyCode, want.Birthday, want.Colors = nil, nil, nil, []string{}
		if d := cmp.Diff(want, p.Customer.Preferences); d != "" {
			t.Errorf("after removal: %s", d)
		}
		// The birthday is the same one customerUpdate and loyalty use.
		api.MustDo(t, preferencesUpdateDoc, map[string]any{"t": token, "p": map[string]any{"birthday": "1985-02-03"}}, "customerPreferencesUpdate", &p)
		var c struct{ Birthday *string }
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { birthday } }`, map[string]any{"t": token}, "customer", &c)
		if c.Birthday == nil || *c.Birthday != "1985-02-03" {
			t.Errorf("Customer.birthday = %v", c.Birthday)
		}

		// Without a valid token nothing happens.
		api.MustDo(t, preferencesUpdateDoc, map[string]any{"t": "nope", "p": map[string]any{"sizes": []string{"S"}}}, "customerPreferencesUpdate", &p)
		if d := cmp.Diff([]string{"TOKEN_INVALID@customerAccessToken"}, codes(p.CustomerUserErrors)); d != "" {
			t.Errorf("bad token: %s", d)
		}
	})
}

// TestPrivacyAndConsentLog: the privacy switches change with the customer's
// say-so, the personalization switch is one switch in two places, and every
// consent change (marketing email included) lands in the consent log with
// its source.
func TestPrivacyAndConsentLog(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		_, token, id := api.newCustomer(t, "consent")
		var p preferencesPayload
		api.MustDo(t, privacyUpdateDoc, map[string]any{"t": token, "p": map[string]any{"dataSharing": true, "personalization": false}}, "customerPrivacyUpdate", &p)
		if p.Customer == nil || p.Customer.Privacy != (privacySwitches{Personalization: false, DataSharing: true}) {
			t.Fatalf("privacy update: %+v", p)
		}
		if prefs, _ := api.myPreferences(t, token); prefs.Personalization {
			t.Error("preferences.personalization still on after privacy switched it off")
		}
		// Setting a switch to what it is writes no consent entry.
		api.MustDo(t, privacyUpdateDoc, map[string]any{"t": token, "p": map[string]any{"dataSharing": true}}, "customerPrivacyUpdate", &p)
		api.MustDo(t, preferencesUpdateDoc, map[string]any{"t": token, "p": map[string]any{"personalization": true}}, "customerPreferencesUpdate", &p)
		api.MustDo(t, `mutation($t: String!) { customerUpdate(customerAccessToken: $t, customer: {acceptsMarketing: true}) { customerUserErrors { code } } }`,
			map[string]any{"t": token}, "customerUpdate", nil)

		want := []string{ // newest first
			"MARKETING_EMAIL true STOREFRONT",
			"PERSONALIZATION true STOREFRONT",
			"DATA_SHARING true STOREFRONT",
			"PERSONALIZATION false STOREFRONT",
			"MARKETING_EMAIL false REGISTRATION",
		}
		if d := cmp.Diff(want, api.consentLog(t, id)); d != "" {
			t.Errorf("consent log: %s", d)
		}
		// The log is for staff only.
		r := api.Do(t, consentLogDoc, map[string]any{"id": id})
		if len(r.Errors) == 0 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("consent log without a key: %s", r.Raw)
		}
		r = api.Do(t, consentLogDoc, map[string]any{"id": "gid://accountgraph/Customer/999999"}, AsAdmin(adminKey))
		if len(r.Errors) == 0 || r.Errors[0].Code() != "BAD_USER_INPUT" {
			t.Errorf("consent log of an unknown customer: %s", r.Raw)
		}
	})
}

func ptr[T any](v T) *T { return &v }

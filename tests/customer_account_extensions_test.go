package tests

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/oauth2"
)

// TestCustomerAccountExtensions: our extensions (wishlists, saved carts,
// loyalty, preferences, sessions) under the Customer Account API, with the
// Storefront API's names and the token in the header: what one API changes
// the other shows, and another customer's wishlist, saved cart and session
// IDs are not found.
func TestCustomerAccountExtensions(t *testing.T) {
	parallel(t)
	eachDBWith(t, withStorefrontClient, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		rewards := api.setUpLoyalty(t, nil)
		email, sfToken, _ := api.newCustomer(t, "ca-ext")
		_, otherToken, _ := api.newCustomer(t, "ca-ext-other")
		v := api.variantIDs(t)
		conf := oauth2.Config{ClientID: storefrontClient, RedirectURL: storefrontRedirect, Scopes: []string{"openid", "email", "customer-account-api:full"},
			Endpoint: oauth2.Endpoint{AuthURL: shopIssuer + "/oauth/authorize", TokenURL: shopIssuer + "/oauth/token"}}
		token := signIn(t, toServer(api), conf, email).AccessToken

		// Wishlists: made here, seen with variants and products, and by the
		// Storefront API.
		type wishlistPayload struct {
			Wishlist *struct {
				ID, Name string
				Lines    struct {
					Nodes []struct {
						ID          string
						Quantity    int
						Merchandise struct {
							ID, Title       string
							Price           struct{ Amount string }
							SelectedOptions []struct{ Name, Value string }
							Image           *struct{ URL string }
							Product         struct{ Handle, Title string }
						}
					}
				}
			}
			CustomerUserErrors []UserError
		}
		const wishlistFields = `wishlist { id name lines(first: 10) { nodes { id quantity merchandise { id title price { amount } selectedOptions { name value } image { url(transform: {maxWidth: 100}) } product { handle title } } } } } customerUserErrors { code field message }`
		var made wishlistPayload
		api.caMust(t, token, `mutation($name: String!) { wishlistCreate(name: $name) { `+wishlistFields+` } }`, map[string]any{"name": "Birthday"}, "wishlistCreate", &made)
		if made.Wishlist == nil || len(made.CustomerUserErrors) != 0 {
			t.Fatalf("wishlistCreate: %+v", made)
		}
		var added wishlistPayload
		api.caMust(t, token, `mutation($w: ID, $lines: [WishlistLineInput!]!) { wishlistLinesAdd(wishlistId: $w, lines: $lines) { `+wishlistFields+` } }`,
			map[string]any{"w": made.Wishlist.ID, "lines": []any{map[string]any{"merchandiseId": v["SHIRT-M"], "quantity": 2}}}, "wishlistLinesAdd", &added)
		if added.Wishlist == nil || len(added.Wishlist.Lines.Nodes) != 1 {
			t.Fatalf("wishlistLinesAdd: %+v", added)
		}
		line := added.Wishlist.Lines.Nodes[0]
		if line.Quantity != 2 || line.Merchandise.ID != v["SHIRT-M"] || line.Merchandise.Product.Handle != "linen-shirt" ||
			line.Merchandise.Image == nil || !strings.Contains(line.Merchandise.Image.URL, "width=100") ||
			!cmp.Equal(line.Merchandise.SelectedOptions, []struct{ Name, Value string }{{"Size", "M"}}) {
			t.Errorf("wishlist line: %+v", line)
		}
		var sfView struct {
			Wishlists struct{ Nodes []struct{ ID, Name string } }
		}
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { wishlists(first: 5) { nodes { id name } } } }`, map[string]any{"t": sfToken}, "customer", &sfView)
		if len(sfView.Wishlists.Nodes) != 1 || sfView.Wishlists.Nodes[0].ID != made.Wishlist.ID {
			t.Errorf("the Storefront API's view: %+v", sfView)
		}
		var caView struct {
			Wishlists struct{ Nodes []struct{ Name string } }
			Wishlist  *struct{ Name string }
		}
		api.caMust(t, token, `query($id: ID!) { customer { wishlists(first: 5) { nodes { name } } wishlist(id: $id) { name } } }`, map[string]any{"id": made.Wishlist.ID}, "customer", &caView)
		if len(caView.Wishlists.Nodes) != 1 || caView.Wishlist == nil || caView.Wishlist.Name != "Birthday" {
			t.Errorf("customer.wishlists: %+v", caView)
		}

		// Another customer's wishlist: not found, unchanged.
		var theirs wishlistPayload
		api.MustDo(t, `mutation($t: String!) { wishlistCreate(customerAccessToken: $t, name: "Theirs") { wishlist { id name } } }`, map[string]any{"t": otherToken}, "wishlistCreate", &theirs)
		api.caMust(t, token, `query($id: ID!) { customer { wishlists(first: 5) { nodes { name } } wishlist(id: $id) { name } } }`, map[string]any{"id": theirs.Wishlist.ID}, "customer", &caView)
		if caView.Wishlist != nil || len(caView.Wishlists.Nodes) != 1 {
			t.Errorf("another customer's wishlist is visible: %+v", caView)
		}
		for doc, field := range map[string]string{
			`mutation($w: ID!) { wishlistUpdate(wishlistId: $w, name: "Mine now") { wishlist { id } customerUserErrors { code field } } }`: "wishlistUpdate",
			`mutation($w: ID!) { wishlistDelete(wishlistId: $w) { deletedWishlistId customerUserErrors { code field } } }`:                 "wishlistDelete",
			`mutation($w: ID!) { wishlistShare(wishlistId: $w) { wishlist { id } customerUserErrors { code field } } }`:                    "wishlistShare",
		} {
			var out struct{ CustomerUserErrors []UserError }
			api.caMust(t, token, doc, map[string]any{"w": theirs.Wishlist.ID}, field, &out)
			if !oneCode(out.CustomerUserErrors, "NOT_FOUND") {
				t.Errorf("%s of another customer's wishlist: %+v", field, out)
			}
		}
		var stillTheirs struct {
			Wishlists struct{ Nodes []struct{ Name string } }
		}
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { wishlists(first: 5) { nodes { name } } } }`, map[string]any{"t": otherToken}, "customer", &stillTheirs)
		if len(stillTheirs.Wishlists.Nodes) != 1 || stillTheirs.Wishlists.Nodes[0].Name != "Theirs" {
			t.Errorf("another customer's wishlist changed: %+v", stillTheirs)
		}
		var renamed struct{ CustomerUserErrors []UserError }
		api.caMust(t, token, `mutation($s: ID!) { savedCartRename(savedCartId: $s, name: "x") { customerUserErrors { code field } } }`,
			map[string]any{"s": "gid://accountgraph/SavedCart/1"}, "savedCartRename", &renamed)
		if !oneCode(renamed.CustomerUserErrors, "NOT_FOUND") {
			t.Errorf("savedCartRename of a cart that is not yours: %+v", renamed)
		}

		// Loyalty: the programme, the balance, a redemption with too few points.
		var loyalty struct {
			Loyalty *struct {
				PointsBalance int
				ReferralCode  string
				Transactions  struct{ Nodes []struct{ Points int } }
			}
			SavedCarts struct{ Nodes []struct{ ID string } }
		}
		api.caMust(t, token, `{ customer { loyalty { pointsBalance referralCode transactions(first: 5) { nodes { points } } } savedCarts(first: 5) { nodes { id } } } }`, nil, "customer", &loyalty)
		if loyalty.Loyalty == nil || loyalty.Loyalty.PointsBalance != 100 || loyalty.Loyalty.ReferralCode == "" || len(loyalty.Loyalty.Transactions.Nodes) != 1 {
			t.Errorf("customer.loyalty: %+v", loyalty)
		}
		var program struct{ Name string }
		api.caMust(t, token, `{ loyaltyProgram { name } }`, nil, "loyaltyProgram", &program)
		if program.Name != "Friends" {
			t.Errorf("loyaltyProgram: %+v", program)
		}
		var redeem struct{ LoyaltyUserErrors []UserError }
		api.caMust(t, token, `mutation($r: ID!) { loyaltyRewardRedeem(rewardId: $r) { loyaltyUserErrors { code field message } } }`, map[string]any{"r": rewards["ten-percent"]}, "loyaltyRewardRedeem", &redeem)
		if !oneCode(redeem.LoyaltyUserErrors, "INSUFFICIENT_POINTS") {
			t.Errorf("redeeming without the points: %+v", redeem)
		}

		// Preferences, through this API and read back through the other.
		api.setVocabulary(t, map[string]any{"sizes": []string{"S", "M"}})
		var prefs struct {
			Customer           *struct{ Preferences struct{ Sizes []string } }
			CustomerUserErrors []UserError
		}
		api.caMust(t, token, `mutation($p: CustomerPreferencesInput!) { customerPreferencesUpdate(preferences: $p) { customer { preferences { sizes } } customerUserErrors { code field message } } }`,
			map[string]any{"p": map[string]any{"sizes": []string{"M"}}}, "customerPreferencesUpdate", &prefs)
		if prefs.Customer == nil || !cmp.Equal(prefs.Customer.Preferences.Sizes, []string{"M"}) {
			t.Errorf("customerPreferencesUpdate: %+v", prefs)
		}
		var sfPrefs struct{ Preferences struct{ Sizes []string } }
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { preferences { sizes } } }`, map[string]any{"t": sfToken}, "customer", &sfPrefs)
		if !cmp.Equal(sfPrefs.Preferences.Sizes, []string{"M"}) {
			t.Errorf("the Storefront API's preferences: %+v", sfPrefs)
		}

		// Sessions: this sign-in is the current one (beside the Storefront
		// API's and the account portal's the hosted page opened); another
		// customer's session is not found; signing the others out ends the
		// Storefront API's session and keeps this one.
		var sessions struct {
			Sessions struct {
				Nodes []struct {
					ID      string
					Current bool
				}
			}
		}
		api.caMust(t, token, `{ customer { sessions(first: 10) { nodes { id current } } } }`, nil, "customer", &sessions)
		current := 0
		for _, s := range sessions.Sessions.Nodes {
			if s.Current {
				current++
			}
		}
		if len(sessions.Sessions.Nodes) != 3 || current != 1 {
			t.Errorf("customer.sessions: %+v", sessions)
		}
		var theirSessions struct {
			Sessions struct{ Nodes []struct{ ID string } }
		}
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { sessions(first: 1) { nodes { id } } } }`, map[string]any{"t": otherToken}, "customer", &theirSessions)
		var revoke struct {
			RevokedSessionID   *string
			CustomerUserErrors []UserError
		}
		api.caMust(t, token, `mutation($s: ID!) { customerSessionRevoke(sessionId: $s) { revokedSessionId customerUserErrors { code field } } }`,
			map[string]any{"s": theirSessions.Sessions.Nodes[0].ID}, "customerSessionRevoke", &revoke)
		if revoke.RevokedSessionID != nil || !oneCode(revoke.CustomerUserErrors, "NOT_FOUND") {
			t.Errorf("revoking another customer's session: %+v", revoke)
		}
		if r := api.Do(t, `query($t: String!) { customer(customerAccessToken: $t) { id } }`, map[string]any{"t": otherToken}); string(r.Data["customer"]) == "null" {
			t.Error("another customer's session was revoked")
		}
		var others struct{ RevokedCount int }
		api.caMust(t, token, `mutation { customerSessionsRevokeOthers { revokedCount } }`, nil, "customerSessionsRevokeOthers", &others)
		if others.RevokedCount != 2 {
			t.Errorf("customerSessionsRevokeOthers: %+v", others)
		}
		if r := api.Do(t, `query($t: String!) { customer(customerAccessToken: $t) { id } }`, map[string]any{"t": sfToken}); string(r.Data["customer"]) != "null" {
			t.Error("the Storefront API's session outlived customerSessionsRevokeOthers")
		}
		api.caMust(t, token, `{ customer { sessions(first: 10) { nodes { id current } } } }`, nil, "customer", &sessions)
		if len(sessions.Sessions.Nodes) != 1 || !sessions.Sessions.Nodes[0].Current {
			t.Errorf("sessions after signing the others out: %+v", sessions)
		}
	})
}

// oneCode tells whether errs is one error with the code.
func oneCode(errs []UserError, code string) bool {
	return len(errs) == 1 && errs[0].Code != nil && *errs[0].Code == code
}

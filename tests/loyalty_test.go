package tests

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	programUpdateDoc = `mutation($input: LoyaltyProgramInput!) {
  adminLoyaltyProgramUpdate(input: $input) {
    program { enabled name currencyCode pointsPerCurrencyUnit tierBasis pointsExpireAfterMonths
      earnRules { action points dailyCap } tiers { name threshold multiplier benefits }
      rewards { id handle name pointsCost kind amount { amount currencyCode } percentage limitPerCustomer }
      membershipPlans { handle name price { amount currencyCode } interval intervalCount benefits } }
    userErrors { code field message }
  }
}`
	loyaltyDoc = `query($t: String!) { customer(customerAccessToken: $t) { loyalty {
  pointsBalance lifetimePoints referralCode referralCount
  tier { name multiplier } nextTier { name } pointsToNextTier spendToNextTier { amount }
  pointsExpiring { points expiresAt }
  transactions(first: 50) { nodes { kind source action points description order { name } reward { handle } } }
  availableRewards { handle }
  redemptions(first: 10) { nodes { codeEnding pointsSpent usedAt reward { handle } } }
  membership { status renewsAt endsAt cancelledAt plan { handle benefits } }
} } }`
	redeemDoc = `mutation($t: String!, $r: ID!) { loyaltyRewardRedeem(customerAccessToken: $t, rewardId: $r) {
  discountCode redemption { codeEnding pointsSpent expiresAt kind amount { amount currencyCode } percentage } loyalty { pointsBalance }
  loyaltyUserErrors { code field message } customerUserErrors { code field message } } }`
	actionDoc = `mutation($t: String!, $a: LoyaltyCustomerAction!, $r: String!) { loyaltyActionRecord(customerAccessToken: $t, action: $a, reference: $r) {
  pointsEarned loyalty { pointsBalance } loyaltyUserErrors { code field message } customerUserErrors { code field } } }`
	referralApplyDoc = `mutation($t: String!, $c: String!) { loyaltyReferralApply(customerAccessToken: $t, referralCode: $c) {
  loyalty { pointsBalance } loyaltyUserErrors { code field message } customerUserErrors { code field } } }`
	adjustDoc = `mutation($c: ID!, $p: Int!, $r: String!, $k: String) { adminLoyaltyPointsAdjust(customerId: $c, points: $p, reason: $r, idempotencyKey: $k) {
  transaction { id kind source points description } loyalty { pointsBalance } userErrors { code field message } } }`
	ledgerDoc      = `query($c: ID!) { adminLoyaltyLedger(customerId: $c, first: 100) { nodes { kind source action points description order { name } } } }`
	checkDoc       = `query($ids: [ID!]) { adminLoyaltyConsistencyCheck(customerIds: $ids) { checkedAccounts mismatches { customerId cachedBalance ledgerBalance cachedLifetimePoints ledgerLifetimePoints } } }`
	useCodeDoc     = `mutation($c: String!) { adminLoyaltyDiscountCodeUse(code: $c) { redemption { usedAt } reward { handle } userErrors { code field message } } }`
	orderUpdateDoc = `mutation($id: ID!, $input: AdminOrderUpdateInput!) { adminOrderUpdate(id: $id, input: $input) { order { financialStatus } userErrors { code field message } } }`
	orderCancelDoc = `mutation($id: ID!) { adminOrderCancel(id: $id, reason: CUSTOMER) { order { canceledAt } userErrors { code field message } } }`
	membershipDoc  = `mutation($c: ID!, $p: String!, $r: String!) { adminMembershipStart(customerId: $c, planHandle: $p, paymentReference: $r) {
  membership { status startedAt renewsAt endsAt plan { handle } } userErrors { code field message } } }`
	renewDoc = `mutation($c: ID!, $r: String!) { adminMembershipRenew(customerId: $c, paymentReference: $r) {
  membership { status renewsAt endsAt } userErrors { code field message } } }`
	cancelMembershipDoc = `mutation($c: ID!, $now: Boolean) { adminMembershipCancel(customerId: $c, immediately: $now) {
  membership { status renewsAt endsAt cancelledAt } userErrors { code field message } } }`
)

type loyaltyView struct {
	PointsBalance, LifetimePoints int
	ReferralCode                  string
	ReferralCount                 int
	Tier, NextTier                *struct {
		Name       string
		Multiplier float64
	}
	PointsToNextTier *int
	SpendToNextTier  *struct{ Amount string }
	PointsExpiring   []struct {
		Points    int
		ExpiresAt time.Time
	}
	Transactions struct {
		Nodes []ledgerEntry
	}
	AvailableRewards []struct{ Handle string }
	Redemptions      struct {
		Nodes []struct {
			CodeEnding  string
			PointsSpent int
			UsedAt      *string
			Reward      struct{ Handle string }
		}
	}
	Membership *membershipOut
}

type ledgerEntry struct {
	Kind, Source string
	Action       *string
	Points       int
	Description  string
	Order        *struct{ Name string }
	Reward       *struct{ Handle string }
}

type membershipOut struct {
	Status                        string
	StartedAt                     *time.Time
	RenewsAt, EndsAt, CancelledAt *time.Time
	Plan                          *struct{ Handle string }
}

type loyaltyPayload struct {
	PointsEarned       int
	Loyalty            *struct{ PointsBalance int }
	LoyaltyUserErrors  []UserError
	CustomerUserErrors []UserError
}

// rewardIDs maps handles to IDs.
type programOut struct {
	Program *struct {
		Enabled bool
		Rewards []struct {
			ID, Handle string
			PointsCost int
		}
	}
	UserErrors []UserError
}

// setUpLoyalty enables a programme; extra fields override the defaults.
func (a *API) setUpLoyalty(t *testing.T, extra map[string]any) map[string]string {
	t.Helper()
	in := map[string]any{
		"enabled": true, "name": "Friends", "currencyCode": "EUR", "pointsPerCurrencyUnit": 1,
		"earnRules": []any{
			map[string]any{"action": "ACCOUNT_CREATION", "points": 100},
			map[string]any{"action": "FIRST_ORDER", "points": 50},
			map[string]any{"action": "REVIEW", "points": 20, "dailyCap": 2},
			map[string]any{"action": "NEWSLETTER_OPT_IN", "points": 30},
			map[string]any{"action": "REFERRAL", "points": 200},
			map[string]any{"action": "REFERRED", "points": 75},
		},
		"tiers": []any{
			map[string]any{"name": "Silver", "threshold": 200, "multiplier": 1.5, "benefits": []string{"Free shipping"}},
			map[string]any{"name": "Gold", "threshold": 400, "multiplier": 2, "benefits": []string{"Free shipping", "Early access"}},
		},
		"rewards": []any{
			map[string]any{"handle": "five-off", "name": "€5 off", "pointsCost": 100, "kind": "FIXED_AMOUNT", "amount": "5.00"},
			map[string]any{"handle": "ten-percent", "name": "10% off", "pointsCost": 250, "kind": "PERCENTAGE", "percentage": 10, "limitPerCustomer": 1},
			map[string]any{"handle": "free-shipping", "name": "Free shipping", "pointsCost": 150, "kind": "FREE_SHIPPING"},
		},
		"membershipPlans": []any{
			map[string]any{"handle": "plus", "name": "Plus", "price": "9.99", "currencyCode": "EUR", "interval": "MONTH", "benefits": []string{"Free delivery"}},
		},
	}
	for k, v := range extra {
		in[k] = v
	}
	var p programOut
	a.MustDo(t, programUpdateDoc, map[string]any{"input": in}, "adminLoyaltyProgramUpdate", &p, AsAdmin(adminKey))
	if p.Program == nil {
		t.Fatalf("programme: %+v", p.UserErrors)
	}
	ids := map[string]string{}
	for _, r := range p.Program.Rewards {
		ids[r.Handle] = r.ID
	}
	return ids
}

func (a *API) loyalty(t *testing.T, token string) loyaltyView {
	t.Helper()
	var c struct{ Loyalty *loyaltyView }
	a.MustDo(t, loyaltyDoc, map[string]any{"t": token}, "customer", &c)
	if c.Loyalty == nil {
		t.Fatal("no loyalty account")
	}
	return *c.Loyalty
}

func (a *API) adjust(t *testing.T, customerID string, points int) {
	t.Helper()
	var p struct{ UserErrors []UserError }
	a.MustDo(t, adjustDoc, map[string]any{"c": customerID, "p": points, "r": "Goodwill"}, "adminLoyaltyPointsAdjust", &p, AsAdmin(adminKey))
	if len(p.UserErrors) > 0 {
		t.Fatalf("adjust: %+v", p.UserErrors)
	}
}

func (a *API) redeem(t *testing.T, token, rewardID string) (code string, errs []string) {
	t.Helper()
	var p struct {
		DiscountCode      *string
		LoyaltyUserErrors []UserError
	}
	a.MustDo(t, redeemDoc, map[string]any{"t": token, "r": rewardID}, "loyaltyRewardRedeem", &p)
	if p.DiscountCode != nil {
		code = *p.DiscountCode
	}
	return code, codes(p.LoyaltyUserErrors)
}

// consistent asserts that every cached balance equals its ledger.
func (a *API) consistent(t *testing.T) int {
	t.Helper()
	var r struct {
		CheckedAccounts int
		Mismatches      []map[string]any
	}
	a.MustDo(t, checkDoc, nil, "adminLoyaltyConsistencyCheck", &r, AsAdmin(adminKey))
	if len(r.Mismatches) > 0 {
		t.Fatalf("cache differs from ledger: %+v", r.Mismatches)
	}
	return r.CheckedAccounts
}

// loyaltyTravel moves the loyalty rules' clock.
func (a *API) loyaltyTravel(d time.Duration) {
	a.Server.Loyalty.Now = func() time.Time { return time.Now().Add(d) }
}

func sumPoints(es []ledgerEntry) int {
	n := 0
	for _, e := range es {
		n += e.Points
	}
	return n
}

// TestLoyaltyConcurrentRedemption: 50 redemptions at once of a reward the
// balance covers 10 times: exactly 10 succeed and nothing is overspent.
func TestLoyaltyConcurrentRedemption(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		rewards := api.setUpLoyalty(t, map[string]any{"earnRules": []any{}})
		_, token, id := api.newCustomer(t, "saver")
		api.adjust(t, id, 1000)
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, short, other := 0, 0, []string{}
		codesSeen := map[string]bool{}
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := api.TryDo(redeemDoc, map[string]any{"t": token, "r": rewards["five-off"]})
				if err != nil {
					t.Error(err)
					return
				}
				var p struct {
					DiscountCode      *string
					LoyaltyUserErrors []UserError
				}
				err = decode(r, "loyaltyRewardRedeem", &p)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err != nil || len(r.Errors) > 0:
					other = append(other, r.Raw)
				case p.DiscountCode != nil:
					ok++
					codesSeen[*p.DiscountCode] = true
				case slices.Equal(codes(p.LoyaltyUserErrors), []string{"INSUFFICIENT_POINTS@rewardId"}):
					short++
				default:
					other = append(other, r.Raw)
				}
			}()
		}
		wg.Wait()
		if ok != 10 || short != 40 || len(other) > 0 {
			t.Fatalf("succeeded %d, refused %d, other %v", ok, short, other)
		}
		if len(codesSeen) != 10 {
			t.Fatalf("codes are not distinct: %d", len(codesSeen))
		}
		l := api.loyalty(t, token)
		if l.PointsBalance != 0 || sumPoints(l.Transactions.Nodes) != l.PointsBalance || len(l.Transactions.Nodes) != 11 {
			t.Fatalf("balance %d, ledger sum %d over %d entries", l.PointsBalance, sumPoints(l.Transactions.Nodes), len(l.Transactions.Nodes))
		}
		if l.LifetimePoints != 1000 {
			t.Errorf("spending lowered lifetime points: %d", l.LifetimePoints)
		}
		api.consistent(t)
	})
}

// TestLoyaltyOrders: paid orders earn once (retries too), tiers multiply
// and change both ways, refunds and cancellations take back their share,
// and an order earns when it becomes paid.
func TestLoyaltyOrders(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		api.setUpLoyalty(t, nil)
		_, token, id := api.newCustomer(t, "buyer")
		l := api.loyalty(t, token)
		if l.PointsBalance != 100 || l.Tier != nil || l.NextTier == nil || l.NextTier.Name != "Silver" || *l.PointsToNextTier != 100 {
			t.Fatalf("after sign-up: %+v", l)
		}
		// Goods 105.50 EUR (shipping 4.90 earns nothing): 105 points, plus
		// the first-order bonus.
		ext := "loyal-1-" + api.ip
		o1 := api.createOrder(t, map[string]any{"customerId": id, "externalId": ext})
		again := api.createOrder(t, map[string]any{"customerId": id, "externalId": ext})
		if again.ID != o1.ID {
			t.Fatal("retry made a second order")
		}
		l = api.loyalty(t, token)
		if l.PointsBalance != 255 || l.Tier == nil || l.Tier.Name != "Silver" || l.Tier.Multiplier != 1.5 {
			t.Fatalf("after the first order: balance %d tier %+v", l.PointsBalance, l.Tier)
		}
		// Silver earns 1.5 × 105.50 = 158.25 → 158.
		api.createOrder(t, map[string]any{"customerId": id})
		l = api.loyalty(t, token)
		if l.PointsBalance != 413 || l.Tier.Name != "Gold" || l.NextTier != nil || l.PointsToNextTier != nil {
			t.Fatalf("after the second order: balance %d tier %+v next %+v", l.PointsBalance, l.Tier, l.NextTier)
		}
		// Half of order 1 refunded (55.20 of 110.40): 105 − ⌊105/2⌋ = 53 stay.
		var up struct{ UserErrors []UserError }
		api.MustDo(t, orderUpdateDoc, map[string]any{"id": o1.ID, "input": map[string]any{"refundAmount": "55.20"}}, "adminOrderUpdate", &up, AsAdmin(adminKey))
		l = api.loyalty(t, token)
		if l.PointsBalance != 361 || l.Tier.Name != "Silver" {
			t.Fatalf("after the refund: balance %d tier %+v (%v)", l.PointsBalance, l.Tier, up.UserErrors)
		}
		// Cancelling takes back the rest.
		api.MustDo(t, orderCancelDoc, map[string]any{"id": o1.ID}, "adminOrderCancel", &up, AsAdmin(adminKey))
		// Updating the cancelled order again changes nothing more.
		api.MustDo(t, orderUpdateDoc, map[string]any{"id": o1.ID, "input": map[string]any{"closed": true}}, "adminOrderUpdate", &up, AsAdmin(adminKey))
		l = api.loyalty(t, token)
		if l.PointsBalance != 308 || l.Tier.Name != "Silver" {
			t.Fatalf("after the cancellation: balance %d tier %+v", l.PointsBalance, l.Tier)
		}
		// A pending order earns when it is paid.
		o3 := api.createOrder(t, map[string]any{"customerId": id, "financialStatus": "PENDING"})
		if l = api.loyalty(t, token); l.PointsBalance != 308 {
			t.Fatalf("a pending order earned: %d", l.PointsBalance)
		}
		api.MustDo(t, orderUpdateDoc, map[string]any{"id": o3.ID, "input": map[string]any{"financialStatus": "PAID"}}, "adminOrderUpdate", &up, AsAdmin(adminKey))
		l = api.loyalty(t, token)
		if l.PointsBalance != 466 || l.Tier.Name != "Gold" {
			t.Fatalf("after paying: balance %d tier %+v", l.PointsBalance, l.Tier)
		}
		var got []string
		for _, e := range l.Transactions.Nodes {
			name := ""
			if e.Order != nil {
				name = e.Order.Name
			}
			got = append(got, fmt.Sprintf("%s/%s %+d %s", e.Kind, e.Source, e.Points, name))
		}
		want := []string{
			"EARN/ORDER +158 " + o3.Name, "REVERSE/ORDER -53 " + o1.Name, "REVERSE/ORDER -52 " + o1.Name,
			"EARN/ORDER +158 ", "EARN/ACTION +50 ", "EARN/ORDER +105 " + o1.Name, "EARN/ACTION +100 ",
		}
		got[3] = got[3][:len("EARN/ORDER +158 ")] // the second order's name
		if !slices.Equal(got, want) {
			t.Fatalf("ledger:\n got %q\nwant %q", got, want)
		}
		if sumPoints(l.Transactions.Nodes) != l.PointsBalance {
			t.Fatal("the ledger does not add up to the balance")
		}
		// Orders of other customers and guests earn nothing here.
		api.createOrder(t, map[string]any{"email": uniqueEmail("guest")})
		if api.loyalty(t, token).PointsBalance != 466 {
			t.Fatal("someone else's order earned")
		}
		api.consistent(t)
	})
}

// TestLoyaltyGuestOrdersJoin: a guest order earns when it joins the
// account whose owner proved the address.
func TestLoyaltyGuestOrdersJoin(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		api.setUpLoyalty(t, nil)
		email := uniqueEmail("guest")
		api.createOrder(t, map[string]any{"email": email})
		api.register(t, email)
		token := api.login(t, email, goodPassword)
		if b := api.loyalty(t, token).PointsBalance; b != 100 {
			t.Fatalf("before verifying: %d", b)
		}
		var v struct{ CustomerUserErrors []UserError }
		api.MustDo(t, verifyDoc, map[string]any{"t": api.verifyToken(t, email)}, "customerEmailVerify", &v)
		if b := api.loyalty(t, token).PointsBalance; b != 255 {
			t.Fatalf("after verifying: %d (%v)", b, v.CustomerUserErrors)
		}
	})
}

// TestLoyaltyTiersOnRollingPoints: a rolling 12-month tier lapses as the
// points that earned it grow old.
func TestLoyaltyTiersOnRollingPoints(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.setUpLoyalty(t, map[string]any{"tierBasis": "ROLLING_12_MONTH_POINTS", "earnRules": []any{}})
		_, token, id := api.newCustomer(t, "roller")
		api.adjust(t, id, 250)
		if l := api.loyalty(t, token); l.Tier == nil || l.Tier.Name != "Silver" {
			t.Fatalf("tier %+v", l.Tier)
		}
		api.loyaltyTravel(366 * 24 * time.Hour)
		if _, err := api.Server.Loyalty.Housekeep(context.Background()); err != nil {
			t.Fatal(err)
		}
		l := api.loyalty(t, token)
		if l.Tier != nil || l.PointsBalance != 250 {
			t.Fatalf("a year on: tier %+v balance %d", l.Tier, l.PointsBalance)
		}
	})
}

// TestLoyaltyExpiry: points expire a set time after they were earned
// (spending uses the oldest first), or all at once after inactivity; the
// job is idempotent.
func TestLoyaltyExpiry(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		rewards := api.setUpLoyalty(t, map[string]any{"pointsExpireAfterMonths": 12, "earnRules": []any{}})
		_, token, id := api.newCustomer(t, "expiring")
		api.adjust(t, id, 300)
		api.loyaltyTravel(60 * 24 * time.Hour)
		api.adjust(t, id, 40)
		if _, errs := api.redeem(t, token, rewards["five-off"]); len(errs) > 0 {
			t.Fatal(errs)
		}
		l := api.loyalty(t, token)
		if len(l.PointsExpiring) != 2 || l.PointsExpiring[0].Points != 200 || l.PointsExpiring[1].Points != 40 ||
			!l.PointsExpiring[0].ExpiresAt.Before(l.PointsExpiring[1].ExpiresAt) {
			t.Fatalf("expiring: %+v", l.PointsExpiring)
		}
		api.loyaltyTravel(370 * 24 * time.Hour)
		// Two replicas running the job at once expire the points once.
		expired := make([]int, 3)
		atOnce(len(expired), func(i int) {
			n, err := api.Server.Loyalty.Housekeep(context.Background())
			if err != nil {
				t.Error(err)
			}
			expired[i] = n
		})
		if expired[0]+expired[1]+expired[2] != 200 {
			t.Fatalf("expired %v", expired)
		}
		if n, _ := api.Server.Loyalty.Housekeep(context.Background()); n != 0 {
			t.Fatalf("a later run expired %d more", n)
		}
		l = api.loyalty(t, token)
		if l.PointsBalance != 40 || l.Transactions.Nodes[0].Kind != "EXPIRE" || l.Transactions.Nodes[0].Points != -200 {
			t.Fatalf("after expiry: %d %+v", l.PointsBalance, l.Transactions.Nodes[0])
		}
		api.consistent(t)

		// Inactivity: the whole balance goes.
		api.loyaltyTravel(0)
		api.setUpLoyalty(t, map[string]any{"pointsExpireAfterMonths": 0, "pointsExpireAfterInactiveMonths": 6, "earnRules": []any{}})
		_, token2, id2 := api.newCustomer(t, "idle")
		api.adjust(t, id2, 120)
		if l := api.loyalty(t, token2); len(l.PointsExpiring) != 1 || l.PointsExpiring[0].Points != 120 {
			t.Fatalf("inactivity expiry not shown: %+v", l.PointsExpiring)
		}
		api.loyaltyTravel(5 * 30 * 24 * time.Hour)
		if n, _ := api.Server.Loyalty.Housekeep(context.Background()); n != 0 {
			t.Fatalf("expired %d before the deadline", n)
		}
		api.loyaltyTravel(190 * 24 * time.Hour)
		if n, err := api.Server.Loyalty.Housekeep(context.Background()); err != nil || n < 120 {
			t.Fatalf("expired %d (%v)", n, err)
		}
		if b := api.loyalty(t, token2).PointsBalance; b != 0 {
			t.Fatalf("idle balance %d", b)
		}
		api.consistent(t)
	})
}

// TestLoyaltyReferrals: both sides earn once on the referred customer's
// first paid order; self-referral, loops, late and repeated referrals are
// refused.
func TestLoyaltyReferrals(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		api.setUpLoyalty(t, nil)
		_, tokenA, _ := api.newCustomer(t, "referrer")
		codeA := api.loyalty(t, tokenA).ReferralCode
		if len(codeA) < 8 {
			t.Fatalf("referral code %q", codeA)
		}
		// An unknown code is refused at registration.
		var p struct {
			Payload
			Customer *struct{ ID string }
		}
		api.MustDo(t, customerCreateDoc, map[string]any{"input": map[string]any{"email": uniqueEmail("typo"), "password": goodPassword,
			"referralCode": "NOPE-NOPE"}}, "customerCreate", &p)
		if p.Customer != nil || !slices.Equal(codes(p.CustomerUserErrors), []string{"INVALID@input.referralCode"}) {
			t.Fatalf("unknown code: %+v", p)
		}
		emailB := uniqueEmail("friend")
		api.MustDo(t, customerCreateDoc, map[string]any{"input": map[string]any{"email": emailB, "password": goodPassword,
			"referralCode": codeA}}, "customerCreate", &p)
		if p.Customer == nil {
			t.Fatalf("register with code: %+v", p.CustomerUserErrors)
		}
		tokenB := api.login(t, emailB, goodPassword)
		if a := api.loyalty(t, tokenA); a.ReferralCount != 1 || a.PointsBalance != 100 {
			t.Fatalf("referrer before the order: %+v", a)
		}
		// A may not now use B's code (a loop), nor B another one.
		apply := func(token, code string) []string {
			var r loyaltyPayload
			api.MustDo(t, referralApplyDoc, map[string]any{"t": token, "c": code}, "loyaltyReferralApply", &r)
			return codes(r.LoyaltyUserErrors)
		}
		codeB := api.loyalty(t, tokenB).ReferralCode
		if got := apply(tokenA, codeB); !slices.Equal(got, []string{"REFERRAL_LOOP@referralCode"}) {
			t.Fatalf("loop: %v", got)
		}
		if got := apply(tokenA, codeA); !slices.Equal(got, []string{"SELF_REFERRAL@referralCode"}) {
			t.Fatalf("self: %v", got)
		}
		_, tokenC, idC := api.newCustomer(t, "third")
		if got := apply(tokenB, api.loyalty(t, tokenC).ReferralCode); !slices.Equal(got, []string{"REFERRAL_NOT_ALLOWED@referralCode"}) {
			t.Fatalf("second referral: %v", got)
		}
		if got := apply(tokenC, "unknown"); !slices.Equal(got, []string{"NOT_FOUND@referralCode"}) {
			t.Fatalf("unknown: %v", got)
		}
		// A chain C → (B's code) is fine, but then A → C's code loops too.
		if got := apply(tokenC, strings.ToLower(codeB)); len(got) > 0 {
			t.Fatalf("apply B's code to C: %v", got)
		}
		// B's first paid order pays both; the second pays nobody.
		api.createOrder(t, map[string]any{"customerId": p.Customer.ID})
		api.createOrder(t, map[string]any{"customerId": p.Customer.ID})
		if a := api.loyalty(t, tokenA); a.PointsBalance != 300 {
			t.Fatalf("referrer after the orders: %d", a.PointsBalance)
		}
		// B: sign-up, the first order, its bonus, the referral bonus, then
		// the second order at Silver's 1.5.
		if b := api.loyalty(t, tokenB); b.PointsBalance != 100+105+50+75+158 {
			t.Fatalf("referred customer: %d", b.PointsBalance)
		}
		// C (referred by B) ordering pays B, not A.
		api.createOrder(t, map[string]any{"customerId": idC})
		if a := api.loyalty(t, tokenA); a.PointsBalance != 300 {
			t.Fatalf("referrer of the referrer was paid: %d", a.PointsBalance)
		}
		// After ordering, a code is too late.
		_, tokenE, idE := api.newCustomer(t, "late")
		api.createOrder(t, map[string]any{"customerId": idE})
		if got := apply(tokenE, codeA); !slices.Equal(got, []string{"REFERRAL_NOT_ALLOWED@referralCode"}) {
			t.Fatalf("late: %v", got)
		}
		api.consistent(t)
	})
}

// TestLoyaltyActions: actions earn once per reference within daily caps;
// the newsletter bonus comes once.
func TestLoyaltyActions(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.setUpLoyalty(t, nil)
		_, token, _ := api.newCustomer(t, "reviewer")
		record := func(action, ref string) (int, []string) {
			var r loyaltyPayload
			api.MustDo(t, actionDoc, map[string]any{"t": token, "a": action, "r": ref}, "loyaltyActionRecord", &r)
			return r.PointsEarned, codes(r.LoyaltyUserErrors)
		}
		steps := []struct {
			action, ref string
			points      int
			errs        []string
		}{
			{"REVIEW", "https://shop.test/p/1#review", 20, nil},
			{"REVIEW", " https://shop.test/p/1#review ", 0, []string{"ALREADY_RECORDED@reference"}},
			{"REVIEW", "https://shop.test/p/2#review", 20, nil},
			{"REVIEW", "https://shop.test/p/3#review", 0, []string{"DAILY_CAP_REACHED@action"}},
			{"SOCIAL_SHARE", "https://social.test/post/1", 0, []string{"NOT_EARNING@action"}},
			{"REVIEW", "   ", 0, []string{"INVALID@reference"}},
			{"REVIEW", "bad\x01ref", 0, []string{"INVALID@reference"}},
		}
		for _, s := range steps {
			pts, errs := record(s.action, s.ref)
			if pts != s.points || !slices.Equal(errs, append([]string{}, s.errs...)) {
				t.Fatalf("%s %q: %d %v", s.action, s.ref, pts, errs)
			}
		}
		api.loyaltyTravel(25 * time.Hour)
		if pts, errs := record("REVIEW", "https://shop.test/p/3#review"); pts != 20 || len(errs) > 0 {
			t.Fatalf("next day: %d %v", pts, errs)
		}
		// The newsletter bonus: once, however often the customer toggles.
		for _, v := range []bool{true, false, true} {
			var u updatePayload
			api.MustDo(t, customerUpdateDoc, map[string]any{"token": token, "customer": map[string]any{"acceptsMarketing": v}}, "customerUpdate", &u)
		}
		if b := api.loyalty(t, token).PointsBalance; b != 100+60+30 {
			t.Fatalf("balance %d", b)
		}
		api.consistent(t)
	})
}

// TestLoyaltyRedemptionRules: codes are one-time and expire; limits,
// unknown rewards, a disabled programme and bad tokens are refused.
func TestLoyaltyRedemptionRules(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		rewards := api.setUpLoyalty(t, map[string]any{"rewardCodeValidDays": 30})
		_, token, id := api.newCustomer(t, "redeemer")
		api.adjust(t, id, 900)
		var red struct {
			DiscountCode *string
			Redemption   *struct {
				Kind       string
				Amount     *struct{ Amount string }
				Percentage *float64
				ExpiresAt  time.Time
			}
		}
		api.MustDo(t, redeemDoc, map[string]any{"t": token, "r": rewards["ten-percent"]}, "loyaltyRewardRedeem", &red)
		if red.DiscountCode == nil || red.Redemption.Kind != "PERCENTAGE" || red.Redemption.Percentage == nil || *red.Redemption.Percentage != 10 ||
			red.Redemption.Amount != nil || red.Redemption.ExpiresAt.Sub(time.Now()) < 29*24*time.Hour {
			t.Fatalf("redeem: %+v", red)
		}
		code := *red.DiscountCode
		if _, errs := api.redeem(t, token, rewards["ten-percent"]); !slices.Equal(errs, []string{"LIMIT_REACHED@rewardId"}) {
			t.Fatalf("limit: %v", errs)
		}
		for _, bad := range []string{"gid://accountgraph/LoyaltyReward/99999", "gid://accountgraph/Order/1", "nonsense"} {
			if _, errs := api.redeem(t, token, bad); !slices.Equal(errs, []string{"NOT_FOUND@rewardId"}) {
				t.Fatalf("%s: %v", bad, errs)
			}
		}
		l := api.loyalty(t, token)
		var avail []string
		for _, r := range l.AvailableRewards {
			avail = append(avail, r.Handle)
		}
		if l.PointsBalance != 750 || !slices.Equal(avail, []string{"five-off", "free-shipping"}) {
			t.Fatalf("after redeeming: %d %v", l.PointsBalance, avail)
		}
		if len(l.Redemptions.Nodes) != 1 || l.Redemptions.Nodes[0].CodeEnding != code[len(code)-4:] || l.Redemptions.Nodes[0].PointsSpent != 250 {
			t.Fatalf("redemptions: %+v", l.Redemptions)
		}
		use := func(c string) (string, []string) {
			var r struct {
				Reward     *struct{ Handle string }
				UserErrors []UserError
			}
			api.MustDo(t, useCodeDoc, map[string]any{"c": c}, "adminLoyaltyDiscountCodeUse", &r, AsAdmin(adminKey))
			h := ""
			if r.Reward != nil {
				h = r.Reward.Handle
			}
			return h, codes(r.UserErrors)
		}
		if h, errs := use(strings.ToLower(code)); h != "ten-percent" || len(errs) > 0 {
			t.Fatalf("use: %s %v", h, errs)
		}
		if _, errs := use(code); !slices.Equal(errs, []string{"ALREADY_USED@code"}) {
			t.Fatalf("reuse: %v", errs)
		}
		if _, errs := use("AAAA-BBBB-CCCC-DDDD"); !slices.Equal(errs, []string{"NOT_FOUND@code"}) {
			t.Fatalf("unknown: %v", errs)
		}
		late, _ := api.redeem(t, token, rewards["five-off"])
		api.loyaltyTravel(31 * 24 * time.Hour)
		if _, errs := use(late); !slices.Equal(errs, []string{"EXPIRED@code"}) {
			t.Fatalf("expired: %v", errs)
		}
		api.loyaltyTravel(0)
		// A bad token.
		var p struct {
			LoyaltyUserErrors  []UserError
			CustomerUserErrors []UserError
		}
		api.MustDo(t, redeemDoc, map[string]any{"t": "not-a-token", "r": rewards["five-off"]}, "loyaltyRewardRedeem", &p)
		if !slices.Equal(codes(p.LoyaltyUserErrors), []string{"TOKEN_INVALID@customerAccessToken"}) ||
			!slices.Equal(codes(p.CustomerUserErrors), []string{"TOKEN_INVALID@customerAccessToken"}) {
			t.Fatalf("bad token: %+v", p)
		}
		// The programme switched off.
		var off programOut
		api.MustDo(t, programUpdateDoc, map[string]any{"input": map[string]any{"enabled": false}}, "adminLoyaltyProgramUpdate", &off, AsAdmin(adminKey))
		if _, errs := api.redeem(t, token, rewards["five-off"]); !slices.Equal(errs, []string{"PROGRAM_DISABLED@"}) {
			t.Fatalf("disabled: %v", errs)
		}
		r := api.Do(t, `query($t: String!) { customer(customerAccessToken: $t) { loyalty { pointsBalance } } loyaltyProgram { enabled rewards { handle } } }`, map[string]any{"t": token})
		if len(r.Errors) > 0 || string(r.Data["customer"]) != `{"loyalty":null}` || !strings.Contains(string(r.Data["loyaltyProgram"]), `"enabled":false`) {
			t.Fatalf("disabled view: %s", r.Raw)
		}
	})
}

// TestLoyaltyAdmin: set-up validation, adjustments with reasons and
// idempotency keys, the audit ledger and the consistency check.
func TestLoyaltyAdmin(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.setUpLoyalty(t, nil)
		var bad programOut
		api.MustDo(t, programUpdateDoc, map[string]any{"input": map[string]any{
			"name":  "<b>x</b>",
			"tiers": []any{map[string]any{"name": "B", "threshold": 100}, map[string]any{"name": "A", "threshold": 50, "multiplier": 20}},
			"rewards": []any{
				map[string]any{"handle": "Bad Handle", "name": "x", "pointsCost": 0, "kind": "FIXED_AMOUNT"},
				map[string]any{"handle": "p", "name": "p", "pointsCost": 5, "kind": "PERCENTAGE", "percentage": 150},
				map[string]any{"handle": "f", "name": "f", "pointsCost": 5, "kind": "FREE_PRODUCT", "variantId": "gid://accountgraph/ProductVariant/424242"},
			},
			"earnRules": []any{map[string]any{"action": "PURCHASE", "points": 5}},
		}}, "adminLoyaltyProgramUpdate", &bad, AsAdmin(adminKey))
		want := []string{"BLANK@input.rewards.0.amount", "INVALID@input.earnRules.0.action", "INVALID@input.name", "INVALID@input.rewards.0.handle",
			"INVALID@input.rewards.0.pointsCost", "INVALID@input.rewards.1.percentage", "INVALID@input.tiers.1.multiplier",
			"INVALID@input.tiers.1.threshold", "NOT_FOUND@input.rewards.2.variantId"}
		if bad.Program != nil || !slices.Equal(codes(bad.UserErrors), want) {
			t.Fatalf("validation:\n got %v\nwant %v", codes(bad.UserErrors), want)
		}
		// Nothing of the rejected input was written.
		var prog struct {
			Name    string
			Rewards []struct{ Handle string }
		}
		api.MustDo(t, `{ loyaltyProgram { name rewards { handle } } }`, nil, "loyaltyProgram", &prog)
		if prog.Name != "Friends" || len(prog.Rewards) != 3 {
			t.Fatalf("programme changed: %+v", prog)
		}

		_, _, id := api.newCustomer(t, "audited")
		adjust := func(points int, reason string, key any) (string, []string) {
			var p struct {
				Transaction *struct{ ID string }
				UserErrors  []UserError
			}
			api.MustDo(t, adjustDoc, map[string]any{"c": id, "p": points, "r": reason, "k": key}, "adminLoyaltyPointsAdjust", &p, AsAdmin(adminKey))
			txID := ""
			if p.Transaction != nil {
				txID = p.Transaction.ID
			}
			return txID, codes(p.UserErrors)
		}
		first, errs := adjust(40, "Parcel arrived late", "ticket-1")
		second, errs2 := adjust(40, "Parcel arrived late", "ticket-1")
		if len(errs)+len(errs2) > 0 || first == "" || first != second {
			t.Fatalf("idempotent adjust: %s %s %v %v", first, second, errs, errs2)
		}
		for _, c := range []struct {
			points int
			reason string
			want   string
		}{{0, "x", "INVALID@points"}, {5, "  ", "BLANK@reason"}, {-1000, "Too much", "INSUFFICIENT_POINTS@points"}, {2000000, "x", "INVALID@points"}} {
			if _, errs := adjust(c.points, c.reason, nil); !slices.Equal(errs, []string{c.want}) {
				t.Fatalf("%d %q: %v", c.points, c.reason, errs)
			}
		}
		var p struct{ UserErrors []UserError }
		api.MustDo(t, adjustDoc, map[string]any{"c": "gid://accountgraph/Customer/999999", "p": 5, "r": "x"}, "adminLoyaltyPointsAdjust", &p, AsAdmin(adminKey))
		if !slices.Equal(codes(p.UserErrors), []string{"NOT_FOUND@customerId"}) {
			t.Fatalf("unknown customer: %v", p.UserErrors)
		}
		var ledger struct{ Nodes []ledgerEntry }
		api.MustDo(t, ledgerDoc, map[string]any{"c": id}, "adminLoyaltyLedger", &ledger, AsAdmin(adminKey))
		if len(ledger.Nodes) != 2 || ledger.Nodes[0].Source != "ADMIN" || ledger.Nodes[0].Description != "Parcel arrived late" ||
			ledger.Nodes[1].Source != "ACTION" || *ledger.Nodes[1].Action != "ACCOUNT_CREATION" {
			t.Fatalf("ledger: %+v", ledger.Nodes)
		}
		for _, bad := range []string{"gid://accountgraph/Customer/999999", "nonsense"} {
			if r := api.Do(t, ledgerDoc, map[string]any{"c": bad}, AsAdmin(adminKey)); len(r.Errors) == 0 || r.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Fatalf("ledger of %s: %s", bad, r.Raw)
			}
		}
		// Without the right scope, no ledger.
		if r := api.Do(t, ledgerDoc, map[string]any{"c": id}); len(r.Errors) == 0 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Fatalf("ledger without a key: %s", r.Raw)
		}
		if api.consistent(t) < 1 {
			t.Fatal("no accounts checked")
		}
		// A cache that drifted from the ledger is reported.
		if _, err := api.Server.DB.Client.LoyaltyAccount.Update().AddBalance(7).Save(context.Background()); err != nil {
			t.Fatal(err)
		}
		var rep struct {
			Mismatches []struct {
				CustomerID                   string
				CachedBalance, LedgerBalance int
			}
		}
		api.MustDo(t, checkDoc, map[string]any{"ids": []string{id}}, "adminLoyaltyConsistencyCheck", &rep, AsAdmin(adminKey))
		if len(rep.Mismatches) != 1 || rep.Mismatches[0].CustomerID != id || rep.Mismatches[0].CachedBalance != 147 || rep.Mismatches[0].LedgerBalance != 140 {
			t.Fatalf("drift not reported: %+v", rep)
		}
	})
}

// TestMemberships: start, renew and cancel are recorded once per payment
// reference, and the customer sees where the membership stands.
func TestMemberships(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.setUpLoyalty(t, nil)
		_, token, id := api.newCustomer(t, "member")
		do := func(doc, field string, vars map[string]any) (*membershipOut, []string) {
			var p struct {
				Membership *membershipOut
				UserErrors []UserError
			}
			api.MustDo(t, doc, vars, field, &p, AsAdmin(adminKey))
			return p.Membership, codes(p.UserErrors)
		}
		m, errs := do(membershipDoc, "adminMembershipStart", map[string]any{"c": id, "p": "plus", "r": "pay-1"})
		if len(errs) > 0 || m.Status != "ACTIVE" || m.RenewsAt == nil || m.RenewsAt.Sub(*m.StartedAt) < 28*24*time.Hour {
			t.Fatalf("start: %+v %v", m, errs)
		}
		again, _ := do(membershipDoc, "adminMembershipStart", map[string]any{"c": id, "p": "plus", "r": "pay-1"})
		if !again.RenewsAt.Equal(*m.RenewsAt) {
			t.Fatal("a repeated start changed the membership")
		}
		if _, errs := do(membershipDoc, "adminMembershipStart", map[string]any{"c": id, "p": "plus", "r": "pay-2"}); !slices.Equal(errs, []string{"NOT_ALLOWED@customerId"}) {
			t.Fatalf("second start: %v", errs)
		}
		if _, errs := do(membershipDoc, "adminMembershipStart", map[string]any{"c": id, "p": "gold", "r": "pay-3"}); !slices.Equal(errs, []string{"NOT_FOUND@planHandle"}) {
			t.Fatalf("unknown plan: %v", errs)
		}
		r1, _ := do(renewDoc, "adminMembershipRenew", map[string]any{"c": id, "r": "pay-4"})
		r2, _ := do(renewDoc, "adminMembershipRenew", map[string]any{"c": id, "r": "pay-4"})
		if !r1.RenewsAt.After(*m.RenewsAt) || !r2.RenewsAt.Equal(*r1.RenewsAt) {
			t.Fatalf("renew: %v → %v → %v", m.RenewsAt, r1.RenewsAt, r2.RenewsAt)
		}
		c, _ := do(cancelMembershipDoc, "adminMembershipCancel", map[string]any{"c": id})
		if c.Status != "CANCELLED" || c.RenewsAt != nil || c.EndsAt == nil || !c.EndsAt.Equal(*r1.RenewsAt) {
			t.Fatalf("cancel: %+v", c)
		}
		l := api.loyalty(t, token)
		if l.Membership == nil || l.Membership.Status != "CANCELLED" || l.Membership.Plan.Handle != "plus" {
			t.Fatalf("customer view: %+v", l.Membership)
		}
		c, _ = do(cancelMembershipDoc, "adminMembershipCancel", map[string]any{"c": id, "now": true})
		if c.Status != "EXPIRED" {
			t.Fatalf("cancel now: %+v", c)
		}
		// A lapsed member starts again.
		if m, errs := do(membershipDoc, "adminMembershipStart", map[string]any{"c": id, "p": "plus", "r": "pay-5"}); len(errs) > 0 || m.Status != "ACTIVE" {
			t.Fatalf("restart: %+v %v", m, errs)
		}
		// Another customer cannot reuse a reference, also when both are
		// recorded at the same moment.
		_, _, other := api.newCustomer(t, "other")
		if _, errs := do(renewDoc, "adminMembershipRenew", map[string]any{"c": other, "r": "pay-5"}); !slices.Equal(errs, []string{"TAKEN@paymentReference"}) {
			t.Fatalf("reused reference: %v", errs)
		}
		results := make([][]string, 4)
		racers := make([]string, len(results))
		for i := range racers {
			_, _, racers[i] = api.newCustomer(t, "racer")
		}
		atOnce(len(results), func(i int) {
			r, err := api.TryDo(membershipDoc, map[string]any{"c": racers[i], "p": "plus", "r": "pay-race"}, AsAdmin(adminKey))
			if err != nil {
				t.Error(err)
				return
			}
			var p struct{ UserErrors []UserError }
			if err := decode(r, "adminMembershipStart", &p); err != nil || len(r.Errors) > 0 {
				results[i] = []string{r.Raw}
				return
			}
			results[i] = codes(p.UserErrors)
		})
		started := 0
		for _, r := range results {
			switch {
			case len(r) == 0:
				started++
			case !slices.Equal(r, []string{"TAKEN@paymentReference"}):
				t.Fatalf("racing reference: %v", results)
			}
		}
		if started != 1 {
			t.Fatalf("%d customers recorded the same payment", started)
		}
	})
}

// TestLoyaltyStatementCount: the ledgers of a customer list load with the
// same number of statements for 2 customers as for 8.
func TestLoyaltyStatementCount(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.seedCatalog(t)
		rewards := api.setUpLoyalty(t, nil)
		tag := fmt.Sprintf("tag%d", seq.Add(1))
		for i := 0; i < 8; i++ {
			_, token, id := api.newCustomer(t, tag)
			api.createOrder(t, map[string]any{"customerId": id})
			api.adjust(t, id, 200)
			api.redeem(t, token, rewards["five-off"])
			var m struct{ UserErrors []UserError }
			api.MustDo(t, membershipDoc, map[string]any{"c": id, "p": "plus", "r": "m-" + id}, "adminMembershipStart", &m, AsAdmin(adminKey))
		}
		doc := `query($q: String!, $n: Int!) { adminCustomers(first: $n, query: $q) { nodes { id loyalty {
  pointsBalance tier { name } pointsToNextTier pointsExpiring { points } referralCount availableRewards { handle }
  transactions(first: 10) { nodes { points order { name } reward { handle } } }
  redemptions(first: 5) { nodes { codeEnding reward { name } } }
  membership { status plan { name } } } } } }`
		count := func(n int) int {
			before := api.Statements(t)
			var out struct {
				Nodes []struct {
					Loyalty *struct {
						Transactions struct{ Nodes []any }
					}
				}
			}
			api.MustDo(t, doc, map[string]any{"q": tag, "n": n}, "adminCustomers", &out, AsAdmin(adminKey))
			if len(out.Nodes) != n || out.Nodes[n-1].Loyalty == nil || len(out.Nodes[n-1].Loyalty.Transactions.Nodes) != 5 {
				t.Fatalf("list of %d: %+v", n, out)
			}
			return api.Statements(t) - before
		}
		small, large := count(2), count(8)
		if small != large {
			t.Fatalf("statements: %d for 2 customers, %d for 8", small, large)
		}
	})
}

// TestLoyaltyBirthday: the birthday bonus comes on the day (or the day
// after, for a job that missed it), once a year.
func TestLoyaltyBirthday(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.setUpLoyalty(t, map[string]any{"earnRules": []any{map[string]any{"action": "BIRTHDAY", "points": 60}}})
		_, token, _ := api.newCustomer(t, "cake")
		_, other, _ := api.newCustomer(t, "nocake")
		update := func(tok string, v any) []string {
			var u updatePayload
			api.MustDo(t, customerUpdateDoc, map[string]any{"token": tok, "customer": map[string]any{"birthday": v}}, "customerUpdate", &u)
			return codes(u.CustomerUserErrors)
		}
		for _, bad := range []string{"31/12/1990", "2999-01-01", "1990-02-30", "1800-01-01"} {
			if got := update(token, bad); !slices.Equal(got, []string{"INVALID@customer.birthday"}) {
				t.Fatalf("%s: %v", bad, got)
			}
		}
		yesterday := time.Now().UTC().AddDate(0, 0, -1)
		if got := update(token, fmt.Sprintf("1990-%02d-%02d", yesterday.Month(), yesterday.Day())); len(got) > 0 {
			t.Fatal(got)
		}
		if got := update(other, fmt.Sprintf("1990-%02d-%02d", yesterday.AddDate(0, 0, -3).Month(), yesterday.AddDate(0, 0, -3).Day())); len(got) > 0 {
			t.Fatal(got)
		}
		var c struct{ Birthday *string }
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { birthday } }`, map[string]any{"t": token}, "customer", &c)
		if c.Birthday == nil || (*c.Birthday)[:4] != "1990" {
			t.Fatalf("birthday %v", c.Birthday)
		}
		for i := 0; i < 2; i++ {
			if _, err := api.Server.Loyalty.Housekeep(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		if b, o := api.loyalty(t, token).PointsBalance, api.loyalty(t, other).PointsBalance; b != 60 || o != 0 {
			t.Fatalf("balances %d and %d", b, o)
		}
		api.loyaltyTravel(365 * 24 * time.Hour)
		api.Server.Loyalty.Housekeep(context.Background())
		if b := api.loyalty(t, token).PointsBalance; b != 120 {
			t.Fatalf("a year later: %d", b)
		}
		// null removes the birthday.
		if got := update(token, nil); len(got) > 0 {
			t.Fatal(got)
		}
		api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { birthday } }`, map[string]any{"t": token}, "customer", &c)
		if c.Birthday != nil {
			t.Fatalf("birthday kept: %v", *c.Birthday)
		}
	})
}

// TestLoyaltyPageStatements: the account's loyalty page reads the session's
// customer, the programme with the customer's account, and the ledger page:
// three statements, with the balance and entries right; with the programme
// off, no loyalty.
func TestLoyaltyPageStatements(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		api.setUpLoyalty(t, nil)
		_, token, id := api.newCustomer(t, "loypage")
		api.adjust(t, id, 120)
		api.adjust(t, id, -20)
		const doc = `query($t: String!) { customer(customerAccessToken: $t) { loyalty { pointsBalance transactions(first: 5) { nodes { points } } } } }`
		before := api.Statements(t)
		got := api.Read(t, doc, map[string]any{"t": token}, "customer")
		if n := api.Statements(t) - before; n != 3 {
			t.Errorf("%d statements, want 3", n)
		}
		// The sign-up bonus (100 points) first.
		if want := `{"loyalty":{"pointsBalance":200,"transactions":{"nodes":[{"points":-20},{"points":120},{"points":100}]}}}`; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
}

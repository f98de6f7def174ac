package loyalty

import (
	"testing"

	"accountgraph/ent"
	"accountgraph/ent/loyaltyprogram"
	"accountgraph/ent/schema"
)

func TestView(t *testing.T) {
	tiers := []schema.Tier{{Name: "Gold", Threshold: 1000}, {Name: "Silver", Threshold: 300}}
	points := &ent.LoyaltyProgram{TierBasis: loyaltyprogram.TierBasisLIFETIME_POINTS, Tiers: tiers, CurrencyCode: "EUR"}
	spend := &ent.LoyaltyProgram{TierBasis: loyaltyprogram.TierBasisLIFETIME_SPEND, Tiers: tiers, CurrencyCode: "EUR"}
	rolling := &ent.LoyaltyProgram{TierBasis: loyaltyprogram.TierBasisROLLING_12_MONTH_POINTS, Tiers: tiers, CurrencyCode: "EUR"}

	// Below the first tier: the next is the lowest threshold, whatever the order set up.
	v := View(points, &ent.LoyaltyAccount{LifetimePoints: 120}, Sums{})
	if v.Tier != nil || v.Next == nil || v.Next.Name != "Silver" || v.PointsToNext == nil || *v.PointsToNext != 180 || v.SpendToNext != nil {
		t.Errorf("below the first tier: %+v", v)
	}
	// In a tier (the cached one), counting points.
	v = View(points, &ent.LoyaltyAccount{Tier: "Silver", LifetimePoints: 450}, Sums{})
	if v.Tier == nil || v.Tier.Name != "Silver" || v.Next.Name != "Gold" || *v.PointsToNext != 550 {
		t.Errorf("silver: %+v", v)
	}
	// At the top nothing is still needed.
	v = View(points, &ent.LoyaltyAccount{Tier: "Gold", LifetimePoints: 5000}, Sums{})
	if v.Next != nil || v.PointsToNext != nil || v.SpendToNext != nil {
		t.Errorf("at the top: %+v", v)
	}
	// Counting spend: thresholds are whole euros, what is left is in cents.
	v = View(spend, &ent.LoyaltyAccount{Tier: "Silver", LifetimeSpend: 45_050}, Sums{})
	if v.PointsToNext != nil || v.SpendToNext == nil || *v.SpendToNext != (1000-450)*100 || v.Currency != "EUR" {
		t.Errorf("spend: %+v", v)
	}
	// Rolling tiers count the 12-month sums, not the lifetime figures.
	v = View(rolling, &ent.LoyaltyAccount{LifetimePoints: 5000}, Sums{Points: 100})
	if v.Next == nil || v.Next.Name != "Silver" || *v.PointsToNext != 200 {
		t.Errorf("rolling: %+v", v)
	}
}

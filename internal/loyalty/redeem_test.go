package loyalty

import (
	"testing"

	"accountgraph/ent"
)

func TestEligible(t *testing.T) {
	limited := &ent.LoyaltyReward{PointsCost: 100, LimitPerCustomer: 2}
	unlimited := &ent.LoyaltyReward{PointsCost: 100}
	for _, c := range []struct {
		name           string
		r              *ent.LoyaltyReward
		balance, times int
		want           bool
	}{
		{"exactly enough points", limited, 100, 0, true},
		{"one point short", limited, 99, 0, false},
		{"below the limit", limited, 500, 1, true},
		{"at the limit", limited, 500, 2, false},
		{"no limit", unlimited, 100, 1000, true},
		{"no limit, no points", unlimited, 0, 0, false},
	} {
		if got := Eligible(c.r, c.balance, c.times); got != c.want {
			t.Errorf("%s: Eligible(cost %d, limit %d; balance %d, times %d) = %t", c.name, c.r.PointsCost, c.r.LimitPerCustomer, c.balance, c.times, got)
		}
	}
}

package server

import (
	"accountgraph/graph"
	"accountgraph/graph/model"
)

// setComplexity prices list fields by their page size.
func setComplexity(cfg *graph.Config) {
	page := func(child int, first *int, _ *string, last *int, _ *string, _ *bool) int {
		return connectionCost(child, first, last)
	}
	cfg.Complexity.Customer.Addresses = page
	// Recommendations read several tables: price them above a plain list.
	cfg.Complexity.Customer.Recommendations = func(child int, first *int) int {
		return 10 + connectionCost(child, first, nil)
	}
	cfg.Complexity.CustomerLoyalty.Transactions = page
	cfg.Complexity.CustomerLoyalty.Redemptions = page
	cfg.Complexity.Query.AdminLoyaltyLedger = func(child int, _ string, first *int, after *string, last *int, before *string, reverse *bool) int {
		return page(child, first, after, last, before, reverse)
	}
	cfg.Complexity.Query.AdminCustomers = func(child int, first *int, _ *string, last *int, _ *string, _ *string, _ *model.AdminCustomerSortKeys, _ *bool) int {
		return connectionCost(child, first, last)
	}
}

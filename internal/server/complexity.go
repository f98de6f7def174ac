package server

import (
	"accountgraph/graph"
	"accountgraph/graph/model"
)

// setComplexity prices list fields by their page size.
func setComplexity(cfg *graph.Config) {
	cfg.Complexity.Customer.Addresses = func(child int, first *int, _ *string, last *int, _ *string, _ *bool) int {
		return connectionCost(child, first, last)
	}
	cfg.Complexity.Query.AdminCustomers = func(child int, first *int, _ *string, last *int, _ *string, _ *string, _ *model.AdminCustomerSortKeys, _ *bool) int {
		return connectionCost(child, first, last)
	}
}

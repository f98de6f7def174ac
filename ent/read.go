package ent

// Written by hand (not generated): statements built outside ent's query
// builders, for the read plan's narrowed reads (internal/loaders/scan.go).

import (
	"context"

	"entgo.io/ent/dialect/sql"
)

// Dialect is the client's SQL dialect.
func (c *Client) Dialect() string { return c.driver.Dialect() }

// Read runs a query built with sql.Selector on the client's driver.
func (c *Client) Read(ctx context.Context, query string, args []any) (*sql.Rows, error) {
	rows := &sql.Rows{}
	if err := c.driver.Query(ctx, query, args, rows); err != nil {
		return nil, err
	}
	return rows, nil
}

// Command accountgraph serves the customer-account GraphQL API.
//
//	go run .                                  serve on :8080 with SQLite in ./data
//	go run . --demo                           also add a demo customer
//	go run . admin-key create --scopes all    print a new admin API key
//	go run . import-customers FILE.csv        import customers (see adminCustomersImport)
//	go run . generate --customers 100000      fill the database for load tests
//	go run . schema > schema.graphql          print the API's schema (SDL) for client generators
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"accountgraph/internal/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := server.Run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "accountgraph:", err)
		os.Exit(1)
	}
}

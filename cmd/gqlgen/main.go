// Command gqlgen runs gqlgen's generator with the project's plugin, which
// also writes the read plan's field code (graph/plan_gen.go). It is what
// `go generate ./...` runs for graph/ and graph/customeraccount.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen/config"

	"accountgraph/internal/plangen"
)

func main() {
	file := flag.String("config", "", "a gqlgen config other than gqlgen.yml (its paths are relative to it)")
	plan := flag.Bool("plan", true, "also write the read plan's field code")
	share := flag.String("share", "", "a second API's gqlgen config (relative to -config's folder) whose bindings the types of schema/shared take")
	flag.Parse()
	var cfg *config.Config
	var err error
	if *file == "" {
		cfg, err = config.LoadConfigFromDefaultLocations()
	} else if err = os.Chdir(filepath.Dir(*file)); err == nil {
		cfg, err = config.LoadConfig(filepath.Base(*file))
	}
	if err == nil && *share != "" {
		err = shareBindings(cfg, *share)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen: load config:", err)
		os.Exit(2)
	}
	var opts []api.Option
	if *plan {
		opts = append(opts, api.AddPlugin(plangen.New()))
	}
	if err := api.Generate(cfg, opts...); err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(3)
	}
}

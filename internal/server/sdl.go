package server

import (
	"strings"

	"github.com/vektah/gqlparser/v2/formatter"

	"accountgraph/graph"
)

// SchemaSDL is the API's schema as SDL (the schema/*.graphqls files
// merged, with descriptions and directives), for client code generators.
// `go run . schema` prints it; schema.graphql in the repository is its
// output, kept fresh by a test.
func SchemaSDL() string {
	var b strings.Builder
	formatter.NewFormatter(&b, formatter.WithIndent("  ")).FormatSchema(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema())
	return b.String()
}

// Package graphiql serves GraphiQL from files inside the binary, so the API
// explorer works on a machine without internet (gqlgen's page loads React
// and GraphiQL from a CDN). The files are the npm packages graphiql@4.1.2,
// react@18.2.0 and react-dom@18.2.0 as published (MIT licences beside
// them in assets/), the versions gqlgen's page pins: the page is gqlgen's,
// pointed at these copies with their integrity hashes.
package graphiql

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"io/fs"
	"net/http"

	"github.com/99designs/gqlgen/graphql/playground"
)

//go:embed assets
var assets embed.FS

// AssetsPath is where the files are served.
const AssetsPath = "/graphiql/assets/"

// Handler serves the GraphiQL page for endpoint (GET) and its files under
// AssetsPath.
func Handler(title, endpoint string) (page, files http.Handler) {
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err) // the embedded folder is part of the build
	}
	static := http.StripPrefix(AssetsPath, http.FileServerFS(sub))
	files = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The files change only with the binary.
		w.Header().Set("Cache-Control", "public, max-age=86400")
		static.ServeHTTP(w, r)
	})
	page = playground.Handler(title, endpoint,
		playground.WithGraphiqlVersion(AssetsPath+"graphiql.min.js", AssetsPath+"graphiql.min.css",
			integrity("graphiql.min.js"), integrity("graphiql.min.css")),
		playground.WithGraphiqlReactVersion(AssetsPath+"react.production.min.js", AssetsPath+"react-dom.production.min.js",
			integrity("react.production.min.js"), integrity("react-dom.production.min.js")),
		playground.WithGraphiqlEnablePluginExplorer(false),
	)
	return page, files
}

// integrity is a file's subresource integrity value.
func integrity(name string) string {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(b)
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

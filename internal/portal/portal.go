// Package portal serves the reference customer account portal at /account/:
// static files embedded in the binary (no build step) that use only the
// public GraphQL API, as a working example and as the end-to-end test of it.
package portal

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var static embed.FS

// Every page of the portal is the same document; the app routes by path, so
// the links in emails (/account/reset/<id>/<token>) open the right page.
const indexFile = "index.html"

// securityHeaders keep the portal's pages from running or loading anything
// but its own code and Stripe.js (the payment provider's card form, loaded
// only to add a card, with the sources Stripe documents): nothing the shop
// or a customer typed can become script.
// no-referrer keeps reset and activation tokens in the address out of other
// sites' logs.
var securityHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'none'; script-src 'self' https://js.stripe.com; style-src 'self'; img-src 'self' https: data:; " +
		"connect-src 'self' https://api.stripe.com; frame-src https://js.stripe.com https://hooks.stripe.com; " +
		"form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
	"Referrer-Policy":        "no-referrer",
	"X-Content-Type-Options": "nosniff",
	"X-Frame-Options":        "DENY",
}

type file struct {
	body []byte
	etag string
	kind string
}

// Handler serves /account/assets/<file> and the app's page for every other
// path under /account/ (and for the shop's wishlist share links).
func Handler() http.Handler {
	files := map[string]file{}
	root, _ := fs.Sub(static, "static")
	_ = fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(root, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		files[name] = file{body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, kind: mime.TypeByExtension(path.Ext(name))}
		return nil
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := indexFile
		if rest, ok := strings.CutPrefix(r.URL.Path, "/account/assets/"); ok {
			name = rest
			if _, found := files[name]; !found || name == indexFile {
				http.NotFound(w, r)
				return
			}
		}
		f := files[name]
		h := w.Header()
		for k, v := range securityHeaders {
			h.Set(k, v)
		}
		h.Set("Content-Type", f.kind)
		// Revalidate every time: the files change with the binary, and a
		// matching ETag costs a 304 only.
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", f.etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
	})
}

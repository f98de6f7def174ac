package auth

import (
	"context"
	"slices"
)

// Viewer is what the HTTP layer knows about the caller of one request.
type Viewer struct {
	RequestID string
	IP        string // client address, for throttling and sessions
	UserAgent string
	// Country is the client's ISO 3166 country code from a trusted proxy
	// header (COUNTRY_HEADER), empty when none is configured or sent.
	Country string
	// CaptchaToken is the X-Captcha-Token header: a CAPTCHA answer.
	CaptchaToken string
	// AdminKey is the admin API key presented in the Authorization header,
	// nil when none or an unknown one was sent.
	AdminKey *AdminKey
	// AdminKeyPresented is true when an Authorization header was sent at all.
	AdminKeyPresented bool
}

type viewerKey struct{}

// WithViewer stores v in ctx.
func WithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// ViewerFrom returns the request's viewer; an empty one outside requests.
func ViewerFrom(ctx context.Context) *Viewer {
	if v, ok := ctx.Value(viewerKey{}).(*Viewer); ok {
		return v
	}
	return &Viewer{}
}

// HasScope reports whether the request carries an admin key with scope.
func (v *Viewer) HasScope(scope string) bool {
	return v.AdminKey != nil && slices.Contains(v.AdminKey.Scopes, scope)
}

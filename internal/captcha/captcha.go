// Package captcha checks CAPTCHA answers with the provider's "siteverify"
// endpoint, the protocol hCaptcha, reCAPTCHA and Cloudflare Turnstile share:
// a form POST of secret, response and remoteip, answered with JSON whose
// "success" says whether the answer is good.
package captcha

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Verifier checks a CAPTCHA answer given by a client.
type Verifier interface {
	Verify(ctx context.Context, response, remoteIP string) (bool, error)
}

// SiteVerify is a Verifier for a siteverify endpoint.
type SiteVerify struct {
	URL    string // e.g. https://challenges.cloudflare.com/turnstile/v0/siteverify
	Secret string
	Client *http.Client // nil: a client with a 10-second timeout
}

var defaultClient = &http.Client{Timeout: 10 * time.Second}

// Verify asks the provider. An empty or oversized answer is wrong without
// asking; a provider that cannot be reached is an error (the caller
// refuses: failing open would switch the protection off).
func (s *SiteVerify) Verify(ctx context.Context, response, remoteIP string) (bool, error) {
	if response == "" || len(response) > 4096 {
		return false, nil
	}
	form := url.Values{"secret": {s.Secret}, "response": {response}}
	if remoteIP != "" {
		form.Set("remoteip", remoteIP)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, strings.NewReader(form.Encode()))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	c := s.Client
	if c == nil {
		c = defaultClient
	}
	res, err := c.Do(req)
	if err != nil {
		// The URL is not secret, but url.Error repeats it; keep logs short.
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return false, fmt.Errorf("captcha: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return false, fmt.Errorf("captcha: provider answered %s", res.Status)
	}
	var out struct {
		Success bool `json:"success"`
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 64<<10)).Decode(&out); err != nil {
		return false, fmt.Errorf("captcha: %w", err)
	}
	return out.Success, nil
}

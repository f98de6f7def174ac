package config

import (
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadPrecedenceAndMasking(t *testing.T) {
	c, err := Load([]string{"--addr", ":9999"}, env(map[string]string{
		"ADDR":                 ":7777",
		"DATABASE_URL":         "postgres://app:hunter2@db:5432/shop",
		"ADMIN_API_KEY":        "agk_supersecret-supersecret-supersecret",
		"SMTP_URL":             "smtp://mailer:mailpass@smtp:587",
		"CORS_ALLOWED_ORIGINS": "https://a.example, https://b.example",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9999" {
		t.Errorf("flag did not win: %q", c.Addr)
	}
	if len(c.CORSOrigins) != 2 || c.CORSOrigins[1] != "https://b.example" {
		t.Errorf("origins = %v", c.CORSOrigins)
	}
	s := c.String()
	for _, secret := range []string{"hunter2", "agk_supersecret-supersecret-supersecret", "mailpass"} {
		if strings.Contains(s, secret) {
			t.Errorf("String() shows %q: %s", secret, s)
		}
	}
}

func TestLoadRejectsBadValues(t *testing.T) {
	for _, e := range []map[string]string{
		{"LOG_FORMAT": "xml"},
		{"ACCESS_TOKEN_TTL": "soon"},
		{"BODY_LIMIT_BYTES": "10"},
		{"PUBLIC_URL": "ftp://x"},
		{"DEMO_DATA": "maybe"},
		{"ADMIN_API_KEY": "anything-without-the-prefix-at-all-0123456789"},
		{"ADMIN_API_KEY": "agk_short"},
		{"CORS_ALLOWED_ORIGINS": "*", "CORS_ALLOW_CREDENTIALS": "true"},
		{"CORS_ALLOWED_ORIGINS": "shop.example"},
		{"CORS_ALLOWED_ORIGINS": "https://shop.example/account"},
		{"QUERY_MAX_COST": "0"},
		{"QUERY_MAX_DEPTH": "1"},
		{"QUERY_MAX_VALUES": "-5"},
		{"REQUEST_TIMEOUT": "1ms"},
	} {
		_, err := Load(nil, env(e))
		if err == nil {
			t.Errorf("Load(%v) accepted", e)
			continue
		}
		// The message names the setting to fix.
		for k := range e {
			if !strings.Contains(err.Error(), k) && k != "CORS_ALLOW_CREDENTIALS" {
				t.Errorf("Load(%v): %v does not name %s", e, err, k)
			}
		}
	}
}

func TestOriginsAreNormalised(t *testing.T) {
	c, err := Load(nil, env(map[string]string{"CORS_ALLOWED_ORIGINS": "https://shop.example/, https://*.shop.example", "CORS_ALLOW_CREDENTIALS": "true"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.CORSOrigins) != 2 || c.CORSOrigins[0] != "https://shop.example" {
		t.Errorf("origins = %v", c.CORSOrigins)
	}
	if c, err := Load(nil, env(nil)); err != nil || len(c.CORSOrigins) != 0 {
		t.Errorf("default origins: %v, %v", c.CORSOrigins, err)
	}
}

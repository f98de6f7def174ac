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
		"ADMIN_API_KEY":        "agk_supersecret",
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
	for _, secret := range []string{"hunter2", "agk_supersecret", "mailpass"} {
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
	} {
		if _, err := Load(nil, env(e)); err == nil {
			t.Errorf("Load(%v) accepted", e)
		}
	}
}

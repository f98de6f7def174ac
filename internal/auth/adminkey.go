package auth

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"accountgraph/ent"
	"accountgraph/ent/adminapikey"
)

// Scopes an admin API key can carry.
var Scopes = []string{
	"customers:read", "customers:write", "orders:write",
	"catalog:write", "loyalty:write", "settings:write",
}

// AdminKey is an authenticated admin API key.
type AdminKey struct {
	ID     int
	Name   string
	Scopes []string
}

// AdminKeys creates and checks admin API keys.
type AdminKeys struct{ DB *ent.Client }

// keyPrefix makes keys recognisable in config files and secret scanners.
const keyPrefix = "agk_"

// minKeySecret is the shortest secret after the prefix a configured key may
// have: 32 characters of base64 are 192 bits. Generated keys have 43.
const minKeySecret = 32

// CheckKeyForm says what is wrong with a key given in configuration
// (ADMIN_API_KEY), which would otherwise be stored and never match: keys
// are recognised by their prefix, and a short one can be guessed.
func CheckKeyForm(key string) error {
	secret, ok := strings.CutPrefix(key, keyPrefix)
	switch {
	case !ok:
		return fmt.Errorf("must start with %q, as every admin API key does (or leave it unset and make a stored key with: go run . admin-key create --scopes all)", keyPrefix)
	case len(secret) < minKeySecret:
		return fmt.Errorf("is too short to be safe: at least %d characters after %q (for example agk_ and the output of: openssl rand -hex 24)", minKeySecret, keyPrefix)
	case len(key) > 128:
		return fmt.Errorf("is longer than 128 characters")
	case strings.ContainsAny(key, " \t\r\n"):
		return fmt.Errorf("contains white space")
	}
	return nil
}

// ParseScopes splits a comma-separated scope list and checks each scope;
// "all" stands for every scope.
func ParseScopes(s string) ([]string, error) {
	if strings.TrimSpace(s) == "all" {
		return slices.Clone(Scopes), nil
	}
	var out []string
	for _, sc := range strings.Split(s, ",") {
		sc = strings.TrimSpace(sc)
		if sc == "" {
			continue
		}
		if !slices.Contains(Scopes, sc) {
			return nil, fmt.Errorf("unknown scope %q (known: %s, or all)", sc, strings.Join(Scopes, ", "))
		}
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no scopes given (known: %s, or all)", strings.Join(Scopes, ", "))
	}
	return out, nil
}

// Create makes a new key and returns it in clear, the only time it is seen.
func (k *AdminKeys) Create(ctx context.Context, name string, scopes []string) (string, error) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	key := keyPrefix + base64.RawURLEncoding.EncodeToString(b)
	if err := k.DB.AdminAPIKey.Create().
		SetName(name).SetKeyHash(HashToken(key)).SetScopes(scopes).
		Exec(ctx); err != nil {
		return "", fmt.Errorf("store admin key: %w", err)
	}
	return key, nil
}

// Seed stores key (from the ADMIN_API_KEY setting) with every scope unless
// it is stored already, so that each replica may seed it at start-up.
func (k *AdminKeys) Seed(ctx context.Context, key string) error {
	err := k.DB.AdminAPIKey.Create().
		SetName("ADMIN_API_KEY").SetKeyHash(HashToken(key)).SetScopes(Scopes).
		OnConflictColumns(adminapikey.FieldKeyHash).DoNothing().
		Exec(ctx)
	// On a conflict nothing is inserted, so nothing is returned: PostgreSQL
	// reports that as no rows. Another replica seeded the key first.
	if err != nil && !ent.IsNotFound(err) && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("seed admin key: %w", err)
	}
	return nil
}

// Authenticate returns the key that matches the secret, or nil when none
// does or it was revoked.
func (k *AdminKeys) Authenticate(ctx context.Context, secret string) (*AdminKey, error) {
	if !strings.HasPrefix(secret, keyPrefix) || len(secret) > 128 {
		return nil, nil
	}
	row, err := k.DB.AdminAPIKey.Query().
		Where(adminapikey.KeyHash(HashToken(secret)), adminapikey.RevokedAtIsNil()).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look up admin key: %w", err)
	}
	return &AdminKey{ID: row.ID, Name: row.Name, Scopes: row.Scopes}, nil
}

// Revoke stops a key from working.
func (k *AdminKeys) Revoke(ctx context.Context, id int) error {
	return k.DB.AdminAPIKey.UpdateOneID(id).SetRevokedAt(time.Now().UTC()).Exec(ctx)
}

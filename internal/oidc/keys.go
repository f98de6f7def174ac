package oidc

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"

	"accountgraph/ent"
	"accountgraph/ent/signingkey"
)

// Keys are the provider's signing keys, kept in the database so that every
// replica signs with the same key and verifies what any other signed.
// Each key signs for Rotate, then stays published for Keep more, longer
// than any token it signed lives.
type Keys struct {
	DB     *ent.Client
	Rotate time.Duration
	Keep   time.Duration
	Now    func() time.Time
}

// signing returns the key to sign with: the newest that still signs, or a
// new one. Replicas that race to make one each sign with their own until
// the newest is read; both are published.
func (k *Keys) signing(ctx context.Context) (string, *rsa.PrivateKey, error) {
	now := k.Now()
	row, err := k.DB.SigningKey.Query().Where(signingkey.SignsUntilGT(now)).
		Order(ent.Desc(signingkey.FieldSignsUntil)).First(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return "", nil, err
	}
	if row == nil {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return "", nil, err
		}
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return "", nil, err
		}
		if row, err = k.DB.SigningKey.Create().SetKid(newKid()).SetPrivateKey(der).SetSignsUntil(now.Add(k.Rotate)).Save(ctx); err != nil {
			return "", nil, err
		}
	}
	key, err := parse(row)
	return row.Kid, key, err
}

func parse(row *ent.SigningKey) (*rsa.PrivateKey, error) {
	k, err := x509.ParsePKCS8PrivateKey(row.PrivateKey)
	if err != nil {
		return nil, err
	}
	key, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("signing key " + row.Kid + " is not an RSA key")
	}
	return key, nil
}

// newKid is a key ID of letters and digits: a token header holding it
// base64-encodes without '-' or '_' (see Sign).
func newKid() string {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = letters[int(b[i])%len(letters)]
	}
	return string(b)
}

// published are the keys of the JWKS: those that sign, and those whose
// tokens may still be alive.
func (k *Keys) published(ctx context.Context) ([]*ent.SigningKey, error) {
	return k.DB.SigningKey.Query().Where(signingkey.SignsUntilGT(k.Now().Add(-k.Keep))).
		Order(ent.Desc(signingkey.FieldSignsUntil)).All(ctx)
}

// JWKS is the public key set clients verify ID tokens with.
func (k *Keys) JWKS(ctx context.Context) (jose.JSONWebKeySet, error) {
	rows, err := k.published(ctx)
	if err != nil {
		return jose.JSONWebKeySet{}, err
	}
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{}}
	for _, row := range rows {
		key, err := parse(row)
		if err != nil {
			return set, err
		}
		set.Keys = append(set.Keys, jose.JSONWebKey{Key: &key.PublicKey, KeyID: row.Kid, Algorithm: string(jose.RS256), Use: "sig"})
	}
	return set, nil
}

// Sign makes a signed JWT of claims (RS256).
//
// Hydrogen decodes a token's header and payload with atob, which refuses
// base64url's '-' and '_'. In base64 of ASCII text only '>', '?' and '~'
// (at every third byte) give those; the payload is written with the three
// escaped (\u003e, \u003f, \u007e: the same JSON) and the key ID is
// alphanumeric, so both parts are plain base64 too.
func (k *Keys) Sign(ctx context.Context, claims map[string]any) (string, error) {
	kid, key, err := k.signing(ctx)
	if err != nil {
		return "", err
	}
	payload, err := json.Marshal(claims) // escapes '>' (and '<', '&')
	if err != nil {
		return "", err
	}
	payload = bytes.ReplaceAll(bytes.ReplaceAll(payload, []byte("?"), []byte(`\u003f`)), []byte("~"), []byte(`\u007e`))
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", kid))
	if err != nil {
		return "", err
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	token, err := jws.CompactSerialize()
	if err != nil {
		return "", err
	}
	if parts := strings.SplitN(token, ".", 3); strings.ContainsAny(parts[0]+parts[1], "-_") {
		return "", fmt.Errorf("token header or payload is not plain base64: %s.%s", parts[0], parts[1])
	}
	return token, nil
}

// Verify checks a token's signature against the published keys and returns
// its claims (expiry is the caller's concern: a logout's id_token_hint may
// have expired).
func (k *Keys) Verify(ctx context.Context, token string) (map[string]any, error) {
	jws, err := jose.ParseSigned(token, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil || len(jws.Signatures) != 1 {
		return nil, errors.New("not a signed token")
	}
	rows, err := k.published(ctx)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		if row.Kid != jws.Signatures[0].Header.KeyID {
			continue
		}
		key, err := parse(row)
		if err != nil {
			return nil, err
		}
		payload, err := jws.Verify(&key.PublicKey)
		if err != nil {
			return nil, errors.New("bad signature")
		}
		var claims map[string]any
		if err := json.Unmarshal(payload, &claims); err != nil {
			return nil, err
		}
		return claims, nil
	}
	return nil, errors.New("unknown signing key")
}

package tests

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	multipassDoc = `mutation($m: String!) { customerAccessTokenCreateWithMultipass(multipassToken: $m) {
  customerAccessToken { accessToken } customerUserErrors { code field message } } }`
	rotateDoc = `mutation($off: Boolean) { adminMultipassSecretRotate(disable: $off) { secret userErrors { code field message } } }`
)

// shopifyMultipass builds a token exactly as Shopify's Multipass
// documentation describes, independently of the server's code: keys from
// SHA-256(secret) (first 16 bytes encrypt, last 16 sign), AES-128-CBC with
// a random IV and PKCS#7 padding, HMAC-SHA256 over IV ‖ ciphertext, then
// URL-safe base64 (with padding, as Ruby's urlsafe_encode64).
func shopifyMultipass(t *testing.T, secret string, data map[string]any) string {
	t.Helper()
	keyMaterial := sha256.Sum256([]byte(secret))
	encryptionKey, signatureKey := keyMaterial[:16], keyMaterial[16:32]
	plain, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	padLen := aes.BlockSize - len(plain)%aes.BlockSize
	plain = append(plain, bytes.Repeat([]byte{byte(padLen)}, padLen)...)
	iv := make([]byte, aes.BlockSize)
	if _, err := rand.Read(iv); err != nil {
		t.Fatal(err)
	}
	block, err := aes.NewCipher(encryptionKey)
	if err != nil {
		t.Fatal(err)
	}
	encrypted := make([]byte, len(plain))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(encrypted, plain)
	cipherText := append(iv, encrypted...)
	mac := hmac.New(sha256.New, signatureKey)
	mac.Write(cipherText)
	return base64.URLEncoding.EncodeToString(append(cipherText, mac.Sum(nil)...))
}

func TestMultipass(t *testing.T) {
	eachDB(t, func(t *testing.T, api *API) {
		type payload struct {
			CustomerAccessToken *Token
			CustomerUserErrors  []UserError
		}
		signIn := func(token string, opts ...Opt) payload {
			t.Helper()
			var p payload
			api.MustDo(t, multipassDoc, map[string]any{"m": token}, "customerAccessTokenCreateWithMultipass", &p, opts...)
			return p
		}
		refused := func(what, token string, want string) {
			t.Helper()
			p := signIn(token)
			if d := cmp.Diff([]string{want}, codes(p.CustomerUserErrors)); d != "" || p.CustomerAccessToken != nil {
				t.Errorf("%s: %s %+v", what, d, p)
			}
		}
		const invalid = "INVALID_MULTIPASS_REQUEST@multipassToken"
		now := func() string { return time.Now().UTC().Format(time.RFC3339) }
		email := uniqueEmail("sso")
		refused("before a secret exists", shopifyMultipass(t, "anything", map[string]any{"email": email, "created_at": now()}), invalid)

		// Only settings:write may rotate.
		reader, err := api.Server.AdminKeys().Create(context.Background(), "reader", []string{"customers:read"})
		if err != nil {
			t.Fatal(err)
		}
		if r := api.Do(t, rotateDoc, nil, AsAdmin(reader)); len(r.Errors) != 1 || r.Errors[0].Code() != "ACCESS_DENIED" {
			t.Errorf("rotate with a read key: %s", r.Raw)
		}
		rotate := func() string {
			t.Helper()
			var p struct{ Secret *string }
			api.MustDo(t, rotateDoc, nil, "adminMultipassSecretRotate", &p, AsAdmin(adminKey))
			if p.Secret == nil || len(*p.Secret) < 32 {
				t.Fatalf("rotate: %+v", p)
			}
			return *p.Secret
		}
		secret := rotate()
		var st struct{ MultipassEnabled bool }
		if api.MustDo(t, `{ adminAccountSettings { multipassEnabled } }`, nil, "adminAccountSettings", &st, AsAdmin(adminKey)); !st.MultipassEnabled {
			t.Error("multipassEnabled is false after rotation")
		}

		// A new customer, with the token's names and tags, email proven.
		tok := shopifyMultipass(t, secret, map[string]any{"email": email, "created_at": now(), "first_name": "Sam", "last_name": "Sso",
			"tag_string": "sso, partner", "return_to": "https://shop.test/account", "identifier": "ext-42"})
		p := signIn(tok)
		if p.CustomerAccessToken == nil {
			t.Fatalf("sign-in: %+v", p)
		}
		got := api.Read(t, `query($t: String!) { customer(customerAccessToken: $t) { email firstName lastName emailVerified } }`,
			map[string]any{"t": p.CustomerAccessToken.AccessToken}, "customer")
		if want := `{"email":"` + email + `","firstName":"Sam","lastName":"Sso","emailVerified":true}`; got != want {
			t.Errorf("customer = %s, want %s", got, want)
		}
		refused("replay", tok, invalid)

		// Expired, from the future, tampered, truncated, not base64, wrong
		// secret, bad data, bound to another client.
		refused("16 minutes old", shopifyMultipass(t, secret, map[string]any{"email": email, "created_at": time.Now().Add(-16 * time.Minute).UTC().Format(time.RFC3339)}), invalid)
		refused("from the future", shopifyMultipass(t, secret, map[string]any{"email": email, "created_at": time.Now().Add(5 * time.Minute).UTC().Format(time.RFC3339)}), invalid)
		fresh := shopifyMultipass(t, secret, map[string]any{"email": email, "created_at": now()})
		raw, _ := base64.URLEncoding.DecodeString(fresh)
		for _, at := range []int{0, 20, len(raw) - 1} { // IV, ciphertext, signature
			bad := bytes.Clone(raw)
			bad[at] ^= 1
			refused("tampered", base64.URLEncoding.EncodeToString(bad), invalid)
		}
		refused("truncated", base64.URLEncoding.EncodeToString(raw[:len(raw)-16]), invalid)
		refused("not base64", "%%%not-base64%%%", invalid)
		refused("empty", "", invalid)
		refused("wrong secret", shopifyMultipass(t, "not the secret", map[string]any{"email": email, "created_at": now()}), invalid)
		refused("no created_at", shopifyMultipass(t, secret, map[string]any{"email": email}), invalid)
		refused("bad email", shopifyMultipass(t, secret, map[string]any{"email": "not-an-email", "created_at": now()}), invalid)
		refused("HTML name", shopifyMultipass(t, secret, map[string]any{"email": email, "created_at": now(), "first_name": "<b>x</b>"}), invalid)
		refused("other client", shopifyMultipass(t, secret, map[string]any{"email": email, "created_at": now(), "remote_ip": "203.0.113.250"}), invalid)
		// The same client, and base64 without padding, are fine; the account is the same.
		p = signIn(strings.TrimRight(shopifyMultipass(t, secret, map[string]any{"email": strings.ToUpper(email), "created_at": now(), "remote_ip": api.ip}), "="))
		if p.CustomerAccessToken == nil {
			t.Errorf("same client, unpadded: %+v", p)
		}

		// An invitation is taken up; a disabled account stays out.
		var inv struct{ Customer struct{ ID, Email string } }
		api.MustDo(t, inviteDoc, map[string]any{"input": map[string]any{"email": uniqueEmail("invited")}}, "adminCustomerInvite", &inv, AsAdmin(adminKey))
		if p := signIn(shopifyMultipass(t, secret, map[string]any{"email": inv.Customer.Email, "created_at": now()})); p.CustomerAccessToken == nil {
			t.Errorf("invited: %+v", p)
		}
		blocked, _, blockedID := api.newCustomer(t, "blocked")
		api.MustDo(t, adminCustomerUpdateDoc, map[string]any{"id": blockedID, "input": map[string]any{"state": "DISABLED"}}, "adminCustomerUpdate", nil, AsAdmin(adminKey))
		refused("disabled", shopifyMultipass(t, secret, map[string]any{"email": blocked, "created_at": now()}), "CUSTOMER_DISABLED@")

		// A token sent twice at once signs in once.
		twice := shopifyMultipass(t, secret, map[string]any{"email": email, "created_at": now()})
		won := make([]bool, 4)
		parallel(len(won), func(i int) {
			r, err := api.TryDo(multipassDoc, map[string]any{"m": twice})
			var p payload
			won[i] = err == nil && decode(r, "customerAccessTokenCreateWithMultipass", &p) == nil && p.CustomerAccessToken != nil
		})
		if wins := count(won); wins != 1 {
			t.Errorf("a token sent 4 times at once signed in %d times", wins)
		}

		// Rotation: tokens of the old secret stop working; turning off refuses all.
		newSecret := rotate()
		refused("old secret", shopifyMultipass(t, secret, map[string]any{"email": email, "created_at": now()}), invalid)
		if p := signIn(shopifyMultipass(t, newSecret, map[string]any{"email": email, "created_at": now()})); p.CustomerAccessToken == nil {
			t.Errorf("new secret: %+v", p)
		}
		api.MustDo(t, rotateDoc, map[string]any{"off": true}, "adminMultipassSecretRotate", nil, AsAdmin(adminKey))
		refused("turned off", shopifyMultipass(t, newSecret, map[string]any{"email": email, "created_at": now()}), invalid)
	})
}

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
	parallel(t)
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
		// The same token spelled otherwise is the same token: base64
		// decoding forgives padding and line breaks.
		for what, spelling := range map[string]string{
			"unpadded":              strings.TrimRight(tok, "="),
			"a line break inside":   tok[:20] + "\n" + tok[20:],
			"CRLF appended":         tok + "\r\n",
			"line breaks every 60":  wrap(tok, 60),
			"CR inside, unpadded":   strings.TrimRight(tok[:30]+"\r"+tok[30:], "="),
			"standard base64 (+/)":  base64.StdEncoding.EncodeToString(mustDecode(t, tok)),
			"padding doubled":       tok + "==",
			"spaces around":         " " + tok + " ",
			"tab inside":            tok[:10] + "\t" + tok[10:],
			"line break at the end": tok + "\n",
		} {
			p := signIn(spelling)
			if p.CustomerAccessToken != nil || len(p.CustomerUserErrors) != 1 {
				t.Errorf("replay, %s: signed in again: %+v", what, p)
			}
		}

		// Expired, from the future, tampered, truncated, not base64, wrong
		// secret, bad data, bound to another client.
		refused("16 minutes old", shopifyMultipass(t, secret, map[string]any{"email": email, "created_at": time.Now().Add(-16 * time.Minute).UTC().Format(time.RFC3339)}), invalid)
		refused("from the future", shopifyMultipass(t, secret, map[string]any{"email": email, "created_at": time.Now().Add(5 * time.Minute).UTC().Format(time.RFC3339)}), invalid)
		// The messages say which: expired is not "in the future".
		for what, at := range map[string]time.Duration{"expired": -16 * time.Minute, "future": 5 * time.Minute} {
			p := signIn(shopifyMultipass(t, secret, map[string]any{"email": email, "created_at": time.Now().Add(at).UTC().Format(time.RFC3339)}))
			if len(p.CustomerUserErrors) != 1 || !strings.Contains(p.CustomerUserErrors[0].Message, what) {
				t.Errorf("%s token: %+v", what, p.CustomerUserErrors)
			}
		}
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
		atOnce(len(won), func(i int) {
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

func wrap(s string, n int) string {
	var b strings.Builder
	for len(s) > n {
		b.WriteString(s[:n] + "\n")
		s = s[n:]
	}
	b.WriteString(s)
	return b.String()
}

func mustDecode(t *testing.T, tok string) []byte {
	t.Helper()
	b, err := base64.URLEncoding.DecodeString(tok)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMultipassCustomerData: the token's addresses are added to the
// account (once, the default one made default) and its identifier keeps
// the account when the email changes on the other site, as on Shopify.
func TestMultipassCustomerData(t *testing.T) {
	parallel(t)
	eachDB(t, func(t *testing.T, api *API) {
		var rot struct{ Secret *string }
		api.MustDo(t, rotateDoc, nil, "adminMultipassSecretRotate", &rot, AsAdmin(adminKey))
		secret := *rot.Secret
		now := func() string { return time.Now().UTC().Format(time.RFC3339) }
		type payload struct {
			CustomerAccessToken *Token
			CustomerUserErrors  []UserError
		}
		signIn := func(data map[string]any) payload {
			t.Helper()
			data["created_at"] = now()
			var p payload
			api.MustDo(t, multipassDoc, map[string]any{"m": shopifyMultipass(t, secret, data)}, "customerAccessTokenCreateWithMultipass", &p)
			return p
		}
		type account struct {
			ID             string
			Email          string
			DefaultAddress *struct{ Address1 string }
			Addresses      struct {
				Nodes []struct{ Address1, City, CountryCodeV2, ProvinceCode string }
			}
		}
		read := func(p payload) account {
			t.Helper()
			if p.CustomerAccessToken == nil {
				t.Fatalf("sign-in refused: %+v", p.CustomerUserErrors)
			}
			var a account
			api.MustDo(t, `query($t: String!) { customer(customerAccessToken: $t) { id email defaultAddress { address1 }
			  addresses(first: 20) { nodes { address1 city countryCodeV2 provinceCode } } } }`,
				map[string]any{"t": p.CustomerAccessToken.AccessToken}, "customer", &a)
			return a
		}
		home := map[string]any{"address1": "123 Oak St", "city": "Ottawa", "country": "Canada", "first_name": "Bob", "last_name": "Bobsen",
			"phone": "+16135550123", "province": "Ontario", "zip": "K1A 0B1", "province_code": "ON", "country_code": "CA"}
		work := map[string]any{"address1": "1 Main St", "city": "Toronto", "country_code": "CA", "province_code": "ON", "zip": "M5V 2T6", "default": true}
		email := uniqueEmail("mp-data")
		a := read(signIn(map[string]any{"email": email, "identifier": "user-1001", "addresses": []any{home, work}}))
		if len(a.Addresses.Nodes) != 2 || a.DefaultAddress == nil || a.DefaultAddress.Address1 != "1 Main St" || a.Addresses.Nodes[0].ProvinceCode != "ON" {
			t.Errorf("addresses from the token: %+v", a)
		}
		// Again, with the same addresses (in other words): nothing doubles.
		home2 := map[string]any{"address1": "123 OAK ST", "city": "ottawa", "country_code": "CA", "province_code": "ON", "zip": "K1A0B1", "phone": "+16135550123", "first_name": "Bob", "last_name": "Bobsen"}
		if b := read(signIn(map[string]any{"email": email, "identifier": "user-1001", "addresses": []any{home2}})); len(b.Addresses.Nodes) != 2 || b.DefaultAddress.Address1 != "1 Main St" {
			t.Errorf("the same addresses again: %+v", b)
		}
		// The identifier follows the person to a new email.
		moved := uniqueEmail("mp-moved")
		if b := read(signIn(map[string]any{"email": moved, "identifier": "user-1001"})); b.ID != a.ID || b.Email != moved {
			t.Errorf("new email with the same identifier: %+v, was %+v", b, a)
		}
		// Another account's email under this identifier, and this account's
		// email under another identifier, are refused.
		other, _, _ := api.newCustomer(t, "mp-other")
		if p := signIn(map[string]any{"email": other, "identifier": "user-1001"}); p.CustomerAccessToken != nil || len(p.CustomerUserErrors) != 1 {
			t.Errorf("another account's email: %+v", p)
		}
		if p := signIn(map[string]any{"email": moved, "identifier": "user-2002"}); p.CustomerAccessToken != nil || len(p.CustomerUserErrors) != 1 {
			t.Errorf("another identifier: %+v", p)
		}
		// Bad addresses refuse the token, saying where.
		p := signIn(map[string]any{"email": email, "addresses": []any{map[string]any{"address1": "x", "city": "y", "country_code": "ZZ"}}})
		if p.CustomerAccessToken != nil || len(p.CustomerUserErrors) != 1 || !strings.Contains(p.CustomerUserErrors[0].Message, "addresses.0.country") {
			t.Errorf("bad address: %+v", p)
		}
	})
}

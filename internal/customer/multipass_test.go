package customer

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"testing"
)

// seal makes a well-signed token around any plaintext, so the fuzzer
// reaches the padding and JSON checks behind the signature.
func seal(secret string, plain []byte) string {
	keys := sha256.Sum256([]byte(secret))
	for len(plain)%aes.BlockSize != 0 || len(plain) == 0 {
		plain = append(plain, 0)
	}
	body := make([]byte, aes.BlockSize+len(plain))
	block, _ := aes.NewCipher(keys[:16])
	cipher.NewCBCEncrypter(block, body[:aes.BlockSize]).CryptBlocks(body[aes.BlockSize:], plain)
	mac := hmac.New(sha256.New, keys[16:])
	mac.Write(body)
	return base64.URLEncoding.EncodeToString(append(body, mac.Sum(nil)...))
}

// FuzzOpenMultipass: any token, signed or not, is refused with an error
// or opened; never a panic.
func FuzzOpenMultipass(f *testing.F) {
	f.Add("", []byte(`{"email":"a@b.co","created_at":"2026-01-01T00:00:00Z"}`+"\x02\x02"))
	f.Add("AAAA", []byte{16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16})
	f.Add("not base64 %%%", []byte("{}"))
	f.Fuzz(func(t *testing.T, token string, plain []byte) {
		_, _, _ = openMultipass("secret", token)
		d, sig, err := openMultipass("secret", seal("secret", plain))
		if err == nil && (d == nil || len(sig) == 0) {
			t.Fatal("nil data or signature without an error")
		}
	})
}

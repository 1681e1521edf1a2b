package securitytest

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

// encoding is one form in which a secret could be written.
type encoding struct {
	form, value string
}

// encodings returns the forms of secret searched for: as is, in hex (either
// case), and in base64 (standard and URL alphabets) at each of the three
// alignments it can have inside a longer encoded stream, alone and as the
// password of an HTTP Basic credential ("admin:secret").
func encodings(secret string) []encoding {
	out := []encoding{
		{"plain", secret},
		{"hex", hex.EncodeToString([]byte(secret))},
		{"HEX", strings.ToUpper(hex.EncodeToString([]byte(secret)))},
	}
	for _, v := range []struct {
		name  string
		plain string
	}{{"base64", secret}, {"base64 of basic auth", "admin:" + secret}} {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			for k := range 3 {
				e := enc.EncodeToString(append(bytes.Repeat([]byte{0}, k), v.plain...))
				lo := 0
				if k > 0 {
					lo = 4 // the first quantum also holds the filler
				}
				out = append(out, encoding{v.name, e[lo : len(e)-4]})
			}
		}
	}
	return out
}

// containsSecret reports the first form of secret found in data.
func containsSecret(data []byte, secret string) (encoding, bool) {
	for _, e := range encodings(secret) {
		if bytes.Contains(data, []byte(e.value)) {
			return e, true
		}
	}
	return encoding{}, false
}

// TestContainsSecretFindsEveryForm proves the search is not vacuous: each
// form of a secret embedded in other text at any offset is found.
func TestContainsSecretFindsEveryForm(t *testing.T) {
	const s = canaryPassword
	for pad := range 3 {
		prefix := strings.Repeat("x", pad)
		for name, data := range map[string]string{
			"plain":         "password=" + s,
			"hex":           hex.EncodeToString([]byte(prefix + s + "!")),
			"base64":        base64.StdEncoding.EncodeToString([]byte(prefix + s + "tail")),
			"base64url":     base64.URLEncoding.EncodeToString([]byte(prefix + s)),
			"basic auth":    "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("admin:"+s)),
			"base64 in log": `{"body":"` + base64.StdEncoding.EncodeToString([]byte(`{"user":"admin","password":"`+s+`"}`)) + `"}`,
		} {
			if _, ok := containsSecret([]byte(data), s); !ok {
				t.Errorf("%s (offset %d): secret not found in %q", name, pad, data)
			}
		}
	}
	if e, ok := containsSecret([]byte("canary-device-password-(redacted)"), s); ok {
		t.Errorf("found %s form in text that does not hold the secret", e.form)
	}
}

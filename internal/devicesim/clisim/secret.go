package clisim

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// md5Crypt returns a stand-in for an IOS type 5 secret: "$1$SALT$HASH"
// with a random salt. It has the shape of MD5-crypt, not its algorithm:
// the simulator never checks a secret against it.
func md5Crypt(plain string) string {
	salt := make([]byte, 3)
	_, _ = rand.Read(salt)
	s := base64.RawURLEncoding.EncodeToString(salt)
	sum := sha256.Sum256([]byte(s + plain))
	h := strings.NewReplacer("-", ".", "_", "/").Replace(base64.RawURLEncoding.EncodeToString(sum[:])[:22])
	return "$1$" + s + "$" + h
}

package clisim

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
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

// type7Key is the fixed key of Cisco's reversible "type 7" encoding.
const type7Key = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"

// type7 encodes plain the way "service password-encryption" does.
func type7(plain string) string {
	var b strings.Builder
	const seed = 2
	fmt.Fprintf(&b, "%02d", seed)
	for i := 0; i < len(plain); i++ {
		fmt.Fprintf(&b, "%02X", plain[i]^type7Key[(seed+i)%len(type7Key)])
	}
	return b.String()
}

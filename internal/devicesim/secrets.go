package devicesim

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// storeSecrets rewrites the clear-text secrets of an edited configuration
// the way Cisco devices store them, so that a read shows the stored form
// and never the value: an OpenConfig user's password becomes
// password-hashed ("$6$SALT$HASH", a new salt for every write, as a
// crypt hash has), and an AAA server's secret-key becomes
// secret-key-hashed (the reversible type 7 form). Elements already in
// stored form are left as they are. IOS-XR's password leaves keep their
// encrypted form in place (storeXRPasswords).
func storeSecrets(e *xmltree.Element) {
	if e == nil {
		return
	}
	storeXRPasswords(e)
	storeOCSecrets(e)
}

func storeOCSecrets(e *xmltree.Element) {
	for _, c := range e.Children {
		switch c.Name.Local {
		case "password":
			if e.Name.Local == "config" && c.IsLeaf() {
				c.Name.Local, c.Text = "password-hashed", CryptHash(c.Text)
			}
		case "secret-key":
			if e.Name.Local == "config" && c.IsLeaf() {
				c.Name.Local, c.Text = "secret-key-hashed", Type7(c.Text)
			}
		default:
			storeOCSecrets(c)
		}
	}
	dedupe(e, "password-hashed")
	dedupe(e, "secret-key-hashed")
}

// dedupe keeps the last child named local of e (a new stored form
// replaces the old one).
func dedupe(e *xmltree.Element, local string) {
	last := -1
	for i, c := range e.Children {
		if c.Name.Local == local {
			last = i
		}
	}
	if last < 0 {
		return
	}
	kept := e.Children[:0]
	for i, c := range e.Children {
		if c.Name.Local != local || i == last {
			kept = append(kept, c)
		}
	}
	e.Children = kept
}

// CryptHash returns a stand-in for a crypt(3) SHA-512 hash of plain:
// "$6$SALT$HASH" with a random salt. It has the shape of the real one,
// not its algorithm: the simulators never check a secret against it.
func CryptHash(plain string) string {
	salt := make([]byte, 6)
	_, _ = rand.Read(salt)
	s := base64.RawStdEncoding.EncodeToString(salt)
	sum := sha256.Sum256([]byte(s + "\x00" + plain))
	return "$6$" + s + "$" + strings.TrimRight(base64.RawStdEncoding.EncodeToString(sum[:]), "=")
}

// type7Key is the fixed key of Cisco's reversible "type 7" encoding.
const type7Key = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"

// Type7 encodes plain the way Cisco's "service password-encryption"
// (type 7) does, with seed 2.
func Type7(plain string) string {
	var b strings.Builder
	const seed = 2
	fmt.Fprintf(&b, "%02d", seed)
	for i := 0; i < len(plain); i++ {
		fmt.Fprintf(&b, "%02X", plain[i]^type7Key[(seed+i)%len(type7Key)])
	}
	return b.String()
}

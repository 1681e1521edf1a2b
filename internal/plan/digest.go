package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/models/openconfig"
)

// Digest returns the SHA-256 (hex) of a configuration's canonical form:
// tree as RFC 7951 JSON (members and list entries sorted by ygot) followed
// by the native text cli. A nil tree and "" cli is an empty configuration.
// The same configuration always has the same digest, whatever order it was
// built in.
func Digest(tree *openconfig.Device, cli string) (string, error) {
	h := sha256.New()
	if tree != nil {
		m, err := ygot.ConstructIETFJSON(tree, &ygot.RFC7951JSONConfig{AppendModuleName: true})
		if err != nil {
			return "", fmt.Errorf("digest: encode tree: %w", err)
		}
		b, err := marshal(m)
		if err != nil {
			return "", fmt.Errorf("digest: encode tree: %w", err)
		}
		h.Write(b)
	}
	h.Write([]byte{0})
	h.Write([]byte(cli))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Package secretpush adds secret values to a push for the OpenConfig
// management sessions (NETCONF, gNMI). Render never sees secrets: it leaves
// passwords and keys out of the tree and lists where they go
// (providers.Desired.Secrets). At push time, for every list entry the push
// creates (a new user, a new TACACS+ server), the secrets bound under that
// entry are read from their references and set too. A secret of an entry
// that already exists is not re-sent: devices store them hashed, so a
// changed value cannot be detected by reading the device; rotate a secret by
// changing its reference, or remove and re-add the entry. A native.yang
// secret leaf the device lacks (diff.ReasonSecretAbsent) is sent too.
package secretpush

import (
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/providers"
)

// Changes returns the extra create changes that set the secrets of the
// entries changes creates. Values are read through src; a reference that
// cannot be read is an error naming the path and the reference, never a
// value. The returned changes hold secret values: never log or show them.
func Changes(desired *providers.Desired, changes []providers.Change, src credentials.Source) ([]providers.Change, error) {
	if desired == nil || len(desired.Secrets) == 0 {
		return nil, nil
	}
	var out []providers.Change
	for _, b := range desired.Secrets {
		entry := entryOf(b.Path)
		if !resends(changes, b.Path) && (entry == "" || !creates(changes, entry)) {
			continue
		}
		v, err := src.Value(b.Ref)
		if err != nil {
			return nil, fmt.Errorf("secret for %s (%s): %w", b.Path, b.Ref, err)
		}
		out = append(out, providers.Change{Op: diff.Create, Path: b.Path, After: b.Prefix + v.Reveal()})
	}
	return out, nil
}

// entryOf returns the path of the deepest list entry in path (up to and
// including its last "]"), or "" when path has no keyed element.
func entryOf(path string) string {
	i := strings.LastIndex(path, "]")
	if i < 0 {
		return ""
	}
	return path[:i+1]
}

// creates reports whether changes create leaves of the entry at entry.
func creates(changes []providers.Change, entry string) bool {
	for _, c := range changes {
		if c.Op == diff.Create && strings.HasPrefix(c.Path, entry+"/") {
			return true
		}
	}
	return false
}

// resends reports whether changes re-send the secret at path: it rotated
// behind its reference, changed on the device, or (a native secret) the
// device lacks it (diff.IsSecretResend).
func resends(changes []providers.Change, path string) bool {
	for _, c := range changes {
		if c.Path == path && diff.IsSecretResend(c) {
			return true
		}
	}
	return false
}

// Pushable returns changes without the secret re-sends, which carry no
// value: Changes turns them into the changes that set the value.
func Pushable(changes []providers.Change) []providers.Change {
	out := make([]providers.Change, 0, len(changes))
	for _, c := range changes {
		if !diff.IsSecretResend(c) {
			out = append(out, c)
		}
	}
	return out
}

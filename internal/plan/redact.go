package plan

import (
	"maps"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/providers"
)

// Redacted replaces the value of a leaf that holds a credential.
const Redacted = "(redacted)"

// sensitiveLeaves are the leaf names whose values are credentials (or
// reversible encodings of them) in the OpenConfig models switchyard uses,
// and in the IOS-XR unified models (encryption-default and
// encryption-aes: an SNMPv3 user's keys, encrypted reversibly).
var sensitiveLeaves = []string{
	"auth-key", "auth-password", "community", "encryption-aes", "encryption-default",
	"key-value", "password", "password-hashed", "priv-password", "secret-key", "secret-key-hashed",
}

// SecretPlaceholder is what a plan shows for the value of a secret bound
// to ref.
func SecretPlaceholder(ref string) string { return "(secret from " + ref + ")" }

// Redact returns a copy of changes that holds no secret: at a path that
// secrets bind, After shows SecretPlaceholder and Before shows Redacted;
// values of sensitive leaves (password, secret-key, ...), also inside the
// Before of a deleted list entry, show Redacted. changes is not modified.
// Redact is idempotent.
func Redact(changes []diff.Change, secrets []providers.SecretBinding) []diff.Change {
	bound := make(map[string]string, len(secrets))
	for _, s := range secrets {
		p, err := diff.CanonicalPath(s.Path)
		if err != nil {
			p = s.Path
		}
		bound[p] = SecretPlaceholder(s.Ref.String())
	}
	out := slices.Clone(changes)
	for i := range out {
		c := &out[i]
		if ph, ok := bound[c.Path]; ok {
			c.Before = redactValue(c.Before, Redacted)
			c.After = redactValue(c.After, ph)
			continue
		}
		if isSensitive(c.Path) {
			c.Before = redactValue(c.Before, Redacted)
			c.After = redactValue(c.After, Redacted)
			continue
		}
		if m, ok := c.Before.(map[string]any); ok {
			c.Before = redactEntry(c.Path, m, bound)
		}
	}
	return out
}

// redactEntry redacts the leaves of a deleted entry's Before map.
func redactEntry(entry string, m map[string]any, bound map[string]string) map[string]any {
	out := maps.Clone(m)
	for rel, v := range out {
		if _, ok := bound[entry+"/"+rel]; ok || isSensitive(rel) {
			out[rel] = redactValue(v, Redacted)
		}
	}
	return out
}

func redactValue(v any, with string) any {
	if v == nil {
		return nil
	}
	return with
}

// isSensitive reports whether the last element of path p names a
// credential leaf.
func isSensitive(p string) bool {
	i := strings.LastIndexByte(p, '/')
	last := p[i+1:]
	if strings.ContainsAny(last, "[]") {
		return false
	}
	return slices.Contains(sensitiveLeaves, last)
}

// redacted returns the copy of p that is written and rendered: every
// device's changes redacted, nil slices that the schema requires made
// empty, the current Version and a freshly computed Summary.
func (p *Plan) redacted() *Plan {
	q := *p
	q.Devices = make([]DevicePlan, len(p.Devices)) // never nil: the schema requires devices
	for i, d := range p.Devices {
		d.Changes = Redact(d.Changes, d.Secrets)
		if d.Changes == nil {
			d.Changes = []diff.Change{}
		}
		q.Devices[i] = d
	}
	q.Version = Version
	q.Summary = Summarize(q.Devices)
	return &q
}

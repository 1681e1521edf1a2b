package providers

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
)

// Secret list keys. Some native lists are keyed by a secret: IOS-XE's
// snmp-server community-config[name] and host-config entries, IOS-XR's
// snmp-server community and host traps entries are keyed by the community
// string itself. A key is part of every change path, and paths show in
// plans, drift reports, claims and errors. So, before a diff, every key of
// such a list, on both sides, is replaced by its alias: "secret-" and 16
// hex digits of a keyed fingerprint of the value (the state directory's
// key, see Desired.KeyAlias), the same on every run and for every list, so
// that a community and the trap hosts that use it show the same alias and
// a claim made by one run is found by the next. The intent writes such a
// key as a reference (rendered as a placeholder, Desired.KeyRefs); a
// running key that the intent writes in clear (a native.yang block, a
// claim it made) stays as it is. The real values stay in memory with the
// desired state the diff was made from: a push turns the aliases back
// (RevealKeys) and hides the values again in its errors (ScrubKeys).

// SecretKeyed names a native list whose key leaf Key holds a secret. List
// is its schema path: module-qualified first element, no keys
// ("/Cisco-IOS-XE-native:native/snmp-server/community-config").
type SecretKeyed struct {
	List string
	Key  string
}

// aliasPrefix starts every alias of a secret key.
const aliasPrefix = "secret-"

// aliasDomain is what a key's fingerprint is computed under, beside the
// device name: one domain for every list, so equal values share an alias.
const aliasDomain = "#native-list-key"

// KeyAliasFunc returns the alias of a secret key value of a device from a
// keyed fingerprint function (state.Fingerprinter.Sum).
func KeyAliasFunc(device string, sum func(device, path string, value []byte) string) func(string) string {
	return func(v string) string {
		return aliasPrefix + sum(device, aliasDomain, []byte(v))[:16]
	}
}

// processKey fingerprints keys when no state key is given (Desired.KeyAlias
// nil): aliases are then stable within this process only.
var processKey = func() []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		panic(fmt.Sprintf("secret key aliases: no random source: %v", err))
	}
	return k
}()

func processSum(device, path string, value []byte) string {
	m := hmac.New(sha256.New, processKey)
	m.Write([]byte(device + "\x00" + path + "\x00"))
	m.Write(value)
	return hex.EncodeToString(m.Sum(nil))
}

// AliasSecretKeys returns desired with the keys of its secret-keyed lists
// (desired.SecretKeyed) replaced by their aliases, the placeholders of
// desired.KeyRefs by the alias of the value behind the reference (read
// through src), and running's keys of the same lists replaced in place.
// The returned desired keeps the values by alias for RevealKeys and
// ScrubKeys. A desired without secret-keyed lists is returned as it is. A
// reference that cannot be read is an error naming it, never a value.
func AliasSecretKeys(desired *Desired, running *Running, src credentials.Source) (*Desired, error) {
	if desired == nil || !hasKeyedEntries(desired, running) {
		return desired, nil
	}
	alias := desired.KeyAlias
	if alias == nil {
		alias = KeyAliasFunc(desired.Device, processSum)
	}
	d := *desired
	d.Native = copyTree(desired.Native)
	d.keyValues = map[string]string{}
	for _, l := range desired.SecretKeyed {
		plain := map[string]bool{}
		var err error
		eachEntry(d.Native, l.List, func(e map[string]any) {
			k, member, ok := keyOf(e, l.Key)
			if !ok || err != nil {
				return
			}
			ref, isRef := desired.KeyRefs[k]
			if !isRef {
				plain[k] = true
				return
			}
			v, rerr := src.Value(ref)
			if rerr != nil {
				err = fmt.Errorf("secret key of %s (%s): %w", l.List, ref, rerr)
				return
			}
			a := alias(v.Reveal())
			d.keyValues[a] = v.Reveal()
			e[member] = a
		})
		if err != nil {
			return nil, err
		}
		for _, k := range claimedKeys(desired.Owned, l) {
			plain[k] = true
		}
		if running == nil {
			continue
		}
		eachEntry(running.Native, l.List, func(e map[string]any) {
			k, member, ok := keyOf(e, l.Key)
			if !ok || plain[k] {
				return
			}
			a := alias(k)
			d.keyValues[a] = k
			e[member] = a
		})
	}
	return &d, nil
}

// hasKeyedEntries reports whether desired or running has an entry in one
// of desired's secret-keyed lists (most devices have none: no copy then).
func hasKeyedEntries(desired *Desired, running *Running) bool {
	for _, l := range desired.SecretKeyed {
		found := false
		eachEntry(desired.Native, l.List, func(map[string]any) { found = true })
		if running != nil && !found {
			eachEntry(running.Native, l.List, func(map[string]any) { found = true })
		}
		if found {
			return true
		}
	}
	return false
}

// RevealKeys returns changes with every alias of a secret key (in path
// keys and in string values) replaced by the value: what the push sends.
// The result holds secret values: never log or show it.
func (d *Desired) RevealKeys(changes []Change) ([]Change, error) {
	if d == nil || len(d.keyValues) == 0 {
		return changes, nil
	}
	out := make([]Change, len(changes))
	for i, c := range changes {
		p, err := diff.MapKeys(c.Path, func(v string) string {
			if r, ok := d.keyValues[v]; ok {
				return r
			}
			return v
		})
		if err != nil {
			return nil, fmt.Errorf("change %s: %w", c.Path, err)
		}
		c.Path = p
		if s, ok := c.After.(string); ok {
			if r, ok := d.keyValues[s]; ok {
				c.After = r
			}
		}
		out[i] = c
	}
	return out, nil
}

// WithKeys calls push with changes revealed (RevealKeys) and returns its
// result with the error scrubbed (ScrubKeys): what a session's Begin does
// around the edit it sends. An error revealing names the device only.
func (d *Desired) WithKeys(changes []Change, push func([]Change) (*Txn, error)) (*Txn, error) {
	revealed, err := d.RevealKeys(changes)
	if err != nil {
		return nil, err
	}
	txn, err := push(revealed)
	return txn, d.ScrubKeys(err)
}

// ScrubKeys returns err with every secret key value in its message
// replaced by its alias (a device's error may quote the key it refused);
// nil stays nil.
func (d *Desired) ScrubKeys(err error) error {
	if err == nil || d == nil || len(d.keyValues) == 0 {
		return err
	}
	msg := err.Error()
	// Longer values first, so that a value inside another is not replaced
	// within it.
	aliases := slices.SortedFunc(maps.Keys(d.keyValues), func(a, b string) int {
		return len(d.keyValues[b]) - len(d.keyValues[a])
	})
	for _, a := range aliases {
		msg = strings.ReplaceAll(msg, d.keyValues[a], a)
	}
	return &scrubbedError{msg: msg, err: err}
}

// scrubbedError is an error whose message had secret values replaced; it
// unwraps to the original for errors.Is and errors.As.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// claimedKeys returns the values of key l.Key of list l in o's claim
// paths: keys the intent once wrote in clear (an alias is never a value).
func claimedKeys(o *Ownership, l SecretKeyed) []string {
	var out []string
	for _, c := range o.claims() {
		if v, ok := diff.KeyAt(c.Path, l.List, l.Key); ok && !strings.HasPrefix(v, aliasPrefix) {
			out = append(out, v)
		}
	}
	return out
}

// keyOf returns the value of key leaf name in list entry e and the
// member holding it (its name may be module-qualified).
func keyOf(e map[string]any, name string) (string, string, bool) {
	for m, v := range e {
		if local(m) != name {
			continue
		}
		s, ok := v.(string)
		return s, m, ok
	}
	return "", "", false
}

// eachEntry calls f for every entry of the list at schema path list in
// tree (a module-qualified RFC 7951 tree), through the entries of any list
// above it. Members match by name whatever their module prefix.
func eachEntry(tree map[string]any, list string, f func(map[string]any)) {
	elems := strings.Split(strings.TrimPrefix(list, "/"), "/")
	var walk func(v any, i int)
	walk = func(v any, i int) {
		switch x := v.(type) {
		case []any:
			for _, it := range x {
				walk(it, i)
			}
		case map[string]any:
			if i == len(elems) {
				f(x)
				return
			}
			for m, c := range x {
				if local(m) == local(elems[i]) {
					walk(c, i+1)
				}
			}
		}
	}
	walk(tree, 0)
}

// local strips a member name's module prefix.
func local(m string) string {
	if _, l, ok := strings.Cut(m, ":"); ok {
		return l
	}
	return m
}

// copyTree returns a deep copy of a JSON tree.
func copyTree(t map[string]any) map[string]any {
	if t == nil {
		return nil
	}
	c, _ := copyValue(t).(map[string]any)
	return c
}

func copyValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = copyValue(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = copyValue(e)
		}
		return l
	}
	return v
}

// KeyPlaceholder is the key value the renderer writes for a list key that
// is the secret behind ref (see Desired.KeyRefs).
func KeyPlaceholder(ref models.SecretRef) string {
	return "{{secret " + ref.String() + "}}"
}

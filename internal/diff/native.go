package diff

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/openconfig/goyang/pkg/yang"
)

// Native subtrees (a platform's own YANG model, beside OpenConfig) are
// diffed by the same walker, on module-qualified RFC 7951 trees whose
// schema comes from the device's profile (profiles.Profile.NativeEntry).
// Their paths start with the module-qualified top-level node
// ("/Cisco-IOS-XE-native:native/logging/trap/severity"); that prefix is
// the route a change takes (see Route). Native lists have no config
// container: the key leaves of an entry are implied by its path whenever
// the entry has other members.

// Route names of a change path.
const (
	RouteOpenConfig = "openconfig"
	RouteNative     = "native"
	RouteCLI        = "cli"
)

// Route says which route a change path takes: "native" when its first
// element is module-qualified, "openconfig" for other gNMI-style paths,
// "cli" for CLI line paths.
func Route(path string) string {
	if !strings.HasPrefix(path, "/") {
		return RouteCLI
	}
	first, _, _ := strings.Cut(path[1:], "/")
	first, _, _ = strings.Cut(first, "[")
	if strings.Contains(first, ":") {
		return RouteNative
	}
	return RouteOpenConfig
}

// ComputeNative is Compute for native subtrees: desired and running are
// module-qualified trees (nil is empty), root the native schema.
func ComputeNative(root *yang.Entry, desired, running map[string]any, scope Scope) (*Delta, error) {
	if len(desired) == 0 && len(running) == 0 {
		return &Delta{}, nil
	}
	if root == nil {
		return nil, fmt.Errorf("native subtrees without a native schema (the device's release has no profile)")
	}
	cs, err := compileScope(scope)
	if err != nil {
		return nil, fmt.Errorf("diff scope: %w", err)
	}
	w := &walker{scope: cs, keys: map[*yang.Entry][]keyInfo{}, native: true}
	if err := w.dir(root, nil, desired, running, nil); err != nil {
		return nil, err
	}
	slices.SortFunc(w.out, func(a, b pathChange) int { return comparePaths(a.p, b.p) })
	d := &Delta{}
	for _, pc := range w.out {
		pc.c.Path = pc.p.String()
		d.Changes = append(d.Changes, pc.c)
	}
	return d, nil
}

// nativeSkip returns the keys of native list entry m that its path implies:
// all of them when m has other members.
func nativeSkip(keys []keyInfo, m map[string]any) []string {
	if len(m) <= len(keys) {
		return nil
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.name
	}
	return out
}

// ReleaseNative is Release for native subtrees.
func ReleaseNative(root *yang.Entry, desired, running map[string]any, claims []Claim) ([]Change, error) {
	var native []Claim
	for _, c := range claims {
		if Route(c.Path) == RouteNative {
			native = append(native, c)
		}
	}
	if len(native) == 0 || root == nil {
		return nil, nil
	}
	dl, rl := nativeLeaves(root, desired), nativeLeaves(root, running)
	return collapseEntries(release(dl, rl, native), dl, rl), nil
}

// collapseEntries turns the deletes that together remove every leaf a
// running list entry has into one delete of the entry, when desired has
// no such entry: a native entry's keys are implied by its path, so
// deleting its leaves alone would leave the entry (an SNMP community is
// its key) on the device. Repeated up the tree, an entry left with only
// entries deleted whole goes too.
func collapseEntries(changes []Change, dl, rl *leafIndex) []Change {
	for {
		e, ok := collapsible(changes, dl, rl)
		if !ok {
			sortChanges(changes)
			return changes
		}
		reason := ""
		kept := changes[:0]
		for _, c := range changes {
			if c.Op == Delete && IsBelow(c.Path, e) {
				if reason == "" {
					reason = c.Reason
				}
				continue
			}
			kept = append(kept, c)
		}
		changes = append(kept, Change{Op: Delete, Path: e, Before: rl.below(e), Reason: reason})
	}
}

// collapsible returns an entry all of whose running leaves changes delete
// and that desired lacks.
func collapsible(changes []Change, dl, rl *leafIndex) (string, bool) {
	for _, c := range changes {
		if c.Op != Delete {
			continue
		}
		e := entryAbove(c.Path)
		if e == "" || dl.has(e) || !rl.has(e) {
			continue
		}
		all := true
		for p := range rl.below(e) {
			leaf := e + "/" + p
			if !slices.ContainsFunc(changes, func(d Change) bool { return d.Op == Delete && (d.Path == leaf || IsBelow(leaf, d.Path)) }) {
				all = false
				break
			}
		}
		if all {
			return e, true
		}
	}
	return "", false
}

// entryAbove returns the path of the deepest list entry strictly above
// path p ("" when none).
func entryAbove(p string) string {
	pp, err := parsePath(p)
	if err != nil {
		return ""
	}
	for i := len(pp) - 2; i >= 0; i-- {
		if len(pp[i].keys) > 0 {
			return pp[:i+1].String()
		}
	}
	return ""
}

func nativeLeaves(root *yang.Entry, tree map[string]any) *leafIndex {
	w := &walker{scope: &compiledScope{}, keys: map[*yang.Entry][]keyInfo{}, native: true}
	rel := map[string]any{}
	w.flattenDir(root, nil, tree, nil, rel)
	li := &leafIndex{m: make(map[string]any, len(rel))}
	for k, v := range rel {
		li.m["/"+k] = v
		li.keys = append(li.keys, "/"+k)
	}
	sort.Strings(li.keys)
	return li
}

// ReasonSecretAbsent is the Reason of a change that sets a native secret
// (a native.yang leaf whose value is a secret reference) that the device
// does not have. Such a change carries no value: the push reads it from
// the reference. A secret the device has compares equal whatever its
// stored form; a rotation behind the reference is ReasonSecretRotated.
const ReasonSecretAbsent = "secret not on the device"

// IsSecretResend reports whether c is a change that carries no value and
// sets a secret from its reference at push time: rotated, changed on the
// device, or absent from it.
func IsSecretResend(c Change) bool {
	return c.Reason == ReasonSecretRotated || c.Reason == ReasonSecretChanged || c.Reason == ReasonSecretAbsent
}

// AbsentNativeSecrets returns changes plus, for each native path of
// secrets that running (a module-qualified tree, root its schema) lacks
// and no change of changes sets, a create with ReasonSecretAbsent.
func AbsentNativeSecrets(root *yang.Entry, running map[string]any, secrets []string, changes []Change) []Change {
	var rl *leafIndex
	for _, p := range secrets {
		if Route(p) != RouteNative || root == nil {
			continue
		}
		if slices.ContainsFunc(changes, func(c Change) bool { return c.Path == p }) {
			continue
		}
		if rl == nil {
			rl = nativeLeaves(root, running)
		}
		if !rl.has(p) {
			changes = append(changes, Change{Op: Create, Path: p, Reason: ReasonSecretAbsent})
		}
	}
	return changes
}

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
	return release(dl, rl, native), nil
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

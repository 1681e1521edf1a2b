package diff

import (
	"slices"

	"github.com/openconfig/goyang/pkg/yang"
)

// AbsentNative returns changes plus a Delete of each native path of absent
// (a container or a leaf the intent excludes: the protocols and levels
// other than the one it chose) that running (a module-qualified tree,
// root its schema) has and no change of changes deletes already. Before
// is the value running has there: a leaf's value, or a container's
// leaves by path relative to it.
func AbsentNative(root *yang.Entry, running map[string]any, absent []string, changes []Change) []Change {
	if root == nil || len(running) == 0 || len(absent) == 0 {
		return changes
	}
	rl := nativeLeaves(root, running)
	for _, p := range absent {
		if Route(p) != RouteNative || !rl.has(p) {
			continue
		}
		if slices.ContainsFunc(changes, func(c Change) bool { return c.Op == Delete && (c.Path == p || IsBelow(p, c.Path)) }) {
			continue
		}
		var before any = rl.below(p)
		if v, leaf := rl.m[p]; leaf {
			before = v
		}
		changes = append(changes, Change{Op: Delete, Path: p, Before: before})
	}
	return changes
}

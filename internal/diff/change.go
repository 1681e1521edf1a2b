package diff

import (
	"slices"
)

// Op is what a change does to a path.
type Op string

// The operations of a Change.
const (
	// Create sets a leaf (or leaf-list) that the device does not have.
	Create Op = "create"
	// Update changes the value of a leaf (or leaf-list) the device has.
	Update Op = "update"
	// Delete removes a leaf, a leaf-list or, at a list entry's path, the
	// whole entry.
	Delete Op = "delete"
)

// Change is one edit of the running configuration.
//
// Path is a gNMI path string with list keys in brackets
// (/interfaces/interface[name=GigabitEthernet1/0/1]/config/description);
// in key values `\` and `]` are escaped with a backslash and identityref
// keys carry no module prefix. Before and After are the leaf's values in
// RFC 7951 JSON form as decoded by encoding/json (string, float64, bool,
// []any for a leaf-list), nil when absent. A Delete at a list entry's path
// removes the whole entry; its Before is a map from each of the entry's leaf
// paths, relative to the entry, to its value. Reason, when set, says why a
// change is there beyond "the intent sets it": a claim released (see
// ReleaseReason) or a secret rotated (ReasonSecretRotated).
type Change struct {
	Op     Op     `json:"op"`
	Path   string `json:"path"`
	Before any    `json:"before,omitempty"`
	After  any    `json:"after,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Delta is the difference between a desired and a running configuration,
// restricted to a Scope. Changes are sorted by path: element names
// lexically, list entries by key in natural order (numbers as numbers, so
// ACL entry 20 comes before entry 100), an entry before the leaves below
// it. A Delta is a value: it is safe for concurrent reads.
type Delta struct {
	Changes []Change `json:"changes"`
}

// IsEmpty reports whether d has no changes. A nil Delta is empty.
func (d *Delta) IsEmpty() bool { return d == nil || len(d.Changes) == 0 }

// Counts returns how many changes of each kind d has.
func (d *Delta) Counts() (creates, updates, deletes int) {
	if d == nil {
		return 0, 0, 0
	}
	return Count(d.Changes)
}

// Count returns how many changes of each kind there are in cs.
func Count(cs []Change) (creates, updates, deletes int) {
	for _, c := range cs {
		switch c.Op {
		case Create:
			creates++
		case Update:
			updates++
		case Delete:
			deletes++
		}
	}
	return creates, updates, deletes
}

// EntryChanges are the changes that fall under one list entry (the
// deepest list entry on their path) or, for leaves outside any list, under
// one top-level container such as /system.
type EntryChanges struct {
	// Path is the entry's (or container's) path.
	Path string
	// Op is Create when every change creates (a new entry shows so),
	// Delete when the entry itself is deleted, Update otherwise.
	Op Op
	// Changes are the entry's changes, in Delta order.
	Changes []Change
}

// Group groups cs per list entry for display. Groups are in path order (a
// parent entry before its children); unparsable paths form groups of
// their own, at the end, in input order.
func Group(cs []Change) []EntryChanges {
	type group struct {
		p path
		g EntryChanges
	}
	var groups []*group
	index := map[string]*group{}
	var bad []EntryChanges
	for _, c := range cs {
		p, err := parsePath(c.Path)
		if err != nil {
			bad = append(bad, EntryChanges{Path: c.Path, Op: c.Op, Changes: []Change{c}})
			continue
		}
		ep := entryOf(p)
		key := ep.String()
		g := index[key]
		if g == nil {
			g = &group{p: ep, g: EntryChanges{Path: key, Op: Create}}
			index[key] = g
			groups = append(groups, g)
		}
		g.g.Changes = append(g.g.Changes, c)
		g.g.Op = groupOp(g.g.Op, c, key)
	}
	slices.SortStableFunc(groups, func(a, b *group) int { return comparePaths(a.p, b.p) })
	out := make([]EntryChanges, 0, len(groups)+len(bad))
	for _, g := range groups {
		out = append(out, g.g)
	}
	return append(out, bad...)
}

// Groups groups d's changes per list entry; see Group.
func (d *Delta) Groups() []EntryChanges {
	if d == nil {
		return nil
	}
	return Group(d.Changes)
}

// groupOp folds change c into the op of the group at path entry.
func groupOp(op Op, c Change, entry string) Op {
	switch {
	case c.Op == Delete && c.Path == entry:
		return Delete
	case op == Create && c.Op == Create:
		return Create
	}
	return Update
}

// entryOf returns the prefix of p up to its last keyed element or, when p
// has no keys, p's first element.
func entryOf(p path) path {
	for i := len(p) - 1; i >= 0; i-- {
		if len(p[i].keys) > 0 {
			return p[:i+1]
		}
	}
	return p[:min(1, len(p))]
}

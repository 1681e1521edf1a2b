package diff

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/openconfig/goyang/pkg/yang"

	"github.com/switchyard/switchyard/models/openconfig"
)

// Claim is one path switchyard has set on a device: a leaf (or leaf-list)
// path, a list entry it created (Entry), or, for CLI platforms, a line path
// ("vlan 40 > name users"). Original is the value the device had before
// switchyard first changed the path (in the same form as Change.Before);
// HadOriginal is false when the path did not exist before.
type Claim struct {
	Path        string `json:"path"`
	Rev         string `json:"rev"`
	Original    any    `json:"original,omitempty"`
	HadOriginal bool   `json:"had_original,omitempty"`
	Entry       bool   `json:"entry,omitempty"`
	// Values are, for a leaf-list, the values switchyard added to it
	// (those the list did not have before): when the intent stops setting
	// one while still setting the leaf-list, that value is removed (see
	// ClaimedValues), values others added stay.
	Values []any `json:"values,omitempty"`
}

// Release reasons: the first word of Change.Reason says what a change
// releasing a claim does.
const (
	// ReasonRestore starts the reason of a change that puts back the value
	// a path had before switchyard set it.
	ReasonRestore = "restore"
	// ReasonDelete starts the reason of a change that removes a path
	// switchyard created.
	ReasonDelete = "delete"
)

// ReleaseReason is the Change.Reason of a change that releases a claim:
// "restore: no longer in intent, set by switchyard at REV" (or "delete:
// ...").
func ReleaseReason(c Claim) string {
	verb := ReasonDelete
	if c.HadOriginal {
		verb = ReasonRestore
	}
	return verb + ": no longer in intent, set by switchyard at " + ShortRev(c.Rev)
}

// ShortRev abbreviates a revision hash to 12 characters.
func ShortRev(rev string) string {
	if rev == "" {
		return "an unknown revision"
	}
	return rev[:min(12, len(rev))]
}

// IsBelow reports whether path p lies strictly below path parent, for
// gNMI paths ("/a/b" below "/a") and CLI line paths ("a > b" below "a").
func IsBelow(p, parent string) bool {
	return strings.HasPrefix(p, parent+"/") || strings.HasPrefix(p, parent+" > ")
}

// Release returns the changes that release the claims desired no longer
// sets, on an OpenConfig device: a claimed leaf that running has and
// desired does not set is put back to its original value (ReasonRestore)
// or deleted (ReasonDelete); a claimed list entry desired lacks is deleted
// whole (and the claims below it are not looked at). Claims running no
// longer has, or whose original running already shows, need nothing.
// Changes carry Reason; they are sorted like a Delta's.
func Release(desired, running *openconfig.Device, claims []Claim) ([]Change, error) {
	if len(claims) == 0 {
		return nil, nil
	}
	dl, err := leavesOf(desired)
	if err != nil {
		return nil, fmt.Errorf("desired tree: %w", err)
	}
	rl, err := leavesOf(running)
	if err != nil {
		return nil, fmt.Errorf("running tree: %w", err)
	}
	return release(dl, rl, claims), nil
}

// release releases claims given the desired and running leaves.
func release(dl, rl *leafIndex, claims []Claim) []Change {
	sorted := slices.Clone(claims)
	slices.SortFunc(sorted, func(a, b Claim) int { return strings.Compare(a.Path, b.Path) })
	var out []Change
	var gone []string // entries deleted whole
	for _, c := range sorted {
		if slices.ContainsFunc(gone, func(g string) bool { return IsBelow(c.Path, g) }) {
			continue
		}
		if c.Entry {
			if dl.has(c.Path) || !rl.has(c.Path) {
				continue
			}
			out = append(out, Change{Op: Delete, Path: c.Path, Before: rl.below(c.Path), Reason: ReleaseReason(c)})
			gone = append(gone, c.Path)
			continue
		}
		if _, ok := dl.m[c.Path]; ok {
			continue
		}
		if ch, ok := releaseLeaf(c, rl); ok {
			out = append(out, ch)
		}
	}
	sortChanges(out)
	return out
}

// releaseLeaf releases one leaf claim against the running leaves.
func releaseLeaf(c Claim, rl *leafIndex) (Change, bool) {
	rv, inR := rl.m[c.Path]
	switch {
	case c.HadOriginal && inR && equalValue(rv, c.Original):
		return Change{}, false
	case c.HadOriginal && inR:
		return Change{Op: Update, Path: c.Path, Before: rv, After: c.Original, Reason: ReleaseReason(c)}, true
	case c.HadOriginal:
		return Change{Op: Create, Path: c.Path, After: c.Original, Reason: ReleaseReason(c)}, true
	case inR:
		return Change{Op: Delete, Path: c.Path, Before: rv, Reason: ReleaseReason(c)}, true
	}
	return Change{}, false
}

// leafIndex is every leaf of a tree by absolute path.
type leafIndex struct {
	m    map[string]any
	keys []string // sorted
}

func leavesOf(d *openconfig.Device) (*leafIndex, error) {
	j, err := treeJSON(d)
	if err != nil {
		return nil, err
	}
	w := &walker{scope: &compiledScope{}, keys: map[*yang.Entry][]keyInfo{}}
	rel := map[string]any{}
	w.flattenDir(openconfig.SchemaTree["Device"], nil, j, nil, rel)
	li := &leafIndex{m: make(map[string]any, len(rel))}
	for k, v := range rel {
		li.m["/"+k] = v
		li.keys = append(li.keys, "/"+k)
	}
	sort.Strings(li.keys)
	return li, nil
}

// has reports whether a leaf lies at or below p.
func (li *leafIndex) has(p string) bool {
	if _, ok := li.m[p]; ok {
		return true
	}
	i := sort.SearchStrings(li.keys, p+"/")
	return i < len(li.keys) && strings.HasPrefix(li.keys[i], p+"/")
}

// below returns the leaves below entry p, by path relative to it.
func (li *leafIndex) below(p string) map[string]any {
	out := map[string]any{}
	for i := sort.SearchStrings(li.keys, p+"/"); i < len(li.keys) && strings.HasPrefix(li.keys[i], p+"/"); i++ {
		out[strings.TrimPrefix(li.keys[i], p+"/")] = li.m[li.keys[i]]
	}
	return out
}

// ReasonSecretRotated is the Reason of a change that re-sends a secret
// whose value behind its reference changed since switchyard last pushed
// it. Such a change carries no value (Before and After are nil): the push
// reads it from the reference.
const ReasonSecretRotated = "secret rotated"

// ReasonSecretChanged is the Reason of a change that re-sends a secret
// whose stored form (hash, encryption) on the device is no longer the one
// it showed after switchyard pushed it: someone changed it on the device.
const ReasonSecretChanged = "secret changed on the device"

// IsRelease reports whether c releases a claim (see Release).
func IsRelease(c Change) bool {
	return strings.HasPrefix(c.Reason, ReasonRestore+":") || strings.HasPrefix(c.Reason, ReasonDelete+":")
}

// Record returns the claims after a confirmed push of pushed by revision
// rev: every path created or updated becomes a claim (keeping the
// original value of a path already claimed, else taking the value the
// change replaced), a list entry the push created is claimed whole, and
// the claims of paths the push deleted or released (and of paths below
// them) end. prev is not modified; the result is sorted by path.
func Record(prev []Claim, pushed []Change, rev string) []Claim {
	m := make(map[string]Claim, len(prev)+len(pushed))
	for _, c := range prev {
		m[c.Path] = c
	}
	for _, c := range pushed {
		switch {
		case IsSecretResend(c):
		case IsRelease(c) || c.Op == Delete:
			drop(m, c.Path)
		default:
			claim(m, c, rev)
		}
	}
	out := make([]Claim, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Claim) int { return strings.Compare(a.Path, b.Path) })
	return out
}

func drop(m map[string]Claim, p string) {
	for k := range m {
		if k == p || IsBelow(k, p) {
			delete(m, k)
		}
	}
}

// claim records a create or update of c.Path by rev.
func claim(m map[string]Claim, c Change, rev string) {
	if old, ok := m[c.Path]; ok {
		old.Rev = rev
		old.Values = claimValues(old.Values, c)
		m[c.Path] = old
		return
	}
	cl := Claim{Path: c.Path, Rev: rev, Values: claimValues(nil, c)}
	if c.Op == Update {
		cl.Original, cl.HadOriginal = c.Before, true
		if replaced, ok := lineReplaced(c); ok {
			// A CLI line path carries its value: the line it replaced
			// was claimed under its own path, and hands its original on.
			if old, owned := m[replaced]; owned {
				cl.Original, cl.HadOriginal = old.Original, old.HadOriginal
				delete(m, replaced)
			}
		}
	}
	m[c.Path] = cl
	if e := createdEntry(c); e != "" {
		if _, ok := m[e]; !ok {
			m[e] = Claim{Path: e, Rev: rev, Entry: true}
		}
	}
}

// lineReplaced returns the CLI line path that an update of a line path
// replaced (the same parents, the Before line).
func lineReplaced(c Change) (string, bool) {
	before, ok := c.Before.(string)
	if !ok || strings.HasPrefix(c.Path, "/") {
		return "", false
	}
	if i := strings.LastIndex(c.Path, " > "); i >= 0 {
		return c.Path[:i+3] + before, true
	}
	return before, true
}

// createdEntry returns the list entry an OpenConfig create of its
// config/KEY leaf shows to be new (every OpenConfig list repeats its keys
// under config, and Compute creates them only for a new entry), or "".
func createdEntry(c Change) string {
	if c.Op != Create || !strings.HasPrefix(c.Path, "/") {
		return ""
	}
	p, err := parsePath(c.Path)
	if err != nil || len(p) < 3 || p[len(p)-2].name != "config" {
		return ""
	}
	e := p[len(p)-3]
	if !slices.ContainsFunc(e.keys, func(kv keyVal) bool { return kv.k == p[len(p)-1].name }) {
		return ""
	}
	return p[:len(p)-2].String()
}

// MergeReleases adds the releases rel to changes, leaving out a release of
// a path that changes already changes, or that lies below an entry changes
// deletes (an authoritative list removes it anyway), and a deletion in
// changes below an entry a release deletes (a claimed leaf-list value in a
// released entry). OpenConfig paths are kept in Delta order.
func MergeReleases(changes, rel []Change) []Change {
	if len(rel) == 0 {
		return changes
	}
	out := slices.DeleteFunc(slices.Clone(changes), func(c Change) bool {
		return c.Op == Delete && slices.ContainsFunc(rel, func(r Change) bool { return r.Op == Delete && IsBelow(c.Path, r.Path) })
	})
	for _, r := range rel {
		covered := slices.ContainsFunc(changes, func(c Change) bool {
			return c.Path == r.Path || (c.Op == Delete && IsBelow(r.Path, c.Path))
		})
		if !covered {
			out = append(out, r)
		}
	}
	sortChanges(out)
	return out
}

// MergeSecrets adds one change without a value for every secret path in
// rotated (ReasonSecretRotated) and changed (ReasonSecretChanged) that
// changes does not already set.
func MergeSecrets(changes []Change, rotated, changed []string) []Change {
	add := func(paths []string, reason string) {
		for _, p := range paths {
			if !slices.ContainsFunc(changes, func(c Change) bool { return c.Path == p }) {
				changes = append(changes, Change{Op: Update, Path: p, Reason: reason})
			}
		}
	}
	add(rotated, ReasonSecretRotated)
	add(changed, ReasonSecretChanged)
	return changes
}

// sortChanges sorts gNMI-path changes in Delta order (others by text).
func sortChanges(cs []Change) {
	slices.SortStableFunc(cs, func(a, b Change) int {
		pa, ea := parsePath(a.Path)
		pb, eb := parsePath(b.Path)
		if ea != nil || eb != nil {
			return 0
		}
		return comparePaths(pa, pb)
	})
}

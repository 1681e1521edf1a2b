package diff

import (
	"encoding/json"
	"fmt"
)

// Scope says which parts of the running configuration switchyard owns
// beyond the leaves the desired tree sets. The zero Scope owns nothing:
// Compute then only creates and updates what the desired tree sets.
//
// Patterns are gNMI path strings. Element names must match exactly; a key
// named in the pattern must match exactly unless its value is "*"; keys
// the pattern does not name match any entry. So
// "/network-instances/network-instance[name=default]/vlans/vlan" owns the
// VLANs of the default instance and "/system/aaa/authentication/users/user"
// owns every local user.
type Scope struct {
	// Owned are lists and leaf-lists whose running entries (elements) that
	// the desired tree lacks are removed.
	Owned []OwnedList
	// OwnedLeaves are leaf values whose every occurrence switchyard owns;
	// see OwnedLeaf.
	OwnedLeaves []OwnedLeaf
}

// OwnedList makes a list or a leaf-list authoritative.
//
// For a list, each running entry under a path matching Path that the
// desired tree does not have is deleted with one Delete change at the
// entry's path, unless Keep or Match spare it. This holds even where the
// desired tree has no entry of the list at all.
//
// For a leaf-list, the desired value is the whole value: running elements
// that the desired leaf-list lacks are removed unless Keep spares them
// (Keep gets {"value": element}, a range element such as "10..20" as
// written). Without ownership a leaf-list that is not ordered-by-user
// merges: desired elements are added and extra running elements stay.
// Ordered-by-user leaf-lists are always replaced by the desired value,
// since their order is part of it.
type OwnedList struct {
	// Path is the pattern of the list (or leaf-list) path.
	Path string
	// Keep, when not nil, spares the entries it returns true for; it gets
	// the entry's keys (identityref keys without module prefix). Example:
	// reserved VLANs 1 and 1002-1005 are kept.
	Keep func(keys map[string]string) bool
	// Match, when not nil, restricts deletion to the entries it returns
	// true for (for lists only). Example: only users whose role is a
	// switchyard role.
	Match func(e Entry) bool
}

// OwnedLeaf owns one value of a leaf (or leaf-list) wherever it occurs:
// for every running leaf matching Path whose value is Value (for a
// leaf-list: that contains Value, also inside a range "N..M") and whose
// desired counterpart is not set to (does not contain) Value, the value is
// removed: the leaf is deleted, or Value is taken out of the leaf-list
// (splitting a range; the leaf-list is deleted when nothing is left).
//
// This is how a provider states authoritative VLAN membership: "the ports
// in VLAN 20 are exactly the desired ones" is
//
//	OwnedLeaf{Path: "/interfaces/interface/ethernet/switched-vlan/config/access-vlan", Value: 20}
//	OwnedLeaf{Path: "/interfaces/interface/ethernet/switched-vlan/config/trunk-vlans", Value: 20}
//
// (and the same under aggregation/switched-vlan for port-channels): a port
// with access-vlan 20 that the intent does not put in VLAN 20 loses its
// access-vlan, and trunks that carry 20 but should not have it removed
// from trunk-vlans. Port-channel membership is OwnedLeaf{Path:
// "/interfaces/interface/ethernet/config/aggregate-id", Value: "Po1"}.
type OwnedLeaf struct {
	// Path is the pattern of the leaf path.
	Path string
	// Value is the owned value: a Go value that encodes to its RFC 7951
	// JSON form (20 for a uint16, "Po1" for a string).
	Value any
}

// Entry is a list entry of the running configuration, as given to
// OwnedList.Match.
type Entry struct {
	// Path is the entry's path.
	Path string
	// Keys are the entry's keys.
	Keys map[string]string
	// Leaves maps each leaf path below the entry, relative to it
	// ("config/role", "ipv4/config/protocol"), to its RFC 7951 value.
	Leaves map[string]any
}

// compiledScope is a Scope with its patterns parsed.
type compiledScope struct {
	lists  []compiledList
	leaves []compiledLeaf
}

type compiledList struct {
	pat pattern
	OwnedList
}

type compiledLeaf struct {
	pat   pattern
	value any
}

func compileScope(s Scope) (*compiledScope, error) {
	cs := &compiledScope{}
	for _, o := range s.Owned {
		p, err := parsePattern(o.Path)
		if err != nil {
			return nil, fmt.Errorf("owned list: %w", err)
		}
		cs.lists = append(cs.lists, compiledList{pat: p, OwnedList: o})
	}
	for _, o := range s.OwnedLeaves {
		p, err := parsePattern(o.Path)
		if err != nil {
			return nil, fmt.Errorf("owned leaf: %w", err)
		}
		v, err := normalise(o.Value)
		if err != nil {
			return nil, fmt.Errorf("owned leaf %s: value: %w", o.Path, err)
		}
		if v == nil {
			return nil, fmt.Errorf("owned leaf %s: no value", o.Path)
		}
		cs.leaves = append(cs.leaves, compiledLeaf{pat: p, value: v})
	}
	return cs, nil
}

// normalise returns v as encoding/json decodes its encoding.
func normalise(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	err = json.Unmarshal(b, &out)
	return out, err
}

// list returns the owned list matching p (a list entry or leaf-list
// path), or nil.
func (cs *compiledScope) list(p path) *compiledList {
	for i := range cs.lists {
		if cs.lists[i].pat.matches(p) {
			return &cs.lists[i]
		}
	}
	return nil
}

// ownedValues returns the owned values of the leaf at p.
func (cs *compiledScope) ownedValues(p path) []any {
	var vs []any
	for _, l := range cs.leaves {
		if l.pat.matches(p) {
			vs = append(vs, l.value)
		}
	}
	return vs
}

// reaches reports whether anything owned may lie at or below p, that is
// whether a running subtree the desired tree lacks must be visited.
func (cs *compiledScope) reaches(p path) bool {
	for _, l := range cs.lists {
		if l.pat.prefixMatches(p) {
			return true
		}
	}
	for _, l := range cs.leaves {
		if l.pat.prefixMatches(p) {
			return true
		}
	}
	return false
}

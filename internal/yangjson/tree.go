package yangjson

import (
	"fmt"
	"strings"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/profiles"
)

// Merge merges src into dst (both module-qualified trees; dst may be nil)
// and returns dst: members of src replace scalars of dst, containers merge,
// list entries merge by their schema keys, leaf-lists merge as sets.
// src is not modified; dst is.
func Merge(p *profiles.Profile, dst, src map[string]any) map[string]any {
	if dst == nil {
		dst = map[string]any{}
	}
	for k, v := range src {
		dst[k] = mergeValue(v, dst[k], p.NativeTop(k))
	}
	return dst
}

func mergeValue(src, dst any, sch *profiles.Node) any {
	switch s := src.(type) {
	case map[string]any:
		d, ok := dst.(map[string]any)
		if !ok {
			d = map[string]any{}
		}
		for k, v := range s {
			d[k] = mergeValue(v, d[k], childOf(sch, k))
		}
		return d
	case []any:
		d, _ := dst.([]any)
		if sch != nil && sch.List && !sch.IsLeaf() {
			for _, it := range s {
				m, _ := it.(map[string]any)
				if i := findEntry(d, sch.Keys, m); i >= 0 {
					d[i] = mergeValue(m, d[i], sch)
				} else {
					d = append(d, mergeValue(m, nil, sch))
				}
			}
			return d
		}
		if isEmptyValue(s) {
			return s
		}
		for _, it := range s {
			if !containsScalar(d, it) {
				d = append(d, it)
			}
		}
		return d
	}
	return src
}

func containsScalar(l []any, v any) bool {
	for _, x := range l {
		if Text(x) == Text(v) {
			return true
		}
	}
	return false
}

// findEntry returns the index of the entry of list l whose keys equal m's,
// or -1.
func findEntry(l []any, keys []string, m map[string]any) int {
	for i, it := range l {
		e, _ := it.(map[string]any)
		same := len(keys) > 0
		for _, k := range keys {
			if Text(lookupMember(e, k)) != Text(lookupMember(m, k)) {
				same = false
			}
		}
		if same {
			return i
		}
	}
	return -1
}

// lookupMember returns the member called name (with or without a module
// prefix) of m.
func lookupMember(m map[string]any, name string) any {
	if v, ok := m[name]; ok {
		return v
	}
	for k, v := range m {
		if local(k) == name {
			return v
		}
	}
	return nil
}

// childOf is the schema of member k below sch, or nil.
func childOf(sch *profiles.Node, k string) *profiles.Node {
	if sch == nil {
		return nil
	}
	return sch.Children[local(k)]
}

// NormalizeTree returns tree with every leaf value in the RFC 7951 form of
// its schema type (see Normalize); members the schema lacks are kept as
// they are (a check names them).
func NormalizeTree(p *profiles.Profile, tree map[string]any) map[string]any {
	out := make(map[string]any, len(tree))
	for k, v := range tree {
		out[k] = normalizeValue(v, p.NativeTop(k))
	}
	return out
}

func normalizeValue(v any, sch *profiles.Node) any {
	if sch == nil {
		return v
	}
	if sch.IsLeaf() {
		return Normalize(sch.Type, v)
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, c := range x {
			cs := childOf(sch, k)
			if cs != nil {
				k = qualified(local(k), cs)
			}
			out[k] = normalizeValue(c, cs)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, it := range x {
			out[i] = normalizeValue(it, sch)
		}
		return out
	case nil:
		if sch.Presence {
			return map[string]any{}
		}
	}
	return v
}

// Set puts value at path (a change path whose first element is
// module-qualified: "/Cisco-IOS-XE-native:native/interface/GigabitEthernet[name=1/0/1]/mtu")
// into tree, creating the containers and list entries (with their key
// leaves, typed by the schema) that lead to it. A nil value (or, for a
// container, an empty object) creates the node only (a list entry or a
// presence container).
func Set(p *profiles.Profile, tree map[string]any, path string, value any) error {
	gp, err := ygot.StringToStructuredPath(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(gp.Elem) == 0 || !strings.Contains(gp.Elem[0].Name, ":") {
		return fmt.Errorf("%s: not a native path (its first element is not module-qualified)", path)
	}
	first := gp.Elem[0].Name
	sch := p.NativeTop(first)
	if sch == nil {
		return fmt.Errorf("%s: %s is not in the native schema of %s", path, first, p.ID())
	}
	var parent any = tree
	member := first
	for i, e := range gp.Elem {
		if i > 0 {
			if sch = childOf(sch, e.Name); sch == nil {
				return fmt.Errorf("%s: %s is not in the native schema of %s", path, e.Name, p.ID())
			}
			member = qualified(local(e.Name), sch)
		}
		last := i == len(gp.Elem)-1
		parent, err = step(parent.(map[string]any), member, e, sch, last, value)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return nil
}

// step descends from container m to its member for path element e,
// creating it; at the last element it sets value.
func step(m map[string]any, member string, e *gpb.PathElem, sch *profiles.Node, last bool, value any) (any, error) {
	switch {
	case sch.IsLeaf():
		if !last {
			return nil, fmt.Errorf("%s is a leaf", member)
		}
		m[member] = value
		return nil, nil
	case sch.List:
		if len(e.Key) == 0 {
			return nil, fmt.Errorf("list %s needs its keys", member)
		}
		entry := map[string]any{}
		for _, k := range sch.Keys {
			kv, ok := e.Key[k]
			if !ok {
				return nil, fmt.Errorf("list %s: key %s missing", member, k)
			}
			typ := ""
			if ks := sch.Children[k]; ks != nil {
				typ = ks.Type
			}
			entry[k] = FromText(typ, kv)
		}
		l := asList(m[member])
		i := findEntry(l, sch.Keys, entry)
		if i < 0 {
			l = append(l, entry)
			i = len(l) - 1
			m[member] = l
		}
		return l[i], nil
	}
	c, ok := m[member].(map[string]any)
	if !ok {
		c = map[string]any{}
		m[member] = c
	}
	if em, isMap := value.(map[string]any); last && value != nil && (!isMap || len(em) > 0) {
		return nil, fmt.Errorf("%s is a container", member)
	}
	return c, nil
}

// qualified is the RFC 7951 member name of the node name whose schema is
// sch: prefixed with its module where that differs from its parent's.
func qualified(name string, sch *profiles.Node) string {
	if sch.Module != "" {
		return sch.Module + ":" + name
	}
	return name
}

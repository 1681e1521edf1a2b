package gnmisim

import (
	"errors"
	"fmt"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/goyang/pkg/yang"
)

// slot is the place of a path's last element in a JSON tree: member name
// of obj, and, when the element selects a list entry, its keys.
type slot struct {
	obj    map[string]any
	name   string // member name in obj (the existing spelling when present)
	schema *yang.Entry
	keys   map[string]string // nil unless a list entry is selected
}

// descend walks root along elems[:len-1] and returns the slot of the last
// element. With create, missing containers and list entries are created;
// without it, a missing node yields errNotFound. elems must not be empty.
func descend(root map[string]any, elems []*gpb.PathElem, create bool) (slot, error) {
	return descendIn(rootSchema(), root, elems, create)
}

// descendIn is descend in a tree whose schema is schemaRoot (the
// OpenConfig root, or a release's native schema).
func descendIn(schemaRoot *yang.Entry, root map[string]any, elems []*gpb.PathElem, create bool) (slot, error) {
	cur, e := root, schemaRoot
	for i, pe := range elems {
		ce := child(e, pe.GetName())
		if ce == nil || pe.GetName() == "*" || pe.GetName() == "..." {
			return slot{}, fmt.Errorf("unknown element %q at %s", pe.GetName(), pathString(elems[:i+1]))
		}
		last := i == len(elems)-1
		if len(pe.GetKey()) > 0 && !ce.IsList() {
			return slot{}, fmt.Errorf("%s is not a list, it takes no keys", pathString(elems[:i+1]))
		}
		if last {
			return slot{obj: cur, name: memberName(cur, pe.GetName()), schema: ce, keys: pe.GetKey()}, nil
		}
		next, err := step(cur, ce, pe, create)
		if err != nil {
			return slot{}, fmt.Errorf("%s: %w", pathString(elems[:i+1]), err)
		}
		cur, e = next, ce
	}
	return slot{}, errors.New("empty path has no slot")
}

// memberName returns the existing spelling of name in obj, or name.
func memberName(obj map[string]any, name string) string {
	if m, ok := member(obj, name); ok {
		return m
	}
	return name
}

// step moves from cur into the child container or list entry pe.
func step(cur map[string]any, ce *yang.Entry, pe *gpb.PathElem, create bool) (map[string]any, error) {
	switch {
	case ce.IsLeaf() || ce.IsLeafList():
		return nil, fmt.Errorf("is a leaf; a path cannot go below it")
	case ce.IsList() && len(pe.GetKey()) == 0:
		return nil, fmt.Errorf("list needs keys here")
	}
	name, ok := member(cur, pe.GetName())
	if !ok {
		if !create {
			return nil, errNotFound
		}
		name = pe.GetName()
		if ce.IsList() {
			cur[name] = []any{}
		} else {
			cur[name] = map[string]any{}
		}
	}
	if !ce.IsList() {
		next, ok := cur[name].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("container holds %T", cur[name])
		}
		return next, nil
	}
	list, ok := cur[name].([]any)
	if !ok {
		return nil, fmt.Errorf("list holds %T", cur[name])
	}
	if i := findEntry(list, pe.GetKey()); i >= 0 {
		next, _ := list[i].(map[string]any)
		return next, nil
	}
	if !create {
		return nil, errNotFound
	}
	entry := newEntry(ce, pe.GetKey())
	cur[name] = append(list, entry)
	return entry, nil
}

// get returns the value in the slot, or errNotFound.
func (s slot) get() (any, error) {
	v, ok := s.obj[s.name]
	if !ok {
		return nil, errNotFound
	}
	if s.keys == nil {
		return v, nil
	}
	list, _ := v.([]any)
	i := findEntry(list, s.keys)
	if i < 0 {
		return nil, errNotFound
	}
	return list[i], nil
}

// put stores v in the slot, replacing what was there.
func (s slot) put(v any) error {
	if s.keys == nil {
		s.obj[s.name] = v
		return nil
	}
	entry, err := s.checkEntry(v)
	if err != nil {
		return err
	}
	list, _ := s.obj[s.name].([]any)
	if i := findEntry(list, s.keys); i >= 0 {
		list[i] = entry
	} else {
		list = append(list, entry)
	}
	s.obj[s.name] = list
	return nil
}

// checkEntry checks that v is an object whose keys, if present, are the
// path's, and adds the missing ones.
func (s slot) checkEntry(v any) (map[string]any, error) {
	entry, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("value for a list entry must be a JSON object, not %T", v)
	}
	for k, want := range s.keys {
		m, ok := member(entry, k)
		if !ok {
			entry[k] = keyValue(s.schema, k, want)
			continue
		}
		if got := scalarString(entry[m]); !sameKey(got, want) {
			return nil, fmt.Errorf("key %s is %q in the value but %q in the path", k, got, want)
		}
	}
	return entry, nil
}

// remove deletes the slot's value; a missing value is not an error.
func (s slot) remove() {
	if s.keys == nil {
		delete(s.obj, s.name)
		return
	}
	list, _ := s.obj[s.name].([]any)
	i := findEntry(list, s.keys)
	if i < 0 {
		return
	}
	list = append(list[:i:i], list[i+1:]...)
	if len(list) == 0 {
		delete(s.obj, s.name)
		return
	}
	s.obj[s.name] = list
}

// merge merges src into dst (gNMI update semantics): container members and
// list entries are merged recursively, leaves and leaf-lists replaced.
func merge(dst, src any, e *yang.Entry) (any, error) {
	switch {
	case e.IsLeaf() || e.IsLeafList():
		return src, nil
	case e.IsList():
		if d, ok := dst.([]any); ok {
			if s, ok := src.([]any); ok {
				return mergeList(d, s, e)
			}
		}
		if _, ok := dst.(map[string]any); ok {
			// A single list entry (the path selected it by its keys).
			return mergeObject(dst, src, e)
		}
		return src, nil
	}
	return mergeObject(dst, src, e)
}

// mergeObject merges the members of src into dst.
func mergeObject(dst, src any, e *yang.Entry) (any, error) {
	d, dok := dst.(map[string]any)
	s, sok := src.(map[string]any)
	if !dok || !sok {
		return src, nil
	}
	for k, sv := range s {
		ce := child(e, k)
		if ce == nil {
			return nil, fmt.Errorf("unknown member %q in %s", k, e.Name)
		}
		dk, ok := member(d, k)
		if !ok {
			d[k] = sv
			continue
		}
		mv, err := merge(d[dk], sv, ce)
		if err != nil {
			return nil, err
		}
		d[dk] = mv
	}
	return d, nil
}

// mergeList merges the entries of src into dst by key.
func mergeList(dst, src []any, e *yang.Entry) (any, error) {
	for _, se := range src {
		keys, err := entryKeys(e, se)
		if err != nil {
			return nil, err
		}
		i := findEntry(dst, keys)
		if i < 0 {
			dst = append(dst, se)
			continue
		}
		mv, err := mergeObject(dst[i], se, e)
		if err != nil {
			return nil, err
		}
		dst[i] = mv
	}
	return dst, nil
}

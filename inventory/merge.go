package inventory

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
)

// layer is one source of intent for a device: the defaults, a group or the
// device itself.
type layer struct {
	name     string // `group "campus"`, "defaults", `device "x"`
	isGroup  bool
	priority int
}

// conflict is two groups of equal priority setting one value differently.
type conflict struct {
	a, b   *value
	la, lb *layer
	what   string
}

// merger merges intent layers into one value tree, guided by the Go type of
// the intent model: structs merge by key, keyed lists by their key fields,
// lists of scalars as sets, and scalars are overridden by later layers.
//
// Merging is copy-on-write: the merged tree shares every subtree of the
// layers that no later layer changes, and copies only the mappings and
// lists it changes (owned), so that the layers, shared by every device and
// every goroutine, are never modified. A value's origin, the layer that
// set it, is set once per layer (see marked) rather than once per device.
type merger struct {
	conflicts []conflict
	types     *typeCache
	owned     map[*value]bool
	// at is the path of the value being merged.
	at path
}

var configType = reflect.TypeFor[models.Config]()

// atomic types are replaced whole, never merged field by field.
func isAtomic(t reflect.Type) bool {
	return t == secretRefType || t.Kind() != reflect.Struct && t.Kind() != reflect.Slice
}

// merge merges src (a layer's tree, as marked returns it) into dst (a
// merged tree, or nil) and returns the result, sharing subtrees of src.
// src and the values of dst not owned by m are not modified.
func (m *merger) merge(dst, src *value, t reflect.Type, keyTag string, l *layer) *value {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case src == nil || src.kind == kindNull:
		return dst
	case dst == nil || dst.kind != src.kind:
		return src
	case isAtomic(t) || t.Kind() == reflect.Struct && src.kind != kindMap:
		if o := dst.origin; o != nil && o != l && o.isGroup && l.isGroup && o.priority == l.priority && !equal(dst, src) {
			m.conflicts = append(m.conflicts, conflict{a: dst, b: src, la: o, lb: l, what: m.at.String()})
		}
		return src
	case t.Kind() == reflect.Struct:
		dst = m.own(dst)
		fields := m.types.fields(t)
		for _, f := range src.fields {
			sf, ok := fields.byName[f.key]
			if !ok {
				continue // reported when the layer was loaded
			}
			i := fieldIndex(dst, f.key)
			if i < 0 {
				dst.fields = append(dst.fields, field{key: f.key, keyRng: f.keyRng, val: f.val})
				continue
			}
			m.at.field(f.key)
			dst.fields[i].val = m.merge(dst.fields[i].val, f.val, sf.typ, sf.keyTag, l)
			m.at.up()
		}
		return dst
	default:
		return m.mergeList(m.own(dst), src, t.Elem(), keyTag, l)
	}
}

// own returns v if m owns it, or else a copy of v (and of its lists of
// fields and items, not of their values) that m owns.
func (m *merger) own(v *value) *value {
	if m.owned[v] {
		return v
	}
	c := *v
	c.fields = slices.Clone(v.fields)
	c.items = slices.Clone(v.items)
	if m.owned == nil {
		m.owned = map[*value]bool{}
	}
	m.owned[&c] = true
	return &c
}

// mergeList merges list entries by key into dst, which m owns; entries of
// lists of scalars are their own keys, so such lists merge as sets in
// first-seen order.
func (m *merger) mergeList(dst, src *value, elem reflect.Type, keyTag string, l *layer) *value {
	index := newKeyIndex[int](len(dst.items) + len(src.items))
	for i, it := range dst.items {
		if k, ok := entryKey(it, keyTag); ok {
			index.set(k, i)
		}
	}
	for _, it := range src.items {
		k, ok := entryKey(it, keyTag)
		i, found := index.get(k)
		if !ok || !found {
			dst.items = append(dst.items, it)
			index.set(k, len(dst.items)-1)
			continue
		}
		m.at.entry(keyTag, k)
		dst.items[i] = m.merge(dst.items[i], it, elem, "", l)
		m.at.up()
	}
	return dst
}

func fieldIndex(v *value, key string) int {
	for i := range v.fields {
		if v.fields[i].key == key {
			return i
		}
	}
	return -1
}

// marked returns a deep copy of v with every value marked as coming from
// l, for merge to share. It returns nil for nil.
func marked(v *value, l *layer) *value {
	if v == nil {
		return nil
	}
	c := *v
	c.origin = l
	if v.fields != nil {
		c.fields = make([]field, len(v.fields))
		for i, f := range v.fields {
			c.fields[i] = field{key: f.key, keyRng: f.keyRng, val: marked(f.val, l)}
		}
	}
	if v.items != nil {
		c.items = make([]*value, len(v.items))
		for i, it := range v.items {
			c.items[i] = marked(it, l)
		}
	}
	return &c
}

// equal reports whether a and b hold the same data, ignoring positions.
func equal(a, b *value) bool {
	if a.kind != b.kind || scalarText(a) != scalarText(b) || len(a.fields) != len(b.fields) || len(a.items) != len(b.items) {
		return false
	}
	for i := range a.fields {
		j := fieldIndex(b, a.fields[i].key)
		if j < 0 || !equal(a.fields[i].val, b.fields[j].val) {
			return false
		}
	}
	for i := range a.items {
		if !equal(a.items[i], b.items[i]) {
			return false
		}
	}
	return true
}

// diagnostic describes the conflict at the later value, naming the place of
// the earlier one.
func (c conflict) diagnostic() diag.Diagnostic {
	return diag.Diagnostic{
		Severity: diag.Error,
		Summary: fmt.Sprintf("%s and %s (both priority %d) set %s differently: %s here, %s at %s",
			c.lb.name, c.la.name, c.la.priority, c.what, show(c.b), show(c.a), c.a.rng),
		Detail: "give one group a higher priority or set the value once",
		Range:  c.b.rng,
	}
}

// scalarText is the text of a scalar with integers in decimal, so that 0x14
// and 20 are equal.
func scalarText(v *value) string {
	if v.tag == "!!int" {
		return canonicalInt(v.text)
	}
	return v.text
}

func show(v *value) string {
	if v.kind == kindScalar {
		return fmt.Sprintf("%q", v.text)
	}
	return v.kind.String()
}

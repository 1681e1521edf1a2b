package inventory

import (
	"fmt"
	"reflect"

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
type merger struct {
	conflicts []conflict
	types     typeCache
}

var configType = reflect.TypeFor[models.Config]()

// atomic types are replaced whole, never merged field by field.
func isAtomic(t reflect.Type) bool {
	return t == secretRefType || t.Kind() != reflect.Struct && t.Kind() != reflect.Slice
}

// merge merges src (a loaded, type-checked layer) into dst (a merged tree
// owned by the caller, or nil) and returns the result.
func (m *merger) merge(dst, src *value, t reflect.Type, keyTag string, l *layer, what string) *value {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case src == nil || src.kind == kindNull:
		return dst
	case dst == nil || dst.kind != src.kind:
		return clone(src, l)
	case isAtomic(t) || t.Kind() == reflect.Struct && src.kind != kindMap:
		if !equal(dst, src) && dst.origin != l && dst.origin.isGroup && l.isGroup && dst.origin.priority == l.priority {
			m.conflicts = append(m.conflicts, conflict{a: dst, b: src, la: dst.origin, lb: l, what: what})
		}
		return clone(src, l)
	case t.Kind() == reflect.Struct:
		fields := m.types.fields(t)
		for _, f := range src.fields {
			sf, ok := fields.byName[f.key]
			if !ok {
				continue // reported when the layer was loaded
			}
			i := fieldIndex(dst, f.key)
			if i < 0 {
				dst.fields = append(dst.fields, field{key: f.key, keyRng: f.keyRng, val: clone(f.val, l)})
				continue
			}
			dst.fields[i].val = m.merge(dst.fields[i].val, f.val, sf.Type, sf.Tag.Get("key"), l, what+"."+f.key)
		}
		return dst
	default:
		return m.mergeList(dst, src, t.Elem(), keyTag, l, what)
	}
}

// mergeList merges list entries by key; entries of lists of scalars are
// their own keys, so such lists merge as sets in first-seen order.
func (m *merger) mergeList(dst, src *value, elem reflect.Type, keyTag string, l *layer, what string) *value {
	index := make(map[string]int, len(dst.items))
	for i, it := range dst.items {
		if k, ok := entryKey(it, keyTag); ok {
			index[k] = i
		}
	}
	for _, it := range src.items {
		k, ok := entryKey(it, keyTag)
		i, found := index[k]
		if !ok || !found {
			dst.items = append(dst.items, clone(it, l))
			index[k] = len(dst.items) - 1
			continue
		}
		dst.items[i] = m.merge(dst.items[i], it, elem, "", l, fmt.Sprintf("%s[%s]", what, describeKey(keyTag, k)))
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

// clone deep-copies v, marking every copied value as coming from l.
func clone(v *value, l *layer) *value {
	c := *v
	c.origin = l
	if v.fields != nil {
		c.fields = make([]field, len(v.fields))
		for i, f := range v.fields {
			c.fields[i] = field{key: f.key, keyRng: f.keyRng, val: clone(f.val, l)}
		}
	}
	if v.items != nil {
		c.items = make([]*value, len(v.items))
		for i, it := range v.items {
			c.items[i] = clone(it, l)
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

package ocxml

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"reflect"
	"slices"

	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/models/openconfig"
)

// Marshal encodes d as the top-level NETCONF data nodes, in the order
// acl, defined-sets, interfaces, lacp, network-instances, system; absent
// subtrees are left out, and a nil or empty d gives no elements. The output
// is canonical (see the package documentation). Marshal does not validate
// d against the YANG schema; it fails only for values that have no XML form
// (an enumeration value out of range, a list entry without its key).
func Marshal(d *openconfig.Device) ([]*xmltree.Element, error) {
	m, err := compiled()
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, nil
	}
	return m.encodeChildren(m.root.node, reflect.ValueOf(d).Elem(), "")
}

// encodeChildren encodes the fields of struct value sv that sit below n.
// path is the XML path of n, for errors.
func (m *model) encodeChildren(n *node, sv reflect.Value, path string) ([]*xmltree.Element, error) {
	var out []*xmltree.Element
	for _, c := range n.children {
		cpath := path + "/" + c.name.Local
		if c.field == nil {
			kids, err := m.encodeChildren(c, sv, cpath)
			if err != nil {
				return nil, err
			}
			if len(kids) > 0 {
				out = append(out, &xmltree.Element{Name: c.name, Children: kids})
			}
			continue
		}
		var err error
		if out, err = m.encodeField(out, c, sv.Field(c.field.index), cpath); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// encodeField appends the elements of field value fv, at position n, to out.
func (m *model) encodeField(out []*xmltree.Element, n *node, fv reflect.Value, path string) ([]*xmltree.Element, error) {
	f := n.field
	switch f.kind {
	case kindLeaf:
		el, err := m.encodeLeaf(n.name, fv)
		if err != nil {
			return nil, &Error{Tag: TagInvalidValue, Path: path, Message: err.Error()}
		}
		if el != nil {
			out = append(out, el)
		}
	case kindLeafList:
		for i := range fv.Len() {
			el, err := m.encodeLeaf(n.name, fv.Index(i))
			if err != nil {
				return nil, &Error{Tag: TagInvalidValue, Path: path, Message: err.Error()}
			}
			if el != nil {
				out = append(out, el)
			}
		}
	case kindContainer:
		if fv.IsNil() {
			return out, nil
		}
		kids, err := m.encodeChildren(f.elem.node, fv.Elem(), path)
		if err != nil {
			return nil, err
		}
		out = append(out, &xmltree.Element{Name: n.name, Children: kids})
	case kindList, kindOrderedList:
		for _, ev := range listEntries(fv, f.kind) {
			el, err := m.encodeEntry(n, f.elem, ev, path)
			if err != nil {
				return nil, err
			}
			out = append(out, el)
		}
	}
	return out, nil
}

// encodeLeaf returns the element named name for leaf value v, or nil when v
// is unset. Identities get an xmlns declaration of their module's prefix.
func (m *model) encodeLeaf(name xml.Name, v reflect.Value) (*xmltree.Element, error) {
	text, module, ok, err := m.formatValue(v)
	if err != nil || !ok {
		return nil, err
	}
	el := &xmltree.Element{Name: name, Text: text}
	if module != "" {
		mod, known := openconfig.YANGModules[module]
		if !known {
			return nil, fmt.Errorf("identity %s: module %q has no namespace", text, module)
		}
		el.Text = mod.Prefix + ":" + text
		el.Attrs = []xml.Attr{{Name: xml.Name{Space: "xmlns", Local: mod.Prefix}, Value: mod.Namespace}}
	}
	return el, nil
}

// encodeEntry encodes list entry ev (a struct pointer) of list element n.
func (m *model) encodeEntry(n *node, si *structInfo, ev reflect.Value, path string) (*xmltree.Element, error) {
	if ev.IsNil() {
		return nil, &Error{Tag: TagMissingElement, Path: path, Message: "nil list entry"}
	}
	sv := ev.Elem()
	kids, err := m.encodeChildren(si.node, sv, path)
	if err != nil {
		return nil, err
	}
	for i, k := range si.keys {
		if i >= len(kids) || kids[i].Name != k.name {
			return nil, &Error{Tag: TagMissingElement, Path: path,
				Message: fmt.Sprintf("list entry (%s) has no key %s", si.typ.Name(), k.name.Local)}
		}
	}
	return &xmltree.Element{Name: n.name, Children: kids}, nil
}

// listEntries returns the entries of list value fv: a map's sorted by key,
// an ordered map's in order.
func listEntries(fv reflect.Value, kind fieldKind) []reflect.Value {
	if fv.IsNil() {
		return nil
	}
	if kind == kindOrderedList {
		vals := fv.MethodByName("Values").Call(nil)[0]
		out := make([]reflect.Value, vals.Len())
		for i := range out {
			out[i] = vals.Index(i)
		}
		return out
	}
	keys := fv.MapKeys()
	slices.SortFunc(keys, compareKeys)
	out := make([]reflect.Value, len(keys))
	for i, k := range keys {
		out[i] = fv.MapIndex(k)
	}
	return out
}

// compareKeys orders list keys: numbers (and enumeration values)
// numerically, strings lexically, key structs field by field.
func compareKeys(a, b reflect.Value) int {
	switch a.Kind() {
	case reflect.String:
		return cmp.Compare(a.String(), b.String())
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp.Compare(a.Int(), b.Int())
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return cmp.Compare(a.Uint(), b.Uint())
	case reflect.Float64:
		return cmp.Compare(a.Float(), b.Float())
	case reflect.Bool:
		return cmp.Compare(boolInt(a.Bool()), boolInt(b.Bool()))
	case reflect.Struct:
		for i := range a.NumField() {
			if c := compareKeys(a.Field(i), b.Field(i)); c != 0 {
				return c
			}
		}
	case reflect.Interface, reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return cmp.Compare(boolInt(!a.IsNil()), boolInt(!b.IsNil()))
		}
		if a.Elem().Type() != b.Elem().Type() {
			return cmp.Compare(a.Elem().Type().String(), b.Elem().Type().String())
		}
		return compareKeys(a.Elem(), b.Elem())
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

package ocxml

import (
	"encoding/xml"
	"errors"
	"fmt"
	"reflect"

	"github.com/openconfig/ygot/ytypes"

	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/models/openconfig"
)

// Unmarshal decodes the top-level NETCONF data nodes elems (the children of
// a <data> or <config> element) into a new Device. It checks that every
// element exists in the schema in the right namespace and that every value
// parses as its YANG type; it does not check YANG restrictions such as
// ranges or leafrefs (Schema.Validate does). Errors are *Error values that
// name the XML path; Unmarshal returns the first one it finds. Attributes
// other than namespace declarations (nc:operation, say) are ignored.
func Unmarshal(elems []*xmltree.Element) (*openconfig.Device, error) {
	d := &openconfig.Device{}
	if err := UnmarshalInto(d, elems); err != nil {
		return nil, err
	}
	return d, nil
}

// UnmarshalInto is Unmarshal into an existing device: leaves in elems
// replace those in d, list entries are merged by key, and leaf-list values
// are appended. On error, d may be partly updated.
func UnmarshalInto(d *openconfig.Device, elems []*xmltree.Element) error {
	m, err := compiled()
	if err != nil {
		return err
	}
	if d == nil {
		return errors.New("ocxml: UnmarshalInto a nil Device")
	}
	return m.decode(d, elems, false)
}

// decoder holds the options of one decode.
type decoder struct {
	m *model
	// validate checks each leaf against its YANG restrictions as it is set.
	validate bool
}

// decode decodes elems into d.
func (m *model) decode(d *openconfig.Device, elems []*xmltree.Element, validate bool) error {
	dec := &decoder{m: m, validate: validate}
	root := &frame{el: &xmltree.Element{Children: elems}}
	return dec.children(root, m.root.node, reflect.ValueOf(d).Elem())
}

// children decodes the children of fr's element, found at position n of
// struct value sv.
func (dec *decoder) children(fr *frame, n *node, sv reflect.Value) error {
	if fr.el.Text != "" && fr.parent != nil {
		return dec.m.errorf(fr, TagBadElement, "container <%s> has text %q", fr.el.Name.Local, fr.el.Text)
	}
	for _, c := range fr.el.Children {
		cfr := &frame{parent: fr, el: c}
		cn := n.child(c.Name)
		switch {
		case cn == nil && c.Name.Local == "state" && n.child(xml.Name{Space: c.Name.Space, Local: "config"}) != nil:
			continue // operational state is not modelled
		case cn == nil:
			return dec.unknown(cfr, n)
		case cn.keyLeaf:
			continue // read by entry
		case cn.field == nil:
			if err := dec.children(cfr, cn, sv); err != nil {
				return err
			}
		default:
			if err := dec.field(cfr, cn.field, sv.Field(cn.field.index)); err != nil {
				return err
			}
		}
	}
	return nil
}

// unknown returns the error for element fr.el, which position n lacks.
func (dec *decoder) unknown(fr *frame, n *node) error {
	name := fr.el.Name
	if same := n.childLocal(name.Local); same != nil {
		return dec.m.errorf(fr, TagUnknownNamespace, "element <%s> is in namespace %q, want %q",
			name.Local, name.Space, same.name.Space)
	}
	return dec.m.errorf(fr, TagUnknownElement, "unknown element <%s> in namespace %q", name.Local, name.Space)
}

// field decodes fr.el into field f, whose value is fv.
func (dec *decoder) field(fr *frame, f *field, fv reflect.Value) error {
	switch f.kind {
	case kindLeaf, kindLeafList:
		return dec.leaf(fr, f, fv)
	case kindContainer:
		if fv.IsNil() {
			fv.Set(reflect.New(f.elem.typ))
		}
		return dec.children(fr, f.elem.node, fv.Elem())
	default:
		return dec.entry(fr, f, fv)
	}
}

// leaf decodes leaf or leaf-list element fr.el into fv.
func (dec *decoder) leaf(fr *frame, f *field, fv reflect.Value) error {
	if len(fr.el.Children) > 0 {
		return dec.m.errorf(fr, TagBadElement, "leaf <%s> has child elements", fr.el.Name.Local)
	}
	t := fv.Type()
	if f.kind == kindLeafList {
		t = t.Elem()
	}
	v, err := dec.m.parseValue(fr.el.Text, t, f, fr.lookupPrefix)
	if err != nil {
		return dec.m.errorf(fr, TagInvalidValue, "%v", err)
	}
	if f.kind == kindLeafList {
		v = reflect.Append(reflect.MakeSlice(fv.Type(), 0, 1), v)
	}
	if err := dec.check(fr, f, v); err != nil {
		return err
	}
	switch {
	case f.kind == kindLeafList:
		fv.Set(reflect.AppendSlice(fv, v))
	case f.isKey && !fv.IsZero() && !reflect.DeepEqual(fv.Interface(), v.Interface()):
		return dec.m.errorf(fr, TagInvalidValue, "%q does not match the list key", fr.el.Text)
	default:
		fv.Set(v)
	}
	return nil
}

// check validates v, a value for field f, against its YANG restrictions
// when the decoder validates.
func (dec *decoder) check(fr *frame, f *field, v reflect.Value) error {
	if !dec.validate {
		return nil
	}
	if errs := ytypes.Validate(f.entry, v.Interface()); errs != nil {
		return dec.m.errorf(fr, TagInvalidValue, "%v", errs)
	}
	return nil
}

// entry decodes list entry fr.el into list value fv, merging it into an
// existing entry with the same keys.
func (dec *decoder) entry(fr *frame, f *field, fv reflect.Value) error {
	si := f.elem
	fr.entry = si
	keys := make([]reflect.Value, len(si.keys))
	for i, kn := range si.keys {
		kel := fr.el.Child(kn.name.Space, kn.name.Local)
		if kel == nil {
			return dec.m.errorf(fr, TagMissingElement, "list entry <%s> has no key <%s>", fr.el.Name.Local, kn.name.Local)
		}
		kfr := &frame{parent: fr, el: kel}
		if len(kel.Children) > 0 {
			return dec.m.errorf(kfr, TagBadElement, "key leaf <%s> has child elements", kel.Name.Local)
		}
		v, err := dec.m.parseValue(kel.Text, si.typ.Field(kn.field.index).Type, kn.field, kfr.lookupPrefix)
		if err != nil {
			return dec.m.errorf(kfr, TagInvalidValue, "%v", err)
		}
		if err := dec.check(kfr, kn.field, v); err != nil {
			return err
		}
		keys[i] = v
	}
	ev, err := findOrAddEntry(fv, f, keys)
	if err != nil {
		return dec.m.errorf(fr, TagInvalidValue, "%v", err)
	}
	return dec.children(fr, si.node, ev.Elem())
}

// findOrAddEntry returns the entry of list fv with key values keys (in key
// statement order), adding one when there is none.
func findOrAddEntry(fv reflect.Value, f *field, keys []reflect.Value) (reflect.Value, error) {
	si := f.elem
	if f.kind == kindOrderedList {
		if fv.IsNil() {
			fv.Set(reflect.New(fv.Type().Elem()))
		}
		get := fv.MethodByName("Get")
		k, err := mapKey(get.Type().In(0), si, keys)
		if err != nil {
			return reflect.Value{}, err
		}
		if ev := get.Call([]reflect.Value{k})[0]; !ev.IsNil() {
			return ev, nil
		}
		ev := newEntry(si, keys)
		if errv := fv.MethodByName("Append").Call([]reflect.Value{ev})[0]; !errv.IsNil() {
			return reflect.Value{}, errv.Interface().(error)
		}
		return ev, nil
	}
	if fv.IsNil() {
		fv.Set(reflect.MakeMap(fv.Type()))
	}
	k, err := mapKey(fv.Type().Key(), si, keys)
	if err != nil {
		return reflect.Value{}, err
	}
	if ev := fv.MapIndex(k); ev.IsValid() {
		return ev, nil
	}
	ev := newEntry(si, keys)
	fv.SetMapIndex(k, ev)
	return ev, nil
}

// newEntry returns a new entry of list struct si with its key fields set.
func newEntry(si *structInfo, keys []reflect.Value) reflect.Value {
	ev := reflect.New(si.typ)
	for i, kn := range si.keys {
		ev.Elem().Field(kn.field.index).Set(keys[i])
	}
	return ev
}

// mapKey builds the Go map key of type kt from key field values keys. A
// list with several keys uses a key struct whose fields' path tags name
// the keys.
func mapKey(kt reflect.Type, si *structInfo, keys []reflect.Value) (reflect.Value, error) {
	if kt.Kind() != reflect.Struct {
		if len(keys) != 1 {
			return reflect.Value{}, fmt.Errorf("%d keys for a single-key list", len(keys))
		}
		return convertKey(keys[0], kt)
	}
	k := reflect.New(kt).Elem()
	for i := range kt.NumField() {
		sf := kt.Field(i)
		found := false
		for j, kn := range si.keys {
			if kn.name.Local == sf.Tag.Get("path") {
				v, err := convertKey(keys[j], sf.Type)
				if err != nil {
					return reflect.Value{}, err
				}
				k.Field(i).Set(v)
				found = true
			}
		}
		if !found {
			return reflect.Value{}, fmt.Errorf("key struct %s field %s names no key", kt, sf.Name)
		}
	}
	return k, nil
}

// convertKey converts key field value v (often a pointer) to map key type t.
func convertKey(v reflect.Value, t reflect.Type) (reflect.Value, error) {
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	switch {
	case v.Type().AssignableTo(t):
		return v, nil
	case v.Type().ConvertibleTo(t):
		return v.Convert(t), nil
	}
	return reflect.Value{}, fmt.Errorf("key of type %s does not fit map key type %s", v.Type(), t)
}

package inventory

import (
	"encoding"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
)

var (
	rangeType     = reflect.TypeFor[diag.Range]()
	valuePtrType  = reflect.TypeFor[*value]()
	secretRefType = reflect.TypeFor[models.SecretRef]()
	textUnmarshal = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// decoder fills Go values from values, collecting a diagnostic for every
// unknown key, wrong type and out-of-shape value instead of stopping. A
// decoder is used by one goroutine at a time; its types may be shared.
type decoder struct {
	ds *diag.Diagnostics
	// failed, when not nil, collects the paths (at) of values that could
	// not be decoded and were left zero.
	failed map[string]bool
	types  *typeCache
	// at is the path of the value being decoded.
	at path
}

// newDecoder returns a decoder that adds to ds and names the values it
// decodes below root ("" for the top level of a file).
func newDecoder(ds *diag.Diagnostics, types *typeCache, root string) *decoder {
	return &decoder{ds: ds, types: types, at: rootPath(root)}
}

// decode fills out (a pointer) from v, named d.at in messages.
func (d *decoder) decode(v *value, out reflect.Value) {
	t := out.Type()
	switch {
	case t == valuePtrType:
		out.Set(reflect.ValueOf(v))
		return
	case t == secretRefType && v.kind == kindScalar:
		d.errorf(v.rng, "inline secrets are not allowed in the intent repository; write {env: VARIABLE} or {file: PATH}")
		return
	case d.types.info(t).isText:
		d.text(v, out)
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.kind == kindNull {
			return
		}
		p := reflect.New(t.Elem())
		d.decode(v, p.Elem())
		out.Set(p)
	case reflect.Struct:
		d.structure(v, out)
	case reflect.Slice:
		d.list(v, out, "")
	case reflect.Map:
		d.stringMap(v, out)
	case reflect.String:
		if d.want(v, kindScalar) {
			out.SetString(v.text)
		}
	case reflect.Int:
		d.integer(v, out)
	case reflect.Interface:
		if a := v.toAny(); a != nil {
			out.Set(reflect.ValueOf(a))
		}
	case reflect.Bool:
		if d.want(v, kindScalar) {
			if v.tag != "!!bool" {
				d.errorf(v.rng, "expected true or false, got %q", v.text)
				return
			}
			out.SetBool(v.text == "true" || v.text == "True" || v.text == "TRUE")
		}
	default:
		panic(fmt.Sprintf("inventory: cannot decode into %s", t)) // programming error
	}
}

// want reports whether v has kind k, adding a diagnostic when it does not.
func (d *decoder) want(v *value, k kind) bool {
	if v.kind == k {
		return true
	}
	got := v.kind.String()
	if v.kind == kindScalar {
		got = fmt.Sprintf("%q", v.text)
	}
	d.errorf(v.rng, "expected %s, got %s", k, got)
	return false
}

// errorf adds an error about the value at d.at (the empty path for the
// top level of a file, which needs no prefix).
func (d *decoder) errorf(rng diag.Range, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	name := d.at.String()
	if d.failed != nil {
		d.failed[name] = true
	}
	if name != "" {
		msg = name + ": " + msg
	}
	d.ds.Errorf(rng, "%s", msg)
}

func (d *decoder) integer(v *value, out reflect.Value) {
	if !d.want(v, kindScalar) {
		return
	}
	n, err := strconv.ParseInt(v.text, 0, 64)
	if v.tag != "!!int" || err != nil || n > 1<<31-1 || n < -(1<<31) {
		d.errorf(v.rng, "expected an integer, got %q", v.text)
		return
	}
	out.SetInt(n)
}

func (d *decoder) text(v *value, out reflect.Value) {
	if !d.want(v, kindScalar) {
		return
	}
	u := out.Addr().Interface().(encoding.TextUnmarshaler)
	if err := u.UnmarshalText([]byte(v.text)); err != nil {
		d.errorf(v.rng, "%v", err)
	}
}

func (d *decoder) stringMap(v *value, out reflect.Value) {
	if v.kind == kindNull || !d.want(v, kindMap) {
		return
	}
	m := reflect.MakeMapWithSize(out.Type(), len(v.fields))
	for _, f := range v.fields {
		elem := reflect.New(out.Type().Elem()).Elem()
		d.at.field(f.key)
		d.decode(f.val, elem)
		d.at.up()
		m.SetMapIndex(reflect.ValueOf(f.key), elem)
	}
	out.Set(m)
}

// list decodes a YAML list. keyTag names the fields that identify an entry;
// two entries with the same key are reported.
func (d *decoder) list(v *value, out reflect.Value, keyTag string) {
	if v.kind == kindNull || !d.want(v, kindList) {
		return
	}
	s := reflect.MakeSlice(out.Type(), len(v.items), len(v.items))
	seen := newKeyIndex[*value](len(v.items))
	for i, item := range v.items {
		d.at.item(i)
		d.decode(item, s.Index(i))
		d.at.up()
		k, ok := entryKey(item, keyTag)
		if !ok {
			continue
		}
		if prev, _ := seen.get(k); prev != nil {
			d.errorf(item.rng, "duplicate entry %s (first at %s)", describeKey(keyTag, k), prev.rng)
			continue
		}
		seen.set(k, item)
	}
	out.Set(s)
}

// structure decodes a mapping into a struct using the fields' yaml tags.
func (d *decoder) structure(v *value, out reflect.Value) {
	if v.kind == kindNull || !d.want(v, kindMap) {
		return
	}
	fields := d.types.fields(out.Type())
	for _, i := range fields.ranges {
		out.Field(i).Set(reflect.ValueOf(v.rng))
	}
	for _, f := range v.fields {
		sf, ok := fields.byName[f.key]
		if !ok {
			d.errorf(f.keyRng, "unknown key %q%s", f.key, suggest(f.key, fields.names, "keys"))
			continue
		}
		d.at.field(f.key)
		if sf.isList {
			d.list(f.val, out.Field(sf.index), sf.keyTag)
		} else {
			d.decode(f.val, out.Field(sf.index))
		}
		d.at.up()
	}
}

// structField is one decodable field of a struct type.
type structField struct {
	index  int
	typ    reflect.Type
	keyTag string // the key struct tag: the fields that identify list entries
	isList bool
}

// fieldSet is the decodable fields of a struct type by YAML key.
type fieldSet struct {
	byName map[string]*structField
	names  []string
	// ranges are the fields of type diag.Range tagged yaml:"-", which
	// receive the position of the mapping.
	ranges []int
}

// typeInfo is what decoding and merging need to know about a type.
type typeInfo struct {
	isText bool      // decoded by its encoding.TextUnmarshaler
	fields *fieldSet // for struct types
}

// typeCache remembers what decoding and merging need to know about the
// types they meet, for every value. It is safe for concurrent use; the
// zero value is ready, and a nil *typeCache computes everything every time.
type typeCache struct {
	m sync.Map // reflect.Type -> *typeInfo
}

func (c *typeCache) info(t reflect.Type) *typeInfo {
	if c != nil {
		if ti, ok := c.m.Load(t); ok {
			return ti.(*typeInfo)
		}
	}
	ti := &typeInfo{isText: t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textUnmarshal)}
	if t.Kind() == reflect.Struct {
		ti.fields = structFields(t)
	}
	if c != nil {
		c.m.Store(t, ti)
	}
	return ti
}

// fields returns the decodable fields of the struct type t.
func (c *typeCache) fields(t reflect.Type) *fieldSet {
	return c.info(t).fields
}

func structFields(t reflect.Type) *fieldSet {
	fs := &fieldSet{byName: map[string]*structField{}}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("yaml")
		if sf.Type == rangeType && tag == "-" {
			fs.ranges = append(fs.ranges, i)
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" || !sf.IsExported() {
			continue
		}
		fs.byName[name] = &structField{index: i, typ: sf.Type, keyTag: sf.Tag.Get("key"),
			isList: sf.Type.Kind() == reflect.Slice}
		fs.names = append(fs.names, name)
	}
	return fs
}

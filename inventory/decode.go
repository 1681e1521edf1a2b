package inventory

import (
	"encoding"
	"fmt"
	"reflect"
	"strconv"
	"strings"

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
// unknown key, wrong type and out-of-shape value instead of stopping.
type decoder struct {
	ds *diag.Diagnostics
	// failed, when not nil, collects the paths (what) of values that could
	// not be decoded and were left zero.
	failed map[string]bool
	types  typeCache
}

// decode fills out (a pointer) from v. what names the value in messages.
func (d *decoder) decode(v *value, out reflect.Value, what string) {
	t := out.Type()
	switch {
	case t == valuePtrType:
		out.Set(reflect.ValueOf(v))
		return
	case t == secretRefType && v.kind == kindScalar:
		d.errorf(v.rng, what, "inline secrets are not allowed in the intent repository; write {env: VARIABLE} or {file: PATH}")
		return
	case reflect.PointerTo(t).Implements(textUnmarshal) && t.Kind() != reflect.Pointer:
		d.text(v, out, what)
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.kind == kindNull {
			return
		}
		p := reflect.New(t.Elem())
		d.decode(v, p.Elem(), what)
		out.Set(p)
	case reflect.Struct:
		d.structure(v, out, what)
	case reflect.Slice:
		d.list(v, out, what, "")
	case reflect.Map:
		d.stringMap(v, out, what)
	case reflect.String:
		if d.want(v, kindScalar, what) {
			out.SetString(v.text)
		}
	case reflect.Int:
		d.integer(v, out, what)
	case reflect.Bool:
		if d.want(v, kindScalar, what) {
			if v.tag != "!!bool" {
				d.errorf(v.rng, what, "expected true or false, got %q", v.text)
				return
			}
			out.SetBool(v.text == "true" || v.text == "True" || v.text == "TRUE")
		}
	default:
		panic(fmt.Sprintf("inventory: cannot decode into %s", t)) // programming error
	}
}

// want reports whether v has kind k, adding a diagnostic when it does not.
func (d *decoder) want(v *value, k kind, what string) bool {
	if v.kind == k {
		return true
	}
	got := v.kind.String()
	if v.kind == kindScalar {
		got = fmt.Sprintf("%q", v.text)
	}
	d.errorf(v.rng, what, "expected %s, got %s", k, got)
	return false
}

// errorf adds an error about the value named what ("" for the top level of
// a file, which needs no prefix).
func (d *decoder) errorf(rng diag.Range, what, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if d.failed != nil {
		d.failed[what] = true
	}
	if what != "" {
		msg = what + ": " + msg
	}
	d.ds.Errorf(rng, "%s", msg)
}

func (d *decoder) integer(v *value, out reflect.Value, what string) {
	if !d.want(v, kindScalar, what) {
		return
	}
	n, err := strconv.ParseInt(v.text, 0, 64)
	if v.tag != "!!int" || err != nil || n > 1<<31-1 || n < -(1<<31) {
		d.errorf(v.rng, what, "expected an integer, got %q", v.text)
		return
	}
	out.SetInt(n)
}

func (d *decoder) text(v *value, out reflect.Value, what string) {
	if !d.want(v, kindScalar, what) {
		return
	}
	u := out.Addr().Interface().(encoding.TextUnmarshaler)
	if err := u.UnmarshalText([]byte(v.text)); err != nil {
		d.errorf(v.rng, what, "%v", err)
	}
}

func (d *decoder) stringMap(v *value, out reflect.Value, what string) {
	if v.kind == kindNull || !d.want(v, kindMap, what) {
		return
	}
	m := reflect.MakeMapWithSize(out.Type(), len(v.fields))
	for _, f := range v.fields {
		elem := reflect.New(out.Type().Elem()).Elem()
		d.decode(f.val, elem, what+"."+f.key)
		m.SetMapIndex(reflect.ValueOf(f.key), elem)
	}
	out.Set(m)
}

// list decodes a YAML list. keyTag names the fields that identify an entry;
// two entries with the same key are reported.
func (d *decoder) list(v *value, out reflect.Value, what, keyTag string) {
	if v.kind == kindNull || !d.want(v, kindList, what) {
		return
	}
	s := reflect.MakeSlice(out.Type(), len(v.items), len(v.items))
	seen := map[string]*value{}
	for i, item := range v.items {
		d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", what, i))
		k, ok := entryKey(item, keyTag)
		if !ok {
			continue
		}
		if prev := seen[k]; prev != nil {
			d.errorf(item.rng, what, "duplicate entry %s (first at %s)", describeKey(keyTag, k), prev.rng)
			continue
		}
		seen[k] = item
	}
	out.Set(s)
}

// structure decodes a mapping into a struct using the fields' yaml tags.
func (d *decoder) structure(v *value, out reflect.Value, what string) {
	if v.kind == kindNull || !d.want(v, kindMap, what) {
		return
	}
	t := out.Type()
	fields := d.types.fields(t)
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Type == rangeType && t.Field(i).Tag.Get("yaml") == "-" {
			out.Field(i).Set(reflect.ValueOf(v.rng))
		}
	}
	for _, f := range v.fields {
		sf, ok := fields.byName[f.key]
		if !ok {
			d.errorf(f.keyRng, what, "unknown key %q%s", f.key, suggest(f.key, fields.names, "keys"))
			continue
		}
		child := what + "." + f.key
		if what == "" {
			child = f.key
		}
		if sf.Type.Kind() == reflect.Slice && sf.Type != valuePtrType {
			d.list(f.val, out.FieldByIndex(sf.Index), child, sf.Tag.Get("key"))
			continue
		}
		d.decode(f.val, out.FieldByIndex(sf.Index), child)
	}
}

// fieldSet is the decodable fields of a struct type by YAML key.
type fieldSet struct {
	byName map[string]reflect.StructField
	names  []string
}

// typeCache remembers the fields of struct types, which decoding and
// merging look up for every value. The zero (nil) cache computes them every
// time. Not safe for concurrent use.
type typeCache map[reflect.Type]fieldSet

func (c typeCache) fields(t reflect.Type) fieldSet {
	if fs, ok := c[t]; ok {
		return fs
	}
	fs := structFields(t)
	if c != nil {
		c[t] = fs
	}
	return fs
}

func structFields(t reflect.Type) fieldSet {
	fs := fieldSet{byName: map[string]reflect.StructField{}}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !sf.IsExported() {
			continue
		}
		fs.byName[name] = sf
		fs.names = append(fs.names, name)
	}
	return fs
}

// entryKey returns the identity of a keyed-list entry: the text of its key
// fields, or the scalar itself for lists of scalars. ok is false when the
// entry has no usable key (a missing key is reported by validation).
func entryKey(item *value, keyTag string) (string, bool) {
	if keyTag == "" {
		return item.text, item.kind == kindScalar
	}
	if item.kind != kindMap {
		return "", false
	}
	var parts []string
	for k := range strings.SplitSeq(keyTag, ",") {
		kv := item.get(k)
		if kv != nil && kv.kind != kindScalar {
			return "", false
		}
		if kv == nil {
			parts = append(parts, "")
			continue
		}
		if kv.tag == "!!int" {
			parts = append(parts, canonicalInt(kv.text)) // 0x14 and 20 are one VLAN
			continue
		}
		parts = append(parts, kv.text)
	}
	if strings.Join(parts, "") == "" {
		return "", false
	}
	return strings.Join(parts, "\x00"), true
}

// describeKey formats a key for messages: `name "x"` or `vrf "" prefix "y"`.
func describeKey(keyTag, key string) string {
	if keyTag == "" {
		return strconv.Quote(key)
	}
	names := strings.Split(keyTag, ",")
	vals := strings.Split(key, "\x00")
	parts := make([]string, len(names))
	for i := range names {
		parts[i] = fmt.Sprintf("%s %q", names[i], vals[i])
	}
	return strings.Join(parts, " ")
}

package openconfig

import (
	"math/rand/v2"
	"reflect"
	"strings"

	"github.com/openconfig/goyang/pkg/yang"
	"github.com/openconfig/ygot/util"
	"github.com/openconfig/ygot/ytypes"
)

// filler populates generated structs with random values, valid and invalid,
// for the agreement test between ValidateStructure and ytypes.Validate.
type filler struct {
	r *rand.Rand
	// validOnly keeps only leaf values that ytypes.Validate accepts, so
	// that single mutations of the tree can be tested one at a time.
	validOnly bool
	// slots records every leaf and leaf-list set, for mutation.
	slots []slot
	// entries records every list entry: its key leaves, for key mutation.
	entries []entrySlot
}

// slot is a settable leaf or leaf-list field and its schema.
type slot struct {
	v      reflect.Value
	schema *yang.Entry
}

// entrySlot is a key field of a list entry.
type entrySlot struct {
	key reflect.Value
}

var fillStrings = []string{
	"", "a", "eth0", "Ethernet1", "GigabitEthernet1/0/1", "Port-Channel1", "sw1", "sw1.example.net",
	"bad host!", "-bad", "192.0.2.1", "10.0.0.0/8", "192.0.2.0/24", "0.0.0.0/0", "300.1.1.1",
	"192.0.2.1/33", "1.2.3", "192.0.2.1 ", "2001:db8::1", "2001:db8::/32", "fe80::1%eth0",
	"2001:db8::1/129", "::", "20..30", "4000..4095", "1..4094", "10..5", "0..10", "22", "1024..65535",
	"65536", "ANY", "any", "*", "00:11:22:33:44:55", "00:11:22:33:44:5G", "Europe/London",
	"$6$salt$hash", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 ops", "0x1234", "TACACS", "é", "a\nb",
	strings.Repeat("x", 64), strings.Repeat("y", 256), "default", "DEFAULT", "MGMT",
	strings.Repeat("a.", 126) + "a", strings.Repeat("a.", 127) + "a", strings.Repeat("é", 300),
}

var fillUints = []uint64{0, 1, 2, 7, 10, 20, 24, 32, 33, 64, 100, 128, 129, 255, 256, 514, 1000,
	1500, 4094, 4095, 4096, 5000, 9214, 9216, 65535, 65536, 1 << 31, 1<<32 - 1, 1 << 40, 1<<64 - 1}

var fillInts = []int64{-1 << 40, -129, -128, -1, 0, 1, 127, 128, 32767, 1 << 31, 1 << 40}

// unionCandidates are the concrete types that may implement a union
// interface: the Union* wrappers and every generated enumeration.
func unionCandidates() []reflect.Type {
	ts := []reflect.Type{
		reflect.TypeFor[UnionString](), reflect.TypeFor[UnionUint8](), reflect.TypeFor[UnionUint16](),
		reflect.TypeFor[UnionUint32](), reflect.TypeFor[UnionUint64](), reflect.TypeFor[UnionInt8](),
		reflect.TypeFor[UnionInt16](), reflect.TypeFor[UnionInt32](), reflect.TypeFor[UnionInt64](),
		reflect.TypeFor[UnionBool](), reflect.TypeFor[UnionFloat64](),
	}
	seen := map[reflect.Type]bool{}
	for _, enums := range ΛEnumTypes {
		for _, t := range enums {
			if !seen[t] {
				seen[t] = true
				ts = append(ts, t)
			}
		}
	}
	return ts
}

// scalar returns a random value of the non-pointer type t (nil if it
// cannot make one).
func (f *filler) scalar(t reflect.Type, cands []reflect.Type) reflect.Value {
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.String:
		v.SetString(fillStrings[f.r.IntN(len(fillStrings))])
	case reflect.Bool:
		v.SetBool(f.r.IntN(2) == 0)
	case reflect.Float64:
		v.SetFloat(f.r.Float64() * 100)
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u := fillUints[f.r.IntN(len(fillUints))]
		for v.OverflowUint(u) {
			u >>= 4
		}
		v.SetUint(u)
	case reflect.Int64:
		if t.Implements(goEnumType) {
			v.SetInt(int64(f.r.IntN(12)))
			break
		}
		v.SetInt(fillInts[f.r.IntN(len(fillInts))])
	case reflect.Int8, reflect.Int16, reflect.Int32:
		i := fillInts[f.r.IntN(len(fillInts))]
		for v.OverflowInt(i) {
			i /= 16
		}
		v.SetInt(i)
	case reflect.Interface:
		var impl []reflect.Type
		for _, c := range cands {
			if c.Implements(t) {
				impl = append(impl, c)
			}
		}
		if len(impl) == 0 {
			return reflect.Value{}
		}
		v.Set(f.scalar(impl[f.r.IntN(len(impl))], cands))
	default:
		return reflect.Value{}
	}
	return v
}

// leafValue returns a random value for a leaf field of type t.
func (f *filler) leafValue(t reflect.Type, cands []reflect.Type) reflect.Value {
	switch t.Kind() {
	case reflect.Pointer:
		s := f.scalar(t.Elem(), cands)
		if !s.IsValid() {
			return s
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(s)
		return p
	case reflect.Slice:
		n := f.r.IntN(4)
		sl := reflect.MakeSlice(t, 0, n)
		for range n {
			s := f.scalar(t.Elem(), cands)
			if !s.IsValid() {
				return reflect.Value{}
			}
			sl = reflect.Append(sl, s)
		}
		return sl
	}
	return f.scalar(t, cands)
}

// setLeaf sets fv (a leaf or leaf-list field) to a random value; in
// validOnly mode it tries a few values and keeps one ytypes accepts.
func (f *filler) setLeaf(fv reflect.Value, cs *yang.Entry, cands []reflect.Type) {
	for range 12 {
		nv := f.leafValue(fv.Type(), cands)
		if !nv.IsValid() {
			return
		}
		if f.validOnly && ytypes.Validate(cs, nv.Interface()) != nil {
			continue
		}
		fv.Set(nv)
		return
	}
}

// fillStruct fills the struct sv under schema, descending at most depth
// levels into containers and lists.
func (f *filler) fillStruct(sv reflect.Value, schema *yang.Entry, depth int, cands []reflect.Type) {
	t := sv.Type()
	for i := range t.NumField() {
		cs, err := util.ChildSchema(schema, t.Field(i))
		if err != nil || cs == nil {
			continue
		}
		fv := sv.Field(i)
		switch {
		case cs.IsLeaf() || cs.IsLeafList():
			if f.r.IntN(3) == 0 {
				f.setLeaf(fv, cs, cands)
			}
			if !fv.IsZero() {
				f.slots = append(f.slots, slot{fv, cs})
			}
		case depth == 0:
		case cs.IsContainer():
			if f.r.IntN(3) != 0 {
				fv.Set(reflect.New(fv.Type().Elem()))
				f.fillStruct(fv.Elem(), cs, depth-1, cands)
			}
		case cs.IsList():
			if f.r.IntN(2) == 0 {
				f.fillList(fv, cs, depth-1, cands)
			}
		}
	}
}

// fillList adds up to three entries to a keyed list (a map or an ordered
// map), with the map key taken from the entry's key leaves.
func (f *filler) fillList(fv reflect.Value, cs *yang.Entry, depth int, cands []reflect.Type) {
	var entryType, keyType reflect.Type
	ordered := fv.Kind() == reflect.Pointer
	if ordered {
		fv.Set(reflect.New(fv.Type().Elem()))
		get, _ := fv.Type().MethodByName("Get")
		entryType, keyType = get.Type.Out(0).Elem(), get.Type.In(1)
	} else {
		fv.Set(reflect.MakeMap(fv.Type()))
		entryType, keyType = fv.Type().Elem().Elem(), fv.Type().Key()
	}
	for range f.r.IntN(4) {
		e := reflect.New(entryType)
		f.fillStruct(e.Elem(), cs, depth, cands)
		key, ok := f.entryKey(e.Elem(), cs, keyType, cands)
		if !ok {
			continue
		}
		if ordered {
			fv.MethodByName("Append").Call([]reflect.Value{e})
			continue
		}
		if fv.MapIndex(key).IsValid() {
			continue
		}
		fv.SetMapIndex(key, e)
	}
}

// entryKey sets every key leaf of the entry e and returns the map key made
// from them.
func (f *filler) entryKey(e reflect.Value, cs *yang.Entry, keyType reflect.Type, cands []reflect.Type) (reflect.Value, bool) {
	keys := strings.Fields(cs.Key)
	key := reflect.New(keyType).Elem()
	for _, k := range keys {
		name, ok := keyFieldName(e.Type(), k)
		if !ok {
			return key, false
		}
		kf := e.FieldByName(name)
		if kf.IsZero() {
			f.setLeaf(kf, cs.Dir[k], cands)
		}
		if kf.Kind() == reflect.Pointer && kf.IsNil() {
			return key, false
		}
		f.entries = append(f.entries, entrySlot{kf})
		v := keyLeaf(kf)
		if keyType.Kind() == reflect.Struct {
			key.FieldByName(name).Set(v)
		} else {
			key.Set(v)
		}
	}
	return key, true
}

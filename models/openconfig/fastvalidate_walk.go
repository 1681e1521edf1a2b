package openconfig

// This file is written by hand; go generate does not touch it.

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/openconfig/goyang/pkg/yang"
	"github.com/openconfig/ygot/util"
	"github.com/openconfig/ygot/ygot"
	"github.com/openconfig/ygot/ytypes"
)

// errFallback is returned by a leaf check for a value representation the
// plans do not model; the field is then validated with ytypes.Validate.
var errFallback = errors.New("value needs ytypes validation")

// validate checks the struct value sv (not a pointer) against p.
func (p *structPlan) validate(sv reflect.Value) util.Errors {
	var errs util.Errors
	for i := range p.fields {
		f := &p.fields[i]
		e := f.validate(sv.Field(f.index))
		switch {
		case len(e) == 0:
		case f.name == "" || f.kind == kindList || f.kind == kindOrderedList || f.kind == kindLeaf || f.kind == kindLeafList:
			// List entries carry their own name[key] prefix, leaf errors
			// their leaf name.
			errs = append(errs, e...)
		default:
			errs = append(errs, prefixErrs(f.name, e)...)
		}
	}
	return errs
}

// validate checks the value fv of the field, mirroring ytypes.Validate:
// unset (nil) fields are valid.
func (f *fieldPlan) validate(fv reflect.Value) util.Errors {
	switch f.kind {
	case kindContainer:
		if fv.IsNil() {
			return nil
		}
		return f.elem.validate(fv.Elem())
	case kindList:
		if fv.IsNil() {
			return nil
		}
		return f.list.validateMap(fv)
	case kindOrderedList:
		if fv.IsNil() {
			return nil
		}
		return f.list.validateOrdered(fv)
	case kindLeaf:
		return f.validateLeaf(fv)
	case kindLeafList:
		return f.validateLeafList(fv)
	case kindMissingSchema:
		if fv.IsZero() {
			return nil
		}
		return util.NewErrs(f.err)
	}
	return f.fallback(fv)
}

func (f *fieldPlan) fallback(fv reflect.Value) util.Errors {
	return ytypes.Validate(f.schema, fv.Interface())
}

// validateLeaf mirrors ygot's validateLeaf for the field value fv: a pointer
// is dereferenced, an interface (a simple union) stands for its dynamic
// value, and anything else is checked as it is.
func (f *fieldPlan) validateLeaf(fv reflect.Value) util.Errors {
	outer, rv := fv.Kind(), fv
	switch outer {
	case reflect.Pointer:
		if fv.IsNil() {
			return nil
		}
		rv = fv.Elem()
	case reflect.Interface:
		if fv.IsNil() {
			return nil
		}
		rv = fv.Elem()
		outer = rv.Kind()
		if isNilKind(outer) && rv.IsNil() {
			return nil
		}
		if outer == reflect.Pointer {
			rv = rv.Elem()
		}
	case reflect.Slice, reflect.Map:
		if fv.IsNil() {
			return nil
		}
	}
	err := f.leaf.check(outer, rv)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errFallback):
		return f.fallback(fv)
	}
	return util.NewErrs(err)
}

// validateLeafList mirrors ygot's validateLeafList: each element that is a
// GoEnum is checked as a value, every other element as if through a
// pointer. Leaf-lists have no size or uniqueness check in ygot.
func (f *fieldPlan) validateLeafList(fv reflect.Value) util.Errors {
	if fv.IsNil() {
		return nil
	}
	var errs util.Errors
	for i := range fv.Len() {
		e := fv.Index(i)
		if e.Kind() == reflect.Interface {
			if e.IsNil() {
				// ygot accepts a nil union member and panics on others.
				if f.leaf.kind != yang.Yunion {
					errs = append(errs, fmt.Errorf("element %d is nil", i))
				}
				continue
			}
			e = e.Elem()
		}
		outer := reflect.Pointer
		if f.elemEnum == enumYes || f.elemEnum == enumDynamic && isGoEnum(e) {
			outer = e.Kind()
		}
		err := f.leaf.check(outer, e)
		if errors.Is(err, errFallback) {
			return f.fallback(fv)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func isGoEnum(v reflect.Value) bool {
	if v.Kind() != reflect.Int64 || !v.CanInterface() {
		return false
	}
	_, ok := v.Interface().(ygot.GoEnum)
	return ok
}

func isNilKind(k reflect.Kind) bool {
	return k == reflect.Pointer || k == reflect.Map || k == reflect.Slice
}

// validateMap mirrors ygot's validateList for a map: the size against
// min-elements and max-elements, then each entry's key and fields.
func (lp *listPlan) validateMap(m reflect.Value) util.Errors {
	errs := lp.checkSize(m.Len())
	key := reflect.New(lp.keyType).Elem()
	it := m.MapRange()
	for it.Next() {
		key.SetIterKey(it)
		if e := lp.validateEntry(key, it.Value()); len(e) > 0 {
			errs = append(errs, e...)
		}
	}
	return errs
}

// validateOrdered mirrors ygot's validateList for an ordered map, whose
// entries it visits through the generated Keys and Get methods.
func (lp *listPlan) validateOrdered(om reflect.Value) util.Errors {
	errs := lp.checkSize(om.Interface().(ygot.GoOrderedMap).Len())
	keys := om.Method(lp.keysMethod).Call(nil)[0]
	get := om.Method(lp.getMethod)
	for i := range keys.Len() {
		k := keys.Index(i)
		if e := lp.validateEntry(k, get.Call([]reflect.Value{k})[0]); len(e) > 0 {
			errs = append(errs, e...)
		}
	}
	return errs
}

func (lp *listPlan) checkSize(n int) util.Errors {
	size := uint64(n)
	var errs util.Errors
	if size < lp.min {
		errs = append(errs, fmt.Errorf("list %s contains fewer than min required elements: %d < %d", lp.name, size, lp.min))
	}
	if lp.max != 0 && size > lp.max {
		errs = append(errs, fmt.Errorf("list %s contains more than max allowed elements: %d > %d", lp.name, size, lp.max))
	}
	return errs
}

// validateEntry checks one list entry (a struct pointer) stored under key.
func (lp *listPlan) validateEntry(key, entry reflect.Value) util.Errors {
	if entry.IsNil() {
		// ygot panics here.
		return util.NewErrs(fmt.Errorf("%s[%v]: nil entry", lp.name, key))
	}
	s := entry.Elem()
	errs := lp.checkKey(key, s)
	if e := lp.elem.validate(s); len(e) > 0 {
		errs = append(errs, e...)
	}
	if len(errs) == 0 {
		return nil
	}
	return prefixErrs(fmt.Sprintf("%s[%v]", lp.name, key), errs)
}

// checkKey mirrors ygot's checkKeys: the map key must equal the entry's key
// leaves (dereferenced), compared as interface values.
func (lp *listPlan) checkKey(key, s reflect.Value) util.Errors {
	if lp.keyFields == nil {
		if isNilValue(key) {
			return nil
		}
		ev := keyLeaf(s.Field(lp.keyField))
		if !sameInterface(ev, key) {
			return util.NewErrs(fmt.Errorf("key field %s: element key %v != map key %v", s.Type().Field(lp.keyField).Name, ev, key))
		}
		return nil
	}
	var errs util.Errors
	for _, kf := range lp.keyFields {
		kv, ev := key.Field(kf[0]), keyLeaf(s.Field(kf[1]))
		if !sameInterface(ev, kv) {
			errs = append(errs, fmt.Errorf("element key value %v for key field %s has different value from map key %v",
				ev, key.Type().Field(kf[0]).Name, kv))
		}
	}
	return errs
}

func keyLeaf(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		return v.Elem()
	}
	return v
}

// isNilValue reports what util.IsValueNil(v.Interface()) would.
func isNilValue(v reflect.Value) bool {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return true
		}
		v = v.Elem()
	}
	return isNilKind(v.Kind()) && v.IsNil()
}

// sameInterface reports whether a.Interface() == b.Interface() without
// boxing the common scalar kinds.
func sameInterface(a, b reflect.Value) bool {
	if a.Kind() == reflect.Interface {
		a = a.Elem()
	}
	if b.Kind() == reflect.Interface {
		b = b.Elem()
	}
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.String:
		return a.String() == b.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	}
	return a.Interface() == b.Interface()
}

// prefixErrs prefixes each error with a path element; it runs only when
// validation fails.
func prefixErrs(prefix string, errs util.Errors) util.Errors {
	out := make(util.Errors, len(errs))
	for i, err := range errs {
		out[i] = fmt.Errorf("%s/%w", prefix, err)
	}
	return out
}

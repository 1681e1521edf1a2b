package openconfig

// This file is written by hand; go generate does not touch it.

import (
	"fmt"
	"reflect"
	"regexp"
	"unicode/utf8"

	"github.com/openconfig/goyang/pkg/yang"
	"github.com/openconfig/ygot/util"
	"github.com/openconfig/ygot/ytypes"
)

// leafPlan is the compiled form of a leaf (or leaf-list) schema after
// leafref resolution, or of one member type of a union.
type leafPlan struct {
	name  string
	kind  yang.TypeKind
	typ   *yang.YangType
	str   *stringPlan // kind Ystring
	union *unionPlan  // kind Yunion
}

// stringPlan holds a string type's length ranges and its patterns, compiled
// once with the expressions and the regexp flavour ygot uses
// (util.SanitizedPattern: anchored XSD patterns as RE2, or POSIX patterns).
type stringPlan struct {
	length   yang.YangRange
	patterns []*regexp.Regexp
}

// unionPlan holds the flattened member types of a union by the Go kind that
// selects them (ygot's findMatchingSchemasInUnion).
type unionPlan struct {
	byKind map[reflect.Kind][]*leafPlan
}

var boolType = reflect.TypeFor[bool]()

// compileLeaf compiles a leaf or leaf-list schema. It returns nil when the
// schema is invalid for ygot's validateLeaf, its leafref does not resolve,
// or its type is one the plans do not model (binary, decimal64, empty, and
// unions with such members): those fields use ytypes.Validate.
func compileLeaf(cs *yang.Entry) *leafPlan {
	if cs.Type == nil || cs.Kind != yang.LeafEntry {
		return nil
	}
	r, err := util.ResolveIfLeafRef(cs)
	if err != nil || r.Type == nil {
		return nil
	}
	return compileType(cs.Name, r.Type, true)
}

// compileType compiles one YANG type; unions only at the top (ygot looks up
// union members by Go kind and validates them as plain leaves).
func compileType(name string, t *yang.YangType, allowUnion bool) *leafPlan {
	lp := &leafPlan{name: name, kind: t.Kind, typ: t}
	switch {
	case t.Kind == yang.Ystring:
		if lp.str = compileString(t); lp.str == nil {
			return nil
		}
	case isIntegerKind(t.Kind):
		if !intSchemaOK(t) {
			return nil
		}
	case t.Kind == yang.Yunion && allowUnion:
		if lp.union = compileUnion(name, t); lp.union == nil {
			return nil
		}
	case t.Kind == yang.Ybool, t.Kind == yang.Yenum, t.Kind == yang.Yidentityref:
	case t.Kind == yang.Ybits && allowUnion:
	default:
		return nil
	}
	return lp
}

func compileString(t *yang.YangType) *stringPlan {
	sp := &stringPlan{length: t.Length}
	for _, r := range t.Length {
		if r.Min.Negative || r.Max.Negative || r.Max.Less(r.Min) {
			return nil
		}
	}
	patterns, isPOSIX := util.SanitizedPattern(t)
	for _, p := range patterns {
		compile := regexp.Compile
		if isPOSIX {
			compile = regexp.CompilePOSIX
		}
		re, err := compile(p)
		if err != nil {
			return nil
		}
		sp.patterns = append(sp.patterns, re)
	}
	return sp
}

// compileUnion flattens nested unions, keeping only member types whose Go
// representation ygot knows and that compileType models.
func compileUnion(name string, t *yang.YangType) *unionPlan {
	up := &unionPlan{byKind: make(map[reflect.Kind][]*leafPlan)}
	var add func(t *yang.YangType) bool
	add = func(t *yang.YangType) bool {
		for _, m := range t.Type {
			if m.Kind == yang.Yunion {
				if !add(m) {
					return false
				}
				continue
			}
			k, ok := goKind(m.Kind)
			mp := compileType(name, m, false)
			if !ok || mp == nil {
				return false
			}
			up.byKind[k] = append(up.byKind[k], mp)
		}
		return true
	}
	if !add(t) {
		return nil
	}
	return up
}

// goKind is the Go kind of ygot's yangBuiltinTypeToGoType for the types the
// plans model.
func goKind(k yang.TypeKind) (reflect.Kind, bool) {
	switch k {
	case yang.Yint8:
		return reflect.Int8, true
	case yang.Yint16:
		return reflect.Int16, true
	case yang.Yint32:
		return reflect.Int32, true
	case yang.Yint64, yang.Yenum, yang.Yidentityref:
		return reflect.Int64, true
	case yang.Yuint8:
		return reflect.Uint8, true
	case yang.Yuint16:
		return reflect.Uint16, true
	case yang.Yuint32:
		return reflect.Uint32, true
	case yang.Yuint64:
		return reflect.Uint64, true
	case yang.Ybool:
		return reflect.Bool, true
	case yang.Ystring:
		return reflect.String, true
	}
	return reflect.Invalid, false
}

func isIntegerKind(k yang.TypeKind) bool {
	_, ok := builtinRange(k)
	return ok
}

func isSignedKind(k yang.TypeKind) bool {
	return k == yang.Yint8 || k == yang.Yint16 || k == yang.Yint32 || k == yang.Yint64
}

func builtinRange(k yang.TypeKind) (yang.YangRange, bool) {
	switch k {
	case yang.Yint8:
		return yang.Int8Range, true
	case yang.Yint16:
		return yang.Int16Range, true
	case yang.Yint32:
		return yang.Int32Range, true
	case yang.Yint64:
		return yang.Int64Range, true
	case yang.Yuint8:
		return yang.Uint8Range, true
	case yang.Yuint16:
		return yang.Uint16Range, true
	case yang.Yuint32:
		return yang.Uint32Range, true
	case yang.Yuint64:
		return yang.Uint64Range, true
	}
	return nil, false
}

// intSchemaOK mirrors ygot's validateIntSchema.
func intSchemaOK(t *yang.YangType) bool {
	legal, _ := builtinRange(t.Kind)
	for _, r := range t.Range {
		if r.Max.Less(r.Min) || !isSignedKind(t.Kind) && (r.Min.Negative || r.Max.Negative) {
			return false
		}
		if !legal.Contains(yang.YangRange{{Min: r.Min, Max: r.Min}}) || !legal.Contains(yang.YangRange{{Min: r.Max, Max: r.Max}}) {
			return false
		}
	}
	return len(t.Range) == 0 || t.Range.Validate() == nil
}

// check mirrors ygot's validateLeaf for a non-nil value of Go kind outer
// (reflect.Pointer when ygot sees a pointer) whose value, dereferenced, is
// rv.
func (lp *leafPlan) check(outer reflect.Kind, rv reflect.Value) error {
	k := lp.kind
	switch outer {
	case reflect.Pointer:
	case reflect.Slice:
		if k != yang.Ybinary && k != yang.Yunion {
			return lp.badType(outer)
		}
	case reflect.Int64:
		if k != yang.Yenum && k != yang.Yidentityref && k != yang.Yunion {
			return lp.badType(outer)
		}
	case reflect.Bool:
		if k != yang.Yempty {
			return lp.badType(outer)
		}
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint8, reflect.Uint16,
		reflect.Uint32, reflect.Uint64, reflect.Float64, reflect.String:
		if k != yang.Yunion {
			return lp.badType(outer)
		}
	default:
		return lp.badType(outer)
	}
	return lp.checkValue(rv)
}

func (lp *leafPlan) badType(outer reflect.Kind) error {
	return fmt.Errorf("%s: bad leaf type: Go %v for YANG %v", lp.name, outer, lp.kind)
}

// checkValue validates the dereferenced value rv against the type.
func (lp *leafPlan) checkValue(rv reflect.Value) error {
	switch k := lp.kind; {
	case k == yang.Ystring:
		if rv.Kind() != reflect.String {
			return fmt.Errorf("%s: non string value %v", lp.name, rv)
		}
		return lp.str.check(lp.name, rv.String())
	case isIntegerKind(k):
		return lp.checkInt(rv)
	case k == yang.Ybool:
		if !rv.IsValid() || rv.Type() != boolType {
			return fmt.Errorf("%s: non bool type %v", lp.name, rv)
		}
	case k == yang.Yenum, k == yang.Yidentityref:
		if !rv.IsValid() || rv.Kind() != reflect.Int64 {
			return fmt.Errorf("%s: bad leaf value %v, expect Int64 for %v", lp.name, rv, k)
		}
	case k == yang.Yunion:
		return lp.union.check(lp.name, rv)
	}
	return nil
}

func (lp *leafPlan) checkInt(rv reflect.Value) error {
	if !rv.IsValid() {
		return fmt.Errorf("%s: non %v value %v", lp.name, lp.kind, rv)
	}
	if gk, _ := goKind(lp.kind); rv.Kind() != gk {
		return fmt.Errorf("%s: non %v type %v with value %v", lp.name, lp.kind, rv.Type(), rv)
	}
	var err error
	if isSignedKind(lp.kind) {
		err = ytypes.ValidateIntRestrictions(lp.typ, rv.Int())
	} else {
		err = ytypes.ValidateUintRestrictions(lp.typ, rv.Uint())
	}
	if err != nil {
		return fmt.Errorf("%s: %w", lp.name, err)
	}
	return nil
}

// ok reports whether check(s) would succeed.
func (sp *stringPlan) ok(s string) bool {
	if len(sp.length) > 0 && !inRanges(sp.length, yang.FromUint(uint64(utf8.RuneCountInString(s)))) {
		return false
	}
	for _, re := range sp.patterns {
		if !re.MatchString(s) {
			return false
		}
	}
	return true
}

// check mirrors ytypes.ValidateStringRestrictions with precompiled patterns.
func (sp *stringPlan) check(name, s string) error {
	if len(sp.length) > 0 {
		n := uint64(utf8.RuneCountInString(s))
		if !inRanges(sp.length, yang.FromUint(n)) {
			return fmt.Errorf("%s: length %d is outside range %v", name, n, sp.length)
		}
	}
	for _, re := range sp.patterns {
		if !re.MatchString(s) {
			return fmt.Errorf("%s: %q does not match regular expression pattern %q", name, s, re)
		}
	}
	return nil
}

// inRanges mirrors ygot's isInRanges: an empty range list allows anything.
func inRanges(yrs yang.YangRange, v yang.Number) bool {
	if len(yrs) == 0 {
		return true
	}
	for _, r := range yrs {
		if (v.Less(r.Max) || v.Equal(r.Max)) && (r.Min.Less(v) || r.Min.Equal(v)) {
			return true
		}
	}
	return false
}

// check mirrors ygot's validateUnion for a simple-union value rv: the value
// is valid if any member type of its Go kind accepts it.
func (up *unionPlan) check(name string, rv reflect.Value) error {
	if !rv.IsValid() {
		return nil
	}
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Struct, reflect.Map:
		return errFallback
	case reflect.Slice:
		if rv.IsNil() {
			return nil
		}
	}
	members := up.byKind[rv.Kind()]
	if len(members) == 0 {
		return fmt.Errorf("%s: no types in union match the type of value %v, which is %v", name, rv, rv.Type())
	}
	for _, m := range members {
		if m.accepts(rv) {
			return nil
		}
	}
	var errs util.Errors
	for _, m := range members {
		errs = append(errs, m.checkValue(rv))
	}
	return errs
}

// accepts reports whether checkValue(rv) would succeed, without building
// the error of a union member that does not match.
func (lp *leafPlan) accepts(rv reflect.Value) bool {
	if lp.kind == yang.Ystring && rv.Kind() == reflect.String {
		return lp.str.ok(rv.String())
	}
	return lp.checkValue(rv) == nil
}

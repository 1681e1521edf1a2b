package openconfig

// This file is written by hand; go generate does not touch it.
//
// ValidateStructure walks the tree with plans compiled once per (schema node,
// Go type): the child schema of each struct field, the compiled restrictions
// of each leaf, and the key fields of each list. The plans mirror the checks
// of ytypes.Validate (container.go, list.go, leaf.go, leaf_list.go in ygot);
// wherever the schema or the Go type is outside what they model, the field is
// validated with ytypes.Validate itself, so the result never depends on an
// approximation.

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/openconfig/goyang/pkg/yang"
	"github.com/openconfig/ygot/util"
	"github.com/openconfig/ygot/ygot"
)

// fieldKind says how a struct field is validated.
type fieldKind uint8

const (
	// kindFallback hands the field to ytypes.Validate.
	kindFallback fieldKind = iota
	// kindMissingSchema is a top-level field with no schema: an error if set.
	kindMissingSchema
	kindContainer
	kindList
	kindOrderedList
	kindLeaf
	kindLeafList
)

// structPlan is the compiled form of one generated struct under one schema
// node (a container, or an entry of a list).
type structPlan struct {
	fields []fieldPlan
	// fallback is set when the struct is outside what the plans model (a
	// YANG choice, a field without a schema); the parent field then uses
	// ytypes.Validate.
	fallback bool
}

// fieldPlan is the compiled form of one struct field.
type fieldPlan struct {
	index  int
	kind   fieldKind
	name   string      // schema name, for error paths
	schema *yang.Entry // the child schema ygot's util.ChildSchema returns
	elem   *structPlan // kindContainer
	list   *listPlan   // kindList, kindOrderedList
	leaf   *leafPlan   // kindLeaf, kindLeafList
	err    error       // kindMissingSchema
	// elemEnum says whether the elements of a leaf-list are GoEnums, which
	// ygot validates as values rather than through a pointer.
	elemEnum enumness
}

// enumness says whether a leaf-list element type implements ygot.GoEnum.
type enumness uint8

const (
	enumNo enumness = iota
	enumYes
	enumDynamic // an interface: depends on the dynamic type
)

func elemEnumness(t reflect.Type) enumness {
	switch {
	case t.Kind() == reflect.Interface:
		return enumDynamic
	case t.Implements(goEnumType):
		return enumYes
	}
	return enumNo
}

// listPlan is the compiled form of a keyed list field.
type listPlan struct {
	name     string
	min, max uint64 // min-elements, max-elements (0: unbounded)
	elem     *structPlan
	keyType  reflect.Type
	// keyField is the entry field holding a single key; for a multi-key
	// list, keyFields pairs each key struct field with its entry field.
	keyField  int
	keyFields [][2]int
	// keysMethod and getMethod are the method indices of an ordered map.
	keysMethod, getMethod int
}

var (
	goStructType     = reflect.TypeFor[ygot.GoStruct]()
	goOrderedMapType = reflect.TypeFor[ygot.GoOrderedMap]()
	goEnumType       = reflect.TypeFor[ygot.GoEnum]()
)

// devicePlan returns the plan for Device, compiled on first use. The plan is
// immutable once built and shared by all callers.
var devicePlan = sync.OnceValue(func() *structPlan {
	c := &compiler{plans: make(map[planKey]*structPlan)}
	return c.device()
})

// planKey identifies a struct plan: the schema node and the Go type.
type planKey struct {
	schema *yang.Entry
	typ    reflect.Type
}

// compiler builds plans, memoised by planKey.
type compiler struct {
	plans map[planKey]*structPlan
}

// device compiles the top level the way the previous ValidateStructure
// walked it: each field validated against SchemaTree[its struct type name].
func (c *compiler) device() *structPlan {
	t := reflect.TypeFor[Device]()
	p := &structPlan{}
	for i := range t.NumField() {
		f := t.Field(i)
		et := f.Type
		if et.Kind() == reflect.Map {
			et = et.Elem()
		}
		if et.Kind() == reflect.Pointer {
			et = et.Elem()
		}
		schema, ok := SchemaTree[et.Name()]
		if !ok {
			p.fields = append(p.fields, fieldPlan{index: i, kind: kindMissingSchema,
				err: fmt.Errorf("validate %s: no schema for %s", f.Name, et.Name())})
			continue
		}
		p.fields = append(p.fields, c.field(i, schema, f.Type))
	}
	return p
}

// structPlan compiles the struct type t under schema. It mirrors ygot's
// validateContainer and validateStructElems, which differ only where the
// plan falls back: choices, and fields without a schema.
func (c *compiler) structPlan(schema *yang.Entry, t reflect.Type) *structPlan {
	k := planKey{schema, t}
	if p, ok := c.plans[k]; ok {
		return p
	}
	p := &structPlan{}
	c.plans[k] = p
	if t.Kind() != reflect.Struct || hasChoice(schema) {
		p.fallback = true
		return p
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if util.IsYgotAnnotation(f) {
			continue
		}
		cs, err := util.ChildSchema(schema, f)
		if err != nil || cs == nil {
			p.fallback = true
			return p
		}
		p.fields = append(p.fields, c.field(i, cs, f.Type))
	}
	return p
}

func hasChoice(schema *yang.Entry) bool {
	for _, e := range schema.Dir {
		if e.IsChoice() {
			return true
		}
	}
	return false
}

// field compiles one field with child schema cs and Go type t, following
// the dispatch order of ytypes.Validate.
func (c *compiler) field(i int, cs *yang.Entry, t reflect.Type) fieldPlan {
	fp := fieldPlan{index: i, kind: kindFallback, name: cs.Name, schema: cs}
	switch {
	case util.IsFakeRoot(cs):
	case cs.IsLeaf():
		if lp := compileLeaf(cs); lp != nil {
			fp.kind, fp.leaf = kindLeaf, lp
		}
	case cs.IsContainer():
		if t.Kind() == reflect.Pointer && t.Implements(goStructType) {
			if sp := c.structPlan(cs, t.Elem()); !sp.fallback {
				fp.kind, fp.elem = kindContainer, sp
			}
		}
	case cs.IsLeafList():
		if t.Kind() == reflect.Slice && cs.Type != nil && cs.Type.Kind != yang.Yempty {
			if lp := compileLeaf(cs); lp != nil {
				fp.kind, fp.leaf = kindLeafList, lp
				fp.elemEnum = elemEnumness(t.Elem())
			}
		}
	case cs.IsList():
		if lp, kind := c.list(cs, t); lp != nil {
			fp.kind, fp.list = kind, lp
		}
	}
	return fp
}

// list compiles a keyed list held in a map or an ordered map. It returns nil
// for anything ygot's validateListSchema rejects, unkeyed lists and key
// layouts that ygot's checkKeys cannot match, so that ytypes reports them.
func (c *compiler) list(cs *yang.Entry, t reflect.Type) (*listPlan, fieldKind) {
	if cs.ListAttr == nil || !listSchemaOK(cs) {
		return nil, kindFallback
	}
	lp := &listPlan{name: cs.Name, min: cs.ListAttr.MinElements, max: cs.ListAttr.MaxElements}
	kind := kindList
	var entry reflect.Type
	switch {
	case t.Kind() == reflect.Map:
		lp.keyType, entry = t.Key(), t.Elem()
	case t.Kind() == reflect.Pointer && t.Implements(goOrderedMapType):
		keys, okK := t.MethodByName("Keys")
		get, okG := t.MethodByName("Get")
		if !okK || !okG || keys.Type.NumOut() != 1 || get.Type.NumIn() != 2 || get.Type.NumOut() != 1 {
			return nil, kindFallback
		}
		lp.keysMethod, lp.getMethod = keys.Index, get.Index
		lp.keyType, entry = get.Type.In(1), get.Type.Out(0)
		kind = kindOrderedList
	default:
		return nil, kindFallback
	}
	if entry.Kind() != reflect.Pointer || entry.Elem().Kind() != reflect.Struct {
		return nil, kindFallback
	}
	if !lp.compileKeys(cs, entry.Elem()) {
		return nil, kindFallback
	}
	if lp.elem = c.structPlan(cs, entry.Elem()); lp.elem.fallback {
		return nil, kindFallback
	}
	return lp, kind
}

// listSchemaOK mirrors ygot's validateListSchema.
func listSchemaOK(cs *yang.Entry) bool {
	if !cs.Config.Value() {
		return true
	}
	keys := strings.Fields(cs.Key)
	if len(keys) == 0 {
		return false
	}
	for _, k := range keys {
		if _, ok := cs.Dir[k]; !ok {
			return false
		}
	}
	return true
}

// compileKeys resolves the entry fields compared with the map key, as ygot's
// checkBasicKeyValue and checkStructKeyValues do. It reports false where
// ygot would fail for every entry, or where the key is unset (unkeyed).
func (lp *listPlan) compileKeys(cs *yang.Entry, entry reflect.Type) bool {
	keys := strings.Fields(cs.Key)
	switch {
	case len(keys) == 0:
		return false
	case len(keys) == 1:
		if lp.keyType.Kind() == reflect.Struct {
			return false
		}
		name, ok := keyFieldName(entry, keys[0])
		if !ok {
			return false
		}
		f, _ := entry.FieldByName(name)
		lp.keyField = f.Index[0]
		return len(f.Index) == 1
	case lp.keyType.Kind() != reflect.Struct:
		return false
	}
	for i := range lp.keyType.NumField() {
		f, ok := entry.FieldByName(lp.keyType.Field(i).Name)
		if !ok || len(f.Index) != 1 {
			return false
		}
		lp.keyFields = append(lp.keyFields, [2]int{i, f.Index[0]})
	}
	return true
}

// keyFieldName mirrors ygot's schemaNameToFieldName: the first field whose
// relative schema path ends in key (paths of one or two elements only).
func keyFieldName(entry reflect.Type, key string) (string, bool) {
	for i := range entry.NumField() {
		p, err := util.RelativeSchemaPath(entry.Field(i))
		if err != nil {
			return "", false
		}
		switch len(p) {
		case 1, 2:
			if p[len(p)-1] == key {
				return entry.Field(i).Name, true
			}
		default:
			return "", false
		}
	}
	return "", false
}

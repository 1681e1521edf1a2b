package ocxml

// The leafref check of Schema.Validate. ygot's ytypes.ValidateLeafRefData
// walks the whole type tree of the schema (every field of every struct,
// set or not, resolving each field's schema by name on the way) to find the
// leafref leaves of one data tree; for a 48-port switch that walk is most
// of a 100 ms validation. checkLeafrefs finds the same leaves through plans
// compiled once per (struct type, schema node), which keep only the fields
// that lead to a leafref, and visits only the values that are set. Each
// leaf it finds is then checked exactly as ygot checks it: the functions
// below the walk follow ytypes/leafref.go (ygot v0.36.0, Apache License
// 2.0) step by step, resolving targets with ytypes.GetNode. Leafref paths
// outside what the plans parse make the whole check fall back to ygot.

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/goyang/pkg/yang"
	"github.com/openconfig/ygot/util"
	"github.com/openconfig/ygot/ygot"
	"github.com/openconfig/ygot/ytypes"

	"github.com/switchyard/switchyard/models/openconfig"
)

// lrKind says how a planned field is visited.
type lrKind uint8

const (
	lrLeafref lrKind = iota
	lrContainer
	lrList
	lrOrderedList
)

// lrStruct is the plan of one struct type under one schema node: the fields
// (by schema path, a field may appear once per path) that are leafref
// leaves or lead to one.
type lrStruct struct {
	fields []lrField
}

type lrField struct {
	index  int
	sf     reflect.StructField
	path   []string    // schema path from the struct, ygot's PathFromParent
	schema *yang.Entry // the child schema ygot's walk uses
	kind   lrKind
	elem   *lrStruct // containers and list entries
}

// lrPlans are the compiled plans from the root, or nil when some leafref
// path is outside what checkLeafrefs parses (then ygot checks the tree).
type lrPlans struct {
	root       *lrStruct
	rootSchema *yang.Entry
}

var leafrefPlans = sync.OnceValue(func() *lrPlans {
	s, err := openconfig.Schema()
	if err != nil || s.SchemaTree["Device"] == nil {
		return nil
	}
	c := &lrCompiler{done: map[lrKey]*lrStruct{}}
	root := c.compile(reflect.TypeFor[openconfig.Device](), s.SchemaTree["Device"])
	if c.unsupported {
		return nil
	}
	return &lrPlans{root: root, rootSchema: s.SchemaTree["Device"]}
})

type lrKey struct {
	t reflect.Type
	e *yang.Entry
}

type lrCompiler struct {
	done        map[lrKey]*lrStruct
	unsupported bool
}

// compile returns the plan of struct type t under schema e, or nil when no
// leafref is reachable from it.
func (c *lrCompiler) compile(t reflect.Type, e *yang.Entry) *lrStruct {
	key := lrKey{t, e}
	if p, ok := c.done[key]; ok {
		return p
	}
	c.done[key] = nil // a recursive reference finds nothing new
	p := &lrStruct{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if util.IsYgotAnnotation(sf) {
			continue
		}
		paths, err := util.SchemaPaths(sf)
		if err != nil {
			c.unsupported = true
			continue
		}
		for _, path := range paths {
			if f, ok := c.field(i, sf, path, util.FirstChild(e, path)); ok {
				p.fields = append(p.fields, f)
			}
		}
	}
	if len(p.fields) == 0 {
		return nil
	}
	c.done[key] = p
	return p
}

// field returns the plan of one schema path of a struct field, and whether
// it is needed.
func (c *lrCompiler) field(i int, sf reflect.StructField, path []string, cs *yang.Entry) (lrField, bool) {
	f := lrField{index: i, sf: sf, path: path, schema: cs}
	if cs == nil {
		return f, false
	}
	t := sf.Type
	switch {
	case t.Kind() == reflect.Map && t.Elem().Kind() == reflect.Pointer && t.Elem().Elem().Kind() == reflect.Struct:
		f.kind, f.elem = lrList, c.compile(t.Elem().Elem(), elemSchema(cs))
	case t.Implements(orderedMapType):
		vals, ok := t.MethodByName("Values")
		if !ok || vals.Type.NumOut() != 1 || vals.Type.Out(0).Kind() != reflect.Slice {
			c.unsupported = true
			return f, false
		}
		f.kind, f.elem = lrOrderedList, c.compile(vals.Type.Out(0).Elem().Elem(), elemSchema(cs))
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		f.kind, f.elem = lrContainer, c.compile(t.Elem(), cs)
	case util.IsLeafRef(cs) && !cs.IsLeafList():
		if _, err := parseLeafrefPath(cs.Type.Path); err != nil {
			c.unsupported = true
		}
		return f, true
	default:
		return f, false
	}
	return f, f.elem != nil
}

var orderedMapType = reflect.TypeFor[ygot.GoOrderedMap]()

// elemSchema is the schema ygot's walk gives the entries of a list: the
// list's, without its list attributes. The copy is made once per list at
// compile time, so that plans are keyed by a stable pointer.
var elemSchemas sync.Map // *yang.Entry -> *yang.Entry

func elemSchema(list *yang.Entry) *yang.Entry {
	if e, ok := elemSchemas.Load(list); ok {
		return e.(*yang.Entry)
	}
	cp := *list
	cp.ListAttr = nil
	e, _ := elemSchemas.LoadOrStore(list, &cp)
	return e.(*yang.Entry)
}

// lrElem is one element of a parsed leafref path: a name, and an optional
// key predicate whose value is a literal or a path from current().
type lrElem struct {
	name, key, literal, fromCurrent string
}

// parseLeafrefPath parses what ygot's leafRefToGNMIPath accepts: elements
// with at most one [key = "literal"] or [key = current()/path] predicate.
func parseLeafrefPath(path string) ([]lrElem, error) {
	var out []lrElem
	for _, p := range util.SplitPath(path) {
		name, pred, hasPred := strings.Cut(p, "[")
		el := lrElem{name: util.StripModulePrefix(name)}
		if hasPred {
			pred, ok := strings.CutSuffix(pred, "]")
			k, v, ok2 := strings.Cut(pred, "=")
			if !ok || !ok2 || strings.ContainsAny(pred, "[]") || strings.Contains(v, " and ") {
				return nil, fmt.Errorf("leafref path %s: predicate %q is not supported", path, p)
			}
			el.key, v = strings.TrimSpace(k), strings.TrimSpace(v)
			switch {
			case isInQuotes(v):
				el.literal = v[1 : len(v)-1]
			case strings.HasPrefix(v, "current()/"):
				el.fromCurrent = strings.TrimPrefix(v, "current()/")
			default:
				return nil, fmt.Errorf("leafref path %s: predicate value %q is not supported", path, v)
			}
			el.key = util.StripModulePrefix(el.key)
		}
		out = append(out, el)
	}
	return out, nil
}

func isInQuotes(s string) bool {
	return len(s) >= 2 && strings.HasPrefix(s, `"`) && strings.HasSuffix(s, `"`)
}

// checkLeafrefs checks every leafref of d as ygot's ValidateLeafRefData
// does, returning its errors (nil when every leafref holds).
func checkLeafrefs(d *openconfig.Device) util.Errors {
	plans := leafrefPlans()
	if plans == nil {
		return ytypes.ValidateLeafRefData(openconfig.SchemaTree["Device"], d, nil)
	}
	w := &lrWalk{}
	root := &util.NodeInfo{Schema: plans.rootSchema, FieldValue: reflect.ValueOf(d)}
	w.visitStruct(root, plans.root)
	return w.errs
}

type lrWalk struct {
	errs util.Errors
}

// visitStruct visits the planned fields of the struct (pointer) at ni.
func (w *lrWalk) visitStruct(ni *util.NodeInfo, p *lrStruct) {
	v := ni.FieldValue
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	for i := range p.fields {
		f := &p.fields[i]
		fv := v.Field(f.index)
		if util.IsNilOrInvalidValue(fv) {
			continue
		}
		nn := &util.NodeInfo{Parent: ni, StructField: f.sf, FieldValue: fv, Schema: f.schema, PathFromParent: f.path}
		switch f.kind {
		case lrLeafref:
			w.errs = util.AppendErrs(w.errs, checkLeafref(nn))
		case lrContainer:
			w.visitStruct(nn, f.elem)
		case lrList:
			iter := fv.MapRange()
			for iter.Next() {
				w.visitStruct(w.entry(nn, f, iter.Key(), iter.Value()), f.elem)
			}
		case lrOrderedList:
			vals := fv.MethodByName("Values").Call(nil)[0]
			for j := range vals.Len() {
				w.visitStruct(w.entry(nn, f, reflect.Value{}, vals.Index(j)), f.elem)
			}
		}
	}
}

// entry is the NodeInfo ygot's walk gives a list entry below the list's.
func (w *lrWalk) entry(list *util.NodeInfo, f *lrField, key, val reflect.Value) *util.NodeInfo {
	return &util.NodeInfo{Parent: list, StructField: f.sf, FieldValue: val, FieldKey: key,
		Schema: elemSchema(f.schema), PathFromParent: []string{f.schema.Name}}
}

// checkLeafref is ygot's validateLeafRefDataIterFunc for one leafref leaf.
func checkLeafref(ni *util.NodeInfo) util.Errors {
	schema := ni.Schema
	gNMIPath, err := leafrefGNMIPath(ni, schema.Type.Path)
	if err != nil {
		return util.NewErrs(err)
	}
	matchNodes, err := dataNodesAtPath(ni, gNMIPath)
	if err != nil {
		return util.NewErrs(err)
	}
	pathStr := util.StripModulePrefixesStr(schema.Type.Path)
	match, err := matchesNodes(ni, matchNodes)
	if err != nil {
		return util.NewErrs(err)
	}
	if !match {
		return util.NewErrs(fmt.Errorf("field name %s value %s schema path %s has leafref path %s not equal to any target nodes",
			ni.StructField.Name, util.ValueStr(ni.FieldValue.Interface()), ni.Schema.Path(), pathStr))
	}
	return nil
}

// leafrefGNMIPath is ygot's leafRefToGNMIPath: the leafref path with each
// current()-relative key value replaced by the value it points to.
func leafrefGNMIPath(ni *util.NodeInfo, path string) (*gpb.Path, error) {
	elems, err := parseLeafrefPath(path)
	if err != nil {
		return nil, err
	}
	out := &gpb.Path{}
	for _, el := range elems {
		gp := &gpb.PathElem{Name: el.name}
		switch {
		case el.key == "":
		case el.fromCurrent == "":
			gp.Key = map[string]string{el.key: el.literal}
		default:
			ns, err := dataNodesAtPath(ni, noKeysPath(el.fromCurrent))
			var j string
			switch len(ns) {
			case 0:
			case 1:
				if err != nil {
					return nil, err
				}
				rval := reflect.ValueOf(ns[0])
				if util.IsValuePtr(rval) {
					rval = rval.Elem()
				}
				j = fmt.Sprint(rval)
			default:
				return nil, fmt.Errorf("expect single node to match value at path %s, got %d", el.fromCurrent, len(ns))
			}
			gp.Key = map[string]string{el.key: j}
		}
		out.Elem = append(out.Elem, gp)
	}
	return out, nil
}

func noKeysPath(path string) *gpb.Path {
	out := &gpb.Path{}
	for p := range strings.SplitSeq(path, "/") {
		out.Elem = append(out.Elem, &gpb.PathElem{Name: p})
	}
	return out
}

// dataNodesAtPath is ygot's dataNodesAtPath without its memo.
func dataNodesAtPath(ni *util.NodeInfo, path *gpb.Path) ([]any, error) {
	if path == nil || len(path.GetElem()) == 0 {
		return []any{ni}, nil
	}
	root := ni.Parent
	for root.Parent != nil {
		root = root.Parent
	}
	if path.GetElem()[0].GetName() == "" {
		path.Elem = path.GetElem()[1:]
	} else {
		root = ni
		for len(path.GetElem()) != 0 && path.GetElem()[0].GetName() == ".." {
			if root.Parent == nil {
				return nil, fmt.Errorf("no parent for leafref path at %v, with remaining path %s", ni.Schema.Path(), path)
			}
			_, isOrderedMap := root.Parent.FieldValue.Interface().(ygot.GoOrderedMap)
			if (root.Parent.Schema.IsList() && (util.IsValueMap(root.Parent.FieldValue) || isOrderedMap)) ||
				(root.Parent.Schema.IsLeafList() && util.IsValueSlice(root.Parent.FieldValue)) {
				root = root.Parent
				continue
			}
			path.Elem = removeParentDirPrefix(path.GetElem(), root.PathFromParent)
			root = root.Parent
		}
	}
	var nodes []any
	treeNodes, err := ytypes.GetNode(root.Schema, root.FieldValue.Interface(), path,
		&ytypes.GetPartialKeyMatch{}, &ytypes.GetHandleWildcards{}, &ytypes.GetTolerateNil{})
	for _, tn := range treeNodes {
		if !util.IsValueNil(tn.Data) {
			nodes = append(nodes, tn.Data)
		}
	}
	return nodes, err
}

// removeParentDirPrefix is ygot's: it removes leading ".." elements that
// the compressed path from the parent absorbs, restoring the rest.
func removeParentDirPrefix(path []*gpb.PathElem, pathFromParent []string) []*gpb.PathElem {
	plen := len(pathFromParent)
	out := path
	for len(out) > 0 && out[0].GetName() == ".." && plen > 0 {
		out = out[1:]
		plen--
	}
	for i := range plen {
		out = append([]*gpb.PathElem{{Name: pathFromParent[i]}}, out...)
	}
	return out
}

// matchesNodes is ygot's: whether the leaf at ni equals any of the target
// nodes (or an element of a target leaf-list).
func matchesNodes(ni *util.NodeInfo, matchNodes []any) (bool, error) {
	pathStr := util.StripModulePrefixesStr(ni.Schema.Type.Path)
	if util.IsNilOrInvalidValue(ni.FieldValue) || util.IsValueNilOrDefault(ni.FieldValue.Interface()) {
		return true, nil
	}
	nii := ni.FieldValue.Interface()
	if len(matchNodes) == 0 {
		return false, util.NewErrs(fmt.Errorf("pointed-to value with path %s from field %s value %s schema %s is empty set",
			pathStr, ni.StructField.Name, util.ValueStr(nii), ni.Schema.Path()))
	}
	sourceNodes := []any{nii}
	if ni.FieldValue.Type().Kind() == reflect.Slice {
		sourceNodes = ni.FieldValue.Elem().Interface().([]any)
	}
	for _, sourceNode := range sourceNodes {
		for _, other := range matchNodes {
			if matchesNode(ni, sourceNode, other) {
				return true, nil
			}
		}
	}
	return false, nil
}

func matchesNode(ni *util.NodeInfo, sourceNode, other any) bool {
	if util.IsValueNilOrDefault(other) {
		return false
	}
	ov := reflect.ValueOf(other)
	switch {
	case util.IsValueScalar(ov):
		return util.DeepEqualDerefPtrs(sourceNode, other)
	case util.IsValueSlice(ov):
		src := ni.FieldValue.Interface()
		for i := range ov.Len() {
			if util.DeepEqualDerefPtrs(src, ov.Index(i).Interface()) {
				return true
			}
		}
	case util.IsValueStructPtr(ov):
		ovv := ov.Elem().FieldByIndex([]int{0})
		svv := ni.FieldValue.Elem().Elem().FieldByIndex([]int{0})
		return reflect.DeepEqual(ovv.Interface(), svv.Interface())
	}
	return false
}

package ocxml

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/openconfig/goyang/pkg/yang"
	"github.com/openconfig/ygot/util"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/models/openconfig"
)

// model is the compiled view of the generated structs: for every GoStruct
// type, the XML elements its fields map to. It is built once by compile and
// only read afterwards, so it is safe for concurrent use.
type model struct {
	root    *structInfo
	structs map[reflect.Type]*structInfo
	enums   map[reflect.Type]*enumInfo
	// moduleByNS maps a namespace URI to its module name; moduleByPrefix
	// maps both module prefixes and module names to the module name.
	moduleByNS     map[string]string
	moduleByPrefix map[string]string
	prefixByNS     map[string]string
}

// structInfo describes one GoStruct type.
type structInfo struct {
	typ   reflect.Type // the struct type, not the pointer
	entry *yang.Entry
	keys  []*node // key leaf nodes in key statement order; nil for containers
	node  *node   // the struct's own element; only its children are used
}

// fieldKind is what a struct field holds.
type fieldKind int

const (
	kindLeaf fieldKind = iota
	kindLeafList
	kindContainer
	kindList        // map[K]*T
	kindOrderedList // *T_OrderedMap
)

// field is a struct field that maps to one or more element positions.
type field struct {
	index int
	name  string // Go field name
	kind  fieldKind
	entry *yang.Entry
	elem  *structInfo // containers and lists
	// members are the flattened member types of a union leaf, in order;
	// enumTypes are the Go enumeration types that may appear in the union.
	members   []*yang.YangType
	enumTypes []reflect.Type
	isKey     bool // the field is a key of the list entry it belongs to
}

// node is one element position below a struct's element.
type node struct {
	name     xml.Name
	prefix   string // module prefix, for XPath
	children []*node
	field    *field // set on the last element of a field's path
	keyLeaf  bool   // the list key leaf directly below the entry
}

// child returns the child named name, or nil.
func (n *node) child(name xml.Name) *node {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// childLocal returns the first child with local name local, or nil.
func (n *node) childLocal(local string) *node {
	for _, c := range n.children {
		if c.name.Local == local {
			return c
		}
	}
	return nil
}

// compiled returns the model for package openconfig, building it on first use.
var compiled = sync.OnceValues(func() (*model, error) {
	return compile()
})

func compile() (*model, error) {
	s, err := openconfig.Schema()
	if err != nil {
		return nil, fmt.Errorf("ocxml: load schema: %w", err)
	}
	m := &model{
		structs:        map[reflect.Type]*structInfo{},
		enums:          map[reflect.Type]*enumInfo{},
		moduleByNS:     map[string]string{},
		moduleByPrefix: map[string]string{},
		prefixByNS:     map[string]string{},
	}
	for name, mod := range openconfig.YANGModules {
		m.moduleByNS[mod.Namespace] = name
		m.moduleByPrefix[mod.Prefix] = name
		m.moduleByPrefix[name] = name
		m.prefixByNS[mod.Namespace] = mod.Prefix
	}
	rootEntry := s.SchemaTree["Device"]
	if rootEntry == nil {
		return nil, fmt.Errorf("ocxml: schema has no Device entry")
	}
	m.root, err = m.compileStruct(reflect.TypeFor[openconfig.Device](), rootEntry)
	if err != nil {
		return nil, fmt.Errorf("ocxml: compile schema: %w", err)
	}
	return m, nil
}

// compileStruct builds the structInfo of struct type t with schema e.
func (m *model) compileStruct(t reflect.Type, e *yang.Entry) (*structInfo, error) {
	if si, ok := m.structs[t]; ok {
		return si, nil
	}
	si := &structInfo{typ: t, entry: e, node: &node{}}
	m.structs[t] = si
	var keys []string
	if e.IsList() && e.Key != "" {
		keys = strings.Fields(e.Key)
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		if util.IsYgotAnnotation(sf) || sf.Tag.Get("path") == "" {
			continue
		}
		if err := m.compileField(si, i, sf, keys); err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name(), sf.Name, err)
		}
	}
	for _, k := range keys {
		n := si.node.childLocal(k)
		if n == nil || n.field == nil || !n.field.isKey {
			return nil, fmt.Errorf("%s: no field for key %q", t.Name(), k)
		}
		n.keyLeaf = true
		si.keys = append(si.keys, n)
	}
	sortNodes(si.node, keys)
	return si, nil
}

// compileField adds the element positions of field sf (index i) to si.
func (m *model) compileField(si *structInfo, i int, sf reflect.StructField, keys []string) error {
	ce, err := util.ChildSchema(si.entry, sf)
	if err != nil || ce == nil {
		return fmt.Errorf("no schema (%v)", err)
	}
	f := &field{index: i, name: sf.Name, entry: ce}
	if err := m.classify(f, sf.Type); err != nil {
		return err
	}
	paths, err := util.SchemaPaths(sf)
	if err != nil {
		return err
	}
	modAlts := strings.Split(sf.Tag.Get("module"), "|")
	if len(modAlts) != len(paths) {
		return fmt.Errorf("path and module tags disagree")
	}
	for pi, p := range paths {
		mods := strings.Split(modAlts[pi], "/")
		if len(mods) != len(p) {
			return fmt.Errorf("path %v and modules %v disagree", p, mods)
		}
		if len(p) == 1 && slices.Contains(keys, p[0]) {
			f.isKey = true
		}
		if err := m.addPath(si.node, f, p, mods); err != nil {
			return err
		}
	}
	return nil
}

// addPath inserts the element positions of path p (defined by modules mods)
// below n, ending at field f.
func (m *model) addPath(n *node, f *field, p, mods []string) error {
	for j, local := range p {
		mod, ok := openconfig.YANGModules[mods[j]]
		if !ok {
			return fmt.Errorf("module %q has no namespace", mods[j])
		}
		name := xml.Name{Space: mod.Namespace, Local: local}
		c := n.child(name)
		if c == nil {
			c = &node{name: name, prefix: mod.Prefix}
			n.children = append(n.children, c)
		}
		if c.field != nil {
			return fmt.Errorf("element %s is used by two fields", local)
		}
		n = c
	}
	if len(n.children) > 0 {
		return fmt.Errorf("element %s is both a field and a container", n.name.Local)
	}
	n.field = f
	return nil
}

// classify sets f.kind, f.elem and the union and enum information from the
// Go type t and the schema.
func (m *model) classify(f *field, t reflect.Type) error {
	switch {
	case f.entry.IsLeaf(), f.entry.IsLeafList():
		f.kind = kindLeaf
		if f.entry.IsLeafList() {
			if t.Kind() != reflect.Slice {
				return fmt.Errorf("leaf-list of Go type %s", t)
			}
			f.kind = kindLeafList
			t = t.Elem()
		}
		return m.classifyLeaf(f, t)
	case f.entry.IsList():
		elem, kind, err := listElem(t)
		if err != nil {
			return err
		}
		f.kind = kind
		f.elem, err = m.compileStruct(elem, f.entry)
		return err
	case f.entry.IsContainer():
		if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
			return fmt.Errorf("container of Go type %s", t)
		}
		f.kind = kindContainer
		var err error
		f.elem, err = m.compileStruct(t.Elem(), f.entry)
		return err
	}
	return fmt.Errorf("unsupported schema node kind %v", f.entry.Kind)
}

// listElem returns the entry struct type and kind of the list Go type t.
func listElem(t reflect.Type) (reflect.Type, fieldKind, error) {
	if t.Kind() == reflect.Map && t.Elem().Kind() == reflect.Pointer {
		return t.Elem().Elem(), kindList, nil
	}
	if t.Implements(reflect.TypeFor[ygot.GoOrderedMap]()) {
		mv, ok := t.MethodByName("Values")
		if ok && mv.Type.NumOut() == 1 && mv.Type.Out(0).Kind() == reflect.Slice {
			return mv.Type.Out(0).Elem().Elem(), kindOrderedList, nil
		}
	}
	return nil, 0, fmt.Errorf("list of unsupported Go type %s", t)
}

// classifyLeaf records the enumeration and union details of a leaf whose
// (element) Go type is t.
func (m *model) classifyLeaf(f *field, t reflect.Type) error {
	if isEnum(t) {
		return m.addEnum(t)
	}
	if t.Kind() != reflect.Interface {
		return nil
	}
	f.members = flattenUnion(f.entry.Type)
	schemaPath := strings.TrimPrefix(f.entry.Path(), "/device")
	for _, et := range openconfig.ΛEnumTypes[schemaPath] {
		if !et.Implements(t) {
			continue
		}
		if err := m.addEnum(et); err != nil {
			return err
		}
		f.enumTypes = append(f.enumTypes, et)
	}
	return nil
}

// flattenUnion returns the member types of union type t, nested unions
// expanded, or nil when t is not a union.
func flattenUnion(t *yang.YangType) []*yang.YangType {
	if t == nil || t.Kind != yang.Yunion {
		return nil
	}
	var out []*yang.YangType
	for _, mt := range t.Type {
		if mt.Kind == yang.Yunion {
			out = append(out, flattenUnion(mt)...)
			continue
		}
		out = append(out, mt)
	}
	return out
}

// sortNodes orders the children of n and its descendants: the list keys
// first, in key statement order, then by local name and namespace.
func sortNodes(n *node, keys []string) {
	rank := func(c *node) int {
		if c.keyLeaf {
			return slices.Index(keys, c.name.Local)
		}
		return len(keys)
	}
	slices.SortStableFunc(n.children, func(a, b *node) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)),
			cmp.Compare(a.name.Local, b.name.Local),
			cmp.Compare(a.name.Space, b.name.Space))
	})
	for _, c := range n.children {
		if c.field == nil {
			sortNodes(c, nil)
		}
	}
}

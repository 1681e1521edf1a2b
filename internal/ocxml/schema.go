package ocxml

import (
	"encoding/xml"
	"regexp"
	"strings"

	"github.com/openconfig/ygot/util"

	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/models/openconfig"
)

// LeafListKey is what ListKeys returns for a leaf-list entry, which is
// identified by its own value. It equals devicesim.LeafListKey.
const LeafListKey = "."

// Schema answers the device simulator's questions about the OpenConfig
// data model: the keys of list entries and the validity of a datastore. It
// satisfies devicesim.Schema. A Schema is immutable and safe for concurrent
// use; the zero value is not usable, call NewSchema.
type Schema struct {
	m *model
}

// NewSchema returns the Schema of the models in package openconfig. It
// fails only if the generated code is inconsistent with its schema.
func NewSchema() (*Schema, error) {
	m, err := compiled()
	if err != nil {
		return nil, err
	}
	return &Schema{m: m}, nil
}

// ListKeys returns the key leaf names, in key statement order, of the list
// entry element at path (namespace-qualified names from the top-level node
// down to the element itself), []string{LeafListKey} for a leaf-list entry,
// and nil for anything else, including paths the schema does not have.
func (s *Schema) ListKeys(path []xml.Name) []string {
	n := s.m.root.node
	var f *field
	for _, name := range path {
		if f != nil {
			if f.elem == nil {
				return nil // below a leaf
			}
			n = f.elem.node
		}
		if n = n.child(name); n == nil {
			return nil
		}
		f = n.field
	}
	if f == nil {
		return nil
	}
	switch f.kind {
	case kindList, kindOrderedList:
		keys := make([]string, len(f.elem.keys))
		for i, k := range f.elem.keys {
			keys[i] = k.name.Local
		}
		return keys
	case kindLeafList:
		return []string{LeafListKey}
	}
	return nil
}

// Validate decodes the children of root (the top-level data nodes) and
// checks them against the YANG schema: every leaf's type and restrictions
// (ranges, patterns, lengths), then the whole tree as ygot's validators do
// (leafrefs and the rest; see ValidateDevice). It returns nil or an *Error; the Path of a
// validation failure that ygot reports without one is located by the
// failing leaf's schema path and value, and left empty when that fails.
// A nil root is valid.
func (s *Schema) Validate(root *xmltree.Element) error {
	if root == nil {
		return nil
	}
	d := &openconfig.Device{}
	if err := s.m.decode(d, root.Children, true); err != nil {
		return err
	}
	if err := ValidateDevice(d); err != nil {
		return s.m.locate(root, err)
	}
	return nil
}

// IsDeterministic reports that Validate depends on nothing but its
// argument (devicesim.DeterministicSchema): a device may skip validating a
// datastore tree again that has already passed.
func (s *Schema) IsDeterministic() bool { return true }

// ValidateDevice checks d as ygot's d.Validate() does, and returns the same
// errors (a util.Errors, leafref errors first), at a fraction of the cost:
// the leafrefs are found through compiled plans instead of ygot's walk of
// the whole schema (see checkLeafrefs), and every node is checked by
// openconfig.ValidateStructure. When that finds a problem, ygot's own
// validation runs to report it in ygot's words; that is the rare path, as
// decoding already checks every leaf. A nil d is valid. It is safe for
// concurrent use and does not modify d.
func ValidateDevice(d *openconfig.Device) error {
	if d == nil {
		return nil
	}
	if openconfig.ValidateStructure(d) != nil {
		return d.Validate()
	}
	if errs := checkLeafrefs(d); len(errs) > 0 {
		return errs
	}
	return nil
}

var (
	schemaPathRE = regexp.MustCompile(`schema path (/\S+)`)
	valueRE      = regexp.MustCompile(`value (\S+) \(`)
)

// locate turns a ygot validation error into an *Error, finding the leaf
// it is about in root from the schema path and value in its message.
func (m *model) locate(root *xmltree.Element, err error) error {
	msg := err.Error()
	if errs, ok := err.(util.Errors); ok && len(errs) > 0 {
		msg = errs[0].Error()
	}
	e := &Error{Tag: TagInvalidValue, Message: msg}
	sm := schemaPathRE.FindStringSubmatch(msg)
	if sm == nil {
		return e
	}
	segs := strings.Split(strings.TrimPrefix(sm[1], "/device/"), "/")
	value := ""
	if vm := valueRE.FindStringSubmatch(msg); vm != nil {
		value = vm[1]
	}
	if fr := m.find(&frame{el: root}, m.root.node, segs, value); fr != nil {
		return m.errorf(fr, TagInvalidValue, "%s", msg)
	}
	return e
}

// find returns the frame of the first element below fr (at position n)
// whose local-name path is segs and whose value is value (any value when
// empty; identities match without their prefix).
func (m *model) find(fr *frame, n *node, segs []string, value string) *frame {
	if len(segs) == 0 {
		t := fr.el.Text
		if _, after, ok := strings.Cut(t, ":"); ok && after == value {
			t = after
		}
		if value == "" || t == value {
			return fr
		}
		return nil
	}
	for _, c := range fr.el.Children {
		cn := n.child(c.Name)
		if c.Name.Local != segs[0] || cn == nil {
			continue
		}
		cfr := &frame{parent: fr, el: c}
		if f := cn.field; f != nil && f.elem != nil {
			cn = f.elem.node
			if f.kind != kindContainer {
				cfr.entry = f.elem
			}
		}
		if r := m.find(cfr, cn, segs[1:], value); r != nil {
			return r
		}
	}
	return nil
}

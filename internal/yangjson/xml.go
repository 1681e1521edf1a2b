package yangjson

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/profiles"
)

// ToXML encodes the native members of tree (top-level "module:name") as
// NETCONF elements in their modules' namespaces, list keys first. Members
// the schema lacks are still encoded (in the namespace their prefix or
// their parent gives) so that a check of the result names them.
func ToXML(p *profiles.Profile, tree map[string]any) ([]*xmltree.Element, error) {
	var out []*xmltree.Element
	for _, member := range sortedKeys(tree) {
		mod, _, ok := strings.Cut(member, ":")
		if !ok {
			return nil, fmt.Errorf("%s: a top-level member must be module-qualified (module:name)", member)
		}
		if p.Module(mod) == nil {
			return nil, fmt.Errorf("%s: module %s is not advertised by %s", member, mod, p.ID())
		}
		var sch *profiles.Node
		if p.Native != nil {
			sch = p.NativeTop(member)
		}
		out = append(out, encode(p, member, tree[member], "", sch)...)
	}
	return out, nil
}

// encode returns the elements of member (value v, schema sch or nil) under
// a parent in namespace ns.
func encode(p *profiles.Profile, member string, v any, ns string, sch *profiles.Node) []*xmltree.Element {
	if mod, local, ok := strings.Cut(member, ":"); ok {
		if m := p.Module(mod); m != nil {
			ns = m.Namespace
		}
		member = local
	}
	switch x := v.(type) {
	case map[string]any:
		return []*xmltree.Element{container(p, member, x, ns, sch)}
	case []any:
		if isEmptyValue(x) {
			return []*xmltree.Element{xmltree.New(ns, member)}
		}
		var out []*xmltree.Element
		for _, it := range x {
			if m, ok := it.(map[string]any); ok {
				out = append(out, container(p, member, m, ns, sch))
			} else {
				out = append(out, leaf(p, member, it, ns, sch))
			}
		}
		return out
	}
	return []*xmltree.Element{leaf(p, member, v, ns, sch)}
}

// leaf is the element of a leaf (or leaf-list item) name with value v.
// An identityref value is RFC 7951's "module:IDENTITY": in XML the module
// name serves as the prefix, declared on the element with the module's
// namespace (RFC 7950 §9.10.3).
func leaf(p *profiles.Profile, name string, v any, ns string, sch *profiles.Node) *xmltree.Element {
	e := xmltree.NewLeaf(ns, name, Text(v))
	if sch == nil || kindOf(sch.Type) != "identityref" {
		return e
	}
	if mod, _, ok := strings.Cut(e.Text, ":"); ok {
		if idns := p.IdentityNamespace(mod); idns != "" {
			e.Attrs = append(e.Attrs, xml.Attr{Name: xml.Name{Space: "xmlns", Local: mod}, Value: idns})
		}
	}
	return e
}

func container(p *profiles.Profile, name string, m map[string]any, ns string, sch *profiles.Node) *xmltree.Element {
	e := xmltree.New(ns, name)
	var keys []string
	if sch != nil {
		keys = sch.Keys
	}
	names := sortedKeys(m)
	slices.SortStableFunc(names, func(a, b string) int { return keyRank(keys, local(a)) - keyRank(keys, local(b)) })
	for _, k := range names {
		var c *profiles.Node
		if sch != nil {
			c = sch.Children[local(k)]
		}
		e.Children = append(e.Children, encode(p, k, m[k], ns, c)...)
	}
	return e
}

func keyRank(keys []string, name string) int {
	if i := slices.Index(keys, name); i >= 0 {
		return i
	}
	return len(keys)
}

func isEmptyValue(x []any) bool { return len(x) == 1 && x[0] == nil }

// local strips a member's "module:" prefix.
func local(member string) string {
	if _, l, ok := strings.Cut(member, ":"); ok {
		return l
	}
	return member
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// FromXML decodes the elements of elems that are native top-level nodes of
// p into a module-qualified RFC 7951 tree, typing leaf values by the
// schema. Elements the schema lacks are left out; nil when none is native.
func FromXML(p *profiles.Profile, elems []*xmltree.Element) map[string]any {
	if p == nil || p.Native == nil {
		return nil
	}
	var out map[string]any
	for _, e := range elems {
		m := p.ModuleByNamespace(e.Name.Space)
		if m == nil {
			continue
		}
		member := m.Name + ":" + e.Name.Local
		sch := p.NativeTop(member)
		if sch == nil {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		if sch.List {
			out[member] = append(asList(out[member]), decode(p, e, sch, m.Name))
			continue
		}
		out[member] = decode(p, e, sch, m.Name)
	}
	return out
}

// decode returns the value of element e (schema sch) in module mod.
func decode(p *profiles.Profile, e *xmltree.Element, sch *profiles.Node, mod string) any {
	if sch.IsLeaf() {
		return FromText(sch.Type, e.Text)
	}
	out := map[string]any{}
	for _, c := range e.Children {
		cs := sch.Children[c.Name.Local]
		if cs == nil {
			continue
		}
		name, cmod := c.Name.Local, mod
		if m := p.ModuleByNamespace(c.Name.Space); m != nil && m.Name != mod {
			name, cmod = m.Name+":"+name, m.Name
		}
		v := decode(p, c, cs, cmod)
		if cs.List {
			out[name] = append(asList(out[name]), v)
			continue
		}
		out[name] = v
	}
	return out
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

package ncsession

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/internal/yangjson"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
)

// nativePayload is the edit of changes to native subtrees: a sparse
// module-qualified tree of the created and updated leaves, encoded in the
// native modules' namespaces (the profile's native schema), plus the nodes
// to delete marked nc:operation="remove". It goes into the same
// edit-config, so the same commit, as the OpenConfig part.
func nativePayload(changes []providers.Change, prof *profiles.Profile) ([]*xmltree.Element, error) {
	tree := map[string]any{}
	var removes []removal
	for _, c := range changes {
		p, err := ygot.StringToStructuredPath(c.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Path, err)
		}
		switch c.Op {
		case diff.Create, diff.Update:
			if err := yangjson.Set(prof, tree, c.Path, c.After); err != nil {
				return nil, fmt.Errorf("%s %w", c.Op, err)
			}
			if gone, decl := nativeListRemoved(prof, c.Before, c.After); len(gone) > 0 {
				removes = append(removes, removal{path: p, items: gone, decl: decl})
			}
		case diff.Delete:
			var v any
			if _, entry := c.Before.(map[string]any); !entry {
				v = c.Before
			}
			if err := yangjson.Set(prof, tree, c.Path, v); err != nil {
				return nil, fmt.Errorf("delete %w", err)
			}
			removes = append(removes, removal{path: p})
		default:
			return nil, fmt.Errorf("%s: unknown operation %q", c.Op, c.Path)
		}
	}
	elems, err := yangjson.ToXML(prof, tree)
	if err != nil {
		return nil, err
	}
	for _, r := range removes {
		first := r.path.Elem[0]
		if _, l, ok := strings.Cut(first.Name, ":"); ok {
			first.Name = l // elements match by local name
		}
		if err := markRemoved(elems, r); err != nil {
			return nil, err
		}
	}
	return elems, nil
}

// profile is the release profile whose native schema types the native
// changes: the one desired was rendered for, else the target's.
func (s *Session) profile(desired *providers.Desired) *profiles.Profile {
	if desired != nil && desired.Profile != nil {
		return desired.Profile
	}
	return s.target.Profile
}

// nativeFilter selects the native subtrees the profile keeps (below each
// native top-level node, the nodes kept there), of the modules advertise
// reports the device has; none without a profile.
func nativeFilter(p *profiles.Profile, advertise func(module string) bool) []*xmltree.Element {
	if p == nil || p.Native == nil {
		return nil
	}
	var out []*xmltree.Element
	for _, top := range sortedNodes(p.Native) {
		n := p.Native.Children[top]
		m := p.Module(n.Module)
		if m == nil || !advertise(m.Name) {
			continue
		}
		e := xmltree.New(m.Namespace, top)
		if !n.List {
			for _, c := range sortedNodes(n) {
				ns := m.Namespace
				if cm := p.Module(n.Children[c].Module); cm != nil {
					ns = cm.Namespace
				}
				e.Children = append(e.Children, xmltree.New(ns, c))
			}
		}
		out = append(out, e)
	}
	return out
}

func sortedNodes(n *profiles.Node) []string {
	out := make([]string, 0, len(n.Children))
	for k := range n.Children {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// splitNative separates the elements of native namespaces from the
// OpenConfig ones.
func splitNative(p *profiles.Profile, elems []*xmltree.Element) (oc, native []*xmltree.Element) {
	for _, e := range elems {
		if p != nil && p.IsNativeNamespace(e.Name.Space) {
			native = append(native, e)
		} else {
			oc = append(oc, e)
		}
	}
	return oc, native
}

// nativeListRemoved is leafListRemoved for a native leaf-list: the items
// as yangjson writes them, an identity ("module:NAME") with its module
// prefix, whose namespace decl declares.
func nativeListRemoved(prof *profiles.Profile, before, after any) (gone []string, decl []xml.Attr) {
	b, ok := before.([]any)
	if !ok {
		return nil, nil
	}
	a, _ := after.([]any)
	keep := map[string]bool{}
	for _, v := range a {
		keep[yangjson.Text(v)] = true
	}
	declared := map[string]bool{}
	for _, v := range b {
		t := yangjson.Text(v)
		if keep[t] {
			continue
		}
		gone = append(gone, t)
		mod, _, ok := strings.Cut(t, ":")
		if !ok || declared[mod] || prof.Identities[mod] == "" && prof.Module(mod) == nil {
			continue
		}
		declared[mod] = true
		decl = append(decl, xml.Attr{Name: xml.Name{Space: "xmlns", Local: mod}, Value: prof.IdentityNamespace(mod)})
	}
	return gone, decl
}

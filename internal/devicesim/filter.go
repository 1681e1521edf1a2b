package devicesim

import (
	"bytes"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// subtreeFilter applies the subtree filter f (RFC 6241 §6) to the children
// of root and returns the selected top-level nodes, in datastore order. An
// empty filter selects nothing.
func subtreeFilter(root, f *xmltree.Element) []*xmltree.Element {
	return filterSiblings(root.Children, f.Children)
}

// pick is a selected copy of the data node at index idx among its siblings.
type pick struct {
	idx int
	el  *xmltree.Element
}

// filterSiblings selects from data the nodes matched by the filter nodes fs.
func filterSiblings(data, fs []*xmltree.Element) []*xmltree.Element {
	var out []*xmltree.Element
	for _, p := range filterPicks(data, fs) {
		out = append(out, p.el)
	}
	return out
}

// filterPicks is filterSiblings keeping positions. A data node matched by
// several filter nodes gets the union of what each selects.
func filterPicks(data, fs []*xmltree.Element) []pick {
	var out []pick
	for i, dn := range data {
		var got *xmltree.Element
		for _, fn := range fs {
			if !nameMatches(fn, dn) {
				continue
			}
			if r := filterNode(dn, fn); r != nil {
				got = union(got, r)
			}
		}
		if got != nil {
			out = append(out, pick{idx: i, el: got})
		}
	}
	return out
}

// nameMatches reports whether filter node fn names data node dn: same local
// name, same namespace unless fn has none, and every attribute of fn present
// with the same value (attribute match expressions).
func nameMatches(fn, dn *xmltree.Element) bool {
	if fn.Name.Local != dn.Name.Local || (fn.Name.Space != "" && fn.Name.Space != dn.Name.Space) {
		return false
	}
	for _, a := range fn.Attrs {
		if v, ok := dn.Attr(a.Name.Space, a.Name.Local); !ok || v != a.Value {
			return false
		}
	}
	return true
}

// filterNode returns what filter node fn selects of data node dn (whose name
// it matches), or nil. Content match nodes must all match; with no selection
// or containment siblings they select the whole subtree, otherwise the
// matched leaves are returned with what their siblings select.
func filterNode(dn, fn *xmltree.Element) *xmltree.Element {
	if fn.IsLeaf() {
		if fn.Text == "" || (dn.IsLeaf() && dn.Text == fn.Text) {
			return dn.Clone() // selection node, or content match at the top
		}
		return nil
	}
	var matches, others []*xmltree.Element
	for _, c := range fn.Children {
		if c.IsLeaf() && c.Text != "" {
			matches = append(matches, c)
		} else {
			others = append(others, c)
		}
	}
	kept := map[int]bool{}
	for _, m := range matches {
		i := matchingLeaf(dn, m)
		if i < 0 {
			return nil
		}
		kept[i] = true
	}
	if len(others) == 0 {
		return dn.Clone()
	}
	picks := filterPicks(dn.Children, others)
	if len(picks) == 0 && len(matches) == 0 {
		return nil
	}
	selected := map[int]*xmltree.Element{}
	for _, p := range picks {
		selected[p.idx] = p.el
	}
	out := &xmltree.Element{Name: dn.Name, Attrs: dn.Attrs}
	for i, c := range dn.Children {
		if sel, ok := selected[i]; ok {
			out.Children = append(out.Children, sel)
		} else if kept[i] {
			out.Children = append(out.Children, c.Clone())
		}
	}
	return out
}

// matchingLeaf returns the index of the child of dn that content match node
// m matches, or -1.
func matchingLeaf(dn, m *xmltree.Element) int {
	for i, c := range dn.Children {
		if nameMatches(m, c) && c.IsLeaf() && c.Text == m.Text {
			return i
		}
	}
	return -1
}

// union merges two selections of the same data node.
func union(a, b *xmltree.Element) *xmltree.Element {
	if a == nil {
		return b
	}
	for _, bc := range b.Children {
		dup := false
		for _, ac := range a.Children {
			if bytes.Equal(xmltree.Marshal(ac), xmltree.Marshal(bc)) {
				dup = true
				break
			}
		}
		if !dup {
			a.Children = append(a.Children, bc)
		}
	}
	return a
}

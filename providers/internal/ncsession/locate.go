package ncsession

import (
	"encoding/xml"
	"strings"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/switchyard/switchyard/internal/xmltree"
)

// found is an element and its parent (nil at the top level).
type found struct {
	*xmltree.Element
	parent *xmltree.Element
}

// locate returns the elements at path in the top-level elements tops: one
// for a leaf or list entry, several for a leaf-list. Path elements match by
// local name; list keys match the entry's key leaves (an identity value
// matches with or without its module prefix).
func locate(tops []*xmltree.Element, path []*gpb.PathElem) []found {
	if len(path) == 0 {
		return nil
	}
	cur := []found{}
	for _, t := range tops {
		if matches(t, path[0]) {
			cur = append(cur, found{Element: t})
		}
	}
	for _, pe := range path[1:] {
		var next []found
		for _, f := range cur {
			for _, c := range f.Children {
				if matches(c, pe) {
					next = append(next, found{Element: c, parent: f.Element})
				}
			}
		}
		cur = next
	}
	return cur
}

func matches(e *xmltree.Element, pe *gpb.PathElem) bool {
	if e.Name.Local != pe.Name {
		return false
	}
	for k, want := range pe.Key {
		kv := child(e, k)
		if kv == nil || !sameValue(kv.Text, want) {
			return false
		}
	}
	return true
}

func child(e *xmltree.Element, local string) *xmltree.Element {
	for _, c := range e.Children {
		if c.Name.Local == local {
			return c
		}
	}
	return nil
}

func sameValue(text, want string) bool {
	if text == want {
		return true
	}
	_, a, _ := strings.Cut(text, ":")
	_, b, _ := strings.Cut(want, ":")
	return a != "" && (a == want || a == b) || b != "" && b == text
}

func xmlAttr(local, value string) xml.Attr {
	return xml.Attr{Name: xml.Name{Local: local}, Value: value}
}

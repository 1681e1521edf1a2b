package ncsession

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/ygot/ygot"
	"github.com/openconfig/ygot/ytypes"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/transport/netconf"
	"github.com/switchyard/switchyard/internal/xmltree"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
)

// removal is a node the edit removes: a leaf, a list entry, or some items
// of a leaf-list.
type removal struct {
	path  *gpb.Path
	items []string // leaf-list items to remove; nil removes the node
	// decl are namespace declarations the items need (identity prefixes
	// of a native leaf-list).
	decl []xml.Attr
}

// editPayload builds the <config> children of an edit-config that applies
// changes: a sparse tree of the created and updated leaves (the changes'
// values), plus the nodes to delete (addressed with their keys) marked
// nc:operation="remove", which, unlike "delete", does not fail when the
// node is already gone.
func editPayload(changes []providers.Change, prof *profiles.Profile) ([]*xmltree.Element, error) {
	var ocChanges, native []providers.Change
	for _, c := range changes {
		if diff.Route(c.Path) == diff.RouteNative {
			native = append(native, c)
		} else {
			ocChanges = append(ocChanges, c)
		}
	}
	elems, err := openconfigPayload(ocChanges)
	if err != nil || len(native) == 0 {
		return elems, err
	}
	if prof == nil {
		return nil, fmt.Errorf("native changes need the device's release profile (its native schema)")
	}
	nelems, err := nativePayload(native, prof)
	if err != nil {
		return nil, err
	}
	return append(elems, nelems...), nil
}

// openconfigPayload is the edit of the OpenConfig changes.
func openconfigPayload(changes []providers.Change) ([]*xmltree.Element, error) {
	if len(changes) == 0 {
		return nil, nil
	}
	sparse := &oc.Device{}
	var removes []removal
	for _, c := range changes {
		p, err := ygot.StringToStructuredPath(c.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Path, err)
		}
		switch c.Op {
		case diff.Create, diff.Update:
			if err := setJSON(sparse, p, c.After); err != nil {
				return nil, fmt.Errorf("%s %s: %w", c.Op, c.Path, err)
			}
			if gone := leafListRemoved(c.Before, c.After); len(gone) > 0 {
				removes = append(removes, removal{path: p, items: gone})
			}
		case diff.Delete:
			r, err := addressNode(sparse, p, c)
			if err != nil {
				return nil, fmt.Errorf("delete %s: %w", c.Path, err)
			}
			removes = append(removes, r)
		default:
			return nil, fmt.Errorf("%s: unknown operation %q", c.Path, c.Op)
		}
	}
	elems, err := ocxml.Marshal(sparse)
	if err != nil {
		return nil, err
	}
	for _, r := range removes {
		if err := markRemoved(elems, r); err != nil {
			return nil, err
		}
	}
	return elems, nil
}

// setJSON sets the node at p of dst to v, an RFC 7951 JSON value, creating
// what leads to it.
func setJSON(dst ygot.GoStruct, p *gpb.Path, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	tv := &gpb.TypedValue{Value: &gpb.TypedValue_JsonIetfVal{JsonIetfVal: b}}
	return ytypes.SetNode(oc.SchemaTree["Device"], dst, p, tv, &ytypes.InitMissingElements{})
}

// addressNode puts into dst what is needed to address the node a delete
// change removes: the leaf with its old value, or, for a list entry, its
// key leaves (the change's Before holds the entry's leaves by relative path).
func addressNode(dst ygot.GoStruct, p *gpb.Path, c providers.Change) (removal, error) {
	entry, isEntry := c.Before.(map[string]any)
	if !isEntry {
		return removal{path: p}, setJSON(dst, p, c.Before)
	}
	last := p.Elem[len(p.Elem)-1]
	if len(last.Key) == 0 {
		return removal{}, fmt.Errorf("a deleted container is not supported, only leaves and list entries")
	}
	for k, kv := range last.Key {
		v, ok := entry["config/"+k]
		if !ok {
			v = kv
		}
		kp := &gpb.Path{Elem: append(slices.Clone(p.Elem), &gpb.PathElem{Name: "config"}, &gpb.PathElem{Name: k})}
		if err := setJSON(dst, kp, v); err != nil {
			return removal{}, fmt.Errorf("key %s: %w", k, err)
		}
	}
	return removal{path: p}, nil
}

// leafListRemoved returns the items of a leaf-list value before that are
// not in after; nil when the values are not leaf-lists.
func leafListRemoved(before, after any) []string {
	b, ok := before.([]any)
	if !ok {
		return nil
	}
	a, _ := after.([]any)
	keep := map[string]bool{}
	for _, v := range a {
		keep[itemText(v)] = true
	}
	var gone []string
	for _, v := range b {
		if t := itemText(v); !keep[t] {
			gone = append(gone, t)
		}
	}
	return gone
}

// itemText is the XML text of a leaf-list item given as its JSON value.
func itemText(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		if _, name, ok := strings.Cut(x, ":"); ok && !strings.Contains(x, "..") {
			return name // identity values carry a module prefix in JSON
		}
		return x
	default:
		return fmt.Sprint(x)
	}
}

// markRemoved finds the element(s) of r in elems and marks them
// nc:operation="remove"; for leaf-list items it adds removal entries.
func markRemoved(elems []*xmltree.Element, r removal) error {
	found := locate(elems, r.path.Elem)
	if len(found) == 0 {
		return fmt.Errorf("remove %s: node not found in the edit", pathString(r.path))
	}
	if r.items == nil {
		for _, e := range found {
			e.Attrs = append(e.Attrs, netconf.Operation("remove"))
		}
		return nil
	}
	parent, tmpl := found[0].parent, found[0]
	for _, it := range r.items {
		e := &xmltree.Element{Name: tmpl.Name, Text: it, Attrs: append(slices.Clone(r.decl), netconf.Operation("remove"))}
		parent.Children = append(parent.Children, e)
	}
	return nil
}

func pathString(p *gpb.Path) string {
	s, err := ygot.PathToString(p)
	if err != nil {
		return fmt.Sprint(p)
	}
	return s
}

package gnmisession

import (
	"encoding/json"
	"fmt"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/ygot/ygot"
	"github.com/openconfig/ygot/ytypes"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/transport/gnmi"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// group is the leaf changes under one list entry (the deepest keyed
// element of their paths) or, outside any list, one top-level container.
type group struct {
	path  string          // the entry's path, as spelled in the changes
	elems []*gpb.PathElem // the entry's parsed path
	tree  *oc.Device      // a sparse tree holding just the group's values
}

// buildSet turns changes into the operations of one Set, without the
// commit:
//   - a delete per Delete change (a leaf, a leaf-list or a whole list
//     entry; deleting what is already gone is not an error in gNMI);
//   - a replace per leaf-list change, so that the leaf-list ends up exactly
//     as the change's After (an update may merge leaf-list items on some
//     targets);
//   - one update per list entry (or top-level container) whose value holds
//     that entry's created and updated leaves, in the order the entries
//     first appear in changes. The value is a sparse OpenConfig GoStruct,
//     so it is sent as RFC 7951 JSON with the module-qualified member names
//     the schema requires.
func buildSet(changes []providers.Change) (gnmi.SetRequest, error) {
	var req gnmi.SetRequest
	changes = nativeSet(&req, changes)
	var groups []*group
	index := map[string]*group{}
	for _, c := range changes {
		p, err := ygot.StringToStructuredPath(c.Path)
		if err != nil {
			return gnmi.SetRequest{}, fmt.Errorf("%s: %w", c.Path, err)
		}
		if len(p.GetElem()) == 0 {
			return gnmi.SetRequest{}, fmt.Errorf("%s %q: a change of the root is not supported", c.Op, c.Path)
		}
		switch c.Op {
		case diff.Delete:
			req.Deletes = append(req.Deletes, c.Path)
			continue
		case diff.Create, diff.Update:
		default:
			return gnmi.SetRequest{}, fmt.Errorf("%s: unknown operation %q", c.Path, c.Op)
		}
		if c.After == nil {
			return gnmi.SetRequest{}, fmt.Errorf("%s %s: no value", c.Op, c.Path)
		}
		if _, isLeafList := c.After.([]any); isLeafList {
			req.Replaces = append(req.Replaces, gnmi.Update{Path: c.Path, Value: c.After})
			continue
		}
		n := entryLen(p.GetElem())
		gp, err := pathPrefix(c.Path, n)
		if err != nil {
			return gnmi.SetRequest{}, err
		}
		g := index[gp]
		if g == nil {
			g = &group{path: gp, elems: p.GetElem()[:n], tree: &oc.Device{}}
			index[gp] = g
			groups = append(groups, g)
		}
		if err := setJSON(g.tree, p, c.After); err != nil {
			return gnmi.SetRequest{}, fmt.Errorf("%s %s: %w", c.Op, c.Path, err)
		}
	}
	for _, g := range groups {
		u, err := g.update()
		if err != nil {
			return gnmi.SetRequest{}, err
		}
		req.Updates = append(req.Updates, u)
	}
	return req, nil
}

// update returns the group as one update of its entry, whose value is the
// entry's GoStruct in the sparse tree.
func (g *group) update() (gnmi.Update, error) {
	nodes, err := ytypes.GetNode(oc.SchemaTree["Device"], g.tree, &gpb.Path{Elem: g.elems})
	if err != nil {
		return gnmi.Update{}, fmt.Errorf("update %s: %w", g.path, err)
	}
	if len(nodes) != 1 {
		return gnmi.Update{}, fmt.Errorf("update %s: %d nodes at the path, want one", g.path, len(nodes))
	}
	gs, ok := nodes[0].Data.(ygot.GoStruct)
	if !ok {
		return gnmi.Update{}, fmt.Errorf("update %s: the path is a %T, not a container or list entry", g.path, nodes[0].Data)
	}
	return gnmi.Update{Path: g.path, Value: gs}, nil
}

// entryLen is the length of the entry prefix of elems: up to the last
// element with keys, or the first element when none has keys.
func entryLen(elems []*gpb.PathElem) int {
	for i := len(elems) - 1; i >= 0; i-- {
		if len(elems[i].GetKey()) > 0 {
			return i + 1
		}
	}
	return 1
}

// pathPrefix returns the first n elements of the gNMI path string p, as
// spelled in p: elements are separated by '/' outside brackets, and a
// backslash escapes the next character inside a key value.
func pathPrefix(p string, n int) (string, error) {
	seen, inKey, escaped := 0, false, false
	for i := 0; i < len(p); i++ {
		switch ch := p[i]; {
		case escaped:
			escaped = false
		case inKey && ch == '\\':
			escaped = true
		case ch == '[':
			inKey = true
		case ch == ']':
			inKey = false
		case ch == '/' && !inKey && i > 0:
			if seen++; seen == n {
				return p[:i], nil
			}
		}
	}
	if seen+1 == n {
		return p, nil
	}
	return "", fmt.Errorf("%s: has no %d elements", p, n)
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

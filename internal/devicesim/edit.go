package devicesim

import (
	"encoding/xml"
	"slices"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// Edit operations of RFC 6241 §7.2.
const (
	opMerge   = "merge"
	opReplace = "replace"
	opCreate  = "create"
	opDelete  = "delete"
	opRemove  = "remove"
	opNone    = "none"
)

// editor applies the <config> of one edit-config to a datastore copy.
type editor struct {
	schema    Schema
	knobs     *Knobs
	keepGoing bool
	// ignoring applies the IgnoreEdits knob (off for default-operation
	// replace, which has already cleared the target).
	ignoring bool
	errs     []*RPCError
}

// fail records err; it reports whether processing should go on.
func (ed *editor) fail(err *RPCError) bool {
	ed.errs = append(ed.errs, err)
	return ed.keepGoing
}

// level is the position of an edit node: the names and steps down to its parent.
type level struct {
	names []xml.Name
	steps []pathStep
}

func (lv level) child(schema Schema, e *xmltree.Element) level {
	names := append(slices.Clip(lv.names), e.Name)
	return level{names: names, steps: append(slices.Clip(lv.steps), stepFor(schema, names, e))}
}

// children applies the edit nodes under edit to the target node tgt,
// skipping key leaves when tgt is a list entry. It reports whether to go on.
func (ed *editor) children(tgt, edit *xmltree.Element, lv level, inherited string, keys []string) bool {
	for _, ec := range edit.Children {
		if isKeyLeaf(edit, ec, keys) {
			continue
		}
		if !ed.node(tgt, ec, lv.child(ed.schema, ec), inherited) {
			return false
		}
	}
	return true
}

func isKeyLeaf(parent, c *xmltree.Element, keys []string) bool {
	return c.Name.Space == parent.Name.Space && slices.Contains(keys, c.Name.Local) &&
		!slices.Contains(keys, LeafListKey)
}

// node applies edit node ec (at lv) under target parent tgt.
func (ed *editor) node(tgt, ec *xmltree.Element, lv level, inherited string) bool {
	op, err := operationOf(ec, inherited)
	if err != nil {
		return ed.fail(err)
	}
	path, ns := xpath(lv.steps)
	if r := ed.knobs.rejected(lv.steps); r != nil {
		return ed.fail(r)
	}
	if ed.ignoring && ed.knobs.ignored(lv.steps, op) {
		return true
	}
	keys := ed.schema.ListKeys(lv.names)
	if missing := missingKey(ec, keys); missing != "" {
		e := newError(ErrTypeProtocol, TagMissingElement, "list entry without key "+missing).
			withInfo("bad-element", missing)
		e.Path, e.Namespaces = path, ns
		return ed.fail(e)
	}
	idx := findEntry(tgt, ec, keys)
	switch op {
	case opCreate, opDelete:
		if (op == opCreate) == (idx >= 0) {
			tag, msg := TagDataExists, "data already exists"
			if op == opDelete {
				tag, msg = TagDataMissing, "data does not exist"
			}
			return ed.fail(&RPCError{Tag: tag, Path: path, Namespaces: ns, Message: msg})
		}
		if op == opCreate {
			tgt.Children = append(tgt.Children, stripOps(ec))
			return true
		}
		tgt.Children = slices.Delete(tgt.Children, idx, idx+1)
	case opRemove:
		if idx >= 0 {
			tgt.Children = slices.Delete(tgt.Children, idx, idx+1)
		}
	case opReplace:
		if idx >= 0 {
			tgt.Children[idx] = stripOps(ec)
		} else {
			tgt.Children = append(tgt.Children, stripOps(ec))
		}
	default:
		return ed.descend(tgt, ec, lv, op, idx, keys)
	}
	return true
}

// descend handles merge and none: set a leaf or recurse into a container,
// creating it when needed.
func (ed *editor) descend(tgt, ec *xmltree.Element, lv level, op string, idx int, keys []string) bool {
	if idx < 0 {
		if op == opNone && !createsData(ec) {
			if onlyRemoves(ec) {
				return true
			}
			path, ns := xpath(lv.steps)
			return ed.fail(&RPCError{Tag: TagDataMissing, Path: path, Namespaces: ns,
				Message: "data does not exist"})
		}
		if ec.IsLeaf() {
			tgt.Children = append(tgt.Children, stripOps(ec))
			return true
		}
		tgt.Children = append(tgt.Children, shell(ec, keys))
		idx = len(tgt.Children) - 1
	}
	cur := tgt.Children[idx]
	if ec.IsLeaf() {
		if op == opMerge && cur.IsLeaf() {
			cur.Text = ec.Text
		}
		return true
	}
	return ed.children(cur, ec, lv, op, keys)
}

// operationOf returns the nc:operation of e or the inherited one.
func operationOf(e *xmltree.Element, inherited string) (string, *RPCError) {
	v, ok := e.Attr(NSBase, "operation")
	if !ok {
		return inherited, nil
	}
	switch v {
	case opMerge, opReplace, opCreate, opDelete, opRemove:
		return v, nil
	}
	return "", newError(ErrTypeProtocol, TagBadAttribute, "unknown operation "+v).
		withInfo("bad-attribute", "operation", "bad-element", e.Name.Local)
}

// missingKey returns the first key leaf that list entry e lacks.
func missingKey(e *xmltree.Element, keys []string) string {
	for _, k := range keys {
		if k != LeafListKey && e.Child(e.Name.Space, k) == nil {
			return k
		}
	}
	return ""
}

// findEntry returns the index of the child of tgt that edit node ec
// addresses: same name and, for a list entry, same key values; -1 if none.
func findEntry(tgt, ec *xmltree.Element, keys []string) int {
	for i, c := range tgt.Children {
		if c.Name == ec.Name && sameKeys(c, ec, keys) {
			return i
		}
	}
	return -1
}

func sameKeys(a, b *xmltree.Element, keys []string) bool {
	for _, k := range keys {
		if k == LeafListKey {
			if a.Text != b.Text {
				return false
			}
			continue
		}
		ka, kb := a.Child(a.Name.Space, k), b.Child(b.Name.Space, k)
		if ka == nil || kb == nil || ka.Text != kb.Text {
			return false
		}
	}
	return true
}

// shell is a new, empty copy of edit node ec holding only its key leaves.
func shell(ec *xmltree.Element, keys []string) *xmltree.Element {
	s := &xmltree.Element{Name: ec.Name, Attrs: plainDataAttrs(ec.Attrs)}
	for _, c := range ec.Children {
		if isKeyLeaf(ec, c, keys) {
			s.Children = append(s.Children, stripOps(c))
		}
	}
	return s
}

// createsData reports whether a subtree under default-operation none asks to
// create or change something (merge, replace or create anywhere).
func createsData(e *xmltree.Element) bool {
	if v, ok := e.Attr(NSBase, "operation"); ok && (v == opMerge || v == opReplace || v == opCreate) {
		return true
	}
	return slices.ContainsFunc(e.Children, createsData)
}

// onlyRemoves reports whether e carries operation remove.
func onlyRemoves(e *xmltree.Element) bool {
	v, _ := e.Attr(NSBase, "operation")
	return v == opRemove
}

// stripOps returns a deep copy of e without NETCONF-namespace attributes.
func stripOps(e *xmltree.Element) *xmltree.Element {
	c := &xmltree.Element{Name: e.Name, Text: e.Text, Attrs: plainDataAttrs(e.Attrs)}
	for _, ch := range e.Children {
		c.Children = append(c.Children, stripOps(ch))
	}
	return c
}

func plainDataAttrs(attrs []xml.Attr) []xml.Attr {
	var out []xml.Attr
	for _, a := range attrs {
		if a.Name.Space != NSBase {
			out = append(out, a)
		}
	}
	return out
}

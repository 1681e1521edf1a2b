package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/openconfig/goyang/pkg/yang"

	"github.com/switchyard/switchyard/models/openconfig"
)

// Compute returns the changes that make running match desired within
// scope:
//
//   - every leaf desired sets is created (running lacks it) or updated
//     (running differs); a new list entry shows as creates of its leaves
//     (Group collects them), without the list-level key leaves, which its
//     path implies;
//   - leaves running has and desired does not are left alone, except where
//     scope owns them (see OwnedList and OwnedLeaf);
//   - an entry of an owned list that desired lacks is one Delete change at
//     the entry's path.
//
// Leaf-lists compare as sets (integers and "N..M" ranges as integer sets)
// unless ordered-by-user; the order of the entries of ordered-by-user
// lists is not compared. A nil running is an empty device. Compute is deterministic and pure: it
// neither modifies nor retains its arguments. It fails with ErrNoTree for
// a nil desired, and on an invalid scope pattern.
func Compute(desired, running *openconfig.Device, scope Scope) (*Delta, error) {
	if desired == nil {
		return nil, ErrNoTree
	}
	cs, err := compileScope(scope)
	if err != nil {
		return nil, fmt.Errorf("diff scope: %w", err)
	}
	dj, err := treeJSON(desired)
	if err != nil {
		return nil, fmt.Errorf("encode desired tree: %w", err)
	}
	rj, err := treeJSON(running)
	if err != nil {
		return nil, fmt.Errorf("encode running tree: %w", err)
	}
	w := &walker{scope: cs, keys: map[*yang.Entry][]keyInfo{}}
	if err := w.dir(openconfig.SchemaTree["Device"], nil, dj, rj, nil); err != nil {
		return nil, err
	}
	slices.SortFunc(w.out, func(a, b pathChange) int { return comparePaths(a.p, b.p) })
	d := &Delta{}
	if len(w.out) > 0 {
		d.Changes = make([]Change, len(w.out))
		for i, pc := range w.out {
			pc.c.Path = pc.p.String()
			d.Changes[i] = pc.c
		}
	}
	return d, nil
}

type pathChange struct {
	p path
	c Change
}

// walker walks a desired and a running tree side by side.
type walker struct {
	// native walks native subtrees: top-level names keep their module,
	// list keys are implied by entry paths (see nativeSkip).
	native bool
	scope  *compiledScope
	keys   map[*yang.Entry][]keyInfo
	out    []pathChange
}

func (w *walker) emit(p path, op Op, before, after any) {
	w.out = append(w.out, pathChange{p: p, c: Change{Op: op, Before: before, After: after}})
}

func (w *walker) keysOf(sch *yang.Entry) []keyInfo {
	ks, ok := w.keys[sch]
	if !ok {
		ks = schemaKeys(sch)
		w.keys[sch] = ks
	}
	return ks
}

// dir compares the members of two containers (or list entries) at p; skip
// names members not to compare (implied keys).
func (w *walker) dir(sch *yang.Entry, p path, des, run map[string]any, skip []string) error {
	for raw, dv := range des {
		rv, inR := run[raw]
		if err := w.member(sch, p, raw, dv, rv, true, inR, skip); err != nil {
			return err
		}
	}
	for raw, rv := range run {
		if _, inD := des[raw]; inD {
			continue
		}
		if err := w.member(sch, p, raw, nil, rv, false, true, skip); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) member(sch *yang.Entry, p path, raw string, dv, rv any, inD, inR bool, skip []string) error {
	name := stripPrefix(raw)
	if slices.Contains(skip, name) {
		return nil
	}
	c := childSchema(sch, name)
	if c == nil {
		return fmt.Errorf("%s/%s: not in the schema", p, name)
	}
	if w.native && len(p) == 0 {
		name = raw // the route: a native path names its module first
	}
	switch {
	case c.IsList():
		return w.list(c, p, name, dv, rv)
	case c.IsLeafList():
		w.leafList(c, p.child(elem{name: name}), dv, rv, inD, inR)
	case c.IsLeaf():
		w.leaf(p.child(elem{name: name}), dv, rv, inD, inR)
	default:
		cp := p.child(elem{name: name})
		if !inD && !w.scope.reaches(cp) {
			return nil
		}
		dm, _ := dv.(map[string]any)
		rm, _ := rv.(map[string]any)
		if w.native && inD && !inR && len(dm) == 0 && isPresence(c) {
			w.emit(cp, Create, nil, map[string]any{}) // an empty presence container is a value
			return nil
		}
		return w.dir(c, cp, dm, rm, nil)
	}
	return nil
}

func (w *walker) leaf(p path, dv, rv any, inD, inR bool) {
	switch {
	case inD && !inR:
		w.emit(p, Create, nil, dv)
	case inD:
		if !equalValue(dv, rv) {
			w.emit(p, Update, rv, dv)
		}
	case inR:
		for _, v := range w.scope.ownedValues(p) {
			if equalValue(rv, v) {
				w.emit(p, Delete, rv, nil)
				return
			}
		}
	}
}

func (w *walker) leafList(sch *yang.Entry, p path, dv, rv any, inD, inR bool) {
	des, _ := dv.([]any)
	run, _ := rv.([]any)
	ordered := sch.ListAttr != nil && sch.ListAttr.OrderedByUser
	ol := w.scope.list(p)
	owned := w.scope.ownedValues(p)
	if !inD && ol == nil && len(owned) == 0 {
		return
	}
	var result []any
	switch {
	case ordered && inD:
		result = des
	case ol != nil:
		base := slices.DeleteFunc(slices.Clone(run), func(v any) bool {
			return !llContains(des, v) && (ol.Keep == nil || !ol.Keep(map[string]string{"value": scalarString(v)}))
		})
		result = llUnion(base, des)
	case ordered:
		result = run
	default:
		result = llUnion(run, des)
	}
	removed := false
	for _, v := range owned {
		if !llContains(des, v) {
			result, removed = llRemove(result, v), true
		}
	}
	if removed {
		result = llUnion(result, des) // an owned range may have covered desired values
	}
	switch {
	case !inR && len(result) > 0:
		w.emit(p, Create, nil, result)
	case !inR, llEqual(run, result, ordered):
	case len(result) == 0:
		w.emit(p, Delete, run, nil)
	default:
		w.emit(p, Update, run, result)
	}
}

func (w *walker) list(sch *yang.Entry, p path, name string, dv, rv any) error {
	keys := w.keysOf(sch)
	des, _ := dv.([]any)
	run, _ := rv.([]any)
	type runEntry struct {
		e    elem
		m    map[string]any
		seen bool
	}
	runs := make([]runEntry, 0, len(run))
	index := make(map[string]int, len(run))
	for _, r := range run {
		m, _ := r.(map[string]any)
		e, err := entryElem(name, keys, m)
		if err != nil {
			return fmt.Errorf("running %s: %w", p, err)
		}
		index[entryKey(e)] = len(runs)
		runs = append(runs, runEntry{e: e, m: m})
	}
	for _, d := range des {
		dm, _ := d.(map[string]any)
		e, err := entryElem(name, keys, dm)
		if err != nil {
			return fmt.Errorf("desired %s: %w", p, err)
		}
		var rm map[string]any
		if i, ok := index[entryKey(e)]; ok {
			rm = runs[i].m
			runs[i].seen = true
		}
		if err := w.dir(sch, p.child(e), dm, rm, w.implied(keys, dm)); err != nil {
			return err
		}
	}
	for _, r := range runs {
		if r.seen {
			continue
		}
		ep := p.child(r.e)
		if ol := w.scope.list(ep); ol != nil && w.deletable(sch, ol, ep, r.e, r.m) {
			w.emit(ep, Delete, w.flatten(sch, r.m), nil)
			continue
		}
		if w.scope.reaches(ep) {
			if err := w.dir(sch, ep, nil, r.m, w.implied(keys, r.m)); err != nil {
				return err
			}
		}
	}
	return nil
}

// entryKey identifies a list entry among its siblings.
func entryKey(e elem) string {
	var b strings.Builder
	for _, kv := range e.keys {
		b.WriteString(kv.v)
		b.WriteByte(0)
	}
	return b.String()
}

func (w *walker) deletable(sch *yang.Entry, ol *compiledList, ep path, e elem, m map[string]any) bool {
	if ol.Keep != nil && ol.Keep(e.keyMap()) {
		return false
	}
	if ol.Match != nil {
		keys := e.keyMap()
		if keys == nil {
			keys = map[string]string{}
		}
		return ol.Match(Entry{Path: ep.String(), Keys: keys, Leaves: w.flatten(sch, m)})
	}
	return true
}

// flatten returns the leaves of list entry m (of list sch) keyed by their
// path relative to the entry, without the implied key leaves.
func (w *walker) flatten(sch *yang.Entry, m map[string]any) map[string]any {
	out := map[string]any{}
	w.flattenDir(sch, nil, m, w.implied(w.keysOf(sch), m), out)
	return out
}

func (w *walker) flattenDir(sch *yang.Entry, rel path, m map[string]any, skip []string, out map[string]any) {
	for raw, v := range m {
		name := stripPrefix(raw)
		c := childSchema(sch, name)
		if c == nil || slices.Contains(skip, name) {
			continue
		}
		if w.native && len(rel) == 0 && sch.Parent == nil {
			name = raw
		}
		switch {
		case c.IsList():
			keys := w.keysOf(c)
			for _, x := range asSlice(v) {
				em, _ := x.(map[string]any)
				if e, err := entryElem(name, keys, em); err == nil {
					w.flattenDir(c, rel.child(e), em, w.implied(keys, em), out)
				}
			}
		case c.IsLeaf() || c.IsLeafList():
			out[strings.TrimPrefix(rel.child(elem{name: name}).String(), "/")] = v
		default:
			cm, _ := v.(map[string]any)
			if w.native && len(cm) == 0 && isPresence(c) {
				out[strings.TrimPrefix(rel.child(elem{name: name}).String(), "/")] = map[string]any{}
				continue
			}
			w.flattenDir(c, rel.child(elem{name: name}), cm, nil, out)
		}
	}
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// implied returns the keys of list entry m that its path implies and that
// are not reported as changes of their own.
func (w *walker) implied(keys []keyInfo, m map[string]any) []string {
	if w.native {
		return nativeSkip(keys, m)
	}
	return configKeys(keys, m)
}

// isPresence reports whether container e has a presence statement (goyang
// keeps it among e's extra statements; so do native schemas built from a
// profile).
func isPresence(e *yang.Entry) bool {
	return len(e.Extra["presence"]) > 0
}

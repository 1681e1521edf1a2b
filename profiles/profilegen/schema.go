package profilegen

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/openconfig/goyang/pkg/yang"

	"github.com/switchyard/switchyard/profiles"
)

// schema is the writable schema of the release's OpenConfig modules.
type schema struct {
	root        *profiles.Node
	unsupported []profiles.Unsupported
	// retyped are the type replacements of unvendored modules' leaves.
	retyped  []profiles.Unsupported
	warnings []string
	// isNative marks a native schema: it keeps only the nodes on the way
	// to or below roots (see onRoot; no roots keeps every node), only the
	// nodes of the target modules, and presence containers without
	// children.
	isNative bool
	roots    []string
	// isTarget selects the modules whose deviations are collected.
	isTarget func(module string) bool
	// native, when set, receives the top-level nodes of the modules named
	// by unvendored instead of root (see Options.UnvendoredOpenConfig).
	native     *profiles.Node
	unvendored []string
	// identities, when set, receives the namespace of each module that
	// defines an identity an identityref of the native schema takes; such
	// leaves then list the identities they take (see typeDesc).
	identities map[string]string
	// rich is set while adding nodes of a schema typed by the profile
	// alone (native, or unvendored OpenConfig): presence containers and
	// identities are recorded.
	rich bool
}

// buildSchema parses the advertised OpenConfig modules with the deviation
// modules the hello names for them, applies the deviations, and keeps the
// config true nodes.
// The top-level nodes of the modules named by unvendored go to s.native.
func buildSchema(dir string, mods []profiles.Module, unvendored []string) (*schema, error) {
	ms := yang.NewModules()
	ms.AddPath(dir)
	s := &schema{root: &profiles.Node{Children: map[string]*profiles.Node{}},
		isTarget:   func(module string) bool { return strings.HasPrefix(module, modulePrefix) },
		native:     &profiles.Node{Children: map[string]*profiles.Node{}},
		unvendored: unvendored, identities: map[string]string{}}
	var selected []string
	devs := map[string]bool{}
	for _, m := range mods {
		if !strings.HasPrefix(m.Name, modulePrefix) {
			continue
		}
		if err := ms.Read(m.Name); err != nil {
			s.warnings = append(s.warnings, fmt.Sprintf("module %s is advertised but not published in the folder: %v", m.Name, err))
			continue
		}
		selected = append(selected, m.Name)
		for _, d := range m.Deviations {
			devs[d] = true
		}
	}
	if len(selected) == 0 {
		return nil, fmt.Errorf("profilegen: %s: no OpenConfig module of the hello could be read", dir)
	}
	s.load(ms, dir, selected, devs, "deviation module %s is named by the hello but not published in the folder")
	return s, nil
}

// load reads the deviation modules devs (a missing one is a warning made
// of missingDev and its name, and is dropped), processes ms (with the
// augments of uses statements goyang drops, see applyUsesAugments), collects the
// deviations' not-supported nodes and adds the config nodes of the
// selected modules to s.
func (s *schema) load(ms *yang.Modules, dir string, selected []string, devs map[string]bool, missingDev string) {
	for _, d := range slices.Sorted(mapKeys(devs)) {
		if err := ms.Read(d); err != nil {
			s.warnings = append(s.warnings, fmt.Sprintf(missingDev, d))
			delete(devs, d)
		}
	}
	missed := map[string]bool{}
	var errs []error
	for _, err := range ms.Process() {
		if p, ok := strings.CutPrefix(err.Error(), cannotDeviate); ok {
			missed[p] = true
			continue
		}
		errs = append(errs, err)
	}
	for _, name := range slices.Sorted(mapKeys(ms.Modules)) {
		if !strings.Contains(name, "@") {
			errs = append(errs, applyUsesAugments(yang.ToEntry(ms.Modules[name]))...)
		}
	}
	for _, err := range append(errs, deviateAgain(ms, missed)...) {
		s.warnings = append(s.warnings, "yang: "+relative(err.Error(), dir))
	}
	for _, d := range slices.Sorted(mapKeys(devs)) {
		s.collectUnsupported(ms, d)
	}
	for _, name := range selected {
		m, ok := ms.Modules[name]
		if !ok {
			continue
		}
		root := s.root
		s.rich = s.isNative
		if slices.Contains(s.unvendored, name) {
			root = s.native
			s.rich = true
		}
		for _, c := range sortedEntries(yang.ToEntry(m).Dir) {
			s.add(root, c, "", "", ms)
		}
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func relative(msg, dir string) string {
	return strings.ReplaceAll(msg, filepath.Clean(dir)+string(os.PathSeparator), "")
}

func sortedEntries(dir map[string]*yang.Entry) []*yang.Entry {
	out := make([]*yang.Entry, 0, len(dir))
	for _, k := range slices.Sorted(mapKeys(dir)) {
		out = append(out, dir[k])
	}
	return out
}

// add records e (and its config subtree) under parent, whose module is
// parentMod and whose schema path (local names) is parentPath.
func (s *schema) add(parent *profiles.Node, e *yang.Entry, parentMod, parentPath string, ms *yang.Modules) {
	if e.ReadOnly() || e.RPC != nil || e.Kind == yang.NotificationEntry {
		return
	}
	path := parentPath + "/" + e.Name
	if s.isNative && !e.IsChoice() && !e.IsCase() && !onRoot(s.roots, path) {
		return
	}
	mod := moduleOf(e, ms)
	if s.isNative && !s.isTarget(mod) {
		return // an augment by a module the profile does not keep
	}
	n := &profiles.Node{}
	if mod != parentMod {
		n.Module = mod
	}
	switch {
	case e.IsLeaf() || e.IsLeafList():
		t := e.Type
		if s.rich {
			t = leafrefTarget(e)
		}
		n.Type = typeDesc(t)
		if s.rich {
			n.Type = s.identityDesc(t, n.Type, ms)
		}
		n.List = e.IsLeafList()
	case e.IsChoice() || e.IsCase():
		// choice and case are not data nodes: their children sit in parent.
		for _, c := range sortedEntries(e.Dir) {
			s.add(parent, c, parentMod, parentPath, ms)
		}
		return
	default:
		if e.IsList() && e.Key != "" {
			n.Keys = strings.Fields(e.Key)
		}
		n.List = e.IsList()
		n.Children = map[string]*profiles.Node{}
		for _, c := range sortedEntries(e.Dir) {
			s.add(n, c, mod, path, ms)
		}
		n.Presence = s.rich && !e.IsList() && isPresence(e)
		if len(n.Children) == 0 && !n.Presence {
			return // nothing writable below
		}
	}
	if old, dup := parent.Children[e.Name]; dup && old.Module != n.Module {
		s.warnings = append(s.warnings, fmt.Sprintf("two modules define %s at the same place; kept %s", e.Name, moduleName(old, parentMod)))
		return
	}
	parent.Children[e.Name] = n
}

func moduleName(n *profiles.Node, parent string) string {
	if n.Module != "" {
		return n.Module
	}
	return parent
}

// moduleOf is the module whose namespace e is in (RFC 7950 §7.13: an
// augment or a grouping's nodes take the namespace of the module that
// places them).
func moduleOf(e *yang.Entry, ms *yang.Modules) string {
	ns := e.Namespace()
	if ns != nil {
		if m, err := ms.FindModuleByNamespace(ns.Name); err == nil {
			return m.Name
		}
	}
	return yang.RootNode(e.Node).Name
}

// typeDesc describes a leaf type in the profile format: the base kind, then
// ranges (integers) or names (enumerations) after a space.
func typeDesc(t *yang.YangType) string {
	if t == nil {
		return "unknown"
	}
	kind := t.Kind.String()
	switch t.Kind {
	case yang.Yint8, yang.Yint16, yang.Yint32, yang.Yint64, yang.Yuint8, yang.Yuint16, yang.Yuint32, yang.Yuint64:
		if len(t.Range) > 0 && !t.Range.Equal(yang.YangRange(nil)) {
			return kind + " " + t.Range.String()
		}
	case yang.Yenum:
		if t.Enum != nil {
			return kind + " " + strings.Join(t.Enum.Names(), "|")
		}
	}
	return kind
}

// isPresence reports whether container e has a presence statement.
func isPresence(e *yang.Entry) bool {
	c, ok := e.Node.(*yang.Container)
	return ok && c.Presence != nil
}

// identityDesc is desc for a leaf of type t, except for an identityref:
// "identityref" then the identities the leaf takes, module-qualified as
// RFC 7951 writes them ("openconfig-spanning-tree-types:MSTP|…"). The
// namespace of each identity's module goes to s.identities (the module
// may not be advertised: NX-OS does not list openconfig-spanning-tree-types).
func (s *schema) identityDesc(t *yang.YangType, desc string, ms *yang.Modules) string {
	if t == nil || t.Kind != yang.Yidentityref || t.IdentityBase == nil {
		return desc
	}
	var names []string
	for _, id := range t.IdentityBase.Values {
		mod := identityModule(id, ms)
		if mod == nil {
			continue
		}
		names = append(names, mod.Name+":"+id.Name)
		if s.identities != nil && mod.Namespace != nil {
			s.identities[mod.Name] = mod.Namespace.Name
		}
	}
	if len(names) == 0 {
		return desc
	}
	slices.Sort(names)
	return "identityref " + strings.Join(names, "|")
}

// identityModule is the module that defines id (the module a submodule
// belongs to), or nil.
func identityModule(id *yang.Identity, ms *yang.Modules) *yang.Module {
	m := yang.RootNode(id)
	if m == nil {
		return nil
	}
	if m.BelongsTo != nil {
		if p, ok := ms.Modules[m.BelongsTo.Name]; ok {
			return p
		}
		return nil
	}
	return m
}

// leafrefTarget is the type of the leaf a leafref e points to (RFC 7951
// §6.10: a leafref is written as its target), or e's type when e is no
// leafref or the target is not found.
func leafrefTarget(e *yang.Entry) *yang.YangType {
	t := e.Type
	for range 8 { // a leafref to a leafref, a few levels deep at most
		if t == nil || t.Kind != yang.Yleafref || t.Path == "" {
			return t
		}
		target := e.Find(t.Path)
		if target == nil || target.Type == nil {
			return t
		}
		e, t = target, target.Type
	}
	return t
}

package profilegen

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/openconfig/goyang/pkg/yang"
)

// goyang drops the augment statement of a uses (openconfig/goyang#75):
// `uses line-grouping-common { augment "transport" { uses
// transport-input-grouping; } }` expands the grouping without the
// augmented nodes, so IOS-XE's line vty transport input (and IOS-XR's
// presence-only line transport choices among others) would be missing
// from the schema. RFC 7950 §7.13.1: the augment's target is a node of the
// instantiated grouping, named relative to where the uses is.

// applyUsesAugments adds, below e and every entry under it, the nodes of
// the augments of the uses statements that expand there (the uses of the
// entry's own statement, of the augments merged into it, and of the
// groupings those uses name, recursively). It returns the augments whose
// target is missing.
func applyUsesAugments(e *yang.Entry) []error {
	var errs []error
	nodes := []yang.Node{e.Node}
	for _, a := range e.Augmented {
		nodes = append(nodes, a.Node)
	}
	for _, n := range nodes {
		for _, u := range usesOf(n) {
			errs = append(errs, augmentUses(e, u, map[*yang.Grouping]bool{})...)
		}
	}
	for _, c := range sortedEntries(e.Dir) {
		errs = append(errs, applyUsesAugments(c)...)
	}
	return errs
}

// augmentUses applies the augment of u and of the uses inside the grouping
// u names (seen stops a grouping that uses itself) to at, where u expands.
func augmentUses(at *yang.Entry, u *yang.Uses, seen map[*yang.Grouping]bool) []error {
	var errs []error
	if a := u.Augment; a != nil {
		if err := augmentEntry(at, a); err != nil {
			errs = append(errs, err)
		}
	}
	g := yang.FindGrouping(u, u.Name, map[string]bool{})
	if g == nil || seen[g] {
		return errs
	}
	seen[g] = true
	for _, inner := range g.Uses {
		errs = append(errs, augmentUses(at, inner, seen)...)
	}
	return errs
}

// augmentEntry adds a copy of the nodes of augment a to its target below
// at. Nodes the target already has are left alone (a goyang that applies
// the augment itself).
func augmentEntry(at *yang.Entry, a *yang.Augment) error {
	target := at.Find(a.Name)
	if target == nil {
		return fmt.Errorf("%s: augment %q of a uses: no node %s below %s", yang.Source(a), a.Name, a.Name, at.Path())
	}
	ae := yang.ToEntry(a)
	for _, name := range slices.Sorted(mapKeys(ae.Dir)) {
		if target.Dir[name] != nil {
			continue
		}
		c := copyEntry(ae.Dir[name], target)
		c.FixChoice()
		target.Dir[name] = c
	}
	return nil
}

// copyEntry copies e and the entries below it for the place below parent
// (an augment of a grouping used in several places is one statement).
func copyEntry(e, parent *yang.Entry) *yang.Entry {
	c := *e
	c.Parent = parent
	if e.Dir != nil {
		c.Dir = make(map[string]*yang.Entry, len(e.Dir))
		for k, d := range e.Dir {
			c.Dir[k] = copyEntry(d, &c)
		}
	}
	return &c
}

// usesOf returns the uses statements directly inside statement n (every
// statement that can hold data nodes has a Uses field).
func usesOf(n yang.Node) []*yang.Uses {
	v := reflect.ValueOf(n)
	if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("Uses")
	if !f.IsValid() {
		return nil
	}
	u, _ := f.Interface().([]*yang.Uses)
	return u
}

// cannotDeviate is how goyang reports a deviation whose target it did not
// find.
const cannotDeviate = "cannot find target node to deviate, "

// deviateAgain applies the deviations goyang could not place in
// ms.Process (their paths in missed) once the uses augments are in: a
// deviation may target a node a uses augment adds. It returns the errors
// of the deviations that still fail.
func deviateAgain(ms *yang.Modules, missed map[string]bool) []error {
	if len(missed) == 0 {
		return nil
	}
	var errs []error
	for _, name := range slices.Sorted(mapKeys(ms.Modules)) {
		if strings.Contains(name, "@") {
			continue // the same module under its name@revision key
		}
		e := yang.ToEntry(ms.Modules[name])
		var retry []*yang.DeviatedEntry
		for _, d := range e.Deviations {
			if missed[d.DeviatedPath] {
				retry = append(retry, d)
			}
		}
		if len(retry) == 0 {
			continue
		}
		again := *e
		again.Deviations = retry
		errs = append(errs, again.ApplyDeviate(ms.ParseOptions.DeviateOptions)...)
	}
	return errs
}

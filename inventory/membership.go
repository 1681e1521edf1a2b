package inventory

import (
	"fmt"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/diag"
)

// groupState is a group during resolution.
type groupState struct {
	spec    *GroupSpec
	layer   *layer
	members map[string][]string // device -> reasons
	done    bool
	active  bool // on the DFS stack, for cycle detection
}

// memberships resolves the members of every group: listed devices, label
// selector matches, and the members of nested groups. Cycles are reported
// with the path that closes them.
func (r *resolver) memberships() map[string]*groupState {
	devs := map[string]*DeviceSpec{}
	for _, d := range r.repo.Devices {
		devs[d.Name] = d
	}
	groups := map[string]*groupState{}
	for _, g := range r.repo.Groups {
		prio := DefaultPriority
		if g.Priority != nil {
			prio = *g.Priority
		}
		groups[g.Name] = &groupState{spec: g, members: map[string][]string{},
			layer: &layer{name: fmt.Sprintf("group %q", g.Name), isGroup: true, priority: prio}}
	}
	sels := r.selections()
	for _, g := range r.repo.Groups {
		gs := groups[g.Name]
		r.direct(gs, devs, sels[gs.spec])
	}
	for _, g := range r.repo.Groups {
		r.nested(groups[g.Name], groups, []string{g.Name})
	}
	return groups
}

// selection is the devices a group's selector matches, in declared order,
// or why the selector is not valid.
type selection struct {
	sel     *Selector
	err     error
	devices []string
}

// selections matches the selector of every group against every device, on
// all cores: with many groups and devices this is most of the cost of
// memberships.
func (r *resolver) selections() map[*GroupSpec]selection {
	out := make([]selection, len(r.repo.Groups))
	parallel(len(r.repo.Groups), r.workers, func(i int) {
		g := r.repo.Groups[i]
		if g.Members.Selector == "" {
			return
		}
		s := &out[i]
		if s.sel, s.err = ParseSelector(g.Members.Selector); s.err != nil {
			return
		}
		for _, d := range r.repo.Devices {
			if s.sel.Matches(d.Labels) {
				s.devices = append(s.devices, d.Name)
			}
		}
	})
	byGroup := make(map[*GroupSpec]selection, len(out))
	for i, g := range r.repo.Groups {
		byGroup[g] = out[i]
	}
	return byGroup
}

// direct adds listed and selected devices.
func (r *resolver) direct(gs *groupState, devs map[string]*DeviceSpec, s selection) {
	g := gs.spec
	mem := g.src.get("members")
	for i, name := range g.Members.Devices {
		if devs[name] == nil {
			r.errorf(itemRange(mem, "devices", i), "group %q: device %q is not declared%s", g.Name, name, suggest(name, slices.Sorted(mapKeys(devs)), "devices"))
			continue
		}
		gs.members[name] = appendUnique(gs.members[name], "listed")
	}
	if g.Members.Selector == "" {
		return
	}
	if s.err != nil {
		r.errorf(at(mem, "selector"), "group %q: selector %q: %v", g.Name, g.Members.Selector, s.err)
		return
	}
	if len(s.devices) == 0 {
		sev := diag.Warning
		if r.opts.Strict {
			sev = diag.Error
		}
		r.add(diag.Diagnostic{Severity: sev, Range: at(mem, "selector"),
			Summary: fmt.Sprintf("group %q: selector %q matches no device", g.Name, g.Members.Selector),
			Detail:  "a typo in a label leaves the group's configuration on no device"}, "")
	}
	reason := "selector: " + s.sel.String()
	for _, name := range s.devices {
		gs.members[name] = appendUnique(gs.members[name], reason)
	}
}

// nested folds the members of nested groups into gs, depth first.
func (r *resolver) nested(gs *groupState, groups map[string]*groupState, path []string) {
	if gs.done {
		return
	}
	gs.active = true
	mem := gs.spec.src.get("members")
	for i, sub := range gs.spec.Members.Groups {
		ss := groups[sub]
		switch {
		case ss == nil:
			r.errorf(itemRange(mem, "groups", i), "group %q: nested group %q is not declared%s", gs.spec.Name, sub, suggest(sub, slices.Sorted(mapKeys(groups)), "groups"))
			continue
		case ss.active:
			cycle := append(path[slices.Index(path, sub):], sub)
			r.errorf(itemRange(mem, "groups", i), "group cycle: %s", strings.Join(cycle, " -> "))
			continue
		}
		r.nested(ss, groups, append(path, sub))
		for dev := range ss.members {
			gs.members[dev] = appendUnique(gs.members[dev], "via group: "+sub)
		}
	}
	gs.active, gs.done = false, true
}

func itemRange(parent *value, key string, i int) diag.Range {
	l := parent.get(key)
	if l == nil {
		return parent.pos()
	}
	if i < len(l.items) {
		return l.items[i].rng
	}
	return l.rng
}

func appendUnique(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// groupList returns the resolved groups in declaration order.
func (r *resolver) groupList(groups map[string]*groupState) []*Group {
	out := make([]*Group, 0, len(r.repo.Groups))
	for _, g := range r.repo.Groups {
		gs := groups[g.Name]
		grp := &Group{Name: g.Name, Description: g.Description, Priority: gs.layer.priority, Authoritative: g.Authoritative}
		for _, dev := range slices.Sorted(mapKeys(gs.members)) {
			grp.Members = append(grp.Members, Member{Device: dev, Reasons: gs.members[dev]})
		}
		if grp.Members == nil {
			grp.Members = []Member{}
		}
		out = append(out, grp)
	}
	return out
}

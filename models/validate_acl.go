package models

import (
	"fmt"
	"net/netip"
	"strings"
)

// isAddressMatch reports whether s is "any", an IPv4 host or an IPv4 prefix.
func isAddressMatch(s string) bool {
	if s == "any" {
		return true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Is4()
	}
	p, err := netip.ParsePrefix(s)
	return err == nil && p.Addr().Is4() && p.Masked() == p
}

func (v *validator) acl(p string, a *ACL, groups map[string]*ObjectGroup) {
	if v.required(p+".name", "name", a.Name) && !nameRE.MatchString(a.Name) {
		v.add(p+".name", "%q is not a valid ACL name", a.Name)
	}
	if len(a.Entries) == 0 {
		v.add(p+".entries", "an ACL needs at least one entry")
	}
	for j := range a.Entries {
		v.aclEntry(fmt.Sprintf("%s.entries[%d]", p, j), &a.Entries[j], groups)
	}
}

func (v *validator) aclEntry(p string, e *ACLEntry, groups map[string]*ObjectGroup) {
	if e.Seq < 1 || e.Seq > 2147483647 {
		v.add(p+".seq", "sequence number %d must be positive", e.Seq)
	}
	if e.Remark != "" && e.Action == "" {
		return // a remark-only entry
	}
	if v.required(p+".action", "action", e.Action) {
		v.oneOf(p+".action", "action", e.Action, ACLActions)
	}
	v.oneOf(p+".protocol", "protocol", e.Protocol, ACLProtocols)
	v.aclAddress(p, "source", e.Source, e.SourceGroup, groups)
	v.aclAddress(p, "destination", e.Destination, e.DestinationGroup, groups)
	for _, pp := range [...]struct{ field, ports string }{{".source_port", e.SourcePort}, {".destination_port", e.DestinationPort}} {
		if pp.ports == "" {
			continue
		}
		if !isPorts(pp.ports) {
			v.add(p+pp.field, "%q is not a port or port range (like 443 or 1024-65535)", pp.ports)
		}
		if e.Protocol != "tcp" && e.Protocol != "udp" {
			v.add(p+pp.field, "ports need protocol tcp or udp")
		}
	}
}

func (v *validator) aclAddress(p, field, addr, group string, groups map[string]*ObjectGroup) {
	switch {
	case addr != "" && group != "":
		v.add(p+"."+field+"_group", "set either %s or %s_group, not both", field, field)
	case group != "":
		g := groups[group]
		if g == nil {
			v.add(p+"."+field+"_group", "object-group %q is not declared in object_groups", group)
		} else if g.Type != "network" {
			v.add(p+"."+field+"_group", "object-group %q is a %s group, not a network group", group, g.Type)
		}
	case addr != "" && !isAddressMatch(addr):
		v.add(p+"."+field, "%q is not any, an IPv4 address or an IPv4 prefix", addr)
	}
}

func (v *validator) objectGroup(p string, g *ObjectGroup, groups map[string]*ObjectGroup) {
	if v.required(p+".name", "name", g.Name) && !nameRE.MatchString(g.Name) {
		v.add(p+".name", "%q is not a valid object-group name", g.Name)
	}
	if !v.required(p+".type", "type", g.Type) {
		return
	}
	v.oneOf(p+".type", "type", g.Type, ObjectGroupTypes)
	if g.Type == "service" && (len(g.Hosts)+len(g.Prefixes)+len(g.Groups) > 0) {
		v.add(p, "a service object-group has services, not hosts, prefixes or groups")
	}
	if g.Type == "network" && len(g.Services) > 0 {
		v.add(p+".services", "a network object-group has hosts, prefixes or groups, not services")
	}
	for j, h := range g.Hosts {
		if a, err := netip.ParseAddr(h); err != nil || !a.Is4() {
			v.add(fmt.Sprintf("%s.hosts[%d]", p, j), "%q is not an IPv4 address", h)
		}
	}
	for j, s := range g.Prefixes {
		if !isAddressMatch(s) || s == "any" || !strings.Contains(s, "/") {
			v.add(fmt.Sprintf("%s.prefixes[%d]", p, j), "%q is not an IPv4 prefix without host bits (like 10.0.0.0/8)", s)
		}
	}
	for j, n := range g.Groups {
		gp := fmt.Sprintf("%s.groups[%d]", p, j)
		switch nested := groups[n]; {
		case nested == nil:
			v.add(gp, "object-group %q is not declared in object_groups", n)
		case nested.Type != g.Type:
			v.add(gp, "object-group %q is a %s group, not a %s group", n, nested.Type, g.Type)
		case objectGroupCycle(g.Name, n, groups, map[string]bool{}):
			v.add(gp, "nesting object-group %q in %q makes a cycle", n, g.Name)
		}
	}
	for j, s := range g.Services {
		sp := fmt.Sprintf("%s.services[%d]", p, j)
		v.oneOf(sp+".protocol", "protocol", s.Protocol, ACLProtocols)
		if s.Ports != "" && (!isPorts(s.Ports) || (s.Protocol != "tcp" && s.Protocol != "udp")) {
			v.add(sp+".ports", "%q must be a port or range (like 443 or 1024-65535) with protocol tcp or udp", s.Ports)
		}
	}
}

// objectGroupCycle reports whether start is reachable from name through
// nested groups.
func objectGroupCycle(start, name string, groups map[string]*ObjectGroup, seen map[string]bool) bool {
	if name == start {
		return true
	}
	if seen[name] || groups[name] == nil {
		return false
	}
	seen[name] = true
	for _, n := range groups[name].Groups {
		if objectGroupCycle(start, n, groups, seen) {
			return true
		}
	}
	return false
}

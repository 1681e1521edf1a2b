package ocrender

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// objectGroups renders network groups as ipv4-prefix-sets and service
// groups as port-sets under /defined-sets.
func (s *render) objectGroups() {
	byName := make(map[string]*models.ObjectGroup, len(s.cfg.ObjectGroups))
	for i := range s.cfg.ObjectGroups {
		byName[s.cfg.ObjectGroups[i].Name] = &s.cfg.ObjectGroups[i]
	}
	for i := range s.cfg.ObjectGroups {
		g := &s.cfg.ObjectGroups[i]
		p := fmt.Sprintf("object_groups[%d]", i)
		if !s.supports(providers.FeatureObjectGroups, p) {
			continue
		}
		switch g.Type {
		case "network":
			ps := s.tree.GetOrCreateDefinedSets().GetOrCreateIpv4PrefixSet(g.Name)
			ps.Prefix = flattenNetwork(g, byName, map[string]bool{}, nil)
		case "service":
			s.portSet(p, g, byName)
		default:
			s.unsupported(providers.FeatureObjectGroups, p+".type", "unknown object-group type %q", g.Type)
		}
	}
}

// flattenNetwork returns the prefixes of g and of the groups nested in it,
// hosts as /32, each once, in declaration order (depth first).
func flattenNetwork(g *models.ObjectGroup, byName map[string]*models.ObjectGroup, seen map[string]bool, out []string) []string {
	if seen[g.Name] {
		return out
	}
	seen[g.Name] = true
	add := func(p string) {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	for _, h := range g.Hosts {
		add(h + "/32")
	}
	for _, p := range g.Prefixes {
		add(p)
	}
	for _, n := range g.Groups {
		if nested := byName[n]; nested != nil {
			out = flattenNetwork(nested, byName, seen, out)
		}
	}
	return out
}

// service is a flattened service with the path it was declared at.
type service struct {
	models.Service
	path string
}

func flattenServices(p string, g *models.ObjectGroup, byName map[string]*models.ObjectGroup, seen map[string]bool, out []service) []service {
	if seen[g.Name] {
		return out
	}
	seen[g.Name] = true
	for j, sv := range g.Services {
		out = append(out, service{Service: sv, path: fmt.Sprintf("%s.services[%d]", p, j)})
	}
	for j, n := range g.Groups {
		if nested := byName[n]; nested != nil {
			out = flattenServices(fmt.Sprintf("%s.groups[%d]", p, j), nested, byName, seen, out)
		}
	}
	return out
}

// portSet renders a service group as a port-set. A port-set holds ports
// only, no protocol (the ACL entry that uses it gives the protocol), so
// the group's services must all be tcp or all udp, each with ports.
func (s *render) portSet(p string, g *models.ObjectGroup, byName map[string]*models.ObjectGroup) {
	svcs := flattenServices(p, g, byName, map[string]bool{}, nil)
	var ports []oc.DefinedSets_PortSet_Port_Union
	for _, sv := range svcs {
		switch {
		case sv.Protocol != "tcp" && sv.Protocol != "udp" || sv.Ports == "":
			s.unsupported(providers.FeatureObjectGroups, sv.path,
				"an OpenConfig port-set holds only tcp or udp ports; %s without ports cannot be expressed", sv.Protocol)
			return
		case sv.Protocol != svcs[0].Protocol:
			s.unsupported(providers.FeatureObjectGroups, sv.path,
				"an OpenConfig port-set has no protocol, so one group cannot mix %s and %s", svcs[0].Protocol, sv.Protocol)
			return
		}
		ports = append(ports, portValue[oc.DefinedSets_PortSet_Port_Union](sv.Ports))
	}
	s.tree.GetOrCreateDefinedSets().GetOrCreatePortSet(g.Name).Port = ports
}

// portValue renders "N" as a number and "N-M" as "N..M".
func portValue[U any](ports string) U {
	var v any = oc.UnionString(strings.Replace(ports, "-", "..", 1))
	if n, err := strconv.ParseUint(ports, 10, 16); err == nil {
		v = oc.UnionUint16(uint16(n))
	}
	return v.(U)
}

// protocols maps intent ACL protocols to OpenConfig; "ip" matches any
// protocol and so sets none.
var protocols = map[string]oc.Acl_AclSet_AclEntry_Ipv4_Protocol_Union{
	"tcp":  oc.OpenconfigPacketMatchTypes_IP_PROTOCOL_IP_TCP,
	"udp":  oc.OpenconfigPacketMatchTypes_IP_PROTOCOL_IP_UDP,
	"icmp": oc.OpenconfigPacketMatchTypes_IP_PROTOCOL_IP_ICMP,
	"ip":   nil,
	"":     nil,
}

// acls renders IPv4 ACLs as acl-sets and binds them to interfaces.
func (s *render) acls() {
	for i := range s.cfg.ACLs {
		a := &s.cfg.ACLs[i]
		p := fmt.Sprintf("acls[%d]", i)
		if !s.supports(providers.FeatureACLs, p) {
			continue
		}
		set := s.tree.GetOrCreateAcl().GetOrCreateAclSet(a.Name, oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4)
		s.aclEntries(p, a, set)
	}
	for i := range s.cfg.Interfaces {
		in := &s.cfg.Interfaces[i]
		if in.ACLIn == "" && in.ACLOut == "" {
			continue
		}
		ref := s.ifaces[canonicalOf(s, i)]
		if ref == nil || ref.in != in || !s.supports(providers.FeatureACLs, ref.path+".acl_in") {
			continue
		}
		ai := s.tree.GetOrCreateAcl().GetOrCreateInterface(ref.name)
		ai.GetOrCreateInterfaceRef().Interface = ygot.String(ref.name)
		if in.ACLIn != "" {
			ai.GetOrCreateIngressAclSet(in.ACLIn, oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4)
		}
		if in.ACLOut != "" {
			ai.GetOrCreateEgressAclSet(in.ACLOut, oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4)
		}
	}
}

// aclEntries renders a's entries by sequence number. A remark-only entry
// has no OpenConfig equivalent (an acl-entry needs an action): its text
// becomes the description of the next entry that has an action, joined
// with "; " to that entry's own remark. A remark after the last rule has
// nothing to attach to and is an UnsupportedError.
func (s *render) aclEntries(p string, a *models.ACL, set *oc.Acl_AclSet) {
	idx := make([]int, len(a.Entries))
	for j := range idx {
		idx[j] = j
	}
	slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(a.Entries[x].Seq, a.Entries[y].Seq) })
	var remarks []string
	last := -1
	for _, j := range idx {
		e := &a.Entries[j]
		if e.Remark != "" {
			remarks = append(remarks, e.Remark)
		}
		if e.Action == "" {
			last = j
			continue
		}
		last = -1
		s.aclEntry(fmt.Sprintf("%s.entries[%d]", p, j), e, set, strings.Join(remarks, "; "))
		remarks = nil
	}
	if last >= 0 {
		s.unsupported(providers.FeatureACLs, fmt.Sprintf("%s.entries[%d]", p, last),
			"OpenConfig has no remark-only ACL entry; a remark after the last rule has no entry to describe")
	}
}

func (s *render) aclEntry(p string, e *models.ACLEntry, set *oc.Acl_AclSet, description string) {
	o := set.GetOrCreateAclEntry(uint32(e.Seq))
	if description != "" {
		o.Description = ygot.String(description)
	}
	act := o.GetOrCreateActions()
	switch e.Action {
	case "permit":
		act.ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_ACCEPT
	case "deny":
		act.ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_DROP
	default:
		s.unsupported(providers.FeatureACLs, p+".action", "unknown action %q", e.Action)
	}
	if e.Log {
		act.LogAction = oc.OpenconfigAcl_LOG_ACTION_LOG_SYSLOG
	}
	proto, ok := protocols[e.Protocol]
	if !ok {
		s.unsupported(providers.FeatureACLs, p+".protocol", "unknown protocol %q", e.Protocol)
	}
	ip := &oc.Acl_AclSet_AclEntry_Ipv4{
		Protocol:                    proto,
		SourceAddress:               addressMatch(e.Source),
		SourceAddressPrefixSet:      optional(e.SourceGroup),
		DestinationAddress:          addressMatch(e.Destination),
		DestinationAddressPrefixSet: optional(e.DestinationGroup),
	}
	if ip.Protocol != nil || ip.SourceAddress != nil || ip.SourceAddressPrefixSet != nil ||
		ip.DestinationAddress != nil || ip.DestinationAddressPrefixSet != nil {
		o.Ipv4 = ip
	}
	if e.SourcePort != "" {
		o.GetOrCreateTransport().SourcePort = portValue[oc.Acl_AclSet_AclEntry_Transport_SourcePort_Union](e.SourcePort)
	}
	if e.DestinationPort != "" {
		o.GetOrCreateTransport().DestinationPort = portValue[oc.Acl_AclSet_AclEntry_Transport_DestinationPort_Union](e.DestinationPort)
	}
}

// addressMatch returns nil for "any" (no match), a /32 for a host and the
// prefix otherwise.
func addressMatch(a string) *string {
	switch {
	case a == "" || a == "any":
		return nil
	case !strings.Contains(a, "/"):
		return ygot.String(a + "/32")
	}
	return ygot.String(a)
}

func optional(v string) *string {
	if v == "" {
		return nil
	}
	return ygot.String(v)
}

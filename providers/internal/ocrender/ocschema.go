package ocrender

import (
	"fmt"

	"github.com/switchyard/switchyard/providers"
)

// Routes through OpenConfig modules the release advertises but switchyard
// has no generated structs for (NX-OS 10.6(3): openconfig-spanning-tree,
// openconfig-relay-agent). The profile keeps their writable schema next
// to the native one (profiles.Profile.Native); their subtrees travel like
// native ones, module-qualified RFC 7951 typed by the profile, in the same
// payload and commit as the OpenConfig tree.

// Roots of the unvendored OpenConfig modules.
const (
	ocSTP   = "/openconfig-spanning-tree:stp"
	ocRelay = "/openconfig-relay-agent:relay-agent"
	// stpTypes is the module of the spanning-tree identities.
	stpTypes = "openconfig-spanning-tree-types:"
)

// ocSTPProtocol maps spanning_tree.mode to its OpenConfig identity.
var ocSTPProtocol = map[string]string{"rapid-pvst": stpTypes + "RAPID_PVST", "mst": stpTypes + "MSTP"}

// ocSpanningTree routes the mode to /stp/global/config/enabled-protocol
// and the per-VLAN priorities to /stp/rapid-pvst/vlan[vlan-id]; it reports
// whether the release's schema has them.
func (s *render) ocSpanningTree() bool {
	st := s.cfg.SpanningTree
	if !s.nativeHas(ocSTP + "/global/config/enabled-protocol") {
		return false
	}
	if st.Mode != "" {
		// One protocol runs (NX-OS adds max-elements 1): the leaf-list is
		// the mode, whoever set the running one.
		s.native(ocSTP+"/global/config/enabled-protocol", []any{ocSTPProtocol[st.Mode]}, "spanning_tree.mode")
		s.nativeOwned = append(s.nativeOwned, ocSTP+"/global/config/enabled-protocol")
	}
	for i, p := range st.Priorities {
		at := fmt.Sprintf("spanning_tree.priorities[%d]", i)
		switch {
		case st.Mode == "mst": // validation refuses them first
			s.noRoute(providers.FeatureSpanningTree, at, "OpenConfig MST has priorities per MST instance, not per VLAN")
		case !s.nativeHas(ocSTP + "/rapid-pvst/vlan/config/bridge-priority"):
			s.noRoute(providers.FeatureSpanningTree, at, "%s", s.deviated("/stp/rapid-pvst/vlan/config/bridge-priority"))
		default:
			entry := fmt.Sprintf("%s/rapid-pvst/vlan[vlan-id=%d]/config", ocSTP, p.VLAN)
			s.native(entry+"/vlan-id", float64(p.VLAN), at+".vlan")
			s.native(entry+"/bridge-priority", float64(p.Priority), at+".priority")
		}
	}
	return true
}

// ocPortSpanningTree routes a port's portfast (edge-port EDGE_ENABLE) and
// BPDU guard to /stp/interfaces/interface[name]; it reports whether the
// release's schema has them.
func (s *render) ocPortSpanningTree(ref *ifaceRef) bool {
	if !s.nativeHas(ocSTP + "/interfaces/interface/config/name") {
		return false
	}
	at := ref.path + ".spanning_tree"
	entry := fmt.Sprintf("%s/interfaces/interface[name=%s]/config", ocSTP, keyEscape(ref.name))
	st := ref.in.SpanningTree
	for _, leaf := range []struct {
		on         bool
		name, from string
		value      any
	}{{st.PortFast, "edge-port", at + ".portfast", stpTypes + "EDGE_ENABLE"}, {st.BPDUGuard, "bpdu-guard", at + ".bpduguard", true}} {
		switch {
		case !leaf.on:
		case !s.nativeHas(ocSTP + "/interfaces/interface/config/" + leaf.name):
			s.noRoute(providers.FeatureSpanningTree, leaf.from, "%s", s.deviated("/stp/interfaces/interface/config/"+leaf.name))
		default:
			s.native(entry+"/name", ref.name, at)
			s.native(entry+"/"+leaf.name, leaf.value, leaf.from)
		}
	}
	return true
}

// ocHelperAddresses routes an interface's DHCP relay targets to
// /relay-agent/dhcp/interfaces/interface[id]: the entry is named after
// the interface and bound to it (interface-ref); the relay agent is on by
// default (NX-OS deviates enable-relay-agent's default to true) and the
// interface's own enable is deviated, so neither is set. It reports
// whether the release's schema has the path.
func (s *render) ocHelperAddresses(ref *ifaceRef) bool {
	if !s.nativeHas(ocRelay + "/dhcp/interfaces/interface/config/helper-address") {
		return false
	}
	at := ref.path + ".helper_addresses"
	entry := fmt.Sprintf("%s/dhcp/interfaces/interface[id=%s]", ocRelay, keyEscape(ref.name))
	addrs := make([]any, len(ref.in.HelperAddresses))
	for i, a := range ref.in.HelperAddresses {
		addrs[i] = a
	}
	s.native(entry+"/config/id", ref.name, at)
	s.native(entry+"/config/helper-address", addrs, at)
	if s.nativeHas(ocRelay + "/dhcp/interfaces/interface/interface-ref/config/interface") {
		s.native(entry+"/interface-ref/config/interface", ref.name, at)
	}
	return true
}

// deviated says why the release's schema lacks the OpenConfig node at
// schemaPath (local names): the not-supported deviation and its file:line
// when there is one.
func (s *render) deviated(schemaPath string) string {
	if u := s.prof.Deviation(schemaPath); u != nil {
		return fmt.Sprintf("not supported by %s (deviate not-supported at %s)", s.prof.ID(), u.Source)
	}
	return fmt.Sprintf("%s has no %s", s.prof.ID(), schemaPath)
}

package ocrender

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// Spanning tree and DHCP relay over the IOS-XR unified models
// (Cisco-IOS-XR-um-spanning-tree-cfg, Cisco-IOS-XR-um-dhcp-ipv4-cfg).
//
// IOS-XR runs spanning tree as a named protocol instance: "spanning-tree
// pvrst default" for rapid-pvst, "spanning-tree mst default" for mst. The
// instance holds the per-VLAN bridge priorities (PVRST only) and the ports
// that take part, each with its portfast setting (portfast, or portfast
// bpduguard: IOS-XR has BPDU guard only together with portfast).
//
// IOS-XR relays DHCP through a relay profile that holds the helper
// addresses and that the interface names: "dhcp ipv4 / profile
// switchyard-<interface> relay / helper-address vrf V A" and "interface X
// relay profile switchyard-<interface>", V being the interface's VRF (or
// default), as ip helper-address forwards in the interface's VRF.

// Native roots and switchyard's names on IOS-XR.
const (
	xrSTP  = "/Cisco-IOS-XR-um-spanning-tree-cfg:spanning-tree"
	xrDHCP = "/Cisco-IOS-XR-um-dhcp-ipv4-cfg:dhcp/ipv4"
	// xrSTPInstance is the name of the spanning-tree protocol instance
	// switchyard configures.
	xrSTPInstance = "default"
	// xrRelayPrefix starts the name of an interface's relay profile.
	xrRelayPrefix = "switchyard-"
)

// xrSTPPort is the pattern of the interface names the protocol instances
// take (Ethernet and bundle main interfaces), from the module.
var xrSTPPort = regexp.MustCompile(`^(((Fast|Gigabit)Ethernet|.*GigE|CPRIoE|CemoHundredGigE)|Bundle-Ether)[^.]*$`)

// xrSTPEntry is the IOS-XR protocol instance entry of the intent's
// spanning-tree mode; "" when the release's native schema has no such
// list or the intent declares no mode. Per-VLAN
// priorities without a mode imply rapid-pvst, their only protocol.
func (s *render) xrSTPEntry() string {
	st := s.cfg.SpanningTree
	if st == nil {
		return ""
	}
	mode := st.Mode
	if mode == "" && len(st.Priorities) > 0 {
		mode = "rapid-pvst"
	}
	list := map[string]string{"rapid-pvst": "/pvrsts/pvrst", "mst": "/msts/mst"}[mode]
	if list == "" || !s.nativeHas(xrSTP+list+"/interfaces/interface/portfast") {
		return ""
	}
	return fmt.Sprintf("%s%s[protocol-instance-name=%s]", xrSTP, list, xrSTPInstance)
}

// xrSpanningTree routes the mode and the per-VLAN priorities to IOS-XR's
// protocol instance; it reports whether the release's native schema has
// spanning tree.
func (s *render) xrSpanningTree(st *models.SpanningTree) bool {
	if !s.nativeHas(xrSTP + "/pvrsts/pvrst/vlans/vlan/priority") {
		return false
	}
	entry := s.xrSTPEntry()
	if entry == "" {
		return true // no mode, no priorities: nothing to configure
	}
	s.native(entry, nil, "spanning_tree.mode")
	mst := strings.Contains(entry, "/msts/")
	for i, p := range st.Priorities {
		at := fmt.Sprintf("spanning_tree.priorities[%d]", i)
		if mst { // validation refuses them first
			s.noRoute(providers.FeatureSpanningTree, at, "IOS-XR MST has priorities per MST instance, not per VLAN")
			continue
		}
		s.native(fmt.Sprintf("%s/vlans/vlan[vlan-id=%d]/priority", entry, p.VLAN), float64(p.Priority), at+".priority")
	}
	return true
}

// xrPortSpanningTree puts a port into IOS-XR's protocol instance with its
// portfast setting; it reports whether it handled the port (routed it, or
// refused it with IOS-XR's reason).
func (s *render) xrPortSpanningTree(ref *ifaceRef) bool {
	if !s.nativeHas(xrSTP + "/pvrsts/pvrst/interfaces/interface/portfast") {
		return false
	}
	at := ref.path + ".spanning_tree"
	st := ref.in.SpanningTree
	entry := s.xrSTPEntry()
	switch {
	case entry == "":
		s.noRoute(providers.FeatureSpanningTree, at,
			"IOS-XR keeps a port's spanning-tree settings in the protocol instance (spanning-tree pvrst or mst), and spanning_tree.mode declares none")
		return true
	case !xrSTPPort.MatchString(ref.name):
		s.noRoute(providers.FeatureSpanningTree, at, "IOS-XR runs spanning tree on Ethernet and Bundle-Ether main interfaces only, not on %s", ref.name)
		return true
	case st.BPDUGuard && !st.PortFast:
		s.noRoute(providers.FeatureSpanningTree, at+".bpduguard", "IOS-XR has BPDU guard only together with portfast (portfast bpduguard)")
		return true
	}
	port := fmt.Sprintf("%s/interfaces/interface[interface-name=%s]", entry, keyEscape(ref.name))
	switch {
	case st.BPDUGuard:
		s.native(port+"/portfast", "BPDUGUARD", at+".bpduguard")
	case st.PortFast:
		s.native(port+"/portfast", "PORTFAST-ENABLE", at+".portfast")
	default:
		s.native(port, nil, at)
	}
	return true
}

// xrHelperAddresses routes an interface's DHCP relay targets to its
// IOS-XR relay profile; it reports whether the release's native schema
// has DHCP relay profiles.
func (s *render) xrHelperAddresses(ref *ifaceRef) bool {
	if !s.nativeHas(xrDHCP+"/profiles/profile/relay/helper-address/vrfs/vrf/ip-addresses/ip-address") ||
		!s.nativeHas(xrDHCP+"/interfaces/interface/relay/profile") {
		return false
	}
	name := xrRelayProfile(ref.name)
	vrf := ref.in.VRF
	if vrf == "" {
		vrf = "default"
	}
	at := ref.path + ".helper_addresses"
	for j, a := range ref.in.HelperAddresses {
		s.native(fmt.Sprintf("%s/profiles/profile[profile-name=%s]/relay/helper-address/vrfs/vrf[vrf-name=%s]/ip-addresses/ip-address[address=%s]",
			xrDHCP, keyEscape(name), keyEscape(vrf), keyEscape(a)), nil, fmt.Sprintf("%s[%d]", at, j))
	}
	s.native(fmt.Sprintf("%s/interfaces/interface[interface-name=%s]/relay/profile", xrDHCP, keyEscape(ref.name)), name, at)
	return true
}

// xrRelayProfile is the name of the relay profile of interface name:
// switchyard- and the name with its slashes (which IOS-XR names refuse)
// turned into underscores: switchyard-GigabitEthernet0_0_0_1.
func xrRelayProfile(name string) string {
	return xrRelayPrefix + strings.ReplaceAll(name, "/", "_")
}

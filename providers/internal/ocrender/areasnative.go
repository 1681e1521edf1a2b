package ocrender

import (
	"fmt"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// Native routes of the daily-work areas OpenConfig has no path for: the
// IOS-XE native model (Cisco-IOS-XE-native and the modules that augment
// it) and the IOS-XR unified models. Each area goes native only where the
// release's native schema has the path (nativeHas); elsewhere it stays in
// Desired.NoRoute and the gate refuses it.

// Native roots of the areas.
const (
	xeNative  = "/Cisco-IOS-XE-native:native"
	xrSNMP    = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server"
	xrLogging = "/Cisco-IOS-XR-um-logging-cfg:logging"
	xrLine    = "/Cisco-IOS-XR-um-line-cfg:line"
)

// empty is the RFC 7951 value of a leaf of type empty.
var empty = []any{nil}

// noRouteNative is noRoute for intent the release's native model does not
// take either; it says when the release publishes no native model.
func (s *render) noRouteNative(feature, path, format string, args ...any) {
	reason := fmt.Sprintf(format, args...)
	if s.prof != nil && !s.prof.IsPlatformNative() {
		reason += ", and the release publishes no native YANG model switchyard could route it to"
	}
	s.noRoute(feature, path, "%s", reason)
}

// snmp routes the SNMP agent to the native SNMP model: location,
// contact, communities and trap hosts (see snmpnative.go), and on IOS-XR
// the SNMPv3 users (snmpusers.go). IOS-XE's SNMPv3 users are refused: it
// keeps none in its configuration model.
func (s *render) snmp() {
	var base string
	switch {
	case s.nativeHas(xeNative + "/snmp-server/location"):
		base = xeNative + "/snmp-server"
	case s.nativeHas(xrSNMP + "/location"):
		base = xrSNMP
	}
	if base != "" {
		s.secretKeyedLists(base)
	}
	c := s.cfg.SNMP
	if c == nil {
		return
	}
	if base == "" {
		s.noRouteNative(providers.FeatureSNMP, "snmp", "OpenConfig has no SNMP model")
		return
	}
	if c.Location != "" {
		s.native(base+"/location", c.Location, "snmp.location")
	}
	if c.Contact != "" {
		s.native(base+"/contact", c.Contact, "snmp.contact")
	}
	if !s.snmpCommunities(base, c) {
		for i := range c.Communities {
			s.noRoute(providers.FeatureSNMP, fmt.Sprintf("snmp.communities[%d]", i), "the release's native model has no SNMP community list")
		}
	}
	users := c.Users
	if s.snmpUsers(base) {
		users = nil // routed to IOS-XR's native users (snmpusers.go)
	}
	for i := range users {
		reason := "the release's native model has no SNMPv3 user list"
		if base != xrSNMP {
			reason = "IOS-XE keeps no SNMPv3 user in its configuration model (snmp-server user is not in the running configuration)"
		}
		s.noRoute(providers.FeatureSNMP, fmt.Sprintf("snmp.users[%d]", i), "%s", reason)
	}
	if !s.snmpHosts(base, c) {
		for i := range c.Hosts {
			s.noRoute(providers.FeatureSNMP, fmt.Sprintf("snmp.hosts[%d]", i), "the release's native model has no SNMP trap host list")
		}
	}
}

// spanningTree routes the mode and the per-VLAN priorities to IOS-XE's
// native spanning-tree, IOS-XR's protocol instance (xrnative.go), or the
// openconfig-spanning-tree schema the profile keeps (ocschema.go).
func (s *render) spanningTree() {
	st := s.cfg.SpanningTree
	if st == nil {
		return
	}
	base := xeNative + "/spanning-tree"
	if !s.nativeHas(base + "/mode") {
		if !s.xrSpanningTree(st) && !s.ocSpanningTree() {
			s.noRouteNative(providers.FeatureSpanningTree, "spanning_tree",
				"switchyard's OpenConfig models do not include openconfig-spanning-tree yet")
		}
		return
	}
	if st.Mode != "" {
		s.native(base+"/mode", st.Mode, "spanning_tree.mode")
	}
	for i, p := range st.Priorities {
		s.native(fmt.Sprintf("%s/vlan[id=%d]/priority", base, p.VLAN), float64(p.Priority),
			fmt.Sprintf("spanning_tree.priorities[%d].priority", i))
	}
}

// portSpanningTree routes a port's portfast (edge access, or edge trunk on
// a trunk) and BPDU guard to its IOS-XE native interface, or IOS-XR's
// protocol instance; it reports whether it did.
func (s *render) portSpanningTree(ref *ifaceRef) bool {
	kind, number := xeInterface(ref.name)
	base := xeNative + "/interface/" + kind
	if number == "" || !s.nativeHas(base+"/spanning-tree/portfast-v2/edge/access") {
		return s.xrPortSpanningTree(ref) || s.ocPortSpanningTree(ref)
	}
	entry := fmt.Sprintf("%s[name=%s]/spanning-tree", base, keyEscape(number))
	st := ref.in.SpanningTree
	if st.PortFast {
		leaf := "access"
		if sp := ref.in.Switchport; sp != nil && sp.Mode == "trunk" {
			leaf = "trunk"
		}
		s.native(entry+"/portfast-v2/edge/"+leaf, empty, ref.path+".spanning_tree.portfast")
	}
	if st.BPDUGuard {
		s.native(entry+"/bpduguard/enable", empty, ref.path+".spanning_tree.bpduguard")
	}
	return true
}

// voiceVLAN routes an access port's voice VLAN to its IOS-XE native
// switchport; it reports whether it did.
func (s *render) voiceVLAN(ref *ifaceRef) bool {
	kind, number := xeInterface(ref.name)
	path := xeNative + "/interface/" + kind + "/switchport/voice/vlan/vlan"
	if number == "" || !s.nativeHas(path) {
		return false
	}
	s.native(fmt.Sprintf("%s/interface/%s[name=%s]/switchport/voice/vlan/vlan", xeNative, kind, keyEscape(number)),
		float64(ref.in.Switchport.VoiceVLAN), ref.path+".switchport.voice_vlan")
	return true
}

// helperAddresses routes an interface's DHCP relay targets to its IOS-XE
// native ip helper-address list, or an IOS-XR relay profile; it reports
// whether it did.
func (s *render) helperAddresses(ref *ifaceRef) bool {
	kind, number := xeInterface(ref.name)
	if number == "" || !s.nativeHas(xeNative+"/interface/"+kind+"/ip/helper-address") {
		return s.xrHelperAddresses(ref) || s.ocHelperAddresses(ref)
	}
	for j, a := range ref.in.HelperAddresses {
		s.native(fmt.Sprintf("%s/interface/%s[name=%s]/ip/helper-address[address=%s]", xeNative, kind, keyEscape(number), keyEscape(a)),
			nil, fmt.Sprintf("%s.helper_addresses[%d]", ref.path, j))
	}
	return true
}

// loggingBuffer routes the local log buffer to IOS-XE's logging buffered
// or IOS-XR's; it reports whether it did.
func (s *render) loggingBuffer(b *models.LoggingBuffer) bool {
	switch {
	case s.nativeHas(xeNative + "/logging/buffered/size-value"):
		if b.Size != 0 {
			s.native(xeNative+"/logging/buffered/size-value", float64(b.Size), "logging.buffered.size")
		}
		if b.Severity != "" {
			s.native(xeNative+"/logging/buffered/severity-level", xeSeverity[b.Severity], "logging.buffered.severity")
		}
	case s.nativeHas(xrLogging + "/buffered/log-buffer-size"):
		if b.Size != 0 {
			s.native(xrLogging+"/buffered/log-buffer-size", float64(b.Size), "logging.buffered.size")
		}
		if b.Severity != "" {
			s.native(xrLogging+"/buffered/buffered-level", xeSeverity[b.Severity], "logging.buffered.severity")
		}
	default:
		return false
	}
	return true
}

// consoleSeverityNative routes the console severity to IOS-XE's logging
// console where the release deviates the OpenConfig console; it reports
// whether it did.
func (s *render) consoleSeverityNative(sev string) bool {
	const path = xeNative + "/logging/console/severity"
	if s.openconfigTakes("/system/logging/console/selectors/selector[facility=ALL][severity=INFORMATIONAL]/config/severity") ||
		!s.nativeHas(path) {
		return false
	}
	s.native(path, xeSeverity[sev], "logging.console_severity")
	return true
}

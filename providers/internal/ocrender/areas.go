package ocrender

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// noRoute records intent that the OpenConfig tree cannot carry: a CLI
// rendering of the same device may carry it (NX-OS over NX-API); the gate
// refuses it for devices managed over NETCONF or gNMI.
func (s *render) noRoute(feature, path, format string, args ...any) {
	s.noroute = append(s.noroute, &providers.UnsupportedError{
		Feature:  feature,
		Platform: s.p.Platform,
		Path:     path,
		Reason:   fmt.Sprintf(format, args...),
	})
}

// areas renders the daily-work areas OpenConfig has a path for (VRFs,
// console logging, the default login method list, speed, duplex, IPv6)
// and records the others as having no route.
func (s *render) areas() {
	c := s.cfg
	s.snmp()
	s.spanningTree()
	s.lines()
	s.vrfs()
	s.localLogging()
	s.loginLists()
	for i := range c.Interfaces {
		ref := s.ifaces[canonicalOf(s, i)]
		if ref == nil || ref.in != &c.Interfaces[i] {
			continue
		}
		s.ifaceAreas(ref)
	}
}

// vrfs renders each VRF as an L3VRF network-instance with its description
// and route distinguisher, and the interfaces that name it as members.
func (s *render) vrfs() {
	for _, v := range s.cfg.VRFs {
		ni := s.tree.GetOrCreateNetworkInstance(v.Name)
		ni.Type = oc.OpenconfigNetworkInstanceTypes_NETWORK_INSTANCE_TYPE_L3VRF
		if v.Description != "" {
			ni.Description = ygot.String(v.Description)
		}
		if v.RD != "" {
			ni.RouteDistinguisher = ygot.String(v.RD)
		}
	}
	for i := range s.cfg.Interfaces {
		ref := s.ifaces[canonicalOf(s, i)]
		if ref == nil || ref.in != &s.cfg.Interfaces[i] || ref.in.VRF == "" {
			continue
		}
		m := s.tree.GetOrCreateNetworkInstance(ref.in.VRF).GetOrCreateInterface(ref.name)
		m.Interface = ygot.String(ref.name)
		if ref.kind.Type != oc.IETFInterfaces_InterfaceType_l3ipvlan {
			m.Subinterface = ygot.Uint32(0)
		}
	}
}

// localLogging renders the console severity; the buffer and the source
// interface have no OpenConfig path.
func (s *render) localLogging() {
	l := s.cfg.Logging
	if l == nil {
		return
	}
	if l.Buffered != nil && !s.loggingBuffer(l.Buffered) {
		s.noRouteNative(providers.FeatureLogging, "logging.buffered", "OpenConfig has no local log buffer")
	}
	if l.SourceInterface != "" {
		s.loggingSource(l.SourceInterface)
	}
	if l.ConsoleSeverity != "" && !s.consoleSeverityNative(l.ConsoleSeverity) {
		sev := severities[l.ConsoleSeverity]
		s.tree.GetOrCreateSystem().GetOrCreateLogging().GetOrCreateConsole().
			GetOrCreateSelector(oc.OpenconfigSystemLogging_SYSLOG_FACILITY_ALL, sev)
	}
}

// loggingSource renders the source interface as the source address of
// every remote syslog server (OpenConfig has no source interface): the
// interface's first IPv4 address in the intent.
func (s *render) loggingSource(name string) {
	canon, _ := s.names.normalise(name)
	ref := s.ifaces[canon]
	hosts := s.cfg.Syslog
	switch {
	case hosts == nil || len(hosts.Hosts) == 0:
		s.noRoute(providers.FeatureLogging, "logging.source_interface",
			"OpenConfig keeps the source address per syslog server, and no syslog hosts are declared")
		return
	case ref == nil || len(ref.in.IPv4) == 0:
		s.noRoute(providers.FeatureLogging, "logging.source_interface",
			"OpenConfig has no logging source interface, only a per-server source address, and interface %s has no ipv4 address in the intent", canon)
		return
	}
	p, err := netip.ParsePrefix(ref.in.IPv4[0])
	if err != nil {
		s.errs = append(s.errs, fmt.Errorf("%s.ipv4[0]: %w", ref.path, err))
		return
	}
	logging := s.tree.GetOrCreateSystem().GetOrCreateLogging()
	for _, h := range hosts.Hosts {
		logging.GetOrCreateRemoteServer(h.Address).SourceAddress = ygot.String(p.Addr().String())
	}
}

// loginLists renders the list named default as the system authentication
// methods (server group names, LOCAL) where the release takes them;
// OpenConfig has one list only, so the other lists (and the default one
// where the release deviates the OpenConfig path) go to the native AAA
// model where the release has one.
func (s *render) loginLists() {
	a := s.cfg.AAA
	if a == nil {
		return
	}
	for i, l := range a.Login {
		p := fmt.Sprintf("aaa.login[%d]", i)
		if l.Name != "default" || !s.openconfigTakes(ocLoginMethods) {
			switch {
			case s.loginListNative(&a.Login[i], p):
			case l.Name == "default":
				s.routeUnavailable(providers.FeatureAAA, p, ocLoginMethods)
			default:
				s.noRouteNative(providers.FeatureAAA, p+".name",
					"OpenConfig has one login method list (the system's authentication-method), named default here")
			}
			continue
		}
		var methods []oc.System_Aaa_Authentication_AuthenticationMethod_Union
		for j, m := range l.Methods {
			switch m {
			case "local":
				methods = append(methods, oc.OpenconfigAaaTypes_AAA_METHOD_TYPE_LOCAL)
			case "none":
				s.noRoute(providers.FeatureAAA, fmt.Sprintf("%s.methods[%d]", p, j),
					"OpenConfig has no method that lets everyone in")
			default:
				methods = append(methods, oc.UnionString(m))
			}
		}
		s.tree.GetOrCreateSystem().GetOrCreateAaa().GetOrCreateAuthentication().AuthenticationMethod = methods
	}
}

// speeds maps intent speeds to OpenConfig.
var speeds = map[string]oc.E_OpenconfigIfEthernet_ETHERNET_SPEED{
	"10": oc.OpenconfigIfEthernet_ETHERNET_SPEED_SPEED_10MB, "100": oc.OpenconfigIfEthernet_ETHERNET_SPEED_SPEED_100MB,
	"1000": oc.OpenconfigIfEthernet_ETHERNET_SPEED_SPEED_1GB, "2500": oc.OpenconfigIfEthernet_ETHERNET_SPEED_SPEED_2500MB,
	"5000": oc.OpenconfigIfEthernet_ETHERNET_SPEED_SPEED_5GB, "10000": oc.OpenconfigIfEthernet_ETHERNET_SPEED_SPEED_10GB,
	"25000": oc.OpenconfigIfEthernet_ETHERNET_SPEED_SPEED_25GB, "40000": oc.OpenconfigIfEthernet_ETHERNET_SPEED_SPEED_40GB,
	"100000": oc.OpenconfigIfEthernet_ETHERNET_SPEED_SPEED_100GB,
}

// ifaceAreas renders speed and duplex (ethernet config; auto is
// auto-negotiate), IPv6 addresses, and records what has no route: DHCP
// relay, voice VLAN and spanning-tree port settings.
func (s *render) ifaceAreas(ref *ifaceRef) {
	in := ref.in
	if in.Speed != "" || in.Duplex != "" {
		if ref.kind.Type != oc.IETFInterfaces_InterfaceType_ethernetCsmacd {
			s.unsupported(providers.FeatureInterfaces, ref.path+".speed", "%s is not an Ethernet port", ref.name)
		} else {
			eth := s.tree.GetOrCreateInterface(ref.name).GetOrCreateEthernet()
			if sp, ok := speeds[in.Speed]; ok {
				eth.PortSpeed = sp
			}
			switch in.Duplex {
			case "full":
				eth.DuplexMode = oc.OpenconfigIfEthernet_Ethernet_DuplexMode_FULL
			case "half":
				eth.DuplexMode = oc.OpenconfigIfEthernet_Ethernet_DuplexMode_HALF
			}
			if in.Speed == "auto" || in.Duplex == "auto" {
				eth.AutoNegotiate = ygot.Bool(true)
			}
		}
	}
	s.ipv6(ref)
	if len(in.HelperAddresses) > 0 && !s.helperAddresses(ref) {
		s.noRouteNative(providers.FeatureInterfaces, ref.path+".helper_addresses",
			"switchyard's OpenConfig models do not include openconfig-relay-agent")
	}
	if sp := in.Switchport; sp != nil && sp.VoiceVLAN != 0 && !s.voiceVLAN(ref) {
		s.noRouteNative(providers.FeatureSwitchport, ref.path+".switchport.voice_vlan", "OpenConfig has no voice VLAN")
	}
	if in.SpanningTree != nil && !s.portSpanningTree(ref) {
		s.noRouteNative(providers.FeatureSpanningTree, ref.path+".spanning_tree",
			"switchyard's OpenConfig models do not include openconfig-spanning-tree yet")
	}
}

// ipv6 renders IPv6 addresses on subinterface 0, or on routed-vlan for an
// SVI.
func (s *render) ipv6(ref *ifaceRef) {
	for j, a := range ref.in.IPv6 {
		p, err := netip.ParsePrefix(a)
		if err != nil || !p.Addr().Is6() {
			s.errs = append(s.errs, fmt.Errorf("%s.ipv6[%d]: %q is not an IPv6 address with prefix length", ref.path, j, a))
			continue
		}
		ip, plen := strings.ToLower(p.Addr().String()), ygot.Uint8(uint8(p.Bits()))
		o := s.tree.GetOrCreateInterface(ref.name)
		if ref.kind.Type == oc.IETFInterfaces_InterfaceType_l3ipvlan {
			id, ok := s.sviVLAN(ref)
			if !ok {
				return
			}
			rv := o.GetOrCreateRoutedVlan()
			rv.Vlan = oc.UnionUint16(id)
			rv.GetOrCreateIpv6().GetOrCreateAddress(ip).PrefixLength = plen
			continue
		}
		o.GetOrCreateSubinterface(0).GetOrCreateIpv6().GetOrCreateAddress(ip).PrefixLength = plen
	}
}

// lines renders the vty settings OpenConfig has as the terminal servers'
// (ssh-server, telnet-server): transport input is which servers are on,
// exec-timeout their idle timeout. The console, access classes and per-line
// login methods have no path. SSH is never turned off over OpenConfig.
func (s *render) lines() {
	l := s.cfg.Lines
	if l == nil {
		return
	}
	if l.Console != nil {
		if r := s.consoleRoute(); r != nil {
			s.lineNative(r, l.Console, "lines.console", false)
		} else {
			s.noRouteNative(providers.FeatureLines, "lines.console", "OpenConfig has no console line settings")
		}
	}
	v := l.VTY
	if v == nil {
		return
	}
	if r := s.vtyRoute(); r != nil && (v.AccessClass != "" || v.Login != "") {
		s.lineNative(r, &models.Line{AccessClass: v.AccessClass, Login: v.Login}, "lines.vty", true)
	} else {
		if v.AccessClass != "" {
			s.noRouteNative(providers.FeatureLines, "lines.vty.access_class", "OpenConfig has no access class for terminal sessions")
		}
		if v.Login != "" {
			s.noRouteNative(providers.FeatureLines, "lines.vty.login",
				"OpenConfig has no per-line login method, only the system's (aaa.login named default)")
		}
	}
	sys := s.tree.GetOrCreateSystem()
	telnet := slices.Contains(v.TransportInput, "telnet")
	if len(v.TransportInput) > 0 {
		if !slices.Contains(v.TransportInput, "ssh") {
			s.unsupported(providers.FeatureLines, "lines.vty.transport_input",
				"switchyard does not turn the SSH server off over OpenConfig: the device may be managed through it")
			return
		}
		sys.GetOrCreateSshServer().Enable = ygot.Bool(true)
		if s.vtyTransportNative(telnet) {
			s.vtyTimeoutNative(v, telnet)
			return
		}
		sys.GetOrCreateTelnetServer().Enable = ygot.Bool(telnet)
	}
	if t := v.ExecTimeout; t != nil {
		if *t*60 > 65535 {
			// Beyond OpenConfig's range: the native line's exec-timeout
			// (minutes) where the release has one.
			if r := s.vtyRoute(); r != nil {
				s.lineNative(r, &models.Line{ExecTimeout: t}, "lines.vty", false)
				return
			}
			s.noRouteNative(providers.FeatureLines, "lines.vty.exec_timeout",
				"OpenConfig keeps the idle timeout in seconds, at most 65535 (1092 minutes)")
			return
		}
		secs := ygot.Uint16(uint16(*t * 60))
		sys.GetOrCreateSshServer().Timeout = secs
		if telnet {
			sys.GetOrCreateTelnetServer().Timeout = secs
		}
	}
}

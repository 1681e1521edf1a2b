package ocrender

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// indexInterfaces normalises the intent's interface names and indexes them.
func (s *render) indexInterfaces() {
	s.ifaces = make(map[string]*ifaceRef, len(s.cfg.Interfaces))
	for i := range s.cfg.Interfaces {
		in := &s.cfg.Interfaces[i]
		p := fmt.Sprintf("interfaces[%d]", i)
		if !s.supports(providers.FeatureInterfaces, p) {
			continue
		}
		if strings.Contains(in.Name, ".") {
			s.unsupported(providers.FeatureInterfaces, p+".name",
				"%s is a subinterface; switchyard does not model subinterface encapsulation", in.Name)
			continue
		}
		name, kind := s.names.normalise(in.Name)
		if kind == nil {
			s.unsupported(providers.FeatureInterfaces, p+".name",
				"%q is not an interface kind the platform has (known: %s)", in.Name, s.kindNames())
			continue
		}
		if prev := s.ifaces[name]; prev != nil {
			s.errs = append(s.errs, fmt.Errorf("%s.name: %q is %s, which %s already declares", p, in.Name, name, prev.path))
			continue
		}
		s.ifaces[name] = &ifaceRef{name: name, kind: kind, path: p, in: in}
	}
}

func (s *render) kindNames() string {
	names := make([]string, len(s.p.Interfaces))
	for i, k := range s.p.Interfaces {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

// lookup returns the intent interface that name (possibly abbreviated)
// refers to, or nil.
func (s *render) lookup(name string) *ifaceRef {
	canon, _ := s.names.normalise(name)
	return s.ifaces[canon]
}

// l2 is the switched-vlan intent of one interface, gathered from its
// switchport and from VLAN membership before it is written to the tree.
type l2 struct {
	mode   oc.E_OpenconfigVlanTypes_VlanModeType
	access uint16
	native uint16
	trunk  []models.VLANRange
}

// lagMember is one member of a channel-group.
type lagMember struct {
	ref  *ifaceRef
	mode string
}

// interfaces renders /interfaces and records switchport and channel-group
// intent for portChannels and vlans.
func (s *render) interfaces() {
	for i := range s.cfg.Interfaces {
		ref := s.ifaces[canonicalOf(s, i)]
		if ref == nil || ref.in != &s.cfg.Interfaces[i] {
			continue // reported by indexInterfaces
		}
		in := ref.in
		o := s.tree.GetOrCreateInterface(ref.name)
		o.Type = ref.kind.Type
		if in.Description != "" {
			o.Description = ygot.String(in.Description)
		}
		o.Enabled = in.Enabled // nil leaves the admin state unmanaged
		if in.MTU != 0 {
			s.mtu(o, ref)
		}
		s.ipv4(ref, o)
		if in.Switchport != nil && s.supports(providers.FeatureSwitchport, ref.path+".switchport") {
			s.switchport(ref)
		}
		if in.PortChannel != nil && s.supports(providers.FeaturePortChannels, ref.path+".channel_group") {
			s.channelGroup(ref, o)
		}
	}
}

// canonicalOf returns the canonical name of intent interface i.
func canonicalOf(s *render, i int) string {
	n, _ := s.names.normalise(s.cfg.Interfaces[i].Name)
	return n
}

// ipv4 renders the interface's addresses: on subinterface 0, or on
// routed-vlan for a VLAN interface (SVI). The first address is the primary;
// later ones are marked SECONDARY.
func (s *render) ipv4(ref *ifaceRef, o *oc.Interface) {
	for j, a := range ref.in.IPv4 {
		p, err := netip.ParsePrefix(a)
		if err != nil || !p.Addr().Is4() {
			s.errs = append(s.errs, fmt.Errorf("%s.ipv4[%d]: %q is not an IPv4 address with prefix length", ref.path, j, a))
			continue
		}
		typ := oc.OpenconfigIfIp_Ipv4AddressType_UNSET
		if j > 0 {
			typ = oc.OpenconfigIfIp_Ipv4AddressType_SECONDARY
		}
		ip, plen := p.Addr().String(), ygot.Uint8(uint8(p.Bits()))
		if ref.kind.Type == oc.IETFInterfaces_InterfaceType_l3ipvlan {
			id, ok := s.sviVLAN(ref)
			if !ok {
				return
			}
			rv := o.GetOrCreateRoutedVlan()
			rv.Vlan = oc.UnionUint16(id)
			addr := rv.GetOrCreateIpv4().GetOrCreateAddress(ip)
			addr.PrefixLength, addr.Type = plen, typ
			continue
		}
		sub := o.GetOrCreateSubinterface(0)
		addr := sub.GetOrCreateIpv4().GetOrCreateAddress(ip)
		addr.PrefixLength, addr.Type = plen, typ
	}
}

// sviVLAN returns the VLAN id of a VLAN interface from its name.
func (s *render) sviVLAN(ref *ifaceRef) (uint16, bool) {
	id, err := strconv.Atoi(strings.TrimPrefix(ref.name, ref.kind.Name))
	if err != nil || id < 1 || id > 4094 {
		s.unsupported(providers.FeatureInterfaces, ref.path+".name", "%s does not name a VLAN 1-4094", ref.name)
		return 0, false
	}
	return uint16(id), true
}

// switchable reports whether ref can carry switched-vlan configuration,
// recording an UnsupportedError at path when it cannot.
func (s *render) switchable(ref *ifaceRef, path string) bool {
	switch {
	case ref.kind.Type != oc.IETFInterfaces_InterfaceType_ethernetCsmacd && ref.kind.Type != oc.IETFInterfaces_InterfaceType_ieee8023adLag:
		s.unsupported(providers.FeatureSwitchport, path, "%s is not an Ethernet or aggregate interface and cannot switch VLANs", ref.name)
	case ref.in.PortChannel != nil:
		s.unsupported(providers.FeatureSwitchport, path,
			"%s is a member of channel-group %d: OpenConfig puts VLAN configuration on the aggregate (%s%d), not on its members",
			ref.name, ref.in.PortChannel.ID, s.p.AggregatePrefix, ref.in.PortChannel.ID)
	default:
		return true
	}
	return false
}

func (s *render) switchport(ref *ifaceRef) {
	sp := ref.in.Switchport
	if !s.switchable(ref, ref.path+".switchport") {
		return
	}
	l := s.l2For(ref.name)
	switch sp.Mode {
	case "access":
		l.mode = oc.OpenconfigVlanTypes_VlanModeType_ACCESS
		l.access = uint16(sp.AccessVLAN)
	case "trunk":
		l.mode = oc.OpenconfigVlanTypes_VlanModeType_TRUNK
		l.native = uint16(sp.NativeVLAN)
		l.trunk = append(l.trunk, sp.AllowedVLANs...)
	default:
		s.unsupported(providers.FeatureSwitchport, ref.path+".switchport.mode", "unknown mode %q", sp.Mode)
	}
}

func (s *render) l2For(name string) *l2 {
	if s.l2 == nil {
		s.l2 = map[string]*l2{}
	}
	l := s.l2[name]
	if l == nil {
		l = &l2{}
		s.l2[name] = l
		s.l2Order = append(s.l2Order, name)
	}
	return l
}

func (s *render) channelGroup(ref *ifaceRef, o *oc.Interface) {
	cg := ref.in.PortChannel
	p := ref.path + ".channel_group"
	switch {
	case ref.kind.Type != oc.IETFInterfaces_InterfaceType_ethernetCsmacd:
		s.unsupported(providers.FeaturePortChannels, p, "%s is not an Ethernet interface and cannot join an aggregate", ref.name)
		return
	case len(ref.in.IPv4) > 0:
		s.unsupported(providers.FeaturePortChannels, p,
			"%s has ipv4 addresses: OpenConfig puts them on the aggregate (%s%d), not on its members", ref.name, s.p.AggregatePrefix, cg.ID)
		return
	}
	agg := s.p.AggregatePrefix + strconv.Itoa(cg.ID)
	o.GetOrCreateEthernet().AggregateId = ygot.String(agg)
	if s.lags == nil {
		s.lags = map[string][]lagMember{}
	}
	if _, seen := s.lags[agg]; !seen {
		s.lagOrder = append(s.lagOrder, agg)
	}
	s.lags[agg] = append(s.lags[agg], lagMember{ref: ref, mode: cg.Mode})
}

// portChannels creates the aggregate interface of every channel-group
// (unless the intent declares it), with its lag-type and LACP mode.
func (s *render) portChannels() {
	for _, agg := range s.lagOrder {
		members := s.lags[agg]
		mode := members[0].mode
		for _, m := range members[1:] {
			if m.mode != mode {
				s.unsupported(providers.FeaturePortChannels, m.ref.path+".channel_group.mode",
					"OpenConfig has one LACP mode per aggregate; %s is %s but %s is %s", m.ref.name, m.mode, members[0].ref.name, mode)
				mode = ""
				break
			}
		}
		o := s.tree.GetOrCreateInterface(agg)
		o.Type = oc.IETFInterfaces_InterfaceType_ieee8023adLag
		lag := o.GetOrCreateAggregation()
		switch mode {
		case "on":
			lag.LagType = oc.OpenconfigIfAggregate_AggregationType_STATIC
		case "active", "passive":
			lag.LagType = oc.OpenconfigIfAggregate_AggregationType_LACP
			li := s.tree.GetOrCreateLacp().GetOrCreateInterface(agg)
			li.LacpMode = oc.OpenconfigLacp_LacpActivityType_ACTIVE
			if mode == "passive" {
				li.LacpMode = oc.OpenconfigLacp_LacpActivityType_PASSIVE
			}
		case "":
		default:
			s.unsupported(providers.FeaturePortChannels, members[0].ref.path+".channel_group.mode", "unknown mode %q", mode)
		}
	}
}

// flushL2 writes the gathered switched-vlan intent to the tree.
func (s *render) flushL2() {
	for _, name := range s.l2Order {
		l, o := s.l2[name], s.tree.GetInterface(name)
		var access, native *uint16
		if l.access != 0 {
			access = ygot.Uint16(l.access)
		}
		if l.native != 0 {
			native = ygot.Uint16(l.native)
		}
		if o.GetType() == oc.IETFInterfaces_InterfaceType_ieee8023adLag {
			sv := o.GetOrCreateAggregation().GetOrCreateSwitchedVlan()
			sv.InterfaceMode, sv.AccessVlan, sv.NativeVlan = l.mode, access, native
			for _, r := range l.trunk {
				sv.TrunkVlans = append(sv.TrunkVlans, trunkRange[oc.Interface_Aggregation_SwitchedVlan_TrunkVlans_Union](r))
			}
			continue
		}
		sv := o.GetOrCreateEthernet().GetOrCreateSwitchedVlan()
		sv.InterfaceMode, sv.AccessVlan, sv.NativeVlan = l.mode, access, native
		for _, r := range l.trunk {
			sv.TrunkVlans = append(sv.TrunkVlans, trunkRange[oc.Interface_Ethernet_SwitchedVlan_TrunkVlans_Union](r))
		}
	}
}

// trunkRange renders a VLAN range as a trunk-vlans value: a single id as a
// number, a range as "low..high".
func trunkRange[U any](r models.VLANRange) U {
	var v any = oc.UnionString(fmt.Sprintf("%d..%d", r.Low, r.High))
	if r.Low == r.High {
		v = oc.UnionUint16(uint16(r.Low))
	}
	return v.(U)
}

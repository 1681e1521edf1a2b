package ios

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/clitext"
)

// ifPlan is one interface to render, with the VLAN membership that
// vlans[].members adds to it.
type ifPlan struct {
	name   ifName
	path   string            // "interfaces[3]"; "" for an implied port-channel
	intent *models.Interface // nil for an implied port-channel
	// accessVLAN and trunkAdd come from vlans[].members.
	accessVLAN int
	trunkAdd   []int
}

// planInterfaces normalises every interface name, folds VLAN membership
// into the member ports, adds the port-channels that channel groups need,
// and sorts the result in show running-config order.
func (r *renderer) planInterfaces() error {
	r.ifByKey = make(map[string]*ifPlan, len(r.cfg.Interfaces))
	for i := range r.cfg.Interfaces {
		ifc := &r.cfg.Interfaces[i]
		p := &ifPlan{path: fmt.Sprintf("interfaces[%d]", i), intent: ifc}
		n, err := parseInterface(ifc.Name)
		if err != nil {
			return unsupported(providers.FeatureInterfaces, p.path+".name", "%v", err)
		}
		p.name = n
		if prev := r.ifByKey[n.String()]; prev != nil {
			return unsupported(providers.FeatureInterfaces, p.path+".name",
				"%q is the same interface as %s (%q): both are %s", ifc.Name, prev.path, prev.intent.Name, n)
		}
		if err := checkInterface(p); err != nil {
			return err
		}
		r.ifByKey[n.String()] = p
		r.ifaces = append(r.ifaces, p)
	}
	if err := r.foldVLANMembers(); err != nil {
		return err
	}
	r.impliedPortChannels()
	slices.SortFunc(r.ifaces, func(a, b *ifPlan) int {
		switch {
		case a.name.less(b.name):
			return -1
		case b.name.less(a.name):
			return 1
		}
		return 0
	})
	return nil
}

// checkInterface refuses what classic IOS cannot do on this interface.
func checkInterface(p *ifPlan) error {
	ifc, typ := p.intent, p.name.typ
	if ifc.MTU != 0 {
		return unsupported(providers.FeatureInterfaces, p.path+".mtu",
			"classic IOS switches set the MTU for all ports with \"system mtu\", not per interface")
	}
	l2 := typ.physical || typ.full == "Port-channel"
	if ifc.Switchport != nil && !l2 {
		return unsupported(providers.FeatureSwitchport, p.path+".switchport", "%s interfaces cannot be switch ports", typ.full)
	}
	if ifc.ACLOut != "" && len(ifc.IPv4) == 0 && (ifc.Switchport != nil || ifc.PortChannel != nil) {
		return unsupported(providers.FeatureInterfaces, p.path+".acl_out",
			"port ACLs on classic IOS switch ports filter inbound traffic only")
	}
	if ifc.PortChannel != nil && !typ.physical {
		return unsupported(providers.FeaturePortChannels, p.path+".channel_group", "only Ethernet ports can join a channel group")
	}
	return nil
}

// foldVLANMembers applies vlans[].members: an access (or unconfigured)
// port gets the VLAN as its access VLAN; a trunk with an explicit allowed
// list gets the VLAN added to it (a trunk without one allows every VLAN).
func (r *renderer) foldVLANMembers() error {
	for i, v := range r.cfg.VLANs {
		for j, m := range v.Members {
			path := fmt.Sprintf("vlans[%d].members[%d]", i, j)
			name, err := r.ifRef(m, providers.FeatureVLANs, path)
			if err != nil {
				return err
			}
			p := r.ifByKey[name]
			sp := p.intent.Switchport
			switch {
			case sp != nil && sp.Mode == "trunk":
				if len(sp.AllowedVLANs) > 0 {
					p.trunkAdd = append(p.trunkAdd, v.ID)
				}
			case !p.name.typ.physical && p.name.typ.full != "Port-channel":
				return unsupported(providers.FeatureVLANs, path, "%s cannot be a member of a VLAN", name)
			case p.accessVLAN != 0 && p.accessVLAN != v.ID:
				return unsupported(providers.FeatureVLANs, path, "%s is already an access port of VLAN %d", name, p.accessVLAN)
			default:
				p.accessVLAN = v.ID
			}
		}
	}
	return nil
}

// impliedPortChannels adds "interface Port-channelN" for every channel
// group that has no interface of its own in the intent.
func (r *renderer) impliedPortChannels() {
	for _, p := range r.ifaces {
		cg := p.intent.PortChannel
		if cg == nil || p.path == "" {
			continue
		}
		n, _ := parseInterface("Port-channel" + strconv.Itoa(cg.ID))
		if r.ifByKey[n.String()] != nil {
			continue
		}
		pc := &ifPlan{name: n, intent: &models.Interface{Name: n.String()}}
		r.ifByKey[n.String()] = pc
		r.ifaces = append(r.ifaces, pc)
	}
}

// ifRef resolves a reference to a declared interface, in any spelling, to
// its full name.
func (r *renderer) ifRef(name, feature, path string) (string, error) {
	n, err := parseInterface(name)
	if err != nil {
		return "", unsupported(feature, path, "%v", err)
	}
	if r.ifByKey[n.String()] == nil {
		return "", unsupported(feature, path, "interface %s is not declared in interfaces", n)
	}
	return n.String(), nil
}

func (r *renderer) vlans() error {
	vs := slices.Clone(r.cfg.VLANs)
	slices.SortStableFunc(vs, func(a, b models.VLAN) int { return a.ID - b.ID })
	for _, v := range vs {
		if models.IsReservedVLAN(v.ID) {
			if v.Name != "" && v.Name != reservedName(v.ID) {
				i := slices.IndexFunc(r.cfg.VLANs, func(x models.VLAN) bool { return x.ID == v.ID })
				return unsupported(providers.FeatureVLANs, fmt.Sprintf("vlans[%d].name", i),
					"VLAN %d is reserved and keeps its name %q", v.ID, reservedName(v.ID))
			}
			continue // always present, never printed
		}
		r.w.Bang()
		if v.Name == "" || v.Name == fmt.Sprintf("VLAN%04d", v.ID) {
			r.w.Block("vlan " + strconv.Itoa(v.ID))
		} else {
			r.w.Block("vlan "+strconv.Itoa(v.ID), "name "+v.Name)
		}
	}
	return nil
}

func reservedName(id int) string {
	switch id {
	case 1:
		return "default"
	case 1002:
		return "fddi-default"
	case 1003:
		return "token-ring-default"
	case 1004:
		return "fddinet-default"
	default:
		return "trnet-default"
	}
}

func (r *renderer) interfaces() error {
	for _, p := range r.ifaces {
		lines, err := p.lines()
		if err != nil {
			return err
		}
		r.w.Bang()
		r.w.Block("interface "+p.name.String(), lines...)
	}
	return nil
}

// lines returns the body of an interface block in show running-config order.
func (p *ifPlan) lines() ([]string, error) {
	ifc := p.intent
	var out []string
	if ifc.Description != "" {
		out = append(out, "description "+ifc.Description)
	}
	l3 := len(ifc.IPv4) > 0 || len(ifc.IPv6) > 0 || ifc.VRF != "" || len(ifc.HelperAddresses) > 0
	routed := l3 && (p.name.typ.physical || p.name.typ.full == "Port-channel")
	if routed {
		out = append(out, "no switchport")
	}
	out = append(out, p.switchport()...)
	if ifc.VRF != "" {
		out = append(out, "ip vrf forwarding "+ifc.VRF)
	}
	addrs, err := p.addresses()
	if err != nil {
		return nil, err
	}
	out = append(out, addrs...)
	for _, h := range ifc.HelperAddresses {
		out = append(out, "ip helper-address "+h)
	}
	if ifc.ACLIn != "" {
		out = append(out, "ip access-group "+ifc.ACLIn+" in")
	}
	if ifc.ACLOut != "" {
		out = append(out, "ip access-group "+ifc.ACLOut+" out")
	}
	if ifc.Enabled != nil {
		if *ifc.Enabled {
			out = append(out, "no shutdown")
		} else {
			out = append(out, "shutdown")
		}
	}
	out = append(out, p.ethernet()...)
	for _, a := range ifc.IPv6 {
		// IOS prints IPv6 addresses in upper case.
		out = append(out, "ipv6 address "+strings.ToUpper(a))
	}
	if cg := ifc.PortChannel; cg != nil {
		out = append(out, "channel-group "+strconv.Itoa(cg.ID)+" mode "+cg.Mode)
	}
	out = append(out, p.portSpanningTree()...)
	return out, nil
}

// ethernet returns the speed and duplex lines; auto (the default) is not
// printed by IOS.
func (p *ifPlan) ethernet() []string {
	var out []string
	if s := p.intent.Speed; s != "" && s != "auto" {
		out = append(out, "speed "+s)
	}
	if d := p.intent.Duplex; d != "" && d != "auto" {
		out = append(out, "duplex "+d)
	}
	return out
}

// portSpanningTree returns the portfast and BPDU guard lines.
func (p *ifPlan) portSpanningTree() []string {
	st := p.intent.SpanningTree
	if st == nil {
		return nil
	}
	var out []string
	if st.PortFast {
		if sp := p.intent.Switchport; sp != nil && sp.Mode == "trunk" {
			out = append(out, "spanning-tree portfast trunk")
		} else {
			out = append(out, "spanning-tree portfast")
		}
	}
	if st.BPDUGuard {
		out = append(out, "spanning-tree bpduguard enable")
	}
	return out
}

// switchport returns the switchport lines; IOS prints the VLANs before the
// mode and leaves VLAN 1 (the default) out.
func (p *ifPlan) switchport() []string {
	sp := p.intent.Switchport
	mode := ""
	if sp != nil {
		mode = sp.Mode
	}
	if mode == "" && p.accessVLAN != 0 {
		mode = "access"
	}
	var out []string
	switch mode {
	case "access":
		vlan := p.accessVLAN
		if sp != nil && sp.AccessVLAN != 0 {
			vlan = sp.AccessVLAN
		}
		if vlan > 1 {
			out = append(out, "switchport access vlan "+strconv.Itoa(vlan))
		}

	case "trunk":
		if sp.NativeVLAN > 1 {
			out = append(out, "switchport trunk native vlan "+strconv.Itoa(sp.NativeVLAN))
		}
		if list := allowedVLANs(sp.AllowedVLANs, p.trunkAdd); list != "" {
			out = append(out, "switchport trunk allowed vlan "+list)
		}
	default:
		return nil
	}
	out = append(out, "switchport mode "+mode)
	if sp != nil && sp.VoiceVLAN != 0 {
		out = append(out, "switchport voice vlan "+strconv.Itoa(sp.VoiceVLAN))
	}
	return out
}

// allowedVLANs returns the compacted allowed list, or "" when it allows
// every VLAN (the default IOS does not print).
func allowedVLANs(ranges []models.VLANRange, add []int) string {
	if len(ranges) == 0 {
		return ""
	}
	var ids []int
	for _, rg := range ranges {
		for id := max(rg.Low, 1); id <= min(rg.High, 4094); id++ {
			ids = append(ids, id)
		}
	}
	ids = append(ids, add...)
	list := clitext.CompactVLANs(ids)
	if list == "1-4094" {
		return ""
	}
	return list
}

// addresses returns the "ip address" lines: secondaries first, then the
// primary, as IOS prints them.
func (p *ifPlan) addresses() ([]string, error) {
	ips := p.intent.IPv4
	if len(ips) == 0 {
		return nil, nil
	}
	out := make([]string, 0, len(ips))
	for k := range ips {
		i := (k + 1) % len(ips) // secondaries 1..n-1, then the primary 0
		pfx, err := clitext.ParseIPv4Prefix(ips[i])
		if err != nil {
			return nil, unsupported(providers.FeatureInterfaces, fmt.Sprintf("%s.ipv4[%d]", p.path, i), "%v", err)
		}
		line := "ip address " + pfx.Addr().String() + " " + clitext.Mask(pfx.Bits())
		if i > 0 {
			line += " secondary"
		}
		out = append(out, line)
	}
	return out, nil
}

package models

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"
)

// rdRE matches a route distinguisher: ASN:NN or IPv4:NN.
var rdRE = regexp.MustCompile(`^([0-9]{1,10}|[0-9]{1,3}(\.[0-9]{1,3}){3}):[0-9]{1,10}$`)

// areas checks SNMP, spanning tree, VRFs, lines, logging, AAA login lists
// and the interface settings that go with them.
func (v *validator) areas(c *Config, ifaces map[string]*Interface, acls map[string]bool) {
	vrfs := map[string]bool{}
	for i, vrf := range c.VRFs {
		p := fmt.Sprintf("vrfs[%d]", i)
		if v.required(p+".name", "name", vrf.Name) && (!nameRE.MatchString(vrf.Name) || vrf.Name == "default") {
			v.add(p+".name", "%q is not a valid VRF name (and \"default\" is the global table)", vrf.Name)
		}
		vrfs[vrf.Name] = true
		if vrf.RD != "" && !rdRE.MatchString(vrf.RD) {
			v.add(p+".rd", "%q is not a route distinguisher (ASN:NN or IPv4-address:NN)", vrf.RD)
		}
		v.text(p+".description", vrf.Description)
	}
	for i := range c.Interfaces {
		v.ifaceAreas(fmt.Sprintf("interfaces[%d]", i), &c.Interfaces[i], vrfs)
	}
	v.snmp(c.SNMP, acls)
	v.spanningTree(c.SpanningTree)
	groups := map[string]bool{}
	var lists map[string]bool
	if c.AAA != nil {
		for _, g := range c.AAA.ServerGroups {
			groups[g.Name] = true
		}
		lists = v.loginLists(c.AAA.Login, groups)
	}
	if l := c.Lines; l != nil {
		v.line("lines.vty", l.VTY, acls, lists)
		v.line("lines.console", l.Console, acls, lists)
		if l.Console != nil && (l.Console.AccessClass != "" || len(l.Console.TransportInput) > 0) {
			v.add("lines.console", "access_class and transport_input apply to vty lines only")
		}
	}
	v.logging(c.Logging, ifaces)
}

// text refuses line breaks in a one-line value.
func (v *validator) text(path, s string) {
	if strings.ContainsAny(s, "\r\n") {
		v.add(path, "must be one line")
	}
}

func (v *validator) ifaceAreas(p string, i *Interface, vrfs map[string]bool) {
	v.oneOf(p+".speed", "speed", i.Speed, Speeds)
	v.oneOf(p+".duplex", "duplex", i.Duplex, Duplexes)
	if i.Duplex == "half" && i.Speed != "" && i.Speed != "10" && i.Speed != "100" && i.Speed != "auto" {
		v.add(p+".duplex", "half duplex needs speed 10 or 100")
	}
	for j, a := range i.IPv6 {
		if pfx, err := netip.ParsePrefix(a); err != nil || !pfx.Addr().Is6() || pfx.Addr().Is4In6() {
			v.add(fmt.Sprintf("%s.ipv6[%d]", p, j), "%q is not an IPv6 address with prefix length (like 2001:db8::1/64)", a)
		}
	}
	for j, a := range i.HelperAddresses {
		if ip, err := netip.ParseAddr(a); err != nil || !ip.Is4() {
			v.add(fmt.Sprintf("%s.helper_addresses[%d]", p, j), "%q is not an IPv4 address", a)
		}
	}
	routed := len(i.IPv4) > 0 || len(i.IPv6) > 0 || strings.HasPrefix(strings.ToLower(i.Name), "vlan")
	if len(i.HelperAddresses) > 0 && !routed {
		v.add(p+".helper_addresses", "a DHCP relay needs a routed interface (ipv4 addresses) or an SVI")
	}
	if i.Switchport != nil && len(i.IPv6) > 0 {
		v.add(p+".ipv6", "an interface cannot have both switchport and ipv6 addresses")
	}
	if i.VRF != "" && !vrfs[i.VRF] {
		v.add(p+".vrf", "VRF %q is not declared in vrfs", i.VRF)
	}
	if i.VRF != "" && i.Switchport != nil {
		v.add(p+".vrf", "a switch port cannot be a VRF member; put the VRF on the SVI")
	}
	if sp := i.Switchport; sp != nil && sp.VoiceVLAN != 0 {
		if sp.VoiceVLAN < 1 || sp.VoiceVLAN > 4094 {
			v.add(p+".switchport.voice_vlan", "VLAN id %d is out of range 1-4094", sp.VoiceVLAN)
		}
		if sp.Mode != "access" {
			v.add(p+".switchport.voice_vlan", "voice_vlan needs mode access")
		}
	}
	if i.SpanningTree != nil && i.Switchport == nil {
		v.add(p+".spanning_tree", "spanning-tree port settings need a switchport")
	}
}

func (v *validator) snmp(s *SNMP, acls map[string]bool) {
	if s == nil {
		return
	}
	v.text("snmp.location", s.Location)
	v.text("snmp.contact", s.Contact)
	comms := map[string]bool{}
	for i, c := range s.Communities {
		p := fmt.Sprintf("snmp.communities[%d]", i)
		if v.required(p+".name", "name", c.Name) && !nameRE.MatchString(c.Name) {
			v.add(p+".name", "%q is not a valid name", c.Name)
		}
		comms[c.Name] = true
		if c.Secret == nil {
			v.add(p+".secret", "secret (a reference to the community string) is required")
		}
		v.oneOf(p+".access", "access", c.Access, SNMPAccess)
		if c.ACL != "" && !acls[c.ACL] {
			v.add(p+".acl", "ACL %q is not declared in acls", c.ACL)
		}
	}
	users := map[string]bool{}
	for i, u := range s.Users {
		p := fmt.Sprintf("snmp.users[%d]", i)
		if v.required(p+".name", "name", u.Name) && !nameRE.MatchString(u.Name) {
			v.add(p+".name", "%q is not a valid user name", u.Name)
		}
		users[u.Name] = true
		if u.Group != "" && !nameRE.MatchString(u.Group) {
			v.add(p+".group", "%q is not a valid group name", u.Group)
		}
		v.oneOf(p+".auth_protocol", "auth_protocol", u.AuthProtocol, SNMPAuthProtocols)
		v.oneOf(p+".priv_protocol", "priv_protocol", u.PrivProtocol, SNMPPrivProtocols)
		if u.Auth == nil {
			v.add(p+".auth", "auth (a reference to the authentication key) is required")
		}
		if u.Priv == nil && u.PrivProtocol != "" {
			v.add(p+".priv", "priv_protocol needs priv (a reference to the privacy key)")
		}
	}
	for i, h := range s.Hosts {
		v.snmpHost(fmt.Sprintf("snmp.hosts[%d]", i), h, comms, users)
	}
}

func (v *validator) snmpHost(p string, h SNMPHost, comms, users map[string]bool) {
	if v.required(p+".address", "address", h.Address) && !isHost(h.Address) {
		v.add(p+".address", "%q is not an IP address or host name", h.Address)
	}
	v.oneOf(p+".version", "version", h.Version, SNMPVersions)
	switch h.Version {
	case "", "2c":
		if v.required(p+".community", "community", h.Community) && !comms[h.Community] {
			v.add(p+".community", "community %q is not declared in snmp.communities", h.Community)
		}
		if h.User != "" {
			v.add(p+".user", "user needs version 3")
		}
	case "3":
		if v.required(p+".user", "user", h.User) && !users[h.User] {
			v.add(p+".user", "user %q is not declared in snmp.users", h.User)
		}
		if h.Community != "" {
			v.add(p+".community", "community needs version 2c")
		}
	}
}

func (v *validator) spanningTree(s *SpanningTree) {
	if s == nil {
		return
	}
	v.oneOf("spanning_tree.mode", "mode", s.Mode, STPModes)
	for i, pr := range s.Priorities {
		p := fmt.Sprintf("spanning_tree.priorities[%d]", i)
		if pr.VLAN < 1 || pr.VLAN > 4094 {
			v.add(p+".vlan", "VLAN id %d is out of range 1-4094", pr.VLAN)
		}
		if pr.Priority < 0 || pr.Priority > 61440 || pr.Priority%4096 != 0 {
			v.add(p+".priority", "priority %d must be a multiple of 4096 from 0 to 61440", pr.Priority)
		}
	}
	if s.Mode == "mst" && len(s.Priorities) > 0 {
		v.add("spanning_tree.priorities", "per-VLAN priorities need mode rapid-pvst (MST instances are not modelled)")
	}
}

// loginLists checks aaa.login and returns the declared list names.
func (v *validator) loginLists(lists []LoginMethodList, groups map[string]bool) map[string]bool {
	names := map[string]bool{}
	for i, l := range lists {
		p := fmt.Sprintf("aaa.login[%d]", i)
		if v.required(p+".name", "name", l.Name) && !nameRE.MatchString(l.Name) {
			v.add(p+".name", "%q is not a valid method list name", l.Name)
		}
		names[l.Name] = true
		if len(l.Methods) == 0 {
			v.add(p+".methods", "a method list needs at least one method")
		}
		for j, m := range l.Methods {
			mp := fmt.Sprintf("%s.methods[%d]", p, j)
			switch {
			case m == "none" && j != len(l.Methods)-1:
				v.add(mp, "none must be the last method")
			case m == "local" || m == "none":
			case !groups[m]:
				v.add(mp, "%q is neither local, none nor a server group declared in aaa.server_groups", m)
			}
			if slices.Index(l.Methods, m) != j {
				v.add(mp, "method %q is listed twice", m)
			}
		}
	}
	return names
}

func (v *validator) line(p string, l *Line, acls, lists map[string]bool) {
	if l == nil {
		return
	}
	if l.AccessClass != "" && !acls[l.AccessClass] {
		v.add(p+".access_class", "ACL %q is not declared in acls", l.AccessClass)
	}
	for i, t := range l.TransportInput {
		v.oneOf(fmt.Sprintf("%s.transport_input[%d]", p, i), "transport", t, TransportInputs)
	}
	if slices.Contains(l.TransportInput, "none") && len(l.TransportInput) > 1 {
		v.add(p+".transport_input", "none cannot be combined with other protocols")
	}
	if t := l.ExecTimeout; t != nil && (*t < 0 || *t > 35791) {
		v.add(p+".exec_timeout", "exec_timeout %d is out of range 0-35791 minutes", *t)
	}
	if l.Login != "" && l.Login != "local" && !lists[l.Login] {
		v.add(p+".login", "login %q is neither local nor a method list declared in aaa.login", l.Login)
	}
}

func (v *validator) logging(l *Logging, ifaces map[string]*Interface) {
	if l == nil {
		return
	}
	if b := l.Buffered; b != nil {
		if b.Size != 0 && (b.Size < 4096 || b.Size > 2147483647) {
			v.add("logging.buffered.size", "size %d is out of range 4096-2147483647 bytes", b.Size)
		}
		v.oneOf("logging.buffered.severity", "severity", b.Severity, Severities)
	}
	v.oneOf("logging.console_severity", "severity", l.ConsoleSeverity, Severities)
	if l.SourceInterface != "" && ifaces[l.SourceInterface] == nil {
		v.add("logging.source_interface", "interface %q is not declared in interfaces", l.SourceInterface)
	}
}

package models

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/crypto/ssh"
)

// FieldError is a problem with one value of a Config. Path addresses the
// value the way it is written in YAML, with list indexes:
// "vlans[2].members[0]".
type FieldError struct {
	Path    string
	Message string
}

// Error returns "path: message".
func (e FieldError) Error() string { return e.Path + ": " + e.Message }

type validator struct {
	errs []FieldError
}

func (v *validator) add(path, format string, args ...any) {
	v.errs = append(v.errs, FieldError{Path: path, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) oneOf(path, what, value string, allowed []string) {
	if value != "" && !slices.Contains(allowed, value) {
		v.add(path, "%s %q is not one of %s", what, value, strings.Join(allowed, ", "))
	}
}

func (v *validator) required(path, what, value string) bool {
	if value == "" {
		v.add(path, "%s is required", what)
		return false
	}
	return true
}

var (
	hostnameRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	nameRE     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$`)
	ifNameRE   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*[0-9][A-Za-z0-9/.:]*$`)
)

// Validate checks the configuration for values that no platform accepts and
// for references to things that are not declared. It returns every problem
// found, in field order; nil means valid. Validate does not modify c.
func (c *Config) Validate() []FieldError {
	v := &validator{}
	if c.Hostname != "" && !hostnameRE.MatchString(c.Hostname) {
		v.add("hostname", "%q is not a valid hostname (letters, digits and '-', at most 63, no leading or trailing '-')", c.Hostname)
	}
	if c.DomainName != "" && !isDomainName(c.DomainName) {
		v.add("domain_name", "%q is not a valid domain name", c.DomainName)
	}
	ifaces := make(map[string]*Interface, len(c.Interfaces))
	for i := range c.Interfaces {
		ifaces[c.Interfaces[i].Name] = &c.Interfaces[i]
	}
	v.ntp(c.NTP, ifaces)
	v.dns(c.DNS)
	v.syslog(c.Syslog)
	for i := range c.Users {
		v.user(fmt.Sprintf("users[%d]", i), &c.Users[i])
	}
	v.aaa(c.AAA)
	v.vlans(c.VLANs, ifaces)
	acls := make(map[string]bool, len(c.ACLs))
	for _, a := range c.ACLs {
		acls[a.Name] = true
	}
	for i := range c.Interfaces {
		v.iface(fmt.Sprintf("interfaces[%d]", i), &c.Interfaces[i], acls)
	}
	for i := range c.StaticRoutes {
		v.route(fmt.Sprintf("static_routes[%d]", i), &c.StaticRoutes[i])
	}
	groups := make(map[string]*ObjectGroup, len(c.ObjectGroups))
	for i := range c.ObjectGroups {
		groups[c.ObjectGroups[i].Name] = &c.ObjectGroups[i]
	}
	for i := range c.ACLs {
		v.acl(fmt.Sprintf("acls[%d]", i), &c.ACLs[i], groups)
	}
	for i := range c.ObjectGroups {
		v.objectGroup(fmt.Sprintf("object_groups[%d]", i), &c.ObjectGroups[i], groups)
	}
	v.areas(c, ifaces, acls)
	return v.errs
}

func isDomainName(s string) bool {
	if len(s) > 253 || strings.Trim(s[strings.LastIndex(s, ".")+1:], "0123456789") == "" {
		return false // too long, or ends in a numeric label like a mistyped IP address
	}
	for label := range strings.SplitSeq(s, ".") {
		if !hostnameRE.MatchString(label) {
			return false
		}
	}
	return true
}

// isHost reports whether s is an IP address or a DNS name.
func isHost(s string) bool {
	if _, err := netip.ParseAddr(s); err == nil {
		return true
	}
	return isDomainName(s)
}

func (v *validator) ntp(n *NTP, ifaces map[string]*Interface) {
	if n == nil {
		return
	}
	for i, s := range n.Servers {
		if v.required(fmt.Sprintf("ntp.servers[%d].address", i), "address", s.Address) && !isHost(s.Address) {
			v.add(fmt.Sprintf("ntp.servers[%d].address", i), "%q is not an IP address or host name", s.Address)
		}
	}
	if n.SourceInterface != "" && ifaces[n.SourceInterface] == nil {
		v.add("ntp.source_interface", "interface %q is not declared in interfaces", n.SourceInterface)
	}
}

func (v *validator) dns(d *DNS) {
	if d == nil {
		return
	}
	for i, s := range d.Servers {
		if _, err := netip.ParseAddr(s); err != nil {
			v.add(fmt.Sprintf("dns.servers[%d]", i), "%q is not an IP address", s)
		}
	}
}

func (v *validator) syslog(s *Syslog) {
	if s == nil {
		return
	}
	for i, h := range s.Hosts {
		p := fmt.Sprintf("syslog.hosts[%d]", i)
		if v.required(p+".address", "address", h.Address) && !isHost(h.Address) {
			v.add(p+".address", "%q is not an IP address or host name", h.Address)
		}
		v.oneOf(p+".severity", "severity", h.Severity, Severities)
	}
}

func (v *validator) user(p string, u *User) {
	if v.required(p+".name", "name", u.Name) && !nameRE.MatchString(u.Name) {
		v.add(p+".name", "%q is not a valid user name", u.Name)
	}
	v.oneOf(p+".role", "role", u.Role, Roles)
	if u.Privilege < 0 || u.Privilege > 15 {
		v.add(p+".privilege", "privilege %d is out of range 0-15", u.Privilege)
	}
	for i, k := range u.SSHKeys {
		if _, _, _, _, err := ssh.ParseAuthorizedKey([]byte(k)); err != nil {
			v.add(fmt.Sprintf("%s.ssh_keys[%d]", p, i), "not an SSH public key in authorized_keys format (%v)", err)
		}
	}
}

func (v *validator) aaa(a *AAA) {
	if a == nil {
		return
	}
	for i, g := range a.ServerGroups {
		p := fmt.Sprintf("aaa.server_groups[%d]", i)
		if v.required(p+".name", "name", g.Name) && !nameRE.MatchString(g.Name) {
			v.add(p+".name", "%q is not a valid server group name", g.Name)
		}
		if v.required(p+".type", "type", g.Type) {
			v.oneOf(p+".type", "type", g.Type, ServerGroupTypes)
		}
		for j, s := range g.Servers {
			sp := fmt.Sprintf("%s.servers[%d]", p, j)
			if _, err := netip.ParseAddr(s.Address); err != nil {
				v.add(sp+".address", "%q is not an IP address", s.Address)
			}
			if s.Port < 0 || s.Port > 65535 {
				v.add(sp+".port", "port %d is out of range 1-65535 (0 for the default)", s.Port)
			}
		}
	}
}

func (v *validator) vlans(vlans []VLAN, ifaces map[string]*Interface) {
	owner := map[string]int{}
	for i, vl := range vlans {
		p := fmt.Sprintf("vlans[%d]", i)
		if vl.ID < 1 || vl.ID > 4094 {
			v.add(p+".id", "VLAN id %d is out of range 1-4094", vl.ID)
		}
		if vl.Name != "" && (len(vl.Name) > 32 || strings.ContainsAny(vl.Name, " \t\"'")) {
			v.add(p+".name", "VLAN name %q must be at most 32 characters without spaces or quotes", vl.Name)
		}
		for j, m := range vl.Members {
			mp := fmt.Sprintf("%s.members[%d]", p, j)
			ifc := ifaces[m]
			if ifc == nil {
				v.add(mp, "interface %q is not declared in interfaces", m)
				continue
			}
			if prev, dup := owner[m]; dup && !isTrunk(ifc) {
				v.add(mp, "access port %q is already a member of VLAN %d", m, prev)
			}
			owner[m] = vl.ID
			if sp := ifc.Switchport; sp != nil && sp.Mode == "access" && sp.AccessVLAN != 0 && sp.AccessVLAN != vl.ID {
				v.add(mp, "interface %q has access_vlan %d but is listed as a member of VLAN %d", m, sp.AccessVLAN, vl.ID)
			}
			if len(ifc.IPv4) > 0 {
				v.add(mp, "interface %q is routed (has ipv4 addresses) and cannot be a VLAN member", m)
			}
		}
	}
}

func isTrunk(i *Interface) bool { return i.Switchport != nil && i.Switchport.Mode == "trunk" }

func (v *validator) iface(p string, i *Interface, acls map[string]bool) {
	if v.required(p+".name", "name", i.Name) && !ifNameRE.MatchString(i.Name) {
		v.add(p+".name", "%q is not an interface name (like GigabitEthernet1/0/1 or Port-channel10)", i.Name)
	}
	if i.MTU != 0 && (i.MTU < 64 || i.MTU > 9216) {
		v.add(p+".mtu", "MTU %d is out of range 64-9216", i.MTU)
	}
	if sp := i.Switchport; sp != nil {
		v.switchport(p+".switchport", sp)
		if len(i.IPv4) > 0 {
			v.add(p+".ipv4", "an interface cannot have both switchport and ipv4 addresses")
		}
	}
	for j, a := range i.IPv4 {
		if _, err := netip.ParsePrefix(a); err != nil || !netip.MustParsePrefix(a).Addr().Is4() {
			v.add(fmt.Sprintf("%s.ipv4[%d]", p, j), "%q is not an IPv4 address with prefix length (like 10.0.0.1/24)", a)
		}
	}
	if cg := i.PortChannel; cg != nil {
		if cg.ID < 1 || cg.ID > 4096 {
			v.add(p+".channel_group.id", "port-channel id %d is out of range 1-4096", cg.ID)
		}
		if v.required(p+".channel_group.mode", "mode", cg.Mode) {
			v.oneOf(p+".channel_group.mode", "mode", cg.Mode, LACPModes)
		}
	}
	for _, ref := range [...]struct{ field, name string }{{".acl_in", i.ACLIn}, {".acl_out", i.ACLOut}} {
		if ref.name != "" && !acls[ref.name] {
			v.add(p+ref.field, "ACL %q is not declared in acls", ref.name)
		}
	}
}

func (v *validator) switchport(p string, sp *Switchport) {
	if !v.required(p+".mode", "mode", sp.Mode) {
		return
	}
	v.oneOf(p+".mode", "mode", sp.Mode, SwitchportModes)
	checkID := func(field string, id int) {
		if id != 0 && (id < 1 || id > 4094) {
			v.add(p+field, "VLAN id %d is out of range 1-4094", id)
		}
	}
	checkID(".access_vlan", sp.AccessVLAN)
	checkID(".native_vlan", sp.NativeVLAN)
	for j, r := range sp.AllowedVLANs {
		if r.Low < 1 || r.High > 4094 {
			v.add(fmt.Sprintf("%s.allowed_vlans[%d]", p, j), "VLAN range %s is out of range 1-4094", r)
		}
	}
	if sp.Mode == "access" && (sp.NativeVLAN != 0 || len(sp.AllowedVLANs) > 0) {
		v.add(p, "native_vlan and allowed_vlans need mode trunk")
	}
	if sp.Mode == "trunk" && sp.AccessVLAN != 0 {
		v.add(p+".access_vlan", "access_vlan needs mode access")
	}
}

func (v *validator) route(p string, r *StaticRoute) {
	pfx, err := netip.ParsePrefix(r.Prefix)
	switch {
	case err != nil:
		v.add(p+".prefix", "%q is not a prefix (like 10.0.0.0/8)", r.Prefix)
	case pfx.Masked() != pfx:
		v.add(p+".prefix", "%q has host bits set; did you mean %s?", r.Prefix, pfx.Masked())
	}
	if r.VRF != "" && !nameRE.MatchString(r.VRF) {
		v.add(p+".vrf", "%q is not a valid VRF name", r.VRF)
	}
	if len(r.NextHops) == 0 {
		v.add(p+".next_hops", "a static route needs at least one next hop")
	}
	for j, nh := range r.NextHops {
		np := fmt.Sprintf("%s.next_hops[%d]", p, j)
		if _, err := netip.ParseAddr(nh.Address); err != nil {
			v.add(np+".address", "%q is not an IP address", nh.Address)
		}
		if nh.Distance < 0 || nh.Distance > 255 {
			v.add(np+".distance", "distance %d is out of range 1-255 (0 for the platform default)", nh.Distance)
		}
	}
}

// isPorts reports whether s is "N" or "N-M" with 0 <= N <= M <= 65535.
func isPorts(s string) bool {
	lo, hi, isRange := strings.Cut(s, "-")
	l, err1 := strconv.Atoi(lo)
	h := l
	var err2 error
	if isRange {
		h, err2 = strconv.Atoi(hi)
	}
	return err1 == nil && err2 == nil && l >= 0 && l <= h && h <= 65535
}

// IsHostname reports whether s is a valid DNS host name.
func IsHostname(s string) bool { return isDomainName(s) }

package nxos

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/clitext"
)

// kindOrder is the order in which show running-config lists interface
// kinds on NX-OS.
var kindOrder = []string{"Vlan", "port-channel", "Ethernet", "mgmt", "loopback"}

// planInterfaces normalises names, folds VLAN membership into the member
// ports, adds the port-channels of channel groups, and sorts.
func (c *cliRenderer) planInterfaces() error {
	c.byName = map[string]*cliIface{}
	for i := range c.cfg.Interfaces {
		in := &c.cfg.Interfaces[i]
		name, ok := c.r.Normalise(in.Name)
		if !ok {
			return unsupported(providers.FeatureInterfaces, fmt.Sprintf("interfaces[%d].name", i), "%q is not an NX-OS interface name", in.Name)
		}
		f := &cliIface{name: name, kind: kindOf(name), in: in, path: fmt.Sprintf("interfaces[%d]", i)}
		if sp := in.Switchport; sp != nil {
			f.l2 = true
			f.access = sp.AccessVLAN
			for _, r := range sp.AllowedVLANs {
				for v := r.Low; v <= r.High; v++ {
					f.trunk = append(f.trunk, v)
				}
			}
		}
		c.byName[name] = f
		c.ifaces = append(c.ifaces, f)
	}
	for _, v := range c.cfg.VLANs {
		for _, m := range v.Members {
			name, _ := c.r.Normalise(m)
			f := c.byName[name]
			if f == nil {
				continue // the OpenConfig rendering reports it
			}
			f.l2 = true
			if f.in.Switchport != nil && f.in.Switchport.Mode == "trunk" {
				if len(f.trunk) > 0 && !slices.Contains(f.trunk, v.ID) {
					f.trunk = append(f.trunk, v.ID)
				}
				continue
			}
			f.access = v.ID
		}
	}
	for i := range c.cfg.Interfaces {
		if pc := c.cfg.Interfaces[i].PortChannel; pc != nil {
			name := "port-channel" + strconv.Itoa(pc.ID)
			if c.byName[name] == nil {
				f := &cliIface{name: name, kind: "port-channel"}
				c.byName[name] = f
				c.ifaces = append(c.ifaces, f)
			}
		}
	}
	slices.SortStableFunc(c.ifaces, func(a, b *cliIface) int {
		if d := slices.Index(kindOrder, a.kind) - slices.Index(kindOrder, b.kind); d != 0 {
			return d
		}
		return compareNumbers(a.name[len(a.kind):], b.name[len(b.kind):])
	})
	return nil
}

// kindOf returns the kind prefix of a canonical interface name.
func kindOf(name string) string {
	for _, k := range kindOrder {
		if strings.HasPrefix(name, k) {
			return k
		}
	}
	return ""
}

// compareNumbers compares "1/10" and "1/2" numerically, element by element.
func compareNumbers(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	for i := range min(len(as), len(bs)) {
		x, errx := strconv.Atoi(as[i])
		y, erry := strconv.Atoi(bs[i])
		if errx != nil || erry != nil {
			if d := strings.Compare(as[i], bs[i]); d != 0 {
				return d
			}
			continue
		}
		if x != y {
			return cmp.Compare(x, y)
		}
	}
	return len(as) - len(bs)
}

func (c *cliRenderer) interfaces() error {
	for _, f := range c.ifaces {
		c.line("interface ", f.name)
		if f.in == nil {
			continue // a port-channel that only its members declare
		}
		if err := c.ifaceBody(f); err != nil {
			return err
		}
	}
	return nil
}

func (c *cliRenderer) ifaceBody(f *cliIface) error {
	in := f.in
	if in.Description != "" {
		c.sub("description ", in.Description)
	}
	switchable := f.kind == "Ethernet" || f.kind == "port-channel"
	switch {
	case switchable && f.l2:
		c.sub("switchport")
		c.l2(f)
	case switchable && (len(in.IPv4) > 0 || len(in.IPv6) > 0 || in.VRF != ""):
		c.sub("no switchport")
	}
	if in.MTU != 0 {
		c.sub("mtu ", strconv.Itoa(in.MTU))
	}
	if pc := in.PortChannel; pc != nil {
		if pc.Mode == "on" {
			c.sub("channel-group ", strconv.Itoa(pc.ID))
		} else {
			c.sub("channel-group ", strconv.Itoa(pc.ID), " mode ", pc.Mode)
		}
	}
	switch {
	case in.VRF != "":
		c.sub("vrf member ", in.VRF)
	case f.kind == "mgmt":
		c.sub("vrf member management")
	}
	if err := c.accessGroups(f); err != nil {
		return err
	}
	for i, a := range in.IPv4 {
		p, err := clitext.ParseIPv4Prefix(a)
		if err != nil {
			return fmt.Errorf("%s.ipv4[%d]: %w", f.path, i, err)
		}
		if i == 0 {
			c.sub("ip address ", p.String())
		} else {
			c.sub("ip address ", p.String(), " secondary")
		}
	}
	c.ifaceAreas(f)
	switch {
	case in.Enabled == nil:
	case *in.Enabled:
		c.sub("no shutdown")
	default:
		c.sub("shutdown")
	}
	return nil
}

// l2 writes the switchport lines; mode access is written although it is
// the default, so that the diff manages it.
func (c *cliRenderer) l2(f *cliIface) {
	mode := "access"
	if f.in.Switchport != nil && f.in.Switchport.Mode != "" {
		mode = f.in.Switchport.Mode
	}
	c.sub("switchport mode ", mode)
	if mode == "access" {
		if f.access != 0 {
			c.sub("switchport access vlan ", strconv.Itoa(f.access))
		}
		if sp := f.in.Switchport; sp != nil && sp.VoiceVLAN != 0 {
			c.sub("switchport voice vlan ", strconv.Itoa(sp.VoiceVLAN))
		}
		return
	}
	if sp := f.in.Switchport; sp != nil && sp.NativeVLAN != 0 {
		c.sub("switchport trunk native vlan ", strconv.Itoa(sp.NativeVLAN))
	}
	if len(f.trunk) > 0 {
		c.sub("switchport trunk allowed vlan ", clitext.CompactVLANs(f.trunk))
	}
}

// accessGroups binds ACLs: "ip access-group" on routed interfaces, "ip port
// access-group" (inbound only) on switch ports.
func (c *cliRenderer) accessGroups(f *cliIface) error {
	in := f.in
	if f.l2 {
		if in.ACLOut != "" {
			return unsupported(providers.FeatureACLs, f.path+".acl_out", "NX-OS port ACLs on switch ports filter inbound traffic only")
		}
		if in.ACLIn != "" {
			c.sub("ip port access-group ", in.ACLIn, " in")
		}
		return nil
	}
	if in.ACLIn != "" {
		c.sub("ip access-group ", in.ACLIn, " in")
	}
	if in.ACLOut != "" {
		c.sub("ip access-group ", in.ACLOut, " out")
	}
	return nil
}

// objectGroups writes network groups as "object-group ip address" (nested
// groups flattened, as NX-OS has no nesting) and service groups as
// "object-group ip port".
func (c *cliRenderer) objectGroups() error {
	byName := map[string]*models.ObjectGroup{}
	for i := range c.cfg.ObjectGroups {
		byName[c.cfg.ObjectGroups[i].Name] = &c.cfg.ObjectGroups[i]
	}
	for i := range c.cfg.ObjectGroups {
		g := &c.cfg.ObjectGroups[i]
		switch g.Type {
		case "network":
			c.line("object-group ip address ", g.Name)
			for j, p := range flatten(g, byName, map[string]bool{}, nil) {
				if a, ok := strings.CutSuffix(p, "/32"); ok {
					p = "host " + a
				}
				c.sub(strconv.Itoa(10*(j+1)), " ", p)
			}
		case "service":
			c.line("object-group ip port ", g.Name)
			for j, s := range g.Services {
				c.sub(strconv.Itoa(10*(j+1)), " ", portMatch(s.Ports))
			}
		}
	}
	return nil
}

// flatten returns the prefixes of g and its nested groups, hosts as /32,
// each once, depth first.
func flatten(g *models.ObjectGroup, byName map[string]*models.ObjectGroup, seen map[string]bool, out []string) []string {
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
			out = flatten(nested, byName, seen, out)
		}
	}
	return out
}

// portMatch returns "eq N" or "range N M".
func portMatch(ports string) string {
	if lo, hi, ok := strings.Cut(ports, "-"); ok {
		return "range " + lo + " " + hi
	}
	return "eq " + ports
}

func (c *cliRenderer) acls() error {
	groups := map[string]string{}
	for _, g := range c.cfg.ObjectGroups {
		groups[g.Name] = g.Type
	}
	for _, a := range c.cfg.ACLs {
		c.line("ip access-list ", a.Name)
		entries := slices.Clone(a.Entries)
		slices.SortStableFunc(entries, func(x, y models.ACLEntry) int { return cmp.Compare(x.Seq, y.Seq) })
		for _, e := range entries {
			c.sub(aceLine(e, groups))
		}
	}
	return nil
}

// aceLine writes one entry: "SEQ remark TEXT" or "SEQ ACTION PROTO SRC
// [PORT] DST [PORT] [log]".
func aceLine(e models.ACLEntry, groups map[string]string) string {
	seq := strconv.Itoa(e.Seq)
	if e.Action == "" {
		return seq + " remark " + e.Remark
	}
	proto := e.Protocol
	if proto == "" {
		proto = "ip"
	}
	parts := []string{seq, e.Action, proto, address(e.Source, e.SourceGroup)}
	if e.SourcePort != "" {
		parts = append(parts, portMatch(e.SourcePort))
	}
	parts = append(parts, address(e.Destination, e.DestinationGroup))
	if e.DestinationPort != "" {
		parts = append(parts, portMatch(e.DestinationPort))
	}
	if e.Log {
		parts = append(parts, "log")
	}
	return strings.Join(parts, " ")
}

// address writes an ACL address: any, addrgroup NAME, or A/len (a host as
// /32, as NX-OS prints it).
func address(a, group string) string {
	switch {
	case group != "":
		return "addrgroup " + group
	case a == "" || a == "any":
		return "any"
	case !strings.Contains(a, "/"):
		return a + "/32"
	}
	return a
}

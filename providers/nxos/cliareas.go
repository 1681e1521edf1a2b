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
	"github.com/switchyard/switchyard/providers/internal/ocrender"
)

// snmpRoles are the NX-OS roles of community access modes.
var snmpRoles = map[string]string{"": "network-operator", "ro": "network-operator", "rw": "network-admin"}

// snmp writes contact, location, communities (with their ACL on a line of
// their own, as NX-OS prints it), users and trap hosts.
func (c *cliRenderer) snmp() error {
	s := c.cfg.SNMP
	if s == nil {
		return nil
	}
	if s.Contact != "" {
		c.line("snmp-server contact ", s.Contact)
	}
	if s.Location != "" {
		c.line("snmp-server location ", s.Location)
	}
	comm := map[string]string{}
	for i, cm := range s.Communities {
		ph, err := c.secret(providers.FeatureSNMP, fmt.Sprintf("snmp.communities[%d].secret", i),
			"cli:snmp-server community["+cm.Name+"]", *cm.Secret)
		if err != nil {
			return err
		}
		comm[cm.Name] = ph
		c.line("snmp-server community ", ph, " group ", snmpRoles[cm.Access])
		if cm.ACL != "" {
			c.line("snmp-server community ", ph, " use-acl ", cm.ACL)
		}
	}
	for i := range s.Users {
		if err := c.snmpUser(i, &s.Users[i]); err != nil {
			return err
		}
	}
	for _, h := range s.Hosts {
		if h.Version == "3" {
			c.line("snmp-server host ", h.Address, " traps version 3 ", snmpLevel(s, h.User), " ", h.User)
			continue
		}
		c.line("snmp-server host ", h.Address, " traps version 2c ", comm[h.Community])
	}
	return nil
}

// snmpLevel is the security level of a v3 host: priv when its user has a
// privacy key.
func snmpLevel(s *models.SNMP, user string) string {
	for _, u := range s.Users {
		if u.Name == user && u.Priv != nil {
			return "priv"
		}
	}
	return "auth"
}

func (c *cliRenderer) snmpUser(i int, u *models.SNMPUser) error {
	p := fmt.Sprintf("snmp.users[%d]", i)
	role := u.Group
	if role == "" {
		role = "network-operator"
	}
	auth, err := c.secret(providers.FeatureSNMP, p+".auth", "cli:snmp-server user["+u.Name+"]/auth", *u.Auth)
	if err != nil {
		return err
	}
	l := "snmp-server user " + u.Name + " " + role + " auth " + cmp.Or(u.AuthProtocol, "sha") + " " + auth
	if u.Priv != nil {
		priv, err := c.secret(providers.FeatureSNMP, p+".priv", "cli:snmp-server user["+u.Name+"]/priv", *u.Priv)
		if err != nil {
			return err
		}
		if cmp.Or(u.PrivProtocol, "aes128") == "aes128" {
			l += " priv aes-128 " + priv
		} else {
			l += " priv " + priv
		}
	}
	c.line(l)
	return nil
}

// spanningTree writes the mode (rapid-pvst, the NX-OS default, is not
// printed: the diff removes a running "spanning-tree mode mst") and the
// per-VLAN priorities, VLANs with one priority on one line.
func (c *cliRenderer) spanningTree() error {
	s := c.cfg.SpanningTree
	if s == nil {
		return nil
	}
	if s.Mode == "mst" {
		c.line("spanning-tree mode mst")
	}
	for _, l := range clitext.STPPriorities(s.Priorities) {
		c.line(l)
	}
	return nil
}

// lines writes "line console" and "line vty". NX-OS has no per-line
// transport or login method: SSH and Telnet are features (see features:
// "feature telnet" when the vty transport takes telnet), and login methods
// are the aaa.login lists named default (vty) and console.
func (c *cliRenderer) lines() error {
	l := c.cfg.Lines
	if l == nil {
		return nil
	}
	for _, ln := range []struct {
		path, head string
		l          *models.Line
	}{{"lines.console", "line console", l.Console}, {"lines.vty", "line vty", l.VTY}} {
		if ln.l == nil {
			continue
		}
		if t := ln.l.TransportInput; len(t) > 0 && !slices.Contains(t, "ssh") {
			return unsupported(providers.FeatureLines, ln.path+".transport_input",
				"switchyard does not turn SSH off (NX-OS has it as a feature for the whole switch, not per line)")
		}
		if ln.l.Login != "" {
			return unsupported(providers.FeatureLines, ln.path+".login",
				"NX-OS has no per-line login method: declare the aaa.login lists default (vty) and console instead")
		}
		c.line(ln.head)
		if ln.l.AccessClass != "" {
			c.sub("access-class ", ln.l.AccessClass, " in")
		}
		if t := ln.l.ExecTimeout; t != nil && *t != 0 {
			c.sub("exec-timeout ", strconv.Itoa(*t))
		}
	}
	return nil
}

// localLogging writes the log file that stands for the IOS buffer
// ("logging logfile messages LEVEL [size BYTES]"), the console level and
// the source interface.
func (c *cliRenderer) localLogging() error {
	l := c.cfg.Logging
	if l == nil {
		return nil
	}
	if b := l.Buffered; b != nil && (b.Size != 0 || b.Severity != "") {
		if b.Size > 4194304 {
			return unsupported(providers.FeatureLogging, "logging.buffered.size",
				"the NX-OS log file holds at most 4194304 bytes")
		}
		level := 5 // the NX-OS default for the messages log file
		if b.Severity != "" {
			level = severityLevels[b.Severity]
		}
		l := "logging logfile messages " + strconv.Itoa(level)
		if b.Size != 0 {
			l += " size " + strconv.Itoa(b.Size)
		}
		c.line(l)
	}
	if l.ConsoleSeverity != "" {
		c.line("logging console ", strconv.Itoa(severityLevels[l.ConsoleSeverity]))
	}
	if l.SourceInterface != "" {
		name, _ := c.r.Normalise(l.SourceInterface)
		c.line("logging source-interface ", name)
	}
	return nil
}

// aaaLogin writes "aaa authentication login default|console ...". NX-OS
// has these two lists only; it falls back to local authentication when
// the servers do not answer, so "local" after groups is implied.
func (c *cliRenderer) aaaLogin() error {
	a := c.cfg.AAA
	if a == nil {
		return nil
	}
	for i, l := range a.Login {
		if l.Name != "default" && l.Name != "console" {
			return unsupported(providers.FeatureAAA, fmt.Sprintf("aaa.login[%d].name", i),
				"NX-OS has two login method lists only, default and console")
		}
		var groups []string
		last := ""
		for _, m := range l.Methods {
			if m == "local" || m == "none" {
				last = m
				continue
			}
			groups = append(groups, m)
		}
		switch {
		case len(groups) == 0:
			c.line("aaa authentication login ", l.Name, " ", last)
		case last == "none":
			c.line("aaa authentication login ", l.Name, " group ", strings.Join(groups, " "), " none")
		default:
			c.line("aaa authentication login ", l.Name, " group ", strings.Join(groups, " "))
		}
	}
	return nil
}

// ifaceAreas writes speed, duplex, IPv6 addresses, DHCP relay and the
// spanning-tree port settings of an interface.
func (c *cliRenderer) ifaceAreas(f *cliIface) {
	in := f.in
	if s := in.Speed; s != "" && s != "auto" {
		c.sub("speed ", s)
	}
	if d := in.Duplex; d != "" && d != "auto" {
		c.sub("duplex ", d)
	}
	for _, a := range in.IPv6 {
		c.sub("ipv6 address ", strings.ToLower(a))
	}
	for _, h := range in.HelperAddresses {
		c.sub("ip dhcp relay address ", h)
	}
	if st := in.SpanningTree; st != nil {
		if st.PortFast {
			if in.Switchport != nil && in.Switchport.Mode == "trunk" {
				c.sub("spanning-tree port type edge trunk")
			} else {
				c.sub("spanning-tree port type edge")
			}
		}
		if st.BPDUGuard {
			c.sub("spanning-tree bpduguard enable")
		}
	}
}

// declaredCLI returns the settings the intent declares whole
// (providers.Desired.CLIManaged): those whose declared value may be the
// NX-OS default, which show running-config leaves out.
func declaredCLI(c *models.Config, byName map[string]*cliIface, r *ocrender.Renderer) []string {
	var out []string
	add := func(parts ...string) { out = append(out, strings.Join(parts, " > ")) }
	if s := c.SpanningTree; s != nil {
		if s.Mode != "" {
			add("spanning-tree mode")
		}
		if len(s.Priorities) > 0 {
			add("spanning-tree vlan")
		}
	}
	for _, v := range c.VRFs {
		add("vrf context "+v.Name, "description")
		add("vrf context "+v.Name, "rd")
	}
	if l := c.Lines; l != nil && l.VTY != nil && len(l.VTY.TransportInput) > 0 {
		add("feature telnet")
	}
	if l := c.Lines; l != nil {
		for head, ln := range map[string]*models.Line{"line vty": l.VTY, "line console": l.Console} {
			if ln != nil {
				add(head, "exec-timeout")
				add(head, "access-class")
			}
		}
	}
	if l := c.Logging; l != nil {
		if l.Buffered != nil {
			add("logging logfile")
		}
		if l.ConsoleSeverity != "" {
			add("logging console")
		}
	}
	for i := range c.Interfaces {
		in := &c.Interfaces[i]
		name, _ := r.Normalise(in.Name)
		if byName[name] == nil {
			continue
		}
		sec := "interface " + name
		for _, s := range []struct {
			on     bool
			prefix string
		}{
			{in.Speed != "", "speed"}, {in.Duplex != "", "duplex"}, {len(in.IPv6) > 0, "ipv6 address"},
			{len(in.HelperAddresses) > 0, "ip dhcp relay address"}, {in.SpanningTree != nil, "spanning-tree"},
		} {
			if s.on {
				add(sec, s.prefix)
			}
		}
	}
	slices.Sort(out)
	return out
}

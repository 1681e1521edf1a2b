package ios

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

// localLogging writes "logging buffered [SIZE] [LEVEL]" (one line, as IOS
// prints it; debugging, the default level, is left out) and "logging
// console LEVEL" (IOS's default, debugging, is left out too).
func (r *renderer) localLogging() error {
	l := r.cfg.Logging
	if l == nil || (l.Buffered == nil && l.ConsoleSeverity == "") {
		return nil
	}
	r.w.Bang()
	if b := l.Buffered; b != nil && (b.Size != 0 || b.Severity != "") {
		line := "logging buffered"
		if b.Size != 0 {
			line += " " + strconv.Itoa(b.Size)
		}
		if b.Severity != "" && b.Severity != "debug" {
			line += " " + iosSeverity[b.Severity]
		}
		if line == "logging buffered" {
			line += " " + iosSeverity["debug"] // severity debug alone
		}
		r.w.Line(line)
	}
	if s := l.ConsoleSeverity; s != "" && s != "debug" {
		r.w.Linef("logging console ", iosSeverity[s])
	}
	return nil
}

// aaaLogin writes the login method lists after the server groups.
func (r *renderer) aaaLogin() error {
	a := r.cfg.AAA
	if a == nil || len(a.Login) == 0 {
		return nil
	}
	kind := map[string]string{}
	for _, g := range a.ServerGroups {
		kind[g.Name] = g.Type
	}
	if len(a.ServerGroups) == 0 {
		r.w.Bang()
		r.w.Line("aaa new-model")
	}
	for _, l := range a.Login {
		parts := []string{"aaa authentication login", l.Name}
		for _, m := range l.Methods {
			if kind[m] != "" {
				parts = append(parts, "group", m)
			} else {
				parts = append(parts, m)
			}
		}
		r.w.Line(strings.Join(parts, " "))
	}
	r.w.Bang()
	return nil
}

// vrfs writes "ip vrf NAME" blocks (VRF-lite on classic IOS switches):
// description first, then rd, as IOS prints them.
func (r *renderer) vrfs() error {
	for _, v := range r.cfg.VRFs {
		var body []string
		if v.Description != "" {
			body = append(body, "description "+v.Description)
		}
		if v.RD != "" {
			body = append(body, "rd "+v.RD)
		}
		r.w.Bang()
		r.w.Block("ip vrf "+v.Name, body...)
	}
	return nil
}

// spanningTree writes the mode and the per-VLAN priorities, VLANs with the
// same priority on one line as IOS prints them.
func (r *renderer) spanningTree() error {
	s := r.cfg.SpanningTree
	if s == nil {
		return nil
	}
	r.w.Bang()
	if s.Mode != "" {
		r.w.Linef("spanning-tree mode ", s.Mode)
	}
	if len(s.Priorities) > 0 {
		r.managed = append(r.managed, "spanning-tree vlan")
	}
	for _, l := range clitext.STPPriorities(s.Priorities) {
		r.w.Line(l)
	}
	return nil
}

// snmp writes communities, location, contact and trap hosts. Classic IOS
// keeps SNMPv3 users out of show running-config, so they cannot be diffed
// or verified: snmp.users and version 3 hosts are refused.
func (r *renderer) snmp() error {
	s := r.cfg.SNMP
	if s == nil {
		return nil
	}
	if len(s.Users) > 0 {
		return unsupported(providers.FeatureSNMP, "snmp.users",
			"classic IOS does not show snmp-server user in the running configuration, so SNMPv3 users cannot be diffed or verified")
	}
	r.w.Bang()
	secrets := map[string]string{}
	for i, c := range s.Communities {
		tok, err := r.secret(providers.FeatureSNMP, fmt.Sprintf("snmp.communities[%d].secret", i),
			"snmp-server community["+c.Name+"]", *c.Secret)
		if err != nil {
			return err
		}
		secrets[c.Name] = tok
		line := "snmp-server community " + tok + " " + strings.ToUpper(cmp.Or(c.Access, "ro"))
		if c.ACL != "" {
			line += " " + c.ACL
		}
		r.w.Line(line)
	}
	if s.Location != "" {
		r.w.Linef("snmp-server location ", s.Location)
	}
	if s.Contact != "" {
		r.w.Linef("snmp-server contact ", s.Contact)
	}
	for i, h := range s.Hosts {
		if h.Version == "3" {
			return unsupported(providers.FeatureSNMP, fmt.Sprintf("snmp.hosts[%d].version", i),
				"version 3 hosts need SNMPv3 users, which classic IOS does not show in the running configuration")
		}
		r.w.Linef("snmp-server host ", h.Address, " version 2c ", secrets[h.Community])
	}
	return nil
}

// lines writes "line con 0" and the two vty blocks IOS switches print
// ("line vty 0 4", "line vty 5 15"), each with the same settings. The
// default exec-timeout (10 minutes) is not printed by IOS and not rendered.
func (r *renderer) lines() error {
	l := r.cfg.Lines
	if l == nil {
		return nil
	}
	if l.Console != nil {
		r.w.Bang()
		r.w.Block("line con 0", lineBody(l.Console)...)
	}
	if l.VTY != nil {
		r.w.Bang()
		body := lineBody(l.VTY)
		r.w.Block("line vty 0 4", body...)
		r.w.Block("line vty 5 15", body...)
	}
	return nil
}

func lineBody(l *models.Line) []string {
	var out []string
	if l.AccessClass != "" {
		out = append(out, "access-class "+l.AccessClass+" in")
	}
	if t := l.ExecTimeout; t != nil && *t != 10 {
		out = append(out, "exec-timeout "+strconv.Itoa(*t)+" 0")
	}
	switch l.Login {
	case "":
	case "local":
		out = append(out, "login local")
	default:
		out = append(out, "login authentication "+l.Login)
	}
	if len(l.TransportInput) > 0 {
		t := slices.Clone(l.TransportInput)
		slices.Sort(t)
		out = append(out, "transport input "+strings.Join(t, " "))
	}
	return out
}

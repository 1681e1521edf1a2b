package ios

import (
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers/internal/clitext"
)

// authoritativeLines maps the authoritative intent lists to the top-level
// lines that hold their entries on IOS.
var authoritativeLines = map[string][]string{
	"users":             {"username"},
	"vlans":             {"vlan"},
	"ntp.servers":       {"ntp server"},
	"dns.servers":       {"ip name-server"},
	"syslog.hosts":      {"logging host"},
	"static_routes":     {"ip route"},
	"acls":              {"ip access-list"},
	"object_groups":     {"object-group"},
	"aaa.server_groups": {"aaa group server", "tacacs server", "radius server"},
	"snmp.communities":  {"snmp-server community"},
	"snmp.hosts":        {"snmp-server host"},
}

// managed returns the cliconf scope of the authoritative selectors:
// cliconf's default (everything inside the sections desired declares)
// plus the top-level lines of the lists the intent owns whole. Reserved
// VLANs are never removed. Per-entry selectors ("vlans[20].members") are
// handled by memberSections, and entries of a declared section
// (object_groups[X].members, aaa.server_groups[X].servers) are in the
// default scope already.
//
// declared are the settings the intent declares whole
// (providers.Desired.CLIManaged), managed at any depth.
func managed(authoritative, declared []string) func(path []string) bool {
	var prefixes []string
	for _, sel := range authoritative {
		prefixes = append(prefixes, authoritativeLines[sel]...)
	}
	return func(path []string) bool {
		if clitext.DeclaredManaged(declared, path) {
			return true
		}
		if len(path) != 1 {
			return cliconf.DefaultManaged(path)
		}
		line := path[0]
		if id, ok := strings.CutPrefix(line, "vlan "); ok {
			if n, err := strconv.Atoi(id); err == nil && models.IsReservedVLAN(n) {
				return false
			}
		}
		return slices.ContainsFunc(prefixes, func(p string) bool { return wordPrefix(line, p) })
	}
}

// memberSections adds to des, for each authoritative membership
// ("vlans[N].members", "port_channels[N].members"), the running interfaces
// desired does not declare that are members, without their membership
// line: the diff then removes just that line. Trunk membership (an
// allowed VLAN list) is not pruned.
func memberSections(run, des *cliconf.Config, authoritative []string) {
	var member []string
	for _, sel := range authoritative {
		kind, rest, ok := strings.Cut(sel, "[")
		key, sub, ok2 := strings.Cut(rest, "]")
		if !ok || !ok2 || sub != ".members" {
			continue
		}
		switch kind {
		case "vlans":
			if n, err := strconv.Atoi(key); err == nil && !models.IsReservedVLAN(n) {
				member = append(member, "switchport access vlan "+key)
			}
		case "port_channels":
			member = append(member, "channel-group "+key)
		}
	}
	if len(member) == 0 {
		return
	}
	for _, rn := range run.Root.Children {
		if !strings.HasPrefix(rn.Line, "interface ") || des.Find(rn.Line) != nil {
			continue
		}
		isMember := func(n *cliconf.Node) bool {
			return slices.ContainsFunc(member, func(m string) bool { return wordPrefix(n.Line, m) })
		}
		if !slices.ContainsFunc(rn.Children, isMember) {
			continue
		}
		sec := &cliconf.Node{Line: rn.Line}
		for _, c := range rn.Children {
			if !isMember(c) {
				sec.Children = append(sec.Children, c)
			}
		}
		des.Root.Children = append(des.Root.Children, sec)
	}
}

// wordPrefix reports whether line is prefix or starts with prefix and a
// space (or a banner's newline).
func wordPrefix(line, prefix string) bool {
	return line == prefix || strings.HasPrefix(line, prefix+" ") || strings.HasPrefix(line, prefix+"\n")
}

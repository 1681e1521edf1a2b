package nxos

import (
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers/internal/clitext"
)

// cliScope is what switchyard manages in NX-OS CLI text for one intent.
type cliScope struct {
	// prefixes are the top-level kinds owned whole.
	prefixes map[string]bool
	// serverLists and routes: group servers and VRF routes are owned.
	serverLists, routes bool
	// vlanMembers and channelMembers are the VLANs and channel groups
	// whose membership is owned.
	vlanMembers, channelMembers map[int]bool
	// declared are the settings the intent declares whole
	// (providers.Desired.CLIManaged).
	declared []string
}

// interfaceManaged are the interface settings switchyard renders; other
// lines a device shows in a declared interface (speed, lacp rate, ...) are
// left alone.
var interfaceManaged = []string{
	"description", "switchport", "no switchport", "mtu", "channel-group", "vrf member",
	"ip address", "ip access-group", "ip port access-group", "shutdown",
}

// newCLIScope turns the authoritative selectors into the CLI scope.
func newCLIScope(authoritative, declared []string, des *cliconf.Config) *cliScope {
	s := &cliScope{prefixes: map[string]bool{}, vlanMembers: map[int]bool{}, channelMembers: map[int]bool{},
		declared: declared}
	tops := map[string][]string{
		"users": {"username"}, "vlans": {"vlan"}, "ntp.servers": {"ntp server"},
		"dns.servers": {"ip name-server"}, "syslog.hosts": {"logging server"}, "static_routes": {"ip route"},
		"acls": {"ip access-list"}, "object_groups": {"object-group ip"}, "aaa.server_groups": {"aaa group server"},
		"snmp.communities": {"snmp-server community"}, "snmp.hosts": {"snmp-server host"},
		"snmp.users": {"snmp-server user"},
	}
	for _, sel := range authoritative {
		kind, key, sub := splitSelector(sel)
		for _, p := range tops[kind] {
			if key == "" && sub == "" {
				s.prefixes[p] = true
			}
		}
		switch {
		case kind == "static_routes":
			s.routes = true
		case kind == "aaa.server_groups.servers" || kind == "aaa.server_groups" && sub == "servers":
			s.serverLists = true
			s.prefixes["tacacs-server host"], s.prefixes["radius-server host"] = true, true
		case kind == "vlans.members":
			for _, n := range des.Root.Children {
				if id, ok := vlanID(n.Line); ok {
					s.vlanMembers[id] = true
				}
			}
		case kind == "vlans" && sub == "members":
			if id, err := strconv.Atoi(key); err == nil {
				s.vlanMembers[id] = true
			}
		case kind == "port_channels.members":
			s.channelMembers[-1] = true // every channel group
		case kind == "port_channels" && sub == "members":
			if id, err := strconv.Atoi(key); err == nil {
				s.channelMembers[id] = true
			}
		}
	}
	for id := range s.vlanMembers {
		if models.IsReservedVLAN(id) {
			delete(s.vlanMembers, id)
		}
	}
	return s
}

// splitSelector splits "vlans[20].members" into ("vlans", "20", "members").
func splitSelector(sel string) (kind, key, sub string) {
	open, end := strings.IndexByte(sel, '['), strings.LastIndexByte(sel, ']')
	if open < 0 || end < open {
		return sel, "", ""
	}
	return sel[:open], sel[open+1 : end], strings.TrimPrefix(sel[end+1:], ".")
}

func vlanID(line string) (int, bool) {
	rest, ok := strings.CutPrefix(line, "vlan ")
	if !ok {
		return 0, false
	}
	id, err := strconv.Atoi(rest)
	return id, err == nil
}

// managed is the cliconf.Options.Managed of the scope.
func (s *cliScope) managed(path []string) bool {
	if clitext.DeclaredManaged(s.declared, path) {
		return true
	}
	switch len(path) {
	case 1:
		if id, ok := vlanID(path[0]); ok && models.IsReservedVLAN(id) {
			return false
		}
		for p := range s.prefixes {
			if path[0] == p || strings.HasPrefix(path[0], p+" ") {
				return true
			}
		}
		return false
	case 2:
		section, line := path[0], path[1]
		switch {
		case strings.HasPrefix(section, "interface "):
			return slices.ContainsFunc(interfaceManaged, func(p string) bool { return line == p || strings.HasPrefix(line, p+" ") })
		case strings.HasPrefix(section, "vlan "):
			return strings.HasPrefix(line, "name ")
		case strings.HasPrefix(section, "ip access-list "), strings.HasPrefix(section, "object-group ip "):
			return true
		case strings.HasPrefix(section, "aaa group server "):
			return s.serverLists && strings.HasPrefix(line, "server ")
		case strings.HasPrefix(section, "vrf context "):
			return s.routes && strings.HasPrefix(line, "ip route ")
		}
	}
	return false
}

// releaseMembers adds to des, for each running interface des does not
// declare, a copy without its membership of owned VLANs and channel
// groups, so the diff removes that membership.
func (s *cliScope) releaseMembers(run, des *cliconf.Config) {
	if len(s.vlanMembers) == 0 && len(s.channelMembers) == 0 {
		return
	}
	for _, n := range run.Root.Children {
		if !strings.HasPrefix(n.Line, "interface ") || des.Root.Child(n.Line) != nil {
			continue
		}
		kids, changed := s.release(n.Children)
		if changed {
			des.Root.Children = append(des.Root.Children, &cliconf.Node{Line: n.Line, Children: kids})
		}
	}
}

func (s *cliScope) release(in []*cliconf.Node) ([]*cliconf.Node, bool) {
	var out []*cliconf.Node
	changed := false
	for _, c := range in {
		f := strings.Fields(c.Line)
		switch {
		case len(f) == 4 && f[0] == "switchport" && f[1] == "access" && f[2] == "vlan" && s.vlanMembers[atoi(f[3])]:
			changed = true
			continue
		case len(f) == 5 && strings.HasPrefix(c.Line, "switchport trunk allowed vlan ") && isList(f[4]):
			if kept, dropped := s.keepVLANs(f[4]); dropped {
				changed = true
				out = append(out, &cliconf.Node{Line: "switchport trunk allowed vlan " + kept})
				continue
			}
		case len(f) >= 2 && f[0] == "channel-group" && (s.channelMembers[-1] || s.channelMembers[atoi(f[1])]):
			changed = true
			continue
		}
		out = append(out, &cliconf.Node{Line: c.Line, Children: c.Children})
	}
	return out, changed
}

// keepVLANs removes the owned VLANs from a trunk list ("none" when empty)
// and reports whether it removed any.
func (s *cliScope) keepVLANs(list string) (string, bool) {
	var kept []int
	dropped := false
	for part := range strings.SplitSeq(list, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, b := atoi(lo), atoi(lo)
		if isRange {
			b = atoi(hi)
		}
		for v := a; v <= b && v-a <= 4094; v++ {
			if s.vlanMembers[v] {
				dropped = true
			} else {
				kept = append(kept, v)
			}
		}
	}
	if len(kept) == 0 {
		return "none", dropped
	}
	return clitext.CompactVLANs(kept), dropped
}

func isList(s string) bool { return s != "" && strings.Trim(s, "0123456789,-") == "" }

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -2
	}
	return n
}

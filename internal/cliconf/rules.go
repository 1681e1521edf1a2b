package cliconf

import "strings"

// keyKind says how two different lines with the same key relate.
type keyKind uint8

const (
	noKey keyKind = iota
	// replaceKey: the lines are values of one setting; sending the desired
	// line replaces the running one (single-valued settings, toggles and
	// their `no` forms, route-map entries, banners).
	replaceKey
	// readdKey: the running line must be removed before the desired one is
	// sent (ACL entries and prefix-list entries with sequence numbers).
	readdKey
	// vlanListKey: the NX-OS `vlan 1,10,20-30` line; lists are diffed as
	// sets and changed with `vlan <added>` and `no vlan <removed>`.
	vlanListKey
)

// singleValued lists the commands that hold one value per context: a new
// value is sent as is, without a `no` of the old one. A line matches when
// it equals the prefix or starts with the prefix and a space.
var singleValued = []string{
	"hostname", "description", "ip address", "mtu", "ip mtu", "bandwidth",
	"speed", "duplex", "switchport mode", "switchport access vlan",
	"switchport voice vlan", "switchport trunk native vlan",
	"switchport trunk allowed vlan", "logging trap",
	"logging source-interface", "logging console", "logging logfile", "ntp source",
	"ip vrf forwarding", "vrf forwarding", "vrf member",
	"ip domain name", "ip domain-name", "ip default-gateway",
	"spanning-tree mode", "vtp mode", "vtp domain", "router-id", "bgp router-id",
	"exec-timeout", "transport input", "ip ssh version", "clock timezone",
	"enable secret", "ip tacacs source-interface", "snmp-server location",
	"snmp-server contact", "ip ftp source-interface", "ip tftp source-interface",
	"tacacs-server timeout", "service-policy input", "service-policy output",
	"ip ospf cost", "name", "set local-preference", "set metric",
	"set weight", "set origin", "encapsulation dot1Q",
}

// toggles are on/off commands whose `no` form is itself a displayed state
// (`no shutdown`, `no ip redirects`): `no X` replaces X and is kept as a
// line, and X replaces `no X`.
var toggles = map[string]bool{
	"shutdown": true, "switchport": true, "ip redirects": true,
	"ip unreachables": true, "ip proxy-arp": true, "ip route-cache": true,
	"cdp enable": true, "cdp run": true, "ip domain lookup": true,
	"ip domain-lookup": true, "ip http server": true, "ip http secure-server": true,
	"ip routing": true, "ip source-route": true, "ip gratuitous-arps": true,
	"ip bootp server": true, "ip finger": true, "service pad": true,
	"service config": true, "service password-encryption": true,
	"negotiation auto": true, "mop enabled": true, "keepalive": true,
	"lldp transmit": true, "lldp receive": true, "lldp run": true,
	"logging console": true, "auto-summary": true, "synchronization": true,
	"bgp default ipv4-unicast": true, "ip igmp snooping": true, "exec": true,
	"autostate": true, "ip dhcp snooping": true, "ip pim sparse-mode": true,
	"snmp-server enable traps": true, "ip arp inspection": true,
}

var svByWord = func() map[string][]string {
	m := map[string][]string{}
	for _, p := range singleValued {
		w, _, _ := strings.Cut(p, " ")
		m[w] = append(m[w], p)
	}
	return m
}()

// lineKey returns the identity of line within its parent, for lines that
// are not compared by their exact text. inACL is set inside an access-list
// section, top at the top level. A `no X` line has the key of X when X is
// keyed.
func lineKey(line string, inACL, top bool) (string, keyKind) {
	body, neg := strings.CutPrefix(line, "no ")
	if inACL && !neg {
		if seq, ok := seqOf(body); ok {
			return "seq " + seq, readdKey
		}
	}
	if toggles[body] {
		return body, replaceKey
	}
	if k, kind := specialKey(body, neg); kind != noKey {
		return k, kind
	}
	first, rest, _ := strings.Cut(body, " ")
	for _, p := range svByWord[first] {
		if body == p || strings.HasPrefix(body, p+" ") {
			if svExcluded(p, body) {
				return "", noKey
			}
			return p, replaceKey
		}
	}
	if neg {
		return "", noKey
	}
	switch first {
	case "banner":
		if _, _, ok := bannerStart(body); ok {
			return "banner " + bannerKind(rest), replaceKey
		}
	case "route-map":
		// route-map NAME permit|deny SEQ: the action may change in place.
		if f := strings.Fields(body); len(f) == 4 && isDigits(f[3]) {
			return "route-map " + f[1] + " " + f[3], replaceKey
		}
	case "ip", "ipv6":
		// ip prefix-list NAME seq N ...
		if f := strings.Fields(body); len(f) > 5 && f[1] == "prefix-list" && f[3] == "seq" {
			return strings.Join(f[:5], " "), readdKey
		}
	case "neighbor":
		if k := neighborKey(body); k != "" {
			return k, replaceKey
		}
	case "vlan":
		if top && isVLANList(rest) {
			return "vlan list", vlanListKey
		}
	}
	if k := directionalKey(body); k != "" {
		return k, replaceKey
	}
	return "", noKey
}

// specialKey keys the settings whose identity is more than their first
// words, so that distinct settings sharing a prefix are never conflated.
func specialKey(body string, neg bool) (string, keyKind) {
	f := strings.Fields(body)
	if len(f) < 2 {
		return "", noKey
	}
	switch {
	case f[0] == "ip" && len(f) >= 3 && (f[1] == "domain" && f[2] == "name" || f[1] == "domain-name"):
		// ip domain name X and ip domain name vrf M X are two settings.
		at := 3
		if f[1] == "domain-name" {
			at = 2
		}
		k := strings.Join(f[:at], " ")
		if len(f) > at+1 && f[at] == "vrf" {
			k += " vrf " + f[at+1]
		}
		return k, replaceKey
	case f[0] == "logging" && f[1] == "buffered":
		// IOS keeps one line, logging buffered [SIZE] [LEVEL]: a command
		// with only a size keeps the level and one with only a level keeps
		// the size. A complete line replaces the running one; a partial one
		// is sent after removing the running line, so that the value it
		// leaves out returns to its default rather than staying.
		if len(f) == 4 || neg {
			return "logging buffered", replaceKey
		}
		return "logging buffered", readdKey
	case f[0] == "priority":
		// priority N is a value; priority force and the like are not.
		if len(f) == 2 && isDigits(f[1]) {
			return "priority", replaceKey
		}
	case f[0] == "rd" && !neg:
		// IOS refuses a new route distinguisher until the old one is removed.
		return "rd", readdKey
	case f[0] == "channel-group" && !neg && len(f) >= 2:
		// A member changes bundle or mode only after leaving its bundle.
		return "channel-group", readdKey
	case f[0] == "distribute-list":
		// One filter per direction (and interface).
		for i := 2; i < len(f); i++ {
			if f[i] == "in" || f[i] == "out" {
				return "distribute-list " + strings.Join(f[i:], " "), replaceKey
			}
		}
	case f[0] == "username" && len(f) >= 3:
		return usernameKey(f)
	case f[0] == "aaa" && len(f) >= 4 && f[1] == "authentication":
		// aaa authentication login NAME METHODS...: one list per name.
		return strings.Join(f[:4], " "), replaceKey
	case f[0] == "snmp-server" && f[1] == "community" && len(f) >= 4 && !neg:
		// One access setting per community; NX-OS keeps its group and its
		// ACL on two lines. A secret placeholder is two words.
		at := 3
		if strings.HasPrefix(f[2], "{{") && !strings.HasSuffix(f[2], "}}") {
			at = 4
		}
		if len(f) > at && (f[at] == "group" || f[at] == "use-acl") {
			return strings.Join(f[:at+1], " "), replaceKey
		}
		return strings.Join(f[:at], " "), replaceKey
	}
	return "", noKey
}

// usernameAttrs are the per-user attributes NX-OS prints on lines of their
// own (username NAME sshkey ..., username NAME passphrase ...).
var usernameAttrs = map[string]bool{"sshkey": true, "passphrase": true, "expire": true, "keypair": true}

// usernameKey keys user lines: the main line (password, secret, privilege)
// is one setting per user; each attribute line is one more; role lines
// (several per user on NX-OS) are compared by text.
func usernameKey(f []string) (string, keyKind) {
	switch {
	case usernameAttrs[f[2]]:
		return "username " + f[1] + " " + f[2], replaceKey
	case f[2] == "role":
		return "", noKey
	}
	return "username " + f[1], replaceKey
}

// neighborSingle are the BGP neighbor attributes with one value per
// neighbor; route-map, prefix-list and filter-list have one per direction.
var neighborSingle = map[string]bool{
	"remote-as": true, "description": true, "update-source": true,
	"password": true, "ebgp-multihop": true, "timers": true, "peer-group": true,
	"local-as": true, "maximum-prefix": true,
}

// neighborKey keys `neighbor ADDR ATTR ...` lines.
func neighborKey(body string) string {
	f := strings.Fields(body)
	if len(f) < 3 {
		return ""
	}
	switch {
	case neighborSingle[f[2]]:
		return strings.Join(f[:3], " ")
	case (f[2] == "route-map" || f[2] == "prefix-list" || f[2] == "filter-list" ||
		f[2] == "distribute-list") && len(f) == 5:
		return strings.Join(f[:3], " ") + " " + f[4]
	}
	return ""
}

// svExcluded lists the lines of a single-valued command that are not its
// value: secondary addresses and incremental allowed-vlan edits.
func svExcluded(prefix, body string) bool {
	switch prefix {
	case "ip address":
		return strings.HasSuffix(body, " secondary")
	case "switchport trunk allowed vlan":
		f := strings.Fields(body)
		return len(f) > 4 && (f[4] == "add" || f[4] == "remove" || f[4] == "except")
	}
	return false
}

// directionalKey keys `ip access-group NAME in|out` and `access-class NAME
// in|out` (and their ipv6 forms) by direction: one filter per direction.
func directionalKey(body string) string {
	f := strings.Fields(body)
	n := len(f)
	if n < 3 || (f[n-1] != "in" && f[n-1] != "out") {
		return ""
	}
	switch {
	case f[0] == "access-class", f[0] == "ipv6" && f[1] == "traffic-filter":
	case (f[0] == "ip" || f[0] == "ipv6") && (f[1] == "access-group" || f[1] == "access-class") && n >= 4:
	default:
		return ""
	}
	return f[0] + " " + f[1] + " " + f[n-1]
}

func bannerKind(rest string) string {
	w, _, _ := strings.Cut(rest, " ")
	if bannerKinds[w] {
		return w
	}
	return "motd"
}

// seqOf returns the leading sequence number of an ACL entry.
func seqOf(line string) (string, bool) {
	w, _, _ := strings.Cut(line, " ")
	return w, isDigits(w)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isACL reports whether a section line opens an access list whose entries
// are order-significant.
func isACL(line string) bool {
	for _, p := range []string{"ip access-list ", "ipv6 access-list ", "mac access-list "} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// isEntry reports whether a line inside an access list is a filter entry
// (as opposed to a list option such as `statistics per-entry`).
func isEntry(line string) bool {
	w, _, _ := strings.Cut(line, " ")
	switch w {
	case "permit", "deny", "remark", "evaluate", "dynamic":
		return true
	}
	return isDigits(w)
}

// removal returns the command that removes line from its context.
func removal(line string, inACL bool) string {
	if inACL {
		if seq, ok := seqOf(line); ok {
			return "no " + seq
		}
	}
	f := strings.Fields(firstLine(line))
	switch {
	case len(f) >= 2 && f[0] == "banner":
		return "no banner " + bannerKind(strings.Join(f[1:], " "))
	case len(f) >= 3 && f[0] == "username" && usernameAttrs[f[2]]:
		return "no username " + f[1] + " " + f[2]
	case len(f) >= 4 && f[0] == "username" && f[2] == "role":
		return "no username " + f[1] + " role " + f[3]
	case len(f) >= 2 && f[0] == "username":
		return "no username " + f[1]
	case len(f) >= 2 && f[0] == "certificate":
		return "no " + firstLine(line)
	case len(f) >= 3 && f[0] == "access-list" && isDigits(f[1]):
		return "no access-list " + f[1]
	case len(f) >= 3 && f[0] == "snmp-server" && f[1] == "community":
		return "no snmp-server community " + f[2]
	case len(f) >= 2 && f[0] == "enable" && f[1] == "secret":
		return "no enable secret"
	case len(f) >= 5 && f[1] == "prefix-list" && f[3] == "seq":
		return "no " + strings.Join(f[:5], " ")
	}
	return "no " + line
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// defaultOn are toggles whose default is on and is not displayed: a
// running `no X` outside desired is removed by sending X, and a desired X
// is satisfied by the absence of `no X`.
var defaultOn = map[string]bool{
	"ip redirects": true, "ip unreachables": true, "ip proxy-arp": true, "ip route-cache": true,
	"cdp enable": true, "ip domain lookup": true, "ip domain-lookup": true, "keepalive": true,
	"lldp transmit": true, "lldp receive": true,
}

// prefixRemovals are the commands whose `no` form names only the head of
// the lines it removes (`no username bob` removes every line of bob, `no
// interface X` the section, `no 10` the ACL entry 10). Any other `no X`
// removes exactly the line X: `no distribute-list 10 out` leaves
// `distribute-list 10 out Gi0/0`.
func prefixRemoval(r string) bool {
	f := strings.Fields(r)
	if len(f) == 0 {
		return false
	}
	if isDigits(f[0]) {
		return len(f) == 1
	}
	switch f[0] {
	case "username", "interface", "neighbor", "banner", "certificate", "router", "line",
		"object-group", "route-map", "vrf", "policy-map", "class-map", "key", "crypto":
		return true
	case "access-list":
		return len(f) >= 2 && isDigits(f[1])
	case "snmp-server":
		return len(f) == 3 && (f[1] == "community" || f[1] == "user")
	case "enable":
		return len(f) == 2 && f[1] == "secret"
	case "ntp":
		return len(f) == 3 && f[1] == "server"
	case "ip", "ipv6", "mac":
		return len(f) >= 2 && (f[1] == "prefix-list" || f[1] == "access-list")
	case "tacacs", "radius":
		return len(f) == 3 && f[1] == "server"
	case "aaa":
		return len(f) >= 3 && f[1] == "group" && f[2] == "server"
	}
	return false
}

// hasWordPrefix reports whether line is prefix or starts with prefix and a
// space: the lines a `no prefix` command removes.
func hasWordPrefix(line, prefix string) bool {
	return len(line) >= len(prefix) && line[:len(prefix)] == prefix &&
		(len(line) == len(prefix) || line[len(prefix)] == ' ' || line[len(prefix)] == '\n')
}

package nxapisim

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
)

// modeWords are the first words each mode accepts (besides "no" followed
// by one of them). A mode is named by the first word(s) of its line.
var modeWords = map[string][]string{
	"": {"version", "hostname", "vdc", "feature", "username", "ip", "ipv6", "tacacs-server", "radius-server",
		"aaa", "banner", "object-group", "vlan", "vrf", "interface", "logging", "ntp", "line", "spanning-tree",
		"snmp-server", "boot", "system", "copp", "rmon", "cli", "power", "hardware", "clock", "ssh", "policy-map",
		"class-map", "route-map", "router", "service", "password", "role"},
	"interface": {"description", "switchport", "shutdown", "mtu", "channel-group", "ip", "ipv6", "vrf", "speed",
		"duplex", "lacp", "spanning-tree", "cdp", "lldp", "bandwidth", "service-policy", "negotiate", "storm-control", "delay"},
	"vlan":              {"name", "state", "shutdown", "mode"},
	"vrf context":       {"ip", "ipv6", "description", "rd", "address-family", "vni"},
	"aaa group server":  {"server", "use-vrf", "source-interface", "deadtime"},
	"line":              {"exec-timeout", "session-limit", "access-class", "ipv6"},
	"ip access-list":    {"permit", "deny", "remark", "statistics", "fragments"},
	"object-group":      {"host"},
	"router":            {"router-id", "address-family", "neighbor", "log-adjacency-changes", "vrf"},
	"address-family":    {"network", "redistribute", "maximum-paths"},
	"vdc":               {"limit-resource", "allocate", "cpu-share"},
	"role":              {"rule", "description"},
	"route-map":         {"match", "set", "description"},
	"class-map":         {"match", "description"},
	"policy-map":        {"class", "description"},
	"sequenced-entries": {},
}

// modeOf names the mode a section line opens.
func modeOf(line string) string {
	for _, m := range []string{"vrf context", "aaa group server", "ip access-list", "object-group"} {
		if strings.HasPrefix(line, m+" ") {
			return m
		}
	}
	w, _, _ := strings.Cut(line, " ")
	return w
}

// allowed runs the first-word grammar on body in context ctx, and the
// feature checks against running.
func allowed(ctx []string, body string, running *cliconf.Config) bool {
	mode := ""
	if len(ctx) > 0 {
		mode = modeOf(ctx[len(ctx)-1])
	}
	words, ok := modeWords[mode]
	if !ok {
		return false
	}
	f := strings.Fields(body)
	w := f[0]
	if w == "no" {
		if len(f) < 2 {
			return false
		}
		w = f[1]
	}
	seqMode := mode == "ip access-list" || mode == "object-group"
	if !slices.Contains(words, w) && !(seqMode && isDigits(w)) {
		return false
	}
	if f[0] == "no" {
		return true
	}
	return featureOK(mode, f, running)
}

// featureOK refuses the commands of features that are not enabled.
func featureOK(mode string, f []string, running *cliconf.Config) bool {
	has := func(feat string) bool { return running.Find("feature "+feat) != nil }
	switch {
	case mode == "" && f[0] == "tacacs-server":
		return has("tacacs+")
	case mode == "" && len(f) >= 4 && f[0] == "aaa" && f[1] == "group" && f[3] == "tacacs+":
		return has("tacacs+")
	case mode == "" && f[0] == "interface" && len(f) == 2 && strings.HasPrefix(strings.ToLower(f[1]), "vlan"):
		return has("interface-vlan")
	case mode == "interface" && f[0] == "channel-group" && len(f) >= 4 && f[2] == "mode" && f[3] != "on":
		return has("lacp")
	case mode == "interface" && len(f) >= 3 && f[0] == "ip" && f[1] == "dhcp" && f[2] == "relay":
		return has("dhcp")
	}
	return true
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// nxosRewrite returns the commands that make cliconf.Apply do what NX-OS
// does with line (body without indentation) in context ctx: secrets
// stored in their encrypted form, and top-level lines that replace the
// previous one for the same name.
func nxosRewrite(running *cliconf.Config, ctx []string, line, body string) []string {
	if len(ctx) > 0 {
		return sectionRewrite(running, ctx, line, body)
	}
	f := strings.Fields(body)
	switch {
	case len(f) >= 6 && f[0] == "snmp-server" && f[1] == "user":
		f = localizeKeys(f)
	case len(f) >= 4 && f[0] == "username" && f[2] == "password" && f[3] != "5":
		f[3] = "5 " + hashPassword(f[1], f[3])
	case len(f) >= 5 && (f[0] == "tacacs-server" || f[0] == "radius-server") && f[1] == "host" && f[3] == "key" && f[4] != "7":
		f[4] = `7 "` + obfuscate(f[4]) + `"`
	case len(f) >= 2 && f[0] == "ip" && f[1] == "name-server":
		return nameServers(running, f[2:], true)
	case len(f) >= 3 && f[0] == "no" && f[1] == "ip" && f[2] == "name-server":
		return nameServers(running, f[3:], false)
	}
	if strings.HasPrefix(body, "banner ") {
		return []string{body}
	}
	body = strings.Join(f, " ")
	k := replaceKey(body)
	if k == "" {
		return []string{body}
	}
	var out []string
	for _, n := range rootOf(running).Children {
		if n.Line != body && replaceKey(n.Line) == k {
			out = append(out, "no "+n.Line)
		}
	}
	return append(out, body)
}

// replaceKey names the setting a top-level line is a value of, for the
// commands whose new line replaces the old one; "" for others.
func replaceKey(line string) string {
	f := strings.Fields(line)
	switch {
	case len(f) >= 3 && f[0] == "username" && f[2] == "sshkey":
		return "username " + f[1] + " sshkey"
	case len(f) >= 2 && f[0] == "username":
		return "username " + f[1]
	case len(f) >= 3 && (f[0] == "ntp" || f[0] == "logging") && f[1] == "server":
		return strings.Join(f[:3], " ")
	case len(f) >= 3 && (f[0] == "tacacs-server" || f[0] == "radius-server") && f[1] == "host":
		return strings.Join(f[:3], " ")
	case len(f) >= 2 && f[0] == "ntp" && f[1] == "source-interface":
		return "ntp source-interface"
	case len(f) >= 2 && f[0] == "logging" && f[1] == "logfile":
		return "logging logfile"
	case len(f) >= 3 && f[0] == "snmp-server" && (f[1] == "user" || f[1] == "host"):
		return strings.Join(f[:3], " ")
	case len(f) >= 4 && f[0] == "snmp-server" && f[1] == "community":
		return strings.Join(f[:4], " ") // group and use-acl are two settings
	}
	return ""
}

// sectionRewrite is nxosRewrite inside a mode: an interface that joins or
// leaves a VRF loses its addresses, as NX-OS removes the layer-3
// configuration of an interface whose VRF changes.
func sectionRewrite(running *cliconf.Config, ctx []string, line, body string) []string {
	if len(ctx) != 1 || !strings.HasPrefix(ctx[0], "interface ") ||
		!strings.HasPrefix(strings.TrimPrefix(body, "no "), "vrf member") {
		return []string{line}
	}
	indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
	var out []string
	if n := running.Find(ctx...); n != nil {
		for _, c := range n.Children {
			if strings.HasPrefix(c.Line, "ip address ") || strings.HasPrefix(c.Line, "ipv6 address ") {
				out = append(out, indent+"no "+c.Line)
			}
		}
	}
	return append(out, line)
}

// localizeKeys stores the keys of "snmp-server user NAME ROLE auth PROTO
// KEY [priv [aes-128] KEY]" as NX-OS does: localized, in hex, flagged
// localizedkey.
func localizeKeys(f []string) []string {
	if slices.Contains(f, "localizedkey") {
		return f
	}
	out := slices.Clone(f)
	if i := slices.Index(out, "auth"); i > 0 && i+2 < len(out) {
		out[i+2] = localize(out[i+2])
	}
	if i := slices.Index(out, "priv"); i > 0 && i+1 < len(out) {
		if out[i+1] == "aes-128" {
			i++
		}
		if i+1 < len(out) {
			out[i+1] = localize(out[i+1])
		}
	}
	return append(out, "localizedkey")
}

// localize is a stand-in for the SNMPv3 key localization: same shape.
func localize(key string) string {
	h := sha256.Sum256([]byte("snmp:" + key))
	return "0x" + hex.EncodeToString(h[:16])
}

// nameServers adds (or removes) servers to the single ip name-server line.
func nameServers(running *cliconf.Config, servers []string, add bool) []string {
	var cur []string
	var out []string
	for _, n := range rootOf(running).Children {
		if rest, ok := strings.CutPrefix(n.Line, "ip name-server "); ok {
			cur = append(cur, strings.Fields(rest)...)
			out = append(out, "no "+n.Line)
		}
	}
	for _, s := range servers {
		switch {
		case add && !slices.Contains(cur, s):
			cur = append(cur, s)
		case !add:
			cur = slices.DeleteFunc(cur, func(c string) bool { return c == s })
		}
	}
	if len(cur) > 0 {
		out = append(out, "ip name-server "+strings.Join(cur, " "))
	}
	return out
}

func rootOf(c *cliconf.Config) *cliconf.Node {
	if c == nil || c.Root == nil {
		return &cliconf.Node{}
	}
	return c.Root
}

// hashPassword is a stand-in for NX-OS's SHA-256 crypt: same shape, not
// the real algorithm.
func hashPassword(user, pw string) string {
	salt := sha256.Sum256([]byte("salt:" + user))
	h := sha256.Sum256(append(salt[:8], pw...))
	enc := base64.RawStdEncoding.EncodeToString(h[:])
	return "$5$" + base64.RawStdEncoding.EncodeToString(salt[:6]) + "$" + enc
}

// obfuscate is a stand-in for the type 7 encoding of server keys.
func obfuscate(key string) string {
	h := sha256.Sum256([]byte("key7:" + key))
	return hex.EncodeToString(h[:6])
}

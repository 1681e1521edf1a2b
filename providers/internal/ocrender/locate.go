package ocrender

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/models"
)

// IntentPath names the intent value (an intent path relative to config,
// such as "users[1].ssh_keys") that produced path, a data path of the
// payload the renderer builds ("/system/aaa/authentication/users/
// user[username=ops]/config/ssh-key"). It returns the closest intent part
// it can name, or "" when path is not one the renderer produces.
func IntentPath(c *models.Config, path string) string {
	elems := splitPath(path)
	if len(elems) == 0 {
		return ""
	}
	leaf := elems[len(elems)-1].name
	switch elems[0].name {
	case "system":
		return systemPath(c, elems, leaf)
	case "interfaces":
		return interfacePath(c, elems, leaf)
	case "network-instances":
		return instancePath(c, elems)
	case "acl":
		return aclPath(c, elems)
	case "defined-sets":
		return keyed("object_groups", len(c.ObjectGroups), func(i int) bool { return c.ObjectGroups[i].Name == key(elems, "name") })
	case "lacp":
		return "interfaces"
	}
	return ""
}

func systemPath(c *models.Config, elems []pathElem, leaf string) string {
	if len(elems) < 2 {
		return ""
	}
	switch elems[1].name {
	case "config":
		return map[string]string{"hostname": "hostname", "domain-name": "domain_name", "login-banner": "banners.login", "motd-banner": "banners.motd"}[leaf]
	case "ntp":
		if leaf == "source-address" {
			return "ntp.source_interface"
		}
		if c.NTP == nil {
			return "ntp"
		}
		return "ntp." + orWhole(keyed("servers", len(c.NTP.Servers), func(i int) bool { return c.NTP.Servers[i].Address == key(elems, "address") }), "servers")
	case "dns":
		if c.DNS == nil {
			return "dns"
		}
		return "dns." + orWhole(keyed("servers", len(c.DNS.Servers), func(i int) bool { return c.DNS.Servers[i] == key(elems, "address") }), "servers")
	case "logging":
		if has(elems, "console") {
			return "logging.console_severity"
		}
		if leaf == "source-address" {
			return "logging.source_interface"
		}
		if c.Syslog == nil {
			return "syslog"
		}
		p := "syslog." + orWhole(keyed("hosts", len(c.Syslog.Hosts), func(i int) bool { return c.Syslog.Hosts[i].Address == key(elems, "host") }), "hosts")
		if has(elems, "selectors") && strings.Contains(p, "[") {
			p += ".severity"
		}
		return p
	case "aaa":
		return aaaPath(c, elems, leaf)
	case "ssh-server", "telnet-server":
		if leaf == "timeout" {
			return "lines.vty.exec_timeout"
		}
		return "lines.vty.transport_input"
	}
	return ""
}

func aaaPath(c *models.Config, elems []pathElem, leaf string) string {
	if has(elems, "users") {
		p := orWhole(keyed("users", len(c.Users), func(i int) bool { return c.Users[i].Name == key(elems, "username") }), "users")
		if f, ok := map[string]string{"ssh-key": "ssh_keys", "password": "password", "role": "role"}[leaf]; ok && strings.Contains(p, "[") {
			p += "." + f
		}
		return p
	}
	if c.AAA == nil {
		return "aaa"
	}
	if leaf == "authentication-method" {
		return orWhole(keyed("aaa.login", len(c.AAA.Login), func(i int) bool { return c.AAA.Login[i].Name == "default" }), "aaa.login")
	}
	g := keyed("aaa.server_groups", len(c.AAA.ServerGroups), func(i int) bool { return c.AAA.ServerGroups[i].Name == key(elems, "name") })
	if g == "" {
		return "aaa.server_groups"
	}
	i, _ := strconv.Atoi(g[strings.LastIndex(g, "[")+1 : len(g)-1])
	sg := c.AAA.ServerGroups[i]
	if s := keyed("servers", len(sg.Servers), func(j int) bool { return sg.Servers[j].Address == key(elems, "address") }); s != "" {
		return g + "." + s
	}
	return g
}

func interfacePath(c *models.Config, elems []pathElem, leaf string) string {
	name := key(elems, "name")
	p := keyed("interfaces", len(c.Interfaces), func(i int) bool { return strings.EqualFold(c.Interfaces[i].Name, name) })
	if p == "" {
		return "interfaces"
	}
	switch {
	case has(elems, "switched-vlan"):
		return p + ".switchport"
	case has(elems, "ipv4"):
		return p + ".ipv4"
	case has(elems, "ipv6"):
		return p + ".ipv6"
	case leaf == "port-speed" || leaf == "auto-negotiate":
		return p + ".speed"
	case leaf == "duplex-mode":
		return p + ".duplex"
	case has(elems, "aggregation") || leaf == "aggregate-id":
		return p + ".channel_group"
	case leaf == "mtu" || leaf == "description" || leaf == "enabled":
		return p + "." + leaf
	}
	return p
}

func instancePath(c *models.Config, elems []pathElem) string {
	switch {
	case has(elems, "vlans"):
		id := key(elems, "vlan-id")
		return orWhole(keyed("vlans", len(c.VLANs), func(i int) bool { return strconv.Itoa(c.VLANs[i].ID) == id }), "vlans")
	case has(elems, "static-routes"):
		pfx := key(elems, "prefix")
		return orWhole(keyed("static_routes", len(c.StaticRoutes), func(i int) bool { return c.StaticRoutes[i].Prefix == pfx }), "static_routes")
	case has(elems, "interfaces"):
		id := key(elems, "id")
		if p := keyed("interfaces", len(c.Interfaces), func(i int) bool { return strings.EqualFold(c.Interfaces[i].Name, id) }); p != "" {
			return p + ".vrf"
		}
		return "vrfs"
	}
	name := key(elems, "name")
	if v := keyed("vrfs", len(c.VRFs), func(i int) bool { return c.VRFs[i].Name == name }); v != "" {
		switch elems[len(elems)-1].name {
		case "route-distinguisher":
			return v + ".rd"
		case "description":
			return v + ".description"
		}
		return v
	}
	return ""
}

func aclPath(c *models.Config, elems []pathElem) string {
	if has(elems, "interfaces") {
		return "interfaces"
	}
	name := key(elems, "name")
	p := keyed("acls", len(c.ACLs), func(i int) bool { return c.ACLs[i].Name == name })
	if p == "" {
		return "acls"
	}
	i, _ := strconv.Atoi(p[strings.LastIndex(p, "[")+1 : len(p)-1])
	acl := c.ACLs[i]
	seq := key(elems, "sequence-id")
	if e := keyed("entries", len(acl.Entries), func(j int) bool { return strconv.Itoa(acl.Entries[j].Seq) == seq }); e != "" {
		return p + "." + e
	}
	return p
}

// keyed returns "list[i]" for the first i that match accepts, or "".
func keyed(list string, n int, match func(int) bool) string {
	for i := range n {
		if match(i) {
			return fmt.Sprintf("%s[%d]", list, i)
		}
	}
	return ""
}

func orWhole(p, whole string) string {
	if p == "" {
		return whole
	}
	return p
}

type pathElem struct {
	name string
	keys map[string]string
}

// splitPath splits a data path into elements with their keys; key values
// may contain '/'.
func splitPath(path string) []pathElem {
	var out []pathElem
	rest := strings.TrimPrefix(path, "/")
	for rest != "" {
		e := pathElem{}
		i := strings.IndexAny(rest, "/[")
		if i < 0 {
			e.name, rest = rest, ""
		} else {
			e.name, rest = rest[:i], rest[i:]
		}
		for strings.HasPrefix(rest, "[") {
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				break
			}
			k, v, _ := strings.Cut(rest[1:end], "=")
			if e.keys == nil {
				e.keys = map[string]string{}
			}
			e.keys[k] = v
			rest = rest[end+1:]
		}
		rest = strings.TrimPrefix(rest, "/")
		out = append(out, e)
	}
	return out
}

// key returns the value of list key k on the deepest element that has it.
func key(elems []pathElem, k string) string {
	for i := len(elems) - 1; i >= 0; i-- {
		if v, ok := elems[i].keys[k]; ok {
			return v
		}
	}
	return ""
}

func has(elems []pathElem, name string) bool {
	for _, e := range elems {
		if e.name == name {
			return true
		}
	}
	return false
}

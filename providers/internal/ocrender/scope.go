package ocrender

import (
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
)

// Scope turns the intent's authoritative selectors (models.Device
// Authoritative, e.g. "users" or "vlans[20].members") into the OpenConfig
// lists and leaves switchyard owns on this platform: entries or values on
// the device that the intent does not declare are removed. Reserved VLANs
// are never removed. Unknown selectors are ignored (the inventory rejects
// them before rendering).
func (r *Renderer) Scope(authoritative []string) diff.Scope {
	var s diff.Scope
	ni := "/network-instances/network-instance[name=" + r.p.DefaultInstance + "]"
	keepReserved := func(keys map[string]string) bool {
		id, err := strconv.Atoi(keys["vlan-id"])
		return err == nil && models.IsReservedVLAN(id)
	}
	list := func(path string) { s.Owned = append(s.Owned, diff.OwnedList{Path: path}) }
	for _, sel := range authoritative {
		kind, key, sub := splitSelector(sel)
		switch {
		case kind == "users":
			list("/system/aaa/authentication/users/user")
		case kind == "vlans" && key == "":
			s.Owned = append(s.Owned, diff.OwnedList{Path: ni + "/vlans/vlan", Keep: keepReserved})
		case kind == "vlans" && sub == "members":
			id, err := strconv.Atoi(key)
			if err != nil || models.IsReservedVLAN(id) {
				continue
			}
			for _, p := range []string{"ethernet", "aggregation"} {
				s.OwnedLeaves = append(s.OwnedLeaves,
					diff.OwnedLeaf{Path: "/interfaces/interface/" + p + "/switched-vlan/config/access-vlan", Value: id},
					diff.OwnedLeaf{Path: "/interfaces/interface/" + p + "/switched-vlan/config/trunk-vlans", Value: id})
			}
		case kind == "interfaces" && sub == "allowed_vlans":
			name, ok := r.Normalise(key)
			if !ok {
				name = key
			}
			for _, p := range []string{"ethernet", "aggregation"} {
				list("/interfaces/interface[name=" + name + "]/" + p + "/switched-vlan/config/trunk-vlans")
			}
		case kind == "port_channels" && sub == "members":
			s.OwnedLeaves = append(s.OwnedLeaves, diff.OwnedLeaf{Path: "/interfaces/interface/ethernet/config/aggregate-id", Value: r.p.AggregatePrefix + key})
		case kind == "object_groups" && key == "":
			list("/defined-sets/ipv4-prefix-sets/ipv4-prefix-set")
			list("/defined-sets/port-sets/port-set")
		case kind == "object_groups" && sub == "members":
			list("/defined-sets/ipv4-prefix-sets/ipv4-prefix-set[name=" + key + "]/config/prefix")
			list("/defined-sets/port-sets/port-set[name=" + key + "]/config/port")
		case kind == "aaa.server_groups" && key == "":
			list("/system/aaa/server-groups/server-group")
		case kind == "aaa.server_groups" && sub == "servers":
			list("/system/aaa/server-groups/server-group[name=" + key + "]/servers/server")
		case kind == "ntp.servers":
			list("/system/ntp/servers/server")
		case kind == "dns.servers":
			list("/system/dns/servers/server")
		case kind == "syslog.hosts":
			list("/system/logging/remote-servers/remote-server")
		case kind == "static_routes":
			list("/network-instances/network-instance/protocols/protocol/static-routes/static")
		case kind == "acls":
			list("/acl/acl-sets/acl-set")
		}
	}
	return s
}

// splitSelector splits "vlans[20].members" into ("vlans", "20", "members")
// and "aaa.server_groups[X].servers" into ("aaa.server_groups", "X",
// "servers"); a selector without brackets is returned whole as kind.
func splitSelector(sel string) (kind, key, sub string) {
	open := strings.IndexByte(sel, '[')
	end := strings.LastIndexByte(sel, ']')
	if open < 0 || end < open {
		return sel, "", ""
	}
	return sel[:open], sel[open+1 : end], strings.TrimPrefix(sel[end+1:], ".")
}

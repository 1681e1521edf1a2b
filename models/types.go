package models

import (
	"fmt"
	"strconv"
	"strings"
)

// VLANRange is a VLAN id or an inclusive range of ids, written "10" or
// "10-20" in YAML.
type VLANRange struct {
	Low, High int
}

// String returns "N" or "N-M".
func (r VLANRange) String() string {
	if r.Low == r.High {
		return strconv.Itoa(r.Low)
	}
	return fmt.Sprintf("%d-%d", r.Low, r.High)
}

// UnmarshalText parses "N" or "N-M". It does not check the VLAN id range;
// validation does.
func (r *VLANRange) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	lo, hi, isRange := strings.Cut(s, "-")
	l, err := strconv.Atoi(strings.TrimSpace(lo))
	if err != nil {
		return fmt.Errorf("%q is not a VLAN id or range (want N or N-M)", s)
	}
	h := l
	if isRange {
		if h, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil {
			return fmt.Errorf("%q is not a VLAN id or range (want N or N-M)", s)
		}
	}
	if h < l {
		return fmt.Errorf("VLAN range %q ends before it starts", s)
	}
	r.Low, r.High = l, h
	return nil
}

// MarshalText returns the String form.
func (r VLANRange) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Contains reports whether id is in the range.
func (r VLANRange) Contains(id int) bool { return id >= r.Low && id <= r.High }

// Enumerations accepted by the intent model.
var (
	// Platforms are the platform driver names.
	Platforms = []string{"ios", "iosxe", "iosxr", "nxos"}
	// Transports are the management protocols a device can be reached with.
	Transports = []string{"cli", "gnmi", "netconf", "nxapi"}
	// Severities are syslog severities, most severe first.
	Severities = []string{"emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"}
	// SwitchportModes are the layer-2 interface modes.
	SwitchportModes = []string{"access", "trunk"}
	// LACPModes are the port-channel membership modes ("on" is static).
	LACPModes = []string{"active", "passive", "on"}
	// ServerGroupTypes are the AAA server group protocols.
	ServerGroupTypes = []string{"radius", "tacacs"}
	// ACLActions are the actions of an ACL entry.
	ACLActions = []string{"deny", "permit"}
	// ACLProtocols are the protocols an ACL entry or service can match.
	ACLProtocols = []string{"icmp", "ip", "tcp", "udp"}
	// ObjectGroupTypes are the kinds of object-group.
	ObjectGroupTypes = []string{"network", "service"}
	// Roles are the user roles (user groups) known to every platform driver.
	Roles = []string{"network-admin", "network-operator", "read-only"}
)

// ReservedVLANs are never deleted from a device, even when the VLAN list or a
// VLAN's membership is authoritative.
var ReservedVLANs = []int{1, 1002, 1003, 1004, 1005}

// IsReservedVLAN reports whether id is a reserved VLAN.
func IsReservedVLAN(id int) bool {
	return id == 1 || (id >= 1002 && id <= 1005)
}

// AuthoritativeKinds are the list selectors a group may declare
// authoritative. A selector with a dot applies per entry: "vlans.members"
// owns the member list of each VLAN the group declares. "native.yang" owns
// whole every list the device's native.yang blocks set.
var AuthoritativeKinds = []string{
	"aaa.server_groups",
	"aaa.server_groups.servers",
	"acls",
	"dns.servers",
	"interfaces.allowed_vlans",
	"native.yang",
	"ntp.servers",
	"object_groups",
	"object_groups.members",
	"port_channels.members",
	"snmp.communities",
	"snmp.hosts",
	"snmp.users",
	"static_routes",
	"syslog.hosts",
	"users",
	"vlans",
	"vlans.members",
}

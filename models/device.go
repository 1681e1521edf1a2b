package models

import "github.com/switchyard/switchyard/profiles"

// Device is the resolved, vendor-neutral desired state of one device.
type Device struct {
	// Name is the inventory name of the device.
	Name string `json:"name"`
	// Platform is the platform driver name (iosxe, iosxr, nxos, ios).
	Platform string `json:"platform"`
	// Config is the desired configuration.
	Config Config `json:"config"`
	// Authoritative lists the list instances switchyard owns whole: entries
	// present on the device but not in Config are removed. Each entry is a
	// selector such as "users", "vlans[20].members" or
	// "object_groups[web].members"; see AuthoritativeKinds. Sorted.
	Authoritative []string `json:"authoritative,omitempty"`
	// Profile is the platform release the device runs (from os_version),
	// nil when the platform has none. Render chooses each intent part's
	// route from it: OpenConfig where the release takes it, else the
	// platform's native model. It is shared and immutable.
	Profile *profiles.Profile `json:"-"`
}

// IsAuthoritative reports whether the list named by selector is owned whole.
func (d *Device) IsAuthoritative(selector string) bool {
	for _, s := range d.Authoritative {
		if s == selector {
			return true
		}
	}
	return false
}

// Config is the configuration intent of a device. Every part is optional: a
// part left out is not managed.
type Config struct {
	Hostname     string        `yaml:"hostname" json:"hostname,omitempty"`
	DomainName   string        `yaml:"domain_name" json:"domain_name,omitempty"`
	Banners      *Banners      `yaml:"banners" json:"banners,omitempty"`
	NTP          *NTP          `yaml:"ntp" json:"ntp,omitempty"`
	DNS          *DNS          `yaml:"dns" json:"dns,omitempty"`
	Syslog       *Syslog       `yaml:"syslog" json:"syslog,omitempty"`
	Users        []User        `yaml:"users" key:"name" json:"users,omitempty"`
	AAA          *AAA          `yaml:"aaa" json:"aaa,omitempty"`
	VLANs        []VLAN        `yaml:"vlans" key:"id" json:"vlans,omitempty"`
	Interfaces   []Interface   `yaml:"interfaces" key:"name" json:"interfaces,omitempty"`
	StaticRoutes []StaticRoute `yaml:"static_routes" key:"vrf,prefix" json:"static_routes,omitempty"`
	ACLs         []ACL         `yaml:"acls" key:"name" json:"acls,omitempty"`
	ObjectGroups []ObjectGroup `yaml:"object_groups" key:"name" json:"object_groups,omitempty"`
	SNMP         *SNMP         `yaml:"snmp" json:"snmp,omitempty"`
	SpanningTree *SpanningTree `yaml:"spanning_tree" json:"spanning_tree,omitempty"`
	VRFs         []VRF         `yaml:"vrfs" key:"name" json:"vrfs,omitempty"`
	Lines        *Lines        `yaml:"lines" json:"lines,omitempty"`
	Logging      *Logging      `yaml:"logging" json:"logging,omitempty"`
	// Native is configuration in the platform's own form, for what the
	// intent model does not cover.
	Native *Native `yaml:"native" json:"native,omitempty"`
}

// Native is the escape hatch: configuration in the platform's own form.
type Native struct {
	// CLI are blocks of configuration text as `show running-config` prints
	// it (hierarchical, one space of indentation per level), for devices
	// managed over a CLI route (classic IOS over SSH, NX-OS over NX-API).
	// Blocks from defaults, groups and the device all apply, in that order
	// (a list of plain values merges as a set).
	CLI []string `yaml:"cli" json:"cli,omitempty"`
	// YANG are subtrees of the platform's own YANG model as module-qualified
	// RFC 7951 JSON written in YAML ({"Cisco-IOS-XE-native:native": {...}}),
	// for devices managed over NETCONF or gNMI. They are checked against the
	// device's release profile, merged in order (defaults, groups, device:
	// a later block's leaf wins) and pushed with the rendered intent.
	YANG []map[string]any `yaml:"yang" json:"yang,omitempty"`
}

// Banners are the texts shown to users connecting to the device.
type Banners struct {
	Login string `yaml:"login" json:"login,omitempty"`
	MOTD  string `yaml:"motd" json:"motd,omitempty"`
}

// NTP is the time synchronisation intent.
type NTP struct {
	Servers         []NTPServer `yaml:"servers" key:"address" json:"servers,omitempty"`
	SourceInterface string      `yaml:"source_interface" json:"source_interface,omitempty"`
}

// NTPServer is one NTP server.
type NTPServer struct {
	Address string `yaml:"address" json:"address"`
	Prefer  bool   `yaml:"prefer" json:"prefer,omitempty"`
}

// DNS is the name resolution intent.
type DNS struct {
	Servers []string `yaml:"servers" json:"servers,omitempty"`
}

// Syslog is the remote logging intent.
type Syslog struct {
	Hosts []SyslogHost `yaml:"hosts" key:"address" json:"hosts,omitempty"`
}

// SyslogHost is one remote syslog server and the lowest severity sent to it.
type SyslogHost struct {
	Address string `yaml:"address" json:"address"`
	// Severity is one of Severities; empty means informational.
	Severity string `yaml:"severity" json:"severity,omitempty"`
}

// User is a local user account. Role is the user group the account belongs
// to (for example network-admin or operator).
type User struct {
	Name      string     `yaml:"name" json:"name"`
	Role      string     `yaml:"role" json:"role,omitempty"`
	Privilege int        `yaml:"privilege" json:"privilege,omitempty"`
	SSHKeys   []string   `yaml:"ssh_keys" json:"ssh_keys,omitempty"`
	Password  *SecretRef `yaml:"password" json:"password,omitempty"`
}

// AAA is the authentication, authorisation and accounting intent.
type AAA struct {
	ServerGroups []ServerGroup `yaml:"server_groups" key:"name" json:"server_groups,omitempty"`
	// Login are the login authentication method lists ("aaa
	// authentication login NAME ...").
	Login []LoginMethodList `yaml:"login" key:"name" json:"login,omitempty"`
}

// LoginMethodList is a named login authentication method list. Methods
// are tried in order: the name of a declared server group, "local"
// (the local user database) or "none".
type LoginMethodList struct {
	Name    string   `yaml:"name" json:"name"`
	Methods []string `yaml:"methods" json:"methods"`
}

// ServerGroup is a named group of TACACS+ or RADIUS servers.
type ServerGroup struct {
	Name    string      `yaml:"name" json:"name"`
	Type    string      `yaml:"type" json:"type"`
	Servers []AAAServer `yaml:"servers" key:"address" json:"servers,omitempty"`
}

// AAAServer is one member of a server group. Key is a reference to the shared
// secret, never the secret itself.
type AAAServer struct {
	Address string     `yaml:"address" json:"address"`
	Port    int        `yaml:"port" json:"port,omitempty"`
	Key     *SecretRef `yaml:"key" json:"key,omitempty"`
}

// VLAN is a layer-2 VLAN and the access ports that belong to it.
type VLAN struct {
	ID      int      `yaml:"id" json:"id"`
	Name    string   `yaml:"name" json:"name,omitempty"`
	Members []string `yaml:"members" json:"members,omitempty"`
}

// Interface is the intent for one interface, named as the platform names it.
type Interface struct {
	Name        string        `yaml:"name" json:"name"`
	Description string        `yaml:"description" json:"description,omitempty"`
	Enabled     *bool         `yaml:"enabled" json:"enabled,omitempty"`
	MTU         int           `yaml:"mtu" json:"mtu,omitempty"`
	Switchport  *Switchport   `yaml:"switchport" json:"switchport,omitempty"`
	IPv4        []string      `yaml:"ipv4" json:"ipv4,omitempty"`
	PortChannel *ChannelGroup `yaml:"channel_group" json:"channel_group,omitempty"`
	ACLIn       string        `yaml:"acl_in" json:"acl_in,omitempty"`
	ACLOut      string        `yaml:"acl_out" json:"acl_out,omitempty"`
	// Speed is "auto" or a speed in Mb/s ("10", "100", "1000", "10000",
	// ...); empty is not managed.
	Speed string `yaml:"speed" json:"speed,omitempty"`
	// Duplex is "auto", "full" or "half"; empty is not managed.
	Duplex string `yaml:"duplex" json:"duplex,omitempty"`
	// IPv6 are IPv6 addresses with prefix length (routed interfaces and SVIs).
	IPv6 []string `yaml:"ipv6" json:"ipv6,omitempty"`
	// HelperAddresses are the DHCP relay targets (ip helper-address).
	HelperAddresses []string `yaml:"helper_addresses" json:"helper_addresses,omitempty"`
	// VRF makes the interface a member of a declared VRF; its addresses
	// are configured in that VRF.
	VRF string `yaml:"vrf" json:"vrf,omitempty"`
	// SpanningTree is the per-port spanning-tree intent.
	SpanningTree *PortSpanningTree `yaml:"spanning_tree" json:"spanning_tree,omitempty"`
}

// Switchport is the layer-2 mode of an interface.
type Switchport struct {
	// Mode is "access" or "trunk".
	Mode         string      `yaml:"mode" json:"mode"`
	AccessVLAN   int         `yaml:"access_vlan" json:"access_vlan,omitempty"`
	AllowedVLANs []VLANRange `yaml:"allowed_vlans" json:"allowed_vlans,omitempty"`
	NativeVLAN   int         `yaml:"native_vlan" json:"native_vlan,omitempty"`
	// VoiceVLAN is the VLAN of IP phones on an access port.
	VoiceVLAN int `yaml:"voice_vlan" json:"voice_vlan,omitempty"`
}

// ChannelGroup makes an interface a member of a port-channel.
type ChannelGroup struct {
	ID int `yaml:"id" json:"id"`
	// Mode is the LACP mode: "active", "passive" or "on" (static, no LACP).
	Mode string `yaml:"mode" json:"mode"`
}

// StaticRoute is a static route in a VRF ("default" when empty).
type StaticRoute struct {
	VRF      string    `yaml:"vrf" json:"vrf,omitempty"`
	Prefix   string    `yaml:"prefix" json:"prefix"`
	NextHops []NextHop `yaml:"next_hops" key:"address" json:"next_hops"`
}

// NextHop is one next hop of a static route.
type NextHop struct {
	Address string `yaml:"address" json:"address"`
	// Distance is the administrative distance; 0 means the platform default.
	Distance int `yaml:"distance" json:"distance,omitempty"`
}

// ACL is an ordered IPv4 access list.
type ACL struct {
	Name    string     `yaml:"name" json:"name"`
	Entries []ACLEntry `yaml:"entries" key:"seq" json:"entries"`
}

// ACLEntry is one rule of an ACL. Source and Destination are "any", a host
// address or a CIDR prefix; SourceGroup and DestinationGroup name network
// object-groups instead. Ports are "N" or "N-M" and need tcp or udp.
type ACLEntry struct {
	Seq              int    `yaml:"seq" json:"seq"`
	Action           string `yaml:"action" json:"action"`
	Protocol         string `yaml:"protocol" json:"protocol,omitempty"`
	Source           string `yaml:"source" json:"source,omitempty"`
	SourceGroup      string `yaml:"source_group" json:"source_group,omitempty"`
	SourcePort       string `yaml:"source_port" json:"source_port,omitempty"`
	Destination      string `yaml:"destination" json:"destination,omitempty"`
	DestinationGroup string `yaml:"destination_group" json:"destination_group,omitempty"`
	DestinationPort  string `yaml:"destination_port" json:"destination_port,omitempty"`
	Log              bool   `yaml:"log" json:"log,omitempty"`
	Remark           string `yaml:"remark" json:"remark,omitempty"`
}

// ObjectGroup is a named set of networks or services that ACL entries refer
// to. A network group has Hosts, Prefixes and nested Groups; a service group
// has Services.
type ObjectGroup struct {
	Name     string    `yaml:"name" json:"name"`
	Type     string    `yaml:"type" json:"type"`
	Hosts    []string  `yaml:"hosts" json:"hosts,omitempty"`
	Prefixes []string  `yaml:"prefixes" json:"prefixes,omitempty"`
	Groups   []string  `yaml:"groups" json:"groups,omitempty"`
	Services []Service `yaml:"services" key:"protocol,ports" json:"services,omitempty"`
}

// Service is a protocol and port (range) in a service object-group.
type Service struct {
	Protocol string `yaml:"protocol" json:"protocol"`
	Ports    string `yaml:"ports" json:"ports,omitempty"`
}

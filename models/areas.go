package models

// SNMP is the SNMP agent intent. Community strings and SNMPv3 keys are
// secrets: the intent holds references, never values.
type SNMP struct {
	Location string `yaml:"location" json:"location,omitempty"`
	Contact  string `yaml:"contact" json:"contact,omitempty"`
	// Communities are the SNMPv2c communities.
	Communities []SNMPCommunity `yaml:"communities" key:"name" json:"communities,omitempty"`
	// Users are the SNMPv3 users.
	Users []SNMPUser `yaml:"users" key:"name" json:"users,omitempty"`
	// Hosts are the trap receivers.
	Hosts []SNMPHost `yaml:"hosts" key:"address" json:"hosts,omitempty"`
}

// SNMPCommunity is one SNMPv2c community. Name identifies the entry in
// the intent and in plans (the community string itself is a secret, read
// from Secret at push time).
type SNMPCommunity struct {
	Name   string     `yaml:"name" json:"name"`
	Secret *SecretRef `yaml:"secret" json:"secret,omitempty"`
	// Access is "ro" (default) or "rw".
	Access string `yaml:"access" json:"access,omitempty"`
	// ACL names a declared standard or extended ACL that limits who may
	// use the community.
	ACL string `yaml:"acl" json:"acl,omitempty"`
}

// SNMPUser is one SNMPv3 user with its authentication and privacy keys
// (references).
type SNMPUser struct {
	Name string `yaml:"name" json:"name"`
	// Group is the SNMP group (IOS) or role (NX-OS) of the user.
	Group string `yaml:"group" json:"group,omitempty"`
	// AuthProtocol is "sha" (default) or "md5".
	AuthProtocol string     `yaml:"auth_protocol" json:"auth_protocol,omitempty"`
	Auth         *SecretRef `yaml:"auth" json:"auth,omitempty"`
	// PrivProtocol is "aes128" (default) or "des"; needs Auth.
	PrivProtocol string     `yaml:"priv_protocol" json:"priv_protocol,omitempty"`
	Priv         *SecretRef `yaml:"priv" json:"priv,omitempty"`
}

// SNMPHost is one trap receiver: version "2c" with a declared community,
// or version "3" with a declared user.
type SNMPHost struct {
	Address   string `yaml:"address" json:"address"`
	Version   string `yaml:"version" json:"version,omitempty"`
	Community string `yaml:"community" json:"community,omitempty"`
	User      string `yaml:"user" json:"user,omitempty"`
}

// SpanningTree is the device-wide spanning-tree intent.
type SpanningTree struct {
	// Mode is "rapid-pvst" or "mst".
	Mode string `yaml:"mode" json:"mode,omitempty"`
	// Priorities are per-VLAN bridge priorities (rapid-pvst).
	Priorities []STPPriority `yaml:"priorities" key:"vlan" json:"priorities,omitempty"`
}

// STPPriority is the bridge priority of one VLAN's spanning tree: a
// multiple of 4096 from 0 to 61440.
type STPPriority struct {
	VLAN     int `yaml:"vlan" json:"vlan"`
	Priority int `yaml:"priority" json:"priority"`
}

// PortSpanningTree is the spanning-tree intent of one port.
type PortSpanningTree struct {
	// PortFast makes the port an edge port (IOS portfast, NX-OS "port type
	// edge", OpenConfig edge-port); on a trunk it is "portfast trunk".
	PortFast bool `yaml:"portfast" json:"portfast,omitempty"`
	// BPDUGuard err-disables the port when it receives a BPDU.
	BPDUGuard bool `yaml:"bpduguard" json:"bpduguard,omitempty"`
}

// VRF is a layer-3 VRF (VRF-lite). Interfaces join it with their vrf key;
// static routes name it in theirs.
type VRF struct {
	Name        string `yaml:"name" json:"name"`
	RD          string `yaml:"rd" json:"rd,omitempty"`
	Description string `yaml:"description" json:"description,omitempty"`
}

// Lines is the intent for terminal lines.
type Lines struct {
	VTY     *Line `yaml:"vty" json:"vty,omitempty"`
	Console *Line `yaml:"console" json:"console,omitempty"`
}

// Line is the access intent of one kind of terminal line.
type Line struct {
	// AccessClass names a declared ACL that filters inbound sessions.
	AccessClass string `yaml:"access_class" json:"access_class,omitempty"`
	// TransportInput are the protocols accepted: ssh, telnet, or none.
	TransportInput []string `yaml:"transport_input" json:"transport_input,omitempty"`
	// ExecTimeout is the idle timeout in minutes; 0 never times out.
	ExecTimeout *int `yaml:"exec_timeout" json:"exec_timeout,omitempty"`
	// Login is "local" (the local user database) or the name of a login
	// method list declared in aaa.login.
	Login string `yaml:"login" json:"login,omitempty"`
}

// Logging is the local logging intent (remote hosts are Syslog).
type Logging struct {
	Buffered *LoggingBuffer `yaml:"buffered" json:"buffered,omitempty"`
	// ConsoleSeverity is the lowest severity shown on the console.
	ConsoleSeverity string `yaml:"console_severity" json:"console_severity,omitempty"`
	// SourceInterface is the interface syslog messages are sent from.
	SourceInterface string `yaml:"source_interface" json:"source_interface,omitempty"`
}

// LoggingBuffer is the in-memory log buffer.
type LoggingBuffer struct {
	// Size is in bytes; 0 keeps the platform default.
	Size int `yaml:"size" json:"size,omitempty"`
	// Severity is the lowest severity kept; empty keeps the default.
	Severity string `yaml:"severity" json:"severity,omitempty"`
}

// Enumerations of the areas.
var (
	// SNMPAccess are the access modes of a community.
	SNMPAccess = []string{"ro", "rw"}
	// SNMPAuthProtocols are the SNMPv3 authentication protocols.
	SNMPAuthProtocols = []string{"md5", "sha"}
	// SNMPPrivProtocols are the SNMPv3 privacy protocols.
	SNMPPrivProtocols = []string{"aes128", "des"}
	// SNMPVersions are the trap host versions.
	SNMPVersions = []string{"2c", "3"}
	// STPModes are the spanning-tree modes.
	STPModes = []string{"mst", "rapid-pvst"}
	// Speeds are the interface speeds in Mb/s, or auto.
	Speeds = []string{"auto", "10", "100", "1000", "2500", "5000", "10000", "25000", "40000", "100000"}
	// Duplexes are the interface duplex modes.
	Duplexes = []string{"auto", "full", "half"}
	// TransportInputs are the protocols a line accepts.
	TransportInputs = []string{"none", "ssh", "telnet"}
)

package models

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

const edKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ4mJ2sA1v1z0DqKoZkA7fWnnZKVq3Hn4o7Zy8xv1Zyk ops@campus"

func fe(path, msg string) []FieldError { return []FieldError{{Path: path, Message: msg}} }

func TestConfigValidate(t *testing.T) {
	gi1 := Interface{Name: "GigabitEthernet1/0/1"}
	trunk := Interface{Name: "GigabitEthernet1/0/48", Switchport: &Switchport{Mode: "trunk"}}
	acl := func(e ...ACLEntry) []ACL { return []ACL{{Name: "A", Entries: e}} }
	permit := ACLEntry{Seq: 10, Action: "permit", Protocol: "ip", Source: "any", Destination: "10.0.0.0/8"}
	netGroup := func(name string, groups ...string) ObjectGroup {
		return ObjectGroup{Name: name, Type: "network", Hosts: []string{"10.0.0.1"}, Groups: groups}
	}
	with := func(e ACLEntry, f func(*ACLEntry)) ACLEntry { f(&e); return e }
	tests := []struct {
		name string
		cfg  Config
		want []FieldError
	}{
		{"empty config is valid", Config{}, nil},
		{"a full valid config", Config{
			Hostname: "sw1", DomainName: "example.net",
			NTP:    &NTP{Servers: []NTPServer{{Address: "192.0.2.1"}, {Address: "ntp.example.net"}}, SourceInterface: "Loopback0"},
			DNS:    &DNS{Servers: []string{"192.0.2.53", "2001:db8::53"}},
			Syslog: &Syslog{Hosts: []SyslogHost{{Address: "192.0.2.5", Severity: "warning"}}},
			Users:  []User{{Name: "ops", Role: "network-admin", Privilege: 15, SSHKeys: []string{edKey}, Password: &SecretRef{Env: "PW"}}},
			AAA:    &AAA{ServerGroups: []ServerGroup{{Name: "TAC", Type: "tacacs", Servers: []AAAServer{{Address: "192.0.2.49", Port: 49}}}}},
			VLANs:  []VLAN{{ID: 1}, {ID: 20, Name: "USERS", Members: []string{"GigabitEthernet1/0/1", "GigabitEthernet1/0/48"}}, {ID: 30, Members: []string{"GigabitEthernet1/0/48"}}},
			Interfaces: []Interface{
				{Name: "Loopback0", IPv4: []string{"10.255.0.1/32"}, ACLIn: "A"},
				{Name: "GigabitEthernet1/0/1", MTU: 9216, Switchport: &Switchport{Mode: "access", AccessVLAN: 20}},
				{Name: "GigabitEthernet1/0/48", Switchport: &Switchport{Mode: "trunk", AllowedVLANs: []VLANRange{{1, 4094}}, NativeVLAN: 1}},
				{Name: "GigabitEthernet1/0/2", PortChannel: &ChannelGroup{ID: 1, Mode: "on"}},
			},
			StaticRoutes: []StaticRoute{{VRF: "MGMT", Prefix: "0.0.0.0/0", NextHops: []NextHop{{Address: "192.0.2.1", Distance: 5}}}},
			ACLs:         acl(ACLEntry{Seq: 5, Remark: "x"}, permit, ACLEntry{Seq: 20, Action: "permit", Protocol: "tcp", SourceGroup: "NET", DestinationPort: "1024-65535"}),
			ObjectGroups: []ObjectGroup{netGroup("NET", "INNER"), {Name: "INNER", Type: "network", Prefixes: []string{"10.0.0.0/8"}},
				{Name: "WEB", Type: "service", Services: []Service{{Protocol: "tcp", Ports: "443"}, {Protocol: "icmp"}}}},
		}, nil},
		{"hostname", Config{Hostname: "-sw1"}, fe("hostname", `"-sw1" is not a valid hostname (letters, digits and '-', at most 63, no leading or trailing '-')`)},
		{"domain name ending in a number", Config{DomainName: "10.0.0.1"}, fe("domain_name", `"10.0.0.1" is not a valid domain name`)},
		{"ntp server address", Config{NTP: &NTP{Servers: []NTPServer{{Address: "ntp..x"}}}}, fe("ntp.servers[0].address", `"ntp..x" is not an IP address or host name`)},
		{"ntp server address required", Config{NTP: &NTP{Servers: []NTPServer{{}}}}, fe("ntp.servers[0].address", "address is required")},
		{"ntp source interface", Config{NTP: &NTP{SourceInterface: "Loopback0"}}, fe("ntp.source_interface", `interface "Loopback0" is not declared in interfaces`)},
		{"dns server", Config{DNS: &DNS{Servers: []string{"dns.example.net"}}}, fe("dns.servers[0]", `"dns.example.net" is not an IP address`)},
		{"syslog severity", Config{Syslog: &Syslog{Hosts: []SyslogHost{{Address: "192.0.2.1", Severity: "info"}}}},
			fe("syslog.hosts[0].severity", `severity "info" is not one of emergency, alert, critical, error, warning, notice, informational, debug`)},
		{"user name required", Config{Users: []User{{Role: "read-only"}}}, fe("users[0].name", "name is required")},
		{"user name", Config{Users: []User{{Name: "a b"}}}, fe("users[0].name", `"a b" is not a valid user name`)},
		{"user role", Config{Users: []User{{Name: "a", Role: "admin"}}}, fe("users[0].role", `role "admin" is not one of network-admin, network-operator, read-only`)},
		{"user privilege", Config{Users: []User{{Name: "a", Privilege: 16}}}, fe("users[0].privilege", "privilege 16 is out of range 0-15")},
		{"user ssh key", Config{Users: []User{{Name: "a", SSHKeys: []string{edKey, "ssh-rsa AAAA"}}}}, fe("users[0].ssh_keys[1]", "not an SSH public key in authorized_keys format (ssh: no key found; last parsing error for ignored line: ssh: short read)")},
		{"server group type", Config{AAA: &AAA{ServerGroups: []ServerGroup{{Name: "T", Type: "ldap"}}}}, fe("aaa.server_groups[0].type", `type "ldap" is not one of radius, tacacs`)},
		{"server group type required", Config{AAA: &AAA{ServerGroups: []ServerGroup{{Name: "T"}}}}, fe("aaa.server_groups[0].type", "type is required")},
		{"aaa server address and port", Config{AAA: &AAA{ServerGroups: []ServerGroup{{Name: "T", Type: "radius", Servers: []AAAServer{{Address: "radius", Port: 70000}}}}}}, []FieldError{
			{"aaa.server_groups[0].servers[0].address", `"radius" is not an IP address`},
			{"aaa.server_groups[0].servers[0].port", "port 70000 is out of range 1-65535 (0 for the default)"},
		}},
		{"vlan id 5000", Config{VLANs: []VLAN{{ID: 5000}}}, fe("vlans[0].id", "VLAN id 5000 is out of range 1-4094")},
		{"vlan name with a space", Config{VLANs: []VLAN{{ID: 2, Name: "MY USERS"}}}, fe("vlans[0].name", `VLAN name "MY USERS" must be at most 32 characters without spaces or quotes`)},
		{"vlan member not declared", Config{VLANs: []VLAN{{ID: 2, Members: []string{"Gi9"}}}}, fe("vlans[0].members[0]", `interface "Gi9" is not declared in interfaces`)},
		{"access port in two vlans", Config{Interfaces: []Interface{gi1, trunk}, VLANs: []VLAN{
			{ID: 10, Members: []string{"GigabitEthernet1/0/1", "GigabitEthernet1/0/48"}},
			{ID: 20, Members: []string{"GigabitEthernet1/0/48", "GigabitEthernet1/0/1"}}}},
			fe("vlans[1].members[1]", `access port "GigabitEthernet1/0/1" is already a member of VLAN 10`)},
		{"vlan member with another access vlan", Config{
			Interfaces: []Interface{{Name: "Gi1", Switchport: &Switchport{Mode: "access", AccessVLAN: 10}}},
			VLANs:      []VLAN{{ID: 20, Members: []string{"Gi1"}}}},
			fe("vlans[0].members[0]", `interface "Gi1" has access_vlan 10 but is listed as a member of VLAN 20`)},
		{"routed vlan member", Config{Interfaces: []Interface{{Name: "Gi1", IPv4: []string{"10.0.0.1/24"}}}, VLANs: []VLAN{{ID: 20, Members: []string{"Gi1"}}}},
			fe("vlans[0].members[0]", `interface "Gi1" is routed (has ipv4 addresses) and cannot be a VLAN member`)},
		{"interface name", Config{Interfaces: []Interface{{Name: "eth"}}}, fe("interfaces[0].name", `"eth" is not an interface name (like GigabitEthernet1/0/1 or Port-channel10)`)},
		{"mtu", Config{Interfaces: []Interface{{Name: "Gi1", MTU: 10000}}}, fe("interfaces[0].mtu", "MTU 10000 is out of range 64-9216")},
		{"switchport and ipv4", Config{Interfaces: []Interface{{Name: "Gi1", Switchport: &Switchport{Mode: "access"}, IPv4: []string{"10.0.0.1/24"}}}},
			fe("interfaces[0].ipv4", "an interface cannot have both switchport and ipv4 addresses")},
		{"ipv6 in ipv4", Config{Interfaces: []Interface{{Name: "Gi1", IPv4: []string{"2001:db8::1/64", "10.0.0.1"}}}}, []FieldError{
			{"interfaces[0].ipv4[0]", `"2001:db8::1/64" is not an IPv4 address with prefix length (like 10.0.0.1/24)`},
			{"interfaces[0].ipv4[1]", `"10.0.0.1" is not an IPv4 address with prefix length (like 10.0.0.1/24)`},
		}},
		{"channel group", Config{Interfaces: []Interface{{Name: "Gi1", PortChannel: &ChannelGroup{ID: 5000, Mode: "desirable"}}}}, []FieldError{
			{"interfaces[0].channel_group.id", "port-channel id 5000 is out of range 1-4096"},
			{"interfaces[0].channel_group.mode", `mode "desirable" is not one of active, passive, on`},
		}},
		{"acl in and out not declared, in field order", Config{Interfaces: []Interface{{Name: "Gi1", ACLIn: "IN", ACLOut: "OUT"}}}, []FieldError{
			{"interfaces[0].acl_in", `ACL "IN" is not declared in acls`},
			{"interfaces[0].acl_out", `ACL "OUT" is not declared in acls`},
		}},
		{"switchport mode required", Config{Interfaces: []Interface{{Name: "Gi1", Switchport: &Switchport{}}}}, fe("interfaces[0].switchport.mode", "mode is required")},
		{"access port with trunk settings", Config{Interfaces: []Interface{{Name: "Gi1", Switchport: &Switchport{Mode: "access", NativeVLAN: 4095}}}}, []FieldError{
			{"interfaces[0].switchport.native_vlan", "VLAN id 4095 is out of range 1-4094"},
			{"interfaces[0].switchport", "native_vlan and allowed_vlans need mode trunk"},
		}},
		{"trunk with access vlan and bad range", Config{Interfaces: []Interface{{Name: "Gi1", Switchport: &Switchport{Mode: "trunk", AccessVLAN: 10, AllowedVLANs: []VLANRange{{0, 10}}}}}}, []FieldError{
			{"interfaces[0].switchport.allowed_vlans[0]", "VLAN range 0-10 is out of range 1-4094"},
			{"interfaces[0].switchport.access_vlan", "access_vlan needs mode access"},
		}},
		{"route with host bits and no next hop", Config{StaticRoutes: []StaticRoute{{VRF: "a b", Prefix: "10.0.0.1/8"}}}, []FieldError{
			{"static_routes[0].prefix", `"10.0.0.1/8" has host bits set; did you mean 10.0.0.0/8?`},
			{"static_routes[0].vrf", `"a b" is not a valid VRF name`},
			{"static_routes[0].next_hops", "a static route needs at least one next hop"},
		}},
		{"route next hop", Config{StaticRoutes: []StaticRoute{{Prefix: "default", NextHops: []NextHop{{Address: "gw", Distance: 256}}}}}, []FieldError{
			{"static_routes[0].prefix", `"default" is not a prefix (like 10.0.0.0/8)`},
			{"static_routes[0].next_hops[0].address", `"gw" is not an IP address`},
			{"static_routes[0].next_hops[0].distance", "distance 256 is out of range 1-255 (0 for the platform default)"},
		}},
		{"acl without entries", Config{ACLs: []ACL{{Name: "A"}}}, fe("acls[0].entries", "an ACL needs at least one entry")},
		{"acl entry seq and action", Config{ACLs: acl(ACLEntry{Seq: 0, Action: "allow"})}, []FieldError{
			{"acls[0].entries[0].seq", "sequence number 0 must be positive"},
			{"acls[0].entries[0].action", `action "allow" is not one of deny, permit`},
		}},
		{"acl entry address and group both", Config{ACLs: acl(with(permit, func(e *ACLEntry) { e.SourceGroup = "G" }))},
			fe("acls[0].entries[0].source_group", "set either source or source_group, not both")},
		{"acl entry undeclared object group", Config{ACLs: acl(with(permit, func(e *ACLEntry) { e.Destination, e.DestinationGroup = "", "MGMT" }))},
			fe("acls[0].entries[0].destination_group", `object-group "MGMT" is not declared in object_groups`)},
		{"acl entry address with host bits", Config{ACLs: acl(with(permit, func(e *ACLEntry) { e.Source = "10.0.0.1/8" }))},
			fe("acls[0].entries[0].source", `"10.0.0.1/8" is not any, an IPv4 address or an IPv4 prefix`)},
		{"acl entry ports, in field order", Config{ACLs: acl(with(permit, func(e *ACLEntry) { e.SourcePort, e.DestinationPort = "70000", "22" }))}, []FieldError{
			{"acls[0].entries[0].source_port", `"70000" is not a port or port range (like 443 or 1024-65535)`},
			{"acls[0].entries[0].source_port", "ports need protocol tcp or udp"},
			{"acls[0].entries[0].destination_port", "ports need protocol tcp or udp"},
		}},
		{"object group type", Config{ObjectGroups: []ObjectGroup{{Name: "G", Type: "host"}}}, fe("object_groups[0].type", `type "host" is not one of network, service`)},
		{"service group with hosts", Config{ObjectGroups: []ObjectGroup{{Name: "G", Type: "service", Hosts: []string{"10.0.0.1"}}}},
			fe("object_groups[0]", "a service object-group has services, not hosts, prefixes or groups")},
		{"network group with services and bad members", Config{ObjectGroups: []ObjectGroup{{Name: "G", Type: "network",
			Services: []Service{{Protocol: "tcp"}}, Hosts: []string{"10.0.0.0/8"}, Prefixes: []string{"10.0.0.1"}}}}, []FieldError{
			{"object_groups[0].services", "a network object-group has hosts, prefixes or groups, not services"},
			{"object_groups[0].hosts[0]", `"10.0.0.0/8" is not an IPv4 address`},
			{"object_groups[0].prefixes[0]", `"10.0.0.1" is not an IPv4 prefix without host bits (like 10.0.0.0/8)`},
		}},
		{"object group nesting cycle", Config{ObjectGroups: []ObjectGroup{netGroup("A", "B"), netGroup("B", "A"), netGroup("C", "X")}}, []FieldError{
			{"object_groups[0].groups[0]", `nesting object-group "B" in "A" makes a cycle`},
			{"object_groups[1].groups[0]", `nesting object-group "A" in "B" makes a cycle`},
			{"object_groups[2].groups[0]", `object-group "X" is not declared in object_groups`},
		}},
		{"service ports need tcp or udp", Config{ObjectGroups: []ObjectGroup{{Name: "S", Type: "service", Services: []Service{{Protocol: "icmp", Ports: "1"}, {Protocol: "gre"}}}}}, []FieldError{
			{"object_groups[0].services[0].ports", `"1" must be a port or range (like 443 or 1024-65535) with protocol tcp or udp`},
			{"object_groups[0].services[1].protocol", `protocol "gre" is not one of icmp, ip, tcp, udp`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.cfg.Validate()); diff != "" {
				t.Errorf("Validate() (-want +got):\n%s", diff)
			}
		})
	}
}

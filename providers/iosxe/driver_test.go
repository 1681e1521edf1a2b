package iosxe_test

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/iosxe"
	"github.com/switchyard/switchyard/providers/providertest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

func boolp(b bool) *bool { return &b }

// rich uses every feature IOS-XE supports.
func rich() *models.Device {
	key := &models.SecretRef{Env: "TACACS_KEY"}
	return &models.Device{
		Name: "xe-rich-1", Platform: "iosxe",
		Authoritative: []string{"users", "vlans.members"},
		Config: models.Config{
			Hostname: "xe-rich-1", DomainName: "campus.example.net",
			Banners: &models.Banners{Login: "Authorised access only.", MOTD: "Maintenance Sunday 02:00."},
			NTP: &models.NTP{
				Servers:         []models.NTPServer{{Address: "10.10.0.123", Prefer: true}, {Address: "10.20.0.123"}},
				SourceInterface: "Loopback0",
			},
			DNS:    &models.DNS{Servers: []string{"10.10.0.53", "10.20.0.53"}},
			Syslog: &models.Syslog{Hosts: []models.SyslogHost{{Address: "10.10.0.5"}, {Address: "10.10.0.6", Severity: "warning"}}},
			Users: []models.User{
				{Name: "netops", Role: "network-admin", Privilege: 15, Password: &models.SecretRef{Env: "NETOPS_PW"},
					SSHKeys: []string{"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ4mJ2sA1v1z0DqKoZkA7fWnnZKVq3Hn4o7Zy8xv1Zyk netops@campus"}},
				{Name: "auditor", Role: "read-only", Privilege: 1},
			},
			AAA: &models.AAA{ServerGroups: []models.ServerGroup{
				{Name: "CAMPUS-TACACS", Type: "tacacs", Servers: []models.AAAServer{{Address: "10.10.0.49", Port: 49, Key: key}}},
				{Name: "CAMPUS-RADIUS", Type: "radius", Servers: []models.AAAServer{{Address: "10.10.0.50", Port: 1812, Key: key}}},
			}},
			VLANs: []models.VLAN{
				{ID: 10, Name: "VOICE", Members: []string{"Gi1/0/3"}},
				{ID: 20, Name: "USERS", Members: []string{"GigabitEthernet1/0/1", "GigabitEthernet1/0/2", "Port-channel20"}},
				{ID: 40, Name: "PRINTERS", Members: []string{"Te1/1/1"}},
			},
			Interfaces: []models.Interface{
				{Name: "Loopback0", IPv4: []string{"10.255.0.11/32"}},
				{Name: "GigabitEthernet1/0/1", Description: "desk 1.01", Enabled: boolp(true)},
				{Name: "GigabitEthernet1/0/2", Description: "desk 1.02", Enabled: boolp(false), ACLIn: "USERS-IN"},
				{Name: "Gi1/0/3", Description: "phone", Switchport: &models.Switchport{Mode: "access", AccessVLAN: 10}},
				{Name: "Gi1/0/47"},
				{Name: "GigabitEthernet1/0/48", Description: "uplink", MTU: 9198,
					Switchport: &models.Switchport{Mode: "trunk", NativeVLAN: 999, AllowedVLANs: []models.VLANRange{{Low: 10, High: 10}, {Low: 30, High: 39}}}},
				{Name: "Te1/1/1", Switchport: &models.Switchport{Mode: "trunk", AllowedVLANs: []models.VLANRange{{Low: 10, High: 30}}}},
				{Name: "Te1/1/2", PortChannel: &models.ChannelGroup{ID: 10, Mode: "active"}},
				{Name: "Te1/1/3", PortChannel: &models.ChannelGroup{ID: 10, Mode: "active"}},
				{Name: "Te1/1/4", PortChannel: &models.ChannelGroup{ID: 20, Mode: "on"}},
				{Name: "Port-channel10", Description: "to dist", Switchport: &models.Switchport{Mode: "trunk", AllowedVLANs: []models.VLANRange{{Low: 10, High: 20}}}},
				{Name: "Port-channel20", Description: "printer switch"},
				{Name: "Vlan20", Description: "users gateway", IPv4: []string{"10.20.0.1/24", "10.21.0.1/24"}, ACLIn: "USERS-IN", ACLOut: "MGMT-IN"},
			},
			StaticRoutes: []models.StaticRoute{
				{Prefix: "0.0.0.0/0", NextHops: []models.NextHop{{Address: "10.20.0.254"}, {Address: "10.20.0.253", Distance: 250}}},
				{VRF: "MGMT", Prefix: "10.99.0.0/24", NextHops: []models.NextHop{{Address: "10.99.255.1", Distance: 5}}},
			},
			ObjectGroups: []models.ObjectGroup{
				{Name: "MGMT-HOSTS", Type: "network", Hosts: []string{"10.10.0.10"}, Prefixes: []string{"10.99.0.0/24"}, Groups: []string{"NOC"}},
				{Name: "NOC", Type: "network", Hosts: []string{"10.10.0.20", "10.10.0.10"}},
				{Name: "WEB", Type: "service", Services: []models.Service{{Protocol: "tcp", Ports: "80"}, {Protocol: "tcp", Ports: "8000-8080"}}},
			},
			ACLs: []models.ACL{
				{Name: "MGMT-IN", Entries: []models.ACLEntry{
					{Seq: 10, Remark: "management stations"},
					{Seq: 20, Action: "permit", Protocol: "tcp", SourceGroup: "MGMT-HOSTS", Destination: "any", DestinationPort: "22"},
					{Seq: 40, Action: "deny", Protocol: "ip", Source: "any", Destination: "any", Log: true},
					{Seq: 30, Action: "permit", Protocol: "udp", Source: "10.10.0.10", DestinationGroup: "MGMT-HOSTS", SourcePort: "1024-65535", DestinationPort: "161", Remark: "snmp"},
				}},
				{Name: "USERS-IN", Entries: []models.ACLEntry{
					{Seq: 10, Action: "permit", Protocol: "icmp", Source: "10.20.0.0/24", Destination: "any"},
					{Seq: 20, Action: "permit", Protocol: "ip", Source: "any", Destination: "any"},
				}},
			},
		},
	}
}

func TestConformance(t *testing.T) {
	providertest.Run(t, iosxe.New())
}

func TestRenderGolden(t *testing.T) {
	p := iosxe.New()
	t.Run("rich", func(t *testing.T) {
		d := rich()
		if errs := d.Config.Validate(); errs != nil {
			t.Fatalf("rich intent is invalid: %v", errs)
		}
		providertest.GoldenJSON(t, p, d, "rich.json")
	})
	for _, d := range providertest.Campus(t, "iosxe") {
		t.Run(d.Name, func(t *testing.T) { providertest.GoldenJSON(t, p, d, d.Name+".json") })
	}
}

func TestRenderSecretsAndMetadata(t *testing.T) {
	d := rich()
	got, err := iosxe.New().Render(d)
	if err != nil {
		t.Fatal(err)
	}
	want := []providers.SecretBinding{
		{Path: "/system/aaa/authentication/users/user[username=netops]/config/password", Ref: models.SecretRef{Env: "NETOPS_PW"}},
		{Path: "/system/aaa/server-groups/server-group[name=CAMPUS-TACACS]/servers/server[address=10.10.0.49]/tacacs/config/secret-key", Ref: models.SecretRef{Env: "TACACS_KEY"}},
		{Path: "/system/aaa/server-groups/server-group[name=CAMPUS-RADIUS]/servers/server[address=10.10.0.50]/radius/config/secret-key", Ref: models.SecretRef{Env: "TACACS_KEY"}},
	}
	if diff := cmp.Diff(want, got.Secrets); diff != "" {
		t.Errorf("Secrets (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(d.Authoritative, got.Authoritative); diff != "" {
		t.Errorf("Authoritative (-want +got):\n%s", diff)
	}
	if u := got.Tree.GetSystem().GetAaa().GetAuthentication().GetUser("netops"); u.Password != nil || u.PasswordHashed != nil {
		t.Error("the password is in the tree")
	}
}

func TestInterfaceNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Gi1/0/1", "GigabitEthernet1/0/1"},
		{"gig1/0/1", "GigabitEthernet1/0/1"},
		{"GIGABITETHERNET1/0/1", "GigabitEthernet1/0/1"},
		{"Te1/1/1", "TenGigabitEthernet1/1/1"},
		{"Tw1/0/1", "TwoGigabitEthernet1/0/1"},
		{"Twe1/0/1", "TwentyFiveGigE1/0/1"},
		{"Fo1/1/1", "FortyGigabitEthernet1/1/1"},
		{"Hu1/0/49", "HundredGigE1/0/49"},
		{"Fa0/1", "FastEthernet0/1"},
		{"Po10", "Port-channel10"},
		{"port-channel10", "Port-channel10"},
		{"Lo0", "Loopback0"},
		{"Vl20", "Vlan20"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			d := &models.Device{Name: "n", Platform: "iosxe", Config: models.Config{Interfaces: []models.Interface{{Name: tc.in}}}}
			got, err := iosxe.New().Render(d)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for n := range got.Tree.Interface {
				names = append(names, n)
			}
			if diff := cmp.Diff([]string{tc.want}, names); diff != "" {
				t.Errorf("interfaces (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRenderUnsupported(t *testing.T) {
	tests := []struct {
		name    string
		config  models.Config
		feature string
		path    string
	}{{
		name:    "unknown interface kind",
		config:  models.Config{Interfaces: []models.Interface{{Name: "Serial0/0/0"}}},
		feature: providers.FeatureInterfaces, path: "interfaces[0].name",
	}, {
		name:    "subinterface",
		config:  models.Config{Interfaces: []models.Interface{{Name: "Gi0/0/0.100"}}},
		feature: providers.FeatureInterfaces, path: "interfaces[0].name",
	}, {
		name: "two ssh keys",
		config: models.Config{Users: []models.User{{Name: "a", Role: "network-admin", SSHKeys: []string{
			"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ4mJ2sA1v1z0DqKoZkA7fWnnZKVq3Hn4o7Zy8xv1Zyk a@b",
			"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ4mJ2sA1v1z0DqKoZkA7fWnnZKVq3Hn4o7Zy8xv1Zyk c@d",
		}}}},
		feature: providers.FeatureUsers, path: "users[0].ssh_keys",
	}, {
		name:    "privilege 7",
		config:  models.Config{Users: []models.User{{Name: "a", Role: "network-operator", Privilege: 7}}},
		feature: providers.FeatureUsers, path: "users[0].privilege",
	}, {
		name:    "privilege 15 without admin role",
		config:  models.Config{Users: []models.User{{Name: "b"}, {Name: "a", Privilege: 15}}},
		feature: providers.FeatureUsers, path: "users[1].privilege",
	}, {
		name: "ntp source interface without ipv4",
		config: models.Config{
			NTP:        &models.NTP{Servers: []models.NTPServer{{Address: "192.0.2.1"}}, SourceInterface: "Loopback0"},
			Interfaces: []models.Interface{{Name: "Loopback0"}},
		},
		feature: providers.FeatureNTP, path: "ntp.source_interface",
	}, {
		name: "lacp modes disagree",
		config: models.Config{Interfaces: []models.Interface{
			{Name: "Gi1/0/1", PortChannel: &models.ChannelGroup{ID: 1, Mode: "active"}},
			{Name: "Gi1/0/2", PortChannel: &models.ChannelGroup{ID: 1, Mode: "passive"}},
		}},
		feature: providers.FeaturePortChannels, path: "interfaces[1].channel_group.mode",
	}, {
		name: "switchport on a channel member",
		config: models.Config{Interfaces: []models.Interface{
			{Name: "Gi1/0/1", PortChannel: &models.ChannelGroup{ID: 1, Mode: "on"}, Switchport: &models.Switchport{Mode: "access"}},
		}},
		feature: providers.FeatureSwitchport, path: "interfaces[0].switchport",
	}, {
		name:    "switchport on a loopback",
		config:  models.Config{Interfaces: []models.Interface{{Name: "Loopback1", Switchport: &models.Switchport{Mode: "access"}}}},
		feature: providers.FeatureSwitchport, path: "interfaces[0].switchport",
	}, {
		name: "trailing acl remark",
		config: models.Config{ACLs: []models.ACL{{Name: "A", Entries: []models.ACLEntry{
			{Seq: 10, Action: "permit", Protocol: "ip", Source: "any", Destination: "any"},
			{Seq: 20, Remark: "nothing follows"},
		}}}},
		feature: providers.FeatureACLs, path: "acls[0].entries[1]",
	}, {
		name: "service group mixing protocols",
		config: models.Config{ObjectGroups: []models.ObjectGroup{{Name: "S", Type: "service", Services: []models.Service{
			{Protocol: "tcp", Ports: "53"}, {Protocol: "udp", Ports: "53"},
		}}}},
		feature: providers.FeatureObjectGroups, path: "object_groups[0].services[1]",
	}, {
		name:    "service group without ports",
		config:  models.Config{ObjectGroups: []models.ObjectGroup{{Name: "S", Type: "service", Services: []models.Service{{Protocol: "icmp"}}}}},
		feature: providers.FeatureObjectGroups, path: "object_groups[0].services[0]",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &models.Device{Name: "u-1", Platform: "iosxe", Config: tc.config}
			if errs := d.Config.Validate(); errs != nil {
				t.Fatalf("test intent is invalid: %v", errs)
			}
			_, err := iosxe.New().Render(d)
			var u *providers.UnsupportedError
			if !errors.As(err, &u) {
				t.Fatalf("Render error = %v, want an UnsupportedError", err)
			}
			got := providertest.Unsupported(err)
			want := &providers.UnsupportedError{Feature: tc.feature, Platform: "iosxe", Path: tc.path}
			if !slices.ContainsFunc(got, func(u *providers.UnsupportedError) bool {
				return u.Feature == want.Feature && u.Platform == want.Platform && u.Path == want.Path && u.Reason != ""
			}) {
				t.Errorf("Render error = %v, want %+v with a reason", err, want)
			}
			if !strings.Contains(err.Error(), "u-1") {
				t.Errorf("error %q does not name the device", err)
			}
		})
	}
}

func TestRenderValidationErrorNamesDevice(t *testing.T) {
	// Intent validation would reject VLAN 5000; YANG validation must too.
	d := &models.Device{Name: "bad-1", Platform: "iosxe", Config: models.Config{VLANs: []models.VLAN{{ID: 5000}}}}
	_, err := iosxe.New().Render(d)
	if err == nil || !strings.Contains(err.Error(), "bad-1") || !strings.Contains(err.Error(), "validation") {
		t.Fatalf("Render = %v, want a YANG validation error naming bad-1", err)
	}
	var u *providers.UnsupportedError
	if errors.As(err, &u) {
		t.Errorf("a validation failure is not an UnsupportedError: %v", err)
	}
}

func TestRegister(t *testing.T) {
	r := providers.NewRegistry()
	if err := iosxe.Register(r); err != nil {
		t.Fatal(err)
	}
	if err := iosxe.Register(r); !errors.Is(err, providers.ErrDuplicate) {
		t.Errorf("second Register = %v, want ErrDuplicate", err)
	}
	if err := r.CheckTransport("iosxe", "gnmi"); err != nil {
		t.Error(err)
	}
}

// large is a realistic access switch: 48 access ports over 20 VLANs, two
// trunk uplinks and a 50-entry ACL.
func large() *models.Device {
	d := &models.Device{Name: "xe-large-1", Platform: "iosxe", Config: models.Config{Hostname: "xe-large-1"}}
	c := &d.Config
	for v := range 20 {
		c.VLANs = append(c.VLANs, models.VLAN{ID: 100 + v, Name: fmt.Sprintf("VLAN%d", 100+v)})
	}
	for i := range 48 {
		name := fmt.Sprintf("GigabitEthernet1/0/%d", i+1)
		c.Interfaces = append(c.Interfaces, models.Interface{Name: name, Description: "desk " + name, ACLIn: "USERS-IN"})
		c.VLANs[i%20].Members = append(c.VLANs[i%20].Members, name)
	}
	for i := range 2 {
		c.Interfaces = append(c.Interfaces, models.Interface{Name: fmt.Sprintf("TenGigabitEthernet1/1/%d", i+1),
			Switchport: &models.Switchport{Mode: "trunk", AllowedVLANs: []models.VLANRange{{Low: 100, High: 119}}}})
	}
	acl := models.ACL{Name: "USERS-IN"}
	for i := range 50 {
		acl.Entries = append(acl.Entries, models.ACLEntry{Seq: 10 * (i + 1), Action: "permit", Protocol: "tcp",
			Source: fmt.Sprintf("10.%d.0.0/16", i), Destination: "any", DestinationPort: fmt.Sprint(8000 + i)})
	}
	c.ACLs = []models.ACL{acl}
	return d
}

func BenchmarkRender(b *testing.B) {
	p, d := iosxe.New(), large()
	if errs := d.Config.Validate(); errs != nil {
		b.Fatal(errs)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Render(d); err != nil {
			b.Fatal(err)
		}
	}
}

package iosxr_test

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/iosxr"
	"github.com/switchyard/switchyard/providers/providertest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

// rich uses every feature IOS-XR supports.
func rich() *models.Device {
	key := &models.SecretRef{Env: "TACACS_KEY"}
	return &models.Device{
		Name: "xr-rich-1", Platform: "iosxr",
		Authoritative: []string{"object_groups.members", "static_routes"},
		Config: models.Config{
			Hostname: "xr-rich-1", DomainName: "campus.example.net",
			Banners: &models.Banners{Login: "Authorised access only.", MOTD: "Core router."},
			NTP:     &models.NTP{Servers: []models.NTPServer{{Address: "10.10.0.123", Prefer: true}, {Address: "10.20.0.123"}}, SourceInterface: "Loopback0"},
			DNS:     &models.DNS{Servers: []string{"10.10.0.53", "10.20.0.53"}},
			Syslog:  &models.Syslog{Hosts: []models.SyslogHost{{Address: "10.10.0.5", Severity: "error"}}},
			Users: []models.User{
				{Name: "netops", Role: "network-admin", Privilege: 15, Password: &models.SecretRef{Env: "NETOPS_PW"}},
				{Name: "auditor", Role: "read-only"},
			},
			AAA: &models.AAA{ServerGroups: []models.ServerGroup{
				{Name: "CORE-TACACS", Type: "tacacs", Servers: []models.AAAServer{{Address: "10.10.0.49", Port: 49, Key: key}}},
			}},
			Interfaces: []models.Interface{
				{Name: "Loopback0", IPv4: []string{"10.255.0.1/32"}},
				{Name: "MgmtEth0/RP0/CPU0/0", IPv4: []string{"192.0.2.11/24"}, ACLIn: "MGMT-IN"},
				{Name: "Gi0/0/0/0", Description: "uplink", MTU: 9000, IPv4: []string{"10.0.1.1/30"}, Enabled: new(true)},
				{Name: "HundredGigE0/0/0/24", PortChannel: &models.ChannelGroup{ID: 100, Mode: "active"}},
				{Name: "Hu0/0/0/25", PortChannel: &models.ChannelGroup{ID: 100, Mode: "active"}},
				{Name: "Bundle-Ether100", Description: "to peer", IPv4: []string{"10.0.2.1/31"}, ACLOut: "MGMT-IN"},
				{Name: "TenGigE0/0/0/1", PortChannel: &models.ChannelGroup{ID: 200, Mode: "on"}},
			},
			StaticRoutes: []models.StaticRoute{
				{Prefix: "0.0.0.0/0", NextHops: []models.NextHop{{Address: "192.0.2.1"}}},
				{VRF: "MGMT", Prefix: "10.99.0.0/24", NextHops: []models.NextHop{{Address: "10.99.255.1", Distance: 5}}},
			},
			ObjectGroups: []models.ObjectGroup{
				{Name: "MGMT-HOSTS", Type: "network", Hosts: []string{"10.10.0.10", "10.20.0.10"}, Prefixes: []string{"10.99.0.0/24"}},
				{Name: "DNS", Type: "service", Services: []models.Service{{Protocol: "udp", Ports: "53"}}},
			},
			ACLs: []models.ACL{{Name: "MGMT-IN", Entries: []models.ACLEntry{
				{Seq: 10, Remark: "management stations"},
				{Seq: 20, Action: "permit", Protocol: "tcp", SourceGroup: "MGMT-HOSTS", Destination: "any", DestinationPort: "22"},
				{Seq: 30, Action: "permit", Protocol: "udp", SourceGroup: "MGMT-HOSTS", Destination: "any", DestinationPort: "161"},
				{Seq: 40, Action: "deny", Protocol: "ip", Source: "any", Destination: "any", Log: true},
			}}},
		},
	}
}

func TestConformance(t *testing.T) {
	providertest.Run(t, iosxr.New())
}

func TestRenderGolden(t *testing.T) {
	p := iosxr.New()
	t.Run("rich", func(t *testing.T) {
		d := rich()
		if errs := d.Config.Validate(); errs != nil {
			t.Fatalf("rich intent is invalid: %v", errs)
		}
		providertest.GoldenJSON(t, p, d, "rich.json")
	})
	for _, d := range providertest.Campus(t, "iosxr") {
		t.Run(d.Name, func(t *testing.T) { providertest.GoldenJSON(t, p, d, d.Name+".json") })
	}
}

func TestInterfaceNames(t *testing.T) {
	tests := map[string]string{
		"Gi0/0/0/0": "GigabitEthernet0/0/0/0", "Te0/0/0/1": "TenGigE0/0/0/1", "TF0/0/0/2": "TwentyFiveGigE0/0/0/2",
		"Fo0/0/0/3": "FortyGigE0/0/0/3", "Hu0/0/0/4": "HundredGigE0/0/0/4", "FH0/0/0/5": "FourHundredGigE0/0/0/5",
		"BE1": "Bundle-Ether1", "bundle-ether2": "Bundle-Ether2", "Lo0": "Loopback0", "Mg0/RP0/CPU0/0": "MgmtEth0/RP0/CPU0/0",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			d := &models.Device{Name: "n", Platform: "iosxr", Config: models.Config{Interfaces: []models.Interface{{Name: in}}}}
			got, err := iosxr.New().Render(d)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{want}, slices.Collect(maps.Keys(got.Tree.Interface))); diff != "" {
				t.Errorf("interfaces (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRenderUnsupported(t *testing.T) {
	tests := []struct {
		name          string
		config        models.Config
		feature, path string
	}{{
		name:    "vlans",
		config:  models.Config{VLANs: []models.VLAN{{ID: 10, Name: "USERS"}}},
		feature: providers.FeatureVLANs, path: "vlans[0]",
	}, {
		name:    "switchport",
		config:  models.Config{Interfaces: []models.Interface{{Name: "Gi0/0/0/0"}, {Name: "Gi0/0/0/1", Switchport: &models.Switchport{Mode: "access", AccessVLAN: 10}}}},
		feature: providers.FeatureSwitchport, path: "interfaces[1].switchport",
	}, {
		name:    "vlan interface",
		config:  models.Config{Interfaces: []models.Interface{{Name: "Vlan10", IPv4: []string{"10.0.0.1/24"}}}},
		feature: providers.FeatureInterfaces, path: "interfaces[0].name",
	}, {
		name:    "role with privilege 15",
		config:  models.Config{Users: []models.User{{Name: "a", Role: "read-only", Privilege: 15}}},
		feature: providers.FeatureUsers, path: "users[0].privilege",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &models.Device{Name: "u-1", Platform: "iosxr", Config: tc.config}
			if errs := d.Config.Validate(); errs != nil {
				t.Fatalf("test intent is invalid: %v", errs)
			}
			_, err := iosxr.New().Render(d)
			var u *providers.UnsupportedError
			if !errors.As(err, &u) {
				t.Fatalf("Render error = %v, want an UnsupportedError", err)
			}
			if !slices.ContainsFunc(providertest.Unsupported(err), func(u *providers.UnsupportedError) bool {
				return u.Feature == tc.feature && u.Platform == "iosxr" && u.Path == tc.path
			}) {
				t.Errorf("Render error = %v, want Feature %s, Path %s", err, tc.feature, tc.path)
			}
			if !strings.Contains(err.Error(), "u-1") {
				t.Errorf("error %q does not name the device", err)
			}
		})
	}
}

func TestRenderValidationErrorNamesDevice(t *testing.T) {
	d := &models.Device{Name: "bad-1", Platform: "iosxr", Config: models.Config{Hostname: "bad host!"}}
	if _, err := iosxr.New().Render(d); err == nil || !strings.Contains(err.Error(), "bad-1") {
		t.Fatalf("Render = %v, want a YANG validation error naming bad-1", err)
	}
}

// large is a realistic aggregation router: 48 routed ports, 20 static
// routes and a 50-entry ACL on every port.
func large() *models.Device {
	d := &models.Device{Name: "xr-large-1", Platform: "iosxr", Config: models.Config{Hostname: "xr-large-1"}}
	c := &d.Config
	for i := range 48 {
		c.Interfaces = append(c.Interfaces, models.Interface{Name: fmt.Sprintf("TenGigE0/0/0/%d", i), Description: "customer",
			IPv4: []string{fmt.Sprintf("10.1.%d.1/30", i)}, ACLIn: "EDGE-IN"})
	}
	for i := range 20 {
		c.StaticRoutes = append(c.StaticRoutes, models.StaticRoute{Prefix: fmt.Sprintf("172.16.%d.0/24", i),
			NextHops: []models.NextHop{{Address: fmt.Sprintf("10.1.%d.2", i)}}})
	}
	acl := models.ACL{Name: "EDGE-IN"}
	for i := range 50 {
		acl.Entries = append(acl.Entries, models.ACLEntry{Seq: 10 * (i + 1), Action: "deny", Protocol: "tcp",
			Source: fmt.Sprintf("10.%d.0.0/16", i), Destination: "any", DestinationPort: fmt.Sprint(7000 + i)})
	}
	c.ACLs = []models.ACL{acl}
	return d
}

func BenchmarkRender(b *testing.B) {
	p, d := iosxr.New(), large()
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

package nxos_test

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
	"github.com/switchyard/switchyard/providers/nxos"
	"github.com/switchyard/switchyard/providers/providertest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

// rich uses every feature NX-OS supports.
func rich() *models.Device {
	key := &models.SecretRef{Env: "TACACS_KEY"}
	return &models.Device{
		Name: "nx-rich-1", Platform: "nxos",
		Authoritative: []string{"vlans.members"},
		Config: models.Config{
			Hostname: "nx-rich-1", DomainName: "campus.example.net",
			Banners: &models.Banners{MOTD: "Distribution switch: change via switchyard only."},
			NTP:     &models.NTP{Servers: []models.NTPServer{{Address: "10.10.0.123", Prefer: true}}, SourceInterface: "loopback0"},
			DNS:     &models.DNS{Servers: []string{"10.10.0.53"}},
			Syslog:  &models.Syslog{Hosts: []models.SyslogHost{{Address: "10.10.0.5", Severity: "notice"}}},
			Users: []models.User{
				{Name: "netops", Role: "network-admin", Password: &models.SecretRef{File: "/run/secrets/netops"}},
				{Name: "noc", Role: "network-operator", Privilege: 1},
			},
			AAA: &models.AAA{ServerGroups: []models.ServerGroup{
				{Name: "CAMPUS-TACACS", Type: "tacacs", Servers: []models.AAAServer{{Address: "10.10.0.49", Port: 49, Key: key}, {Address: "10.20.0.49", Key: key}}},
			}},
			VLANs: []models.VLAN{
				{ID: 10, Name: "VOICE"},
				{ID: 20, Name: "USERS", Members: []string{"Ethernet1/10", "port-channel10"}},
				{ID: 99, Name: "SERVERS", Members: []string{"Ethernet1/10", "Eth1/11"}},
			},
			Interfaces: []models.Interface{
				{Name: "loopback0", IPv4: []string{"10.255.0.2/32"}},
				{Name: "mgmt0", IPv4: []string{"192.0.2.12/24"}, ACLIn: "MGMT-IN"},
				{Name: "Ethernet1/1", Description: "to core", MTU: 9216, IPv4: []string{"10.0.1.2/30"}},
				{Name: "Ethernet1/10", Switchport: &models.Switchport{Mode: "trunk", NativeVLAN: 999, AllowedVLANs: []models.VLANRange{{Low: 10, High: 20}}}},
				{Name: "Eth1/11"},
				{Name: "Ethernet1/47", PortChannel: &models.ChannelGroup{ID: 10, Mode: "passive"}},
				{Name: "Ethernet1/48", PortChannel: &models.ChannelGroup{ID: 10, Mode: "passive"}},
				{Name: "port-channel10", Description: "to ams-acc-1", Switchport: &models.Switchport{Mode: "trunk", AllowedVLANs: []models.VLANRange{{Low: 10, High: 10}, {Low: 30, High: 30}}}},
				{Name: "Vlan20", IPv4: []string{"10.20.0.2/24"}},
			},
			StaticRoutes: []models.StaticRoute{{VRF: "management", Prefix: "0.0.0.0/0", NextHops: []models.NextHop{{Address: "192.0.2.1"}}}},
			ObjectGroups: []models.ObjectGroup{{Name: "MGMT-HOSTS", Type: "network", Hosts: []string{"10.10.0.10"}}},
			ACLs: []models.ACL{{Name: "MGMT-IN", Entries: []models.ACLEntry{
				{Seq: 10, Action: "permit", Protocol: "tcp", SourceGroup: "MGMT-HOSTS", Destination: "any", DestinationPort: "22"},
				{Seq: 20, Action: "deny", Protocol: "ip", Source: "any", Destination: "any", Log: true},
			}}},
		},
	}
}

func TestConformance(t *testing.T) {
	providertest.Run(t, nxos.New())
}

func TestCapabilities(t *testing.T) {
	c := nxos.New().Capabilities()
	want := map[string]string{"netconf": providers.ConfirmNETCONF, "gnmi": providers.ConfirmGNMI, "nxapi": providers.ConfirmCheckpoint}
	if diff := cmp.Diff(want, c.Confirm); diff != "" {
		t.Errorf("Confirm (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"netconf", "gnmi", "nxapi"}, c.Transports); diff != "" {
		t.Errorf("Transports (-want +got):\n%s", diff)
	}
}

func TestRenderGolden(t *testing.T) {
	p := nxos.New()
	t.Run("login banner is unsupported", func(t *testing.T) {
		d := &models.Device{Name: "n", Platform: "nxos", Config: models.Config{Banners: &models.Banners{Login: "hi"}}}
		_, err := p.Render(d)
		if u := providertest.Unsupported(err); len(u) != 1 || u[0].Path != "banners.login" {
			t.Fatalf("Render = %v, want only the banners.login UnsupportedError", err)
		}
	})
	t.Run("rich", func(t *testing.T) {
		d := rich()
		if errs := d.Config.Validate(); errs != nil {
			t.Fatalf("rich intent is invalid: %v", errs)
		}
		providertest.GoldenJSON(t, p, d, "rich.json")
	})
	for _, d := range providertest.Campus(t, "nxos") {
		t.Run(d.Name, func(t *testing.T) {
			// The campus distribution group clears the default login
			// banner, which NX-OS cannot show.
			providertest.GoldenJSON(t, p, d, d.Name+".json")
		})
	}
}

func TestInterfaceNames(t *testing.T) {
	tests := map[string]string{
		"Eth1/1": "Ethernet1/1", "e1/2": "Ethernet1/2", "ethernet1/3": "Ethernet1/3",
		"Po10": "port-channel10", "Port-Channel11": "port-channel11",
		"lo0": "loopback0", "Loopback1": "loopback1", "vlan20": "Vlan20", "mgmt0": "mgmt0",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			d := &models.Device{Name: "n", Platform: "nxos", Config: models.Config{Interfaces: []models.Interface{{Name: in}}}}
			got, err := nxos.New().Render(d)
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
		name:    "login banner",
		config:  models.Config{Banners: &models.Banners{Login: "hello", MOTD: "motd"}},
		feature: providers.FeatureBanners, path: "banners.login",
	}, {
		name:    "bundle name of another platform",
		config:  models.Config{Interfaces: []models.Interface{{Name: "Bundle-Ether1"}}},
		feature: providers.FeatureInterfaces, path: "interfaces[0].name",
	}, {
		name: "vlan member of a channel member",
		config: models.Config{
			VLANs:      []models.VLAN{{ID: 10, Members: []string{"Ethernet1/1"}}},
			Interfaces: []models.Interface{{Name: "Ethernet1/1", PortChannel: &models.ChannelGroup{ID: 1, Mode: "active"}}},
		},
		feature: providers.FeatureSwitchport, path: "vlans[0].members[0]",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &models.Device{Name: "u-1", Platform: "nxos", Config: tc.config}
			if errs := d.Config.Validate(); errs != nil {
				t.Fatalf("test intent is invalid: %v", errs)
			}
			_, err := nxos.New().Render(d)
			var u *providers.UnsupportedError
			if !errors.As(err, &u) {
				t.Fatalf("Render error = %v, want an UnsupportedError", err)
			}
			if !slices.ContainsFunc(providertest.Unsupported(err), func(u *providers.UnsupportedError) bool {
				return u.Feature == tc.feature && u.Platform == "nxos" && u.Path == tc.path
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
	d := &models.Device{Name: "bad-1", Platform: "nxos", Config: models.Config{Interfaces: []models.Interface{
		{Name: "Ethernet1/1", Switchport: &models.Switchport{Mode: "access", AccessVLAN: 4095}},
	}}}
	if _, err := nxos.New().Render(d); err == nil || !strings.Contains(err.Error(), "bad-1") {
		t.Fatalf("Render = %v, want a YANG validation error naming bad-1", err)
	}
}

func large() *models.Device {
	d := &models.Device{Name: "nx-large-1", Platform: "nxos", Config: models.Config{Hostname: "nx-large-1"}}
	c := &d.Config
	for v := range 20 {
		c.VLANs = append(c.VLANs, models.VLAN{ID: 100 + v, Name: fmt.Sprintf("VLAN%d", 100+v)})
	}
	for i := range 48 {
		name := fmt.Sprintf("Ethernet1/%d", i+1)
		c.Interfaces = append(c.Interfaces, models.Interface{Name: name, Description: "server " + name, ACLIn: "SERVERS-IN"})
		c.VLANs[i%20].Members = append(c.VLANs[i%20].Members, name)
	}
	acl := models.ACL{Name: "SERVERS-IN"}
	for i := range 50 {
		acl.Entries = append(acl.Entries, models.ACLEntry{Seq: 10 * (i + 1), Action: "permit", Protocol: "udp",
			Source: fmt.Sprintf("10.%d.0.0/16", i), Destination: "any", DestinationPort: fmt.Sprint(9000 + i)})
	}
	c.ACLs = []models.ACL{acl}
	return d
}

func BenchmarkRender(b *testing.B) {
	p, d := nxos.New(), large()
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

package ios_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./providers/ios -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func ptr[T any](v T) *T { return &v }

// richDevice uses every intent feature.
func richDevice() *models.Device {
	return &models.Device{
		Name:          "lab-sw-1",
		Platform:      "ios",
		Authoritative: []string{"users", "vlans[20].members"},
		Config: models.Config{
			Hostname:   "lab-sw-1",
			DomainName: "lab.example.net",
			Banners: &models.Banners{
				Login: "Authorised access only.\nPress ^C to give up.\n",
				MOTD:  "Maintenance window: Sunday 02:00-04:00 UTC",
			},
			NTP: &models.NTP{
				SourceInterface: "Vl10",
				Servers:         []models.NTPServer{{Address: "10.0.0.123", Prefer: true}, {Address: "ntp.example.net"}},
			},
			DNS: &models.DNS{Servers: []string{"10.0.0.53", "10.0.1.53"}},
			Syslog: &models.Syslog{Hosts: []models.SyslogHost{
				{Address: "10.0.0.5", Severity: "warning"},
				{Address: "10.0.0.6", Severity: "notice"},
			}},
			Users: []models.User{
				{Name: "netops", Role: "network-admin", Password: &models.SecretRef{Env: "LAB_NETOPS_PASSWORD"},
					SSHKeys: []string{testRSAKey}},
				{Name: "noc", Privilege: 7, Password: &models.SecretRef{File: "/run/secrets/noc"}},
				{Name: "auditor", Role: "read-only"},
			},
			AAA: &models.AAA{ServerGroups: []models.ServerGroup{
				{Name: "LAB-TACACS", Type: "tacacs", Servers: []models.AAAServer{
					{Address: "10.0.0.49", Key: &models.SecretRef{Env: "LAB_TACACS_KEY"}},
					{Address: "10.0.1.49", Port: 4949, Key: &models.SecretRef{Env: "LAB_TACACS_KEY"}},
				}},
				{Name: "LAB-RADIUS", Type: "radius", Servers: []models.AAAServer{
					{Address: "10.0.0.18", Port: 1812, Key: &models.SecretRef{Env: "LAB_RADIUS_KEY"}},
					{Address: "10.0.1.18"},
				}},
			}},
			VLANs: []models.VLAN{
				{ID: 30, Name: "PRINTERS", Members: []string{"Gi1/0/3"}},
				{ID: 10, Name: "MGMT"},
				{ID: 20, Name: "USERS", Members: []string{"gi1/0/1", "Gi1/0/2", "Te1/1/1"}},
				{ID: 40},
				{ID: 50, Name: "VLAN0050"},
				{ID: 1},
			},
			Interfaces: []models.Interface{
				{Name: "Vl10", Description: "management", IPv4: []string{"10.0.10.2/24", "10.0.11.2/24", "10.0.12.2/25"}, ACLIn: "MGMT-IN"},
				{Name: "gi1/0/1", Description: "desk 1", Enabled: ptr(true)},
				{Name: "Gi1/0/2", Description: "desk 2", Switchport: &models.Switchport{Mode: "access"}},
				{Name: "Gi1/0/3", Description: "printer", Enabled: ptr(false)},
				{Name: "Gi1/0/10", Description: "voice trunk", Switchport: &models.Switchport{Mode: "trunk", NativeVLAN: 1}},
				{Name: "Gi1/0/47", Description: "to dist-1 a", PortChannel: &models.ChannelGroup{ID: 10, Mode: "active"}},
				{Name: "Gi1/0/48", Description: "to dist-1 b", PortChannel: &models.ChannelGroup{ID: 10, Mode: "active"}},
				{Name: "Gi1/0/24", Description: "to lab-sw-2", PortChannel: &models.ChannelGroup{ID: 20, Mode: "on"}},
				{Name: "Po20", Description: "static bundle to lab-sw-2",
					Switchport: &models.Switchport{Mode: "trunk", AllowedVLANs: []models.VLANRange{{Low: 10, High: 10}, {Low: 30, High: 31}}, NativeVLAN: 999}},
				{Name: "Te1/1/1", Description: "uplink",
					Switchport: &models.Switchport{Mode: "trunk", AllowedVLANs: []models.VLANRange{{Low: 10, High: 10}, {Low: 21, High: 30}}, NativeVLAN: 999},
					ACLIn:      "WEB-OUT"},
				{Name: "Gi1/0/20", Description: "routed link", IPv4: []string{"192.0.2.1/31"}, ACLIn: "MGMT-IN", ACLOut: "WEB-OUT"},
				{Name: "Fa0", Description: "oob"},
				{Name: "Lo0", IPv4: []string{"10.255.255.1/32"}},
			},
			StaticRoutes: []models.StaticRoute{
				{Prefix: "10.20.0.0/16", NextHops: []models.NextHop{{Address: "10.0.10.254", Distance: 200}, {Address: "10.0.10.253"}}},
				{Prefix: "0.0.0.0/0", NextHops: []models.NextHop{{Address: "10.0.10.1"}}},
				{VRF: "MGMT", Prefix: "10.99.0.0/24", NextHops: []models.NextHop{{Address: "10.99.255.1", Distance: 5}}},
				{VRF: "default", Prefix: "172.16.0.0/12", NextHops: []models.NextHop{{Address: "10.0.10.1"}}},
			},
			ACLs: []models.ACL{
				{Name: "MGMT-IN", Entries: []models.ACLEntry{
					{Seq: 40, Action: "deny", Protocol: "ip", Source: "any", Destination: "any", Log: true},
					{Seq: 10, Remark: "management stations"},
					{Seq: 20, Action: "permit", Protocol: "tcp", SourceGroup: "MGMT-HOSTS", Destination: "any", DestinationPort: "22"},
					{Seq: 25, Action: "permit", Protocol: "udp", Source: "10.0.0.0/8", Destination: "10.0.10.2", DestinationPort: "161-162"},
					{Seq: 30, Remark: "monitoring", Action: "permit", Protocol: "icmp", Source: "10.1.2.3/32", Destination: "0.0.0.0/0"},
				}},
				{Name: "WEB-OUT", Entries: []models.ACLEntry{
					{Seq: 10, Action: "permit", Protocol: "tcp", Source: "any", SourcePort: "1024-65535", DestinationGroup: "WEB-SERVERS", DestinationPort: "80"},
					{Seq: 20, Action: "permit", Protocol: "tcp", Source: "any", DestinationGroup: "WEB-SERVERS", DestinationPort: "443"},
					{Seq: 30, Action: "permit", Protocol: "udp", Source: "any", Destination: "any", DestinationPort: "53"},
					{Seq: 40, Action: "deny", Source: "any", Destination: "any"},
				}},
			},
			ObjectGroups: []models.ObjectGroup{
				{Name: "WEB-SERVERS", Type: "network", Hosts: []string{"10.30.0.10"}, Prefixes: []string{"10.31.0.0/24", "10.32.0.7/32"}, Groups: []string{"DMZ"}},
				{Name: "DMZ", Type: "network", Prefixes: []string{"172.16.5.0/26"}},
				{Name: "MGMT-HOSTS", Type: "network", Hosts: []string{"10.10.0.10", "10.20.0.10"}},
				{Name: "WEB-PORTS", Type: "service", Services: []models.Service{{Protocol: "tcp", Ports: "80"}, {Protocol: "tcp", Ports: "443"}, {Protocol: "udp", Ports: "33434-33534"}, {Protocol: "icmp"}}},
			},
		},
	}
}

func TestRenderGolden(t *testing.T) {
	d := richDevice()
	if errs := d.Config.Validate(); errs != nil {
		t.Fatalf("rich intent is invalid: %v", errs)
	}
	got, err := ios.New().Render(d)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	golden(t, "rich.cfg", got.CLI)
	wantSecrets := []providers.SecretBinding{
		{Path: "username[netops]/secret", Ref: models.SecretRef{Env: "LAB_NETOPS_PASSWORD"}},
		{Path: "username[noc]/secret", Ref: models.SecretRef{File: "/run/secrets/noc"}},
		{Path: "tacacs-server[LAB-TACACS-10.0.0.49]/key", Ref: models.SecretRef{Env: "LAB_TACACS_KEY"}},
		{Path: "tacacs-server[LAB-TACACS-10.0.1.49]/key", Ref: models.SecretRef{Env: "LAB_TACACS_KEY"}},
		{Path: "radius-server[LAB-RADIUS-10.0.0.18]/key", Ref: models.SecretRef{Env: "LAB_RADIUS_KEY"}},
	}
	if diff := cmp.Diff(wantSecrets, got.Secrets); diff != "" {
		t.Errorf("Secrets (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(d.Authoritative, got.Authoritative); diff != "" {
		t.Errorf("Authoritative (-want +got):\n%s", diff)
	}
	if got.Device != "lab-sw-1" || got.Platform != "ios" || got.Tree != nil {
		t.Errorf("Desired = {Device %q, Platform %q, Tree %v}, want lab-sw-1, ios, nil", got.Device, got.Platform, got.Tree)
	}
}

// TestRenderCampus renders the example repository's classic IOS devices.
// The golden file holds the configuration, or the error when the example's
// intent is something classic IOS cannot express.
func TestRenderCampus(t *testing.T) {
	inv, ds := inventory.LoadAndResolve("../../examples/campus", inventory.ResolveOptions{})
	if ds.HasErrors() {
		t.Fatalf("load examples/campus: %v", ds.Err())
	}
	for _, name := range []string{"ams-closet-1", "fra-closet-1"} {
		t.Run(name, func(t *testing.T) {
			dev := inv.Device(name)
			if dev == nil {
				t.Fatalf("device %s not in examples/campus", name)
			}
			got, err := ios.New().Render(dev.Intent)
			var ue *providers.UnsupportedError
			switch {
			case errors.As(err, &ue):
				golden(t, name+".cfg", "! render error: "+err.Error()+"\n")
			case err != nil:
				t.Fatalf("Render: %v", err)
			default:
				golden(t, name+".cfg", got.CLI)
			}
		})
	}
}

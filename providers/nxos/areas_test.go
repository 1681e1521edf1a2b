package nxos_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers/nxos"
	"github.com/switchyard/switchyard/providers/providertest"
)

func ptr[T any](v T) *T { return &v }

// areas declares every daily-work area NX-OS takes over NX-API.
func areas() *models.Device {
	key := &models.SecretRef{Env: "TACACS_KEY"}
	return &models.Device{
		Name: "nx-areas-1", Platform: "nxos",
		Authoritative: []string{"snmp.communities", "snmp.hosts", "snmp.users"},
		Config: models.Config{
			Hostname: "nx-areas-1",
			SNMP: &models.SNMP{
				Location: "FRA rack 2", Contact: "noc@example.net",
				Communities: []models.SNMPCommunity{
					{Name: "monitoring", Secret: &models.SecretRef{Env: "SNMP_RO"}, ACL: "SNMP-HOSTS"},
					{Name: "automation", Secret: &models.SecretRef{Env: "SNMP_RW"}, Access: "rw"},
				},
				Users: []models.SNMPUser{{Name: "nms", Group: "network-operator", Auth: &models.SecretRef{Env: "SNMP_AUTH"},
					Priv: &models.SecretRef{Env: "SNMP_PRIV"}}},
				Hosts: []models.SNMPHost{
					{Address: "10.0.0.162", Version: "2c", Community: "monitoring"},
					{Address: "10.0.0.163", Version: "3", User: "nms"},
				},
			},
			SpanningTree: &models.SpanningTree{Mode: "rapid-pvst", Priorities: []models.STPPriority{
				{VLAN: 10, Priority: 8192}, {VLAN: 20, Priority: 8192}}},
			VRFs: []models.VRF{{Name: "OOB", RD: "65020:99", Description: "out of band"}},
			Lines: &models.Lines{VTY: &models.Line{AccessClass: "SNMP-HOSTS", ExecTimeout: ptr(15), TransportInput: []string{"ssh", "telnet"}},
				Console: &models.Line{ExecTimeout: ptr(5)}},
			Logging: &models.Logging{Buffered: &models.LoggingBuffer{Size: 65536, Severity: "warning"},
				ConsoleSeverity: "critical", SourceInterface: "loopback0"},
			AAA: &models.AAA{
				ServerGroups: []models.ServerGroup{{Name: "CAMPUS-TACACS", Type: "tacacs",
					Servers: []models.AAAServer{{Address: "10.10.0.49", Key: key}}}},
				Login: []models.LoginMethodList{{Name: "default", Methods: []string{"CAMPUS-TACACS", "local"}},
					{Name: "console", Methods: []string{"local"}}},
			},
			ACLs: []models.ACL{{Name: "SNMP-HOSTS", Entries: []models.ACLEntry{
				{Seq: 10, Action: "permit", Protocol: "ip", Source: "10.0.0.0/24", Destination: "any"}}}},
			StaticRoutes: []models.StaticRoute{{VRF: "OOB", Prefix: "0.0.0.0/0", NextHops: []models.NextHop{{Address: "10.99.0.1"}}}},
			Interfaces: []models.Interface{
				{Name: "loopback0", IPv4: []string{"10.255.0.9/32"}},
				{Name: "Ethernet1/1", Description: "access", Speed: "1000", Duplex: "full",
					Switchport:   &models.Switchport{Mode: "access", AccessVLAN: 20, VoiceVLAN: 10},
					SpanningTree: &models.PortSpanningTree{PortFast: true, BPDUGuard: true}},
				{Name: "Ethernet1/2", Description: "trunk", Switchport: &models.Switchport{Mode: "trunk"},
					SpanningTree: &models.PortSpanningTree{PortFast: true}},
				{Name: "Ethernet1/48", Description: "oob", VRF: "OOB", IPv4: []string{"10.99.0.2/24"}},
				{Name: "Vlan20", Description: "users", IPv4: []string{"10.20.0.1/24"}, IPv6: []string{"2001:DB8:20::1/64"},
					HelperAddresses: []string{"10.0.0.67"}},
			},
		},
	}
}

var areaSecrets = map[string]string{"SNMP_RO": "ro-c0mmunity", "SNMP_RW": "rw-c0mmunity",
	"SNMP_AUTH": "auth-k3y-123", "SNMP_PRIV": "priv-k3y-123"}

func TestRenderAreasCLIGolden(t *testing.T) {
	got, err := nxos.New().Render(areas())
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	providertest.Golden(t, "areas.cli", got.CLI)
	// Over NETCONF/gNMI the same intent has no route for SNMP, STP, lines,
	// the log buffer and source, DHCP relay, voice VLAN and the console
	// login list: the gate refuses those, naming them.
	paths := providertest.NoRoutePaths(t, nxos.New(), areas())
	want := []string{"snmp", "spanning_tree", "lines.console", "lines.vty.access_class", "logging.buffered", "logging.source_interface",
		"aaa.login[1].name", "interfaces[1].switchport.voice_vlan", "interfaces[1].spanning_tree",
		"interfaces[2].spanning_tree", "interfaces[4].helper_addresses"}
	if strings.Join(paths, ",") != strings.Join(want, ",") {
		t.Errorf("NoRoute paths = %v, want %v", paths, want)
	}
}

func TestRenderAreasCLIRefusals(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		edit       func(c *models.Config)
	}{
		{"transport input without ssh", "lines.vty.transport_input", func(c *models.Config) { c.Lines.VTY.TransportInput = []string{"telnet"} }},
		{"line login", "lines.console.login", func(c *models.Config) { c.Lines.Console.Login = "console" }},
		{"other login lists", "aaa.login[0].name", func(c *models.Config) { c.AAA.Login[0].Name = "VTY" }},
		{"log file too big", "logging.buffered.size", func(c *models.Config) { c.Logging.Buffered.Size = 8 << 20 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := areas()
			tc.edit(&d.Config)
			providertest.Refused(t, nxos.New(), d, tc.path)
		})
	}
}

// TestNXAPIAreasApplyThenPlanEmpty applies every area over NX-API, checks
// the switch took it with secrets only in its own stored forms, plans
// again, then moves an interface out of its VRF and converges again.
func TestNXAPIAreasApplyThenPlanEmpty(t *testing.T) {
	r := newRig(t)
	res := r.apply(t, areas())
	if res.Status != rollout.Applied || res.Err != nil {
		t.Fatalf("apply = %s, %v", res.Status, res.Err)
	}
	for _, c := range res.Changes {
		for _, v := range areaSecrets {
			if strings.Contains(fmt.Sprint(c), v) {
				t.Errorf("change shows a secret: %v", c)
			}
		}
	}
	run := r.dev.Running()
	for _, v := range []string{"auth-k3y-123", "priv-k3y-123"} {
		if strings.Contains(run, v) {
			t.Errorf("running shows the SNMPv3 key %q in clear", v)
		}
	}
	for _, want := range [][]string{
		{"snmp-server community ro-c0mmunity group network-operator"}, {"snmp-server community ro-c0mmunity use-acl SNMP-HOSTS"},
		{"snmp-server host 10.0.0.163 traps version 3 priv nms"}, {"snmp-server host 10.0.0.162 traps version 2c ro-c0mmunity"},
		{"spanning-tree vlan 10,20 priority 8192"}, {"logging logfile messages 4 size 65536"}, {"logging console 2"},
		{"aaa authentication login default group CAMPUS-TACACS"}, {"aaa authentication login console local"},
		{"vrf context OOB", "rd 65020:99"}, {"vrf context OOB", "ip route 0.0.0.0/0 10.99.0.1"},
		{"interface Ethernet1/48", "vrf member OOB"}, {"interface Ethernet1/48", "ip address 10.99.0.2/24"},
		{"interface Ethernet1/1", "switchport voice vlan 10"}, {"interface Ethernet1/1", "spanning-tree port type edge"},
		{"interface Ethernet1/2", "spanning-tree port type edge trunk"}, {"interface Vlan20", "ip dhcp relay address 10.0.0.67"},
		{"interface Vlan20", "ipv6 address 2001:db8:20::1/64"}, {"line vty", "access-class SNMP-HOSTS in"},
		{"line console", "exec-timeout 5"}, {"feature telnet"},
	} {
		if !providertest.HasLine(t, run, want...) {
			t.Errorf("running lacks %q:\n%s", want, run)
		}
	}
	if !strings.Contains(run, "snmp-server user nms network-operator auth sha 0x") || !strings.Contains(run, " localizedkey") {
		t.Errorf("SNMPv3 user not stored in localized form:\n%s", run)
	}
	if again := r.apply(t, areas()); again.Status != rollout.InSync {
		t.Fatalf("second apply = %s with changes %+v, want in-sync", again.Status, again.Changes)
	}
	d := areas()
	d.Config.Interfaces[3].VRF = ""
	d.Config.SNMP.Communities = d.Config.SNMP.Communities[:1]
	d.Config.Logging.ConsoleSeverity = "error"
	d.Config.Lines.VTY.TransportInput = []string{"ssh"}
	res = r.apply(t, d)
	if res.Status != rollout.Applied || res.Err != nil {
		t.Fatalf("apply of the second revision = %s, %v", res.Status, res.Err)
	}
	removed := false
	for _, c := range res.Changes {
		s := fmt.Sprint(c)
		if strings.Contains(s, "rw-c0mmunity") {
			t.Errorf("the removal of a community shows it: %s", s)
		}
		removed = removed || c.Path == "snmp-server community (secret)" && c.Before == "snmp-server community (secret) group network-admin"
	}
	if !removed {
		t.Errorf("no redacted removal of the rw community in %+v", res.Changes)
	}
	run = r.dev.Running()
	if providertest.HasLine(t, run, "interface Ethernet1/48", "vrf member OOB") || !providertest.HasLine(t, run, "interface Ethernet1/48", "ip address 10.99.0.2/24") {
		t.Errorf("Ethernet1/48 did not leave OOB with its address:\n%s", run)
	}
	if strings.Contains(run, "rw-c0mmunity") || !providertest.HasLine(t, run, "logging console 3") || providertest.HasLine(t, run, "logging console 2") ||
		providertest.HasLine(t, run, "feature telnet") {
		t.Errorf("second revision not applied:\n%s", run)
	}
	if again := r.apply(t, d); again.Status != rollout.InSync {
		t.Fatalf("apply again = %s with changes %+v, want in-sync", again.Status, again.Changes)
	}
}

package ios_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
	"github.com/switchyard/switchyard/providers/providertest"
)

// areasDevice declares every daily-work area classic IOS takes.
func areasDevice() *models.Device {
	return &models.Device{
		Name:          "lab-sw-2",
		Platform:      "ios",
		Authoritative: []string{"snmp.communities", "snmp.hosts"},
		Config: models.Config{
			Hostname: "lab-sw-2",
			SNMP: &models.SNMP{
				Location: "lab rack 4", Contact: "noc@example.net",
				Communities: []models.SNMPCommunity{
					{Name: "monitoring", Secret: &models.SecretRef{Env: "LAB_SNMP_RO"}, ACL: "SNMP-HOSTS"},
					{Name: "automation", Secret: &models.SecretRef{Env: "LAB_SNMP_RW"}, Access: "rw"},
				},
				Hosts: []models.SNMPHost{{Address: "10.0.0.162", Version: "2c", Community: "monitoring"}},
			},
			SpanningTree: &models.SpanningTree{Mode: "rapid-pvst", Priorities: []models.STPPriority{
				{VLAN: 10, Priority: 24576}, {VLAN: 20, Priority: 24576}, {VLAN: 30, Priority: 28672},
			}},
			VRFs: []models.VRF{{Name: "GUEST", RD: "65000:20", Description: "guest wifi"}},
			Lines: &models.Lines{
				Console: &models.Line{ExecTimeout: ptr(5), Login: "CONSOLE"},
				VTY:     &models.Line{AccessClass: "SNMP-HOSTS", ExecTimeout: ptr(15), TransportInput: []string{"ssh"}, Login: "VTY"},
			},
			Logging: &models.Logging{
				Buffered:        &models.LoggingBuffer{Size: 32768, Severity: "notice"},
				ConsoleSeverity: "error", SourceInterface: "Vlan20",
			},
			Syslog: &models.Syslog{Hosts: []models.SyslogHost{{Address: "10.0.0.5"}}},
			AAA: &models.AAA{
				ServerGroups: []models.ServerGroup{{Name: "LAB-TACACS", Type: "tacacs", Servers: []models.AAAServer{
					{Address: "10.0.0.49", Key: &models.SecretRef{Env: "LAB_TACACS_KEY"}}}}},
				Login: []models.LoginMethodList{
					{Name: "VTY", Methods: []string{"LAB-TACACS", "local"}},
					{Name: "CONSOLE", Methods: []string{"local"}},
				},
			},
			ACLs: []models.ACL{{Name: "SNMP-HOSTS", Entries: []models.ACLEntry{
				{Seq: 10, Action: "permit", Protocol: "ip", Source: "10.0.0.0/24", Destination: "any"}}}},
			Interfaces: []models.Interface{
				{Name: "Gi1/0/1", Description: "phone and desk", Speed: "100", Duplex: "full",
					Switchport:   &models.Switchport{Mode: "access", AccessVLAN: 20, VoiceVLAN: 10},
					SpanningTree: &models.PortSpanningTree{PortFast: true, BPDUGuard: true}},
				{Name: "Gi1/0/2", Description: "unused", Enabled: ptr(false)},
				{Name: "Gi1/0/48", Description: "uplink", Speed: "auto",
					Switchport:   &models.Switchport{Mode: "trunk"},
					SpanningTree: &models.PortSpanningTree{PortFast: true}},
				{Name: "Vlan20", Description: "users", IPv4: []string{"10.20.0.1/24"},
					IPv6: []string{"2001:db8:20::1/64"}, HelperAddresses: []string{"10.0.0.67", "10.0.1.67"}},
				{Name: "Vlan30", Description: "guests", VRF: "GUEST", IPv4: []string{"10.30.0.1/24"}},
			},
			StaticRoutes: []models.StaticRoute{{VRF: "GUEST", Prefix: "0.0.0.0/0",
				NextHops: []models.NextHop{{Address: "10.30.0.254"}}}},
		},
	}
}

func TestRenderAreasGolden(t *testing.T) {
	got, err := ios.New().Render(areasDevice())
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	golden(t, "areas.cfg", got.CLI)
	for _, want := range []string{"snmp-server community[monitoring]", "snmp-server community[automation]"} {
		found := false
		for _, b := range got.Secrets {
			found = found || b.Path == want
		}
		if !found {
			t.Errorf("no secret binding %s in %+v", want, got.Secrets)
		}
	}
	if !strings.Contains(got.CLI, "snmp-server host 10.0.0.162 version 2c {{secret env:LAB_SNMP_RO}}\n") {
		t.Errorf("the trap host does not use the community's placeholder:\n%s", got.CLI)
	}
}

func TestRenderAreasRefusals(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		edit       func(c *models.Config)
	}{
		{"snmpv3 users", "snmp.users", func(c *models.Config) {
			c.SNMP.Users = []models.SNMPUser{{Name: "v3", Auth: &models.SecretRef{Env: "A"}}}
		}},
		{"snmpv3 hosts", "snmp.hosts[0].version", func(c *models.Config) {
			c.SNMP.Hosts[0] = models.SNMPHost{Address: "10.0.0.162", Version: "3", User: "v3"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := areasDevice()
			tc.edit(&d.Config)
			providertest.Refused(t, ios.New(), d, tc.path)
		})
	}
}

// TestAreasApplyThenPlanEmpty applies every area to the simulated switch
// (replace and merge mode), checks the device took it, and plans again.
func TestAreasApplyThenPlanEmpty(t *testing.T) {
	for _, merge := range []bool{false, true} {
		t.Run(fmt.Sprintf("merge=%v", merge), func(t *testing.T) {
			opts := []ios.Option{ios.WithSecrets(secrets())}
			if merge {
				opts = append(opts, ios.WithMerge())
			}
			d, _ := startSim(t, factory)
			drv := ios.New(opts...)
			u := unit(t, d, areasDevice(), drv)
			if r := apply(t, u); r.Status != rollout.Applied || r.Err != nil {
				t.Fatalf("apply: status %s, err %v", r.Status, r.Err)
			} else {
				for _, c := range r.Changes {
					if s := fmt.Sprint(c); strings.Contains(s, "c0mmunity") {
						t.Errorf("a change shows a community: %s", s)
					}
				}
			}
			run := d.Running()
			for _, want := range [][]string{
				{"snmp-server community ro-c0mmunity RO SNMP-HOSTS"}, {"snmp-server community rw-c0mmunity RW"},
				{"snmp-server host 10.0.0.162 version 2c ro-c0mmunity"}, {"snmp-server location lab rack 4"},
				{"spanning-tree vlan 10,20 priority 24576"}, {"logging buffered 32768 notifications"},
				{"ip vrf GUEST", "rd 65000:20"}, {"ip vrf GUEST", "description guest wifi"},
				{"interface Vlan30", "ip vrf forwarding GUEST"}, {"interface Vlan30", "ip address 10.30.0.1 255.255.255.0"},
				{"interface Vlan20", "ip helper-address 10.0.1.67"}, {"interface Vlan20", "ipv6 address 2001:DB8:20::1/64"},
				{"interface GigabitEthernet1/0/1", "switchport voice vlan 10"},
				{"interface GigabitEthernet1/0/48", "spanning-tree portfast trunk"},
				{"line vty 5 15", "access-class SNMP-HOSTS in"}, {"line vty 5 15", "exec-timeout 15 0"},
				{"line vty 5 15", "login authentication VTY"}, {"line con 0", "exec-timeout 5 0"},
				{"aaa authentication login VTY group LAB-TACACS local"},
			} {
				if !providertest.HasLine(t, run, want...) {
					t.Errorf("running lacks %q:\n%s", want, run)
				}
			}
			if providertest.HasLine(t, run, "line vty 5 15", "login local") {
				t.Errorf("a declared line keeps the login the intent replaced")
			}
			if again := observe(t, u); again.Status != rollout.InSync || again.Err != nil {
				t.Fatalf("plan after apply: status %s, err %v, changes %+v", again.Status, again.Err, again.Changes)
			}
			// Second revision: the SVI leaves its VRF (its address moves
			// with it), the buffer keeps only a level, a community goes
			// (authoritative), the priorities change.
			dev := areasDevice()
			dev.Config.Interfaces[4].VRF = ""
			dev.Config.Logging.Buffered = &models.LoggingBuffer{Severity: "warning"}
			dev.Config.SNMP.Communities = dev.Config.SNMP.Communities[:1]
			dev.Config.SpanningTree.Priorities = dev.Config.SpanningTree.Priorities[:1]
			u2 := unit(t, d, dev, drv)
			if r := apply(t, u2); r.Status != rollout.Applied || r.Err != nil {
				t.Fatalf("second apply: status %s, err %v", r.Status, r.Err)
			}
			run = d.Running()
			for _, want := range [][]string{
				{"interface Vlan30", "ip address 10.30.0.1 255.255.255.0"},
				{"logging buffered warnings"}, {"spanning-tree vlan 10 priority 24576"},
			} {
				if !providertest.HasLine(t, run, want...) {
					t.Errorf("running after the second apply lacks %q:\n%s", want, run)
				}
			}
			if providertest.HasLine(t, run, "interface Vlan30", "ip vrf forwarding GUEST") {
				t.Errorf("Vlan30 is still in VRF GUEST")
			}
			for _, gone := range []string{"rw-c0mmunity", "spanning-tree vlan 10,20", "32768"} {
				if strings.Contains(run, gone) {
					t.Errorf("running after the second apply still has %q", gone)
				}
			}
			if again := observe(t, u2); again.Status != rollout.InSync || again.Err != nil {
				t.Fatalf("plan after the second apply: status %s, err %v, changes %+v", again.Status, again.Err, again.Changes)
			}
		})
	}
}

// A trap host's community is hidden in plans like a community's.
func TestDiffRedactsTrapHostCommunities(t *testing.T) {
	desired, err := ios.New().Render(areasDevice())
	if err != nil {
		t.Fatal(err)
	}
	running := factory + "snmp-server community old-c0mmunity RO\nsnmp-server host 10.0.0.9 version 2c old-c0mmunity\n"
	changes, err := ios.New().Diff(desired, &providers.Running{CLI: running})
	if err != nil {
		t.Fatal(err)
	}
	removed := 0
	for _, c := range changes {
		s := fmt.Sprint(c)
		if strings.Contains(s, "old-c0mmunity") {
			t.Errorf("change shows a community: %s", s)
		}
		if c.Op == "delete" && strings.Contains(c.Path, "snmp-server") && strings.Contains(c.Path, "(redacted)") {
			removed++
		}
	}
	if removed != 2 {
		t.Errorf("%d redacted removals of the old community and host, want 2 (authoritative): %+v", removed, changes)
	}
}

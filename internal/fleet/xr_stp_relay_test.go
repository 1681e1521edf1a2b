package fleet

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
)

// xrSTPRelayEdits give the IOS-XR cores spanning tree (ams-core-1 over
// NETCONF: rapid-pvst with a VLAN priority; fra-core-1 over gNMI: mst)
// and a DHCP relay on their uplink, and a port GigabitEthernet0/0/0/1.
var xrSTPRelayEdits = [][3]string{
	{"devices/ams.yaml", "      hostname: ams-core-1\n", "      hostname: ams-core-1\n" +
		"      spanning_tree: {mode: rapid-pvst, priorities: [{vlan: 20, priority: 24576}]}\n"},
	{"devices/ams.yaml", "          ipv4: [10.0.1.1/30]\n", "          ipv4: [10.0.1.1/30]\n" +
		"          helper_addresses: [10.10.0.67, 10.10.0.68]\n        - name: GigabitEthernet0/0/0/1\n          description: l2 port\n"},
	{"devices/fra.yaml", "      hostname: fra-core-1\n", "      hostname: fra-core-1\n      spanning_tree: {mode: mst}\n"},
	{"devices/fra.yaml", "          ipv4: [10.1.1.1/30]\n", "          ipv4: [10.1.1.1/30]\n" +
		"          helper_addresses: [10.10.0.67]\n        - name: GigabitEthernet0/0/0/1\n          description: l2 port\n"},
}

// Spanning tree and DHCP relay go through IOS-XR 26.2.1's unified models
// (um-spanning-tree-cfg, um-dhcp-ipv4-cfg) over NETCONF and gNMI: the plan
// puts them on the native route, the release simulators take them, and
// the next plan is empty. The port settings are added to the intent after
// the gate (ams-core-1's GigabitEthernet0/0/0/1: portfast bpduguard in
// the PVRST instance): the gate refuses them on IOS-XR, whose ports are
// no switchports in switchyard (bridge domains are not modelled), but
// their native route is the protocol instance's interface list, shown
// here to the release simulator. fra-core-1's MST instance has no port:
// the entry is its key alone.
func TestXRSpanningTreeRelayApplyThenPlanEmpty(t *testing.T) {
	reg := registry(t)
	inv, ds := Load(campusWith(t, xrSTPRelayEdits...), reg)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sim, err := simfleet.Start(t.Context(), inv, reg, simfleet.Options{Username: "admin", Password: simPassword, AnyPort: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	dir := t.TempDir()
	kh, ca := filepath.Join(dir, "known_hosts"), filepath.Join(dir, "ca.pem")
	if err := sim.WriteKnownHosts(kh); err != nil {
		t.Fatal(err)
	}
	if err := sim.WriteCABundle(ca); err != nil {
		t.Fatal(err)
	}
	var devs []*inventory.Device
	for _, d := range inv.Devices {
		if d.Name == "ams-core-1" || d.Name == "fra-core-1" {
			d.Address = sim.Addr(d.Name)
			if d.Name == "ams-core-1" {
				setPortSTP(t, d.Intent, "GigabitEthernet0/0/0/1", models.PortSpanningTree{PortFast: true, BPDUGuard: true})
			}
			devs = append(devs, d)
		}
	}
	env := map[string]string{"SWITCHYARD_PASSWORD": simPassword, "SWITCHYARD_TACACS_KEY": "campus-tacacs-key",
		"SWITCHYARD_SNMP_COMMUNITY": snmpCommunity}
	units, fails := Units(inv, devs, reg, Options{KnownHostsFile: kh, CAFile: ca, Timeout: 20 * time.Second,
		Secrets: credentials.Source{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}})
	for _, f := range fails {
		t.Fatalf("unit %s: %v", f.Device, f.Err)
	}
	const (
		stp   = "/Cisco-IOS-XR-um-spanning-tree-cfg:spanning-tree"
		pvrst = stp + "/pvrsts/pvrst[protocol-instance-name=default]"
		mst   = stp + "/msts/mst[protocol-instance-name=default]"
		dhcp  = "/Cisco-IOS-XR-um-dhcp-ipv4-cfg:dhcp/ipv4"
		prof  = dhcp + "/profiles/profile[profile-name=switchyard-GigabitEthernet0_0_0_0]/relay/helper-address/vrfs/vrf[vrf-name=default]/ip-addresses/ip-address"
		bind  = dhcp + "/interfaces/interface[interface-name=GigabitEthernet0/0/0/0]/relay/profile"
	)
	want := map[string]map[string]any{
		"ams-core-1": {
			pvrst + "/vlans/vlan[vlan-id=20]/priority":                                      float64(24576),
			pvrst + "/interfaces/interface[interface-name=GigabitEthernet0/0/0/1]/portfast": "BPDUGUARD",
			prof + "[address=10.10.0.67]/address":                                           "10.10.0.67",
			prof + "[address=10.10.0.68]/address":                                           "10.10.0.68",
			bind:                                                                            "switchyard-GigabitEthernet0_0_0_0",
		},
		"fra-core-1": {
			mst + "/protocol-instance-name":       "default",
			prof + "[address=10.10.0.67]/address": "10.10.0.67",
			bind:                                  "switchyard-GigabitEthernet0_0_0_0",
		},
	}
	planApplyConverge(t, units, want, nil)
	for n, stp := range map[string]string{"ams-core-1": "BPDUGUARD", "fra-core-1": `"msts"`} {
		run, err := sim.Running(n)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(run, "switchyard-GigabitEthernet0_0_0_0") || !strings.Contains(run, stp) {
			t.Errorf("%s: the device lacks the relay profile or %s:\n%s", n, stp, run)
		}
	}
}

// setPortSTP sets the spanning-tree settings of interface name in intent.
func setPortSTP(t *testing.T, intent *models.Device, name string, st models.PortSpanningTree) {
	t.Helper()
	for i := range intent.Config.Interfaces {
		if intent.Config.Interfaces[i].Name == name {
			intent.Config.Interfaces[i].SpanningTree = &st
			return
		}
	}
	t.Fatalf("%s has no interface %s", intent.Name, name)
}

// What switchyard filled on IOS-XR goes when the intent drops it: a mode
// changed from rapid-pvst to mst removes the PVRST instance (its VLAN
// priority and its port), and helper addresses dropped from an interface
// remove its relay profile and the binding; the next plan is empty.
func TestXRSpanningTreeRelayRelease(t *testing.T) {
	h := startReleaseOwnership(t)
	const uplink = "GigabitEthernet0/0/0/0"
	before := h.device("ams-core-1", func(c *models.Config) {
		c.SpanningTree = &models.SpanningTree{Mode: "rapid-pvst", Priorities: []models.STPPriority{{VLAN: 20, Priority: 24576}}}
		c.Interfaces = append(c.Interfaces, models.Interface{Name: "GigabitEthernet0/0/0/1",
			SpanningTree: &models.PortSpanningTree{PortFast: true}})
		for i := range c.Interfaces {
			if c.Interfaces[i].Name == uplink {
				c.Interfaces[i].HelperAddresses = []string{"10.10.0.67"}
			}
		}
	})
	after := h.device("ams-core-1", func(c *models.Config) { c.SpanningTree = &models.SpanningTree{Mode: "mst"} })
	h.applyThenDrop(before, after, []string{
		"/Cisco-IOS-XR-um-spanning-tree-cfg:spanning-tree/pvrsts/pvrst[protocol-instance-name=default]",
		"/Cisco-IOS-XR-um-dhcp-ipv4-cfg:dhcp/ipv4/profiles/profile[profile-name=switchyard-GigabitEthernet0_0_0_0]",
		"/Cisco-IOS-XR-um-dhcp-ipv4-cfg:dhcp/ipv4/interfaces/interface[interface-name=GigabitEthernet0/0/0/0]",
	}, func(run string) string {
		if !strings.Contains(run, "<pvrsts>") || !strings.Contains(run, "switchyard-GigabitEthernet0_0_0_0") {
			return "the device lacks the PVRST instance or the relay profile:\n" + run
		}
		return ""
	}, func(run string) string {
		if strings.Contains(run, "<pvrsts>") || strings.Contains(run, "switchyard-") || !strings.Contains(run, "<msts>") {
			return "the device keeps what the intent dropped, or lacks the MST instance:\n" + run
		}
		return ""
	})
}

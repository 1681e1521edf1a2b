package fleet

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
)

// nxSTPRelayEdits give ams-dist-1 (NX-OS 10.6(3) over NETCONF) rapid-pvst
// with a VLAN priority, an edge port with BPDU guard (its port-channel
// trunk) and a DHCP relay on its uplink.
var nxSTPRelayEdits = [][3]string{
	{"devices/ams.yaml", "      hostname: ams-dist-1\n", "      hostname: ams-dist-1\n" +
		"      spanning_tree: {mode: rapid-pvst, priorities: [{vlan: 20, priority: 24576}]}\n"},
	{"devices/ams.yaml", "          ipv4: [10.0.1.2/30]\n", "          ipv4: [10.0.1.2/30]\n" +
		"          helper_addresses: [10.10.0.67, 10.10.0.68]\n"},
	{"devices/ams.yaml", "          description: downlink to ams-acc-1\n", "          description: downlink to ams-acc-1\n" +
		"          spanning_tree: {portfast: true, bpduguard: true}\n"},
}

// On NX-OS 10.6(3) over NETCONF (ams-dist-1 in the campus; gNMI with
// transport: gnmi) spanning tree and DHCP relay go through the
// openconfig-spanning-tree and openconfig-relay-agent modules the release
// advertises, typed by the profile: the gate takes them, the plan sets
// the identities and leaves, the release simulators take them (checked
// against the profile's schema, identities included), and the next plan
// is empty.
func TestNXSpanningTreeRelayApplyThenPlanEmpty(t *testing.T) {
	for _, transport := range []string{"netconf", "gnmi"} {
		t.Run(transport, func(t *testing.T) {
			edits := nxSTPRelayEdits
			if transport == "gnmi" {
				edits = append(edits[:len(edits):len(edits)], [3]string{"devices/ams.yaml",
					"    platform: nxos\n", "    platform: nxos\n    transport: gnmi\n"})
			}
			nxSTPRelayApply(t, transport, edits)
		})
	}
}

func nxSTPRelayApply(t *testing.T, transport string, edits [][3]string) {
	reg := registry(t)
	inv, ds := Load(campusWith(t, edits...), reg)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sim, kh, ca := startSim(t, inv, reg, simfleet.Options{})
	var devs []*inventory.Device
	for _, d := range inv.Devices {
		if d.Name == "ams-dist-1" {
			if d.Transport != transport {
				t.Fatalf("ams-dist-1 is over %s, want %s", d.Transport, transport)
			}
			d.Address = sim.Addr(d.Name)
			devs = append(devs, d)
		}
	}
	env := campusSecrets()
	units, fails := Units(inv, devs, reg, Options{KnownHostsFile: kh, CAFile: ca, Timeout: 20 * time.Second,
		Secrets: credentials.Source{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}})
	for _, f := range fails {
		t.Fatalf("unit %s: %v", f.Device, f.Err)
	}
	const (
		stp   = "/openconfig-spanning-tree:stp"
		relay = "/openconfig-relay-agent:relay-agent/dhcp/interfaces/interface[id=Ethernet1/1]/config"
		port  = stp + "/interfaces/interface[name=port-channel10]/config"
	)
	want := map[string]any{
		stp + "/global/config/enabled-protocol":                     []any{"openconfig-spanning-tree-types:RAPID_PVST"},
		stp + "/rapid-pvst/vlan[vlan-id=20]/config/bridge-priority": float64(24576),
		port + "/edge-port":       "openconfig-spanning-tree-types:EDGE_ENABLE",
		port + "/bpdu-guard":      true,
		relay + "/helper-address": []any{"10.10.0.67", "10.10.0.68"},
	}
	for _, r := range rollout.Observe(t.Context(), units, rollout.Config{}) {
		if r.Err != nil {
			t.Fatalf("%s: plan: %v", r.Device, r.Err)
		}
		got := map[string]any{}
		for _, c := range r.Changes {
			got[c.Path] = c.After
		}
		for p, v := range want {
			if !reflect.DeepEqual(got[p], v) {
				t.Errorf("plan sets %s to %#v, want %#v\n%v", p, got[p], v, got)
			}
			if diff.Route(p) != diff.RouteNative {
				t.Errorf("%s does not travel typed by the profile", p)
			}
		}
	}
	for _, r := range rollout.Apply(t.Context(), units, rollout.Config{ConfirmTimeout: 2 * time.Minute}) {
		if r.Status != rollout.Applied || r.Err != nil {
			t.Fatalf("%s: apply %s: %v", r.Device, r.Status, r.Err)
		}
	}
	run, err := sim.Running("ams-dist-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"RAPID_PVST", "EDGE_ENABLE", "10.10.0.68"} {
		if !strings.Contains(run, s) {
			t.Errorf("the device lacks %s:\n%s", s, run)
		}
	}
	for _, r := range rollout.Observe(t.Context(), units, rollout.Config{}) {
		if r.Status != rollout.InSync {
			t.Errorf("%s: plan after apply %s (%v): %+v", r.Device, r.Status, r.Err, r.Changes)
		}
	}
}

// What switchyard set on NX-OS goes when the intent drops it: the VLAN
// priority, the edge port and the relay entry are deleted whole (their
// keys are implied by their paths), the mode moves from RAPID_PVST to
// MSTP; the next plan is empty.
func TestNXSpanningTreeRelayRelease(t *testing.T) {
	h := startReleaseOwnership(t)
	const uplink, trunk = "Ethernet1/1", "port-channel10"
	before := h.device("ams-dist-1", func(c *models.Config) {
		c.SpanningTree = &models.SpanningTree{Mode: "rapid-pvst", Priorities: []models.STPPriority{{VLAN: 20, Priority: 24576}}}
		for i := range c.Interfaces {
			switch c.Interfaces[i].Name {
			case uplink:
				c.Interfaces[i].HelperAddresses = []string{"10.10.0.67"}
			case trunk:
				c.Interfaces[i].SpanningTree = &models.PortSpanningTree{PortFast: true}
			}
		}
	})
	after := h.device("ams-dist-1", func(c *models.Config) { c.SpanningTree = &models.SpanningTree{Mode: "mst"} })
	h.applyThenDrop(before, after, []string{
		"/openconfig-spanning-tree:stp/rapid-pvst/vlan[vlan-id=20]",
		"/openconfig-spanning-tree:stp/interfaces/interface[name=port-channel10]",
		"/openconfig-relay-agent:relay-agent/dhcp/interfaces/interface[id=Ethernet1/1]",
	}, func(run string) string {
		if !strings.Contains(run, "RAPID_PVST") || !strings.Contains(run, "10.10.0.67") {
			return "the device lacks rapid-pvst or the relay:\n" + run
		}
		return ""
	}, func(run string) string {
		if strings.Contains(run, "RAPID_PVST") || strings.Contains(run, "10.10.0.67") ||
			strings.Contains(run, "EDGE_ENABLE") || !strings.Contains(run, "MSTP") {
			return "the device keeps what the intent dropped, or lacks MSTP:\n" + run
		}
		return ""
	})
}

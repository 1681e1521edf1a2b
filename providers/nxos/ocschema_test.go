package nxos_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers/nxos"
)

// overNETCONF is areas() on NX-OS 10.6(3) (its OpenConfig and profile-typed part, for NETCONF and gNMI).
func overNETCONF(t *testing.T) *models.Device {
	t.Helper()
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	d := areas()
	if d.Profile, err = set.Select("nxos", "10.6(3)"); err != nil {
		t.Fatal(err)
	}
	return d
}

// Over NETCONF/gNMI NX-OS 10.6(3) takes spanning tree and DHCP relay
// through openconfig-spanning-tree and openconfig-relay-agent, which the
// profile keeps typed (switchyard vendors no structs for them): the mode
// as the enabled-protocol identity, per-VLAN priorities under rapid-pvst,
// ports as edge ports with BPDU guard, helper addresses per interface.
func TestRenderSTPRelayOpenConfigSchema(t *testing.T) {
	got, err := nxos.New().Render(overNETCONF(t))
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(got.Native)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"openconfig-relay-agent:relay-agent":{"dhcp":{"interfaces":{"interface":[{"config":{"helper-address":["10.0.0.67"],"id":"Vlan20"},` +
		`"id":"Vlan20","interface-ref":{"config":{"interface":"Vlan20"}}}]}}},` +
		`"openconfig-spanning-tree:stp":{"global":{"config":{"enabled-protocol":["openconfig-spanning-tree-types:RAPID_PVST"]}},` +
		`"interfaces":{"interface":[{"config":{"bpdu-guard":true,"edge-port":"openconfig-spanning-tree-types:EDGE_ENABLE","name":"Ethernet1/1"},"name":"Ethernet1/1"},` +
		`{"config":{"edge-port":"openconfig-spanning-tree-types:EDGE_ENABLE","name":"Ethernet1/2"},"name":"Ethernet1/2"}]},` +
		`"rapid-pvst":{"vlan":[{"config":{"bridge-priority":8192,"vlan-id":10},"vlan-id":10},{"config":{"bridge-priority":8192,"vlan-id":20},"vlan-id":20}]}}}`
	if string(js) != want {
		t.Errorf("native subtrees:\n got %s\nwant %s", js, want)
	}
	if want := []string{"/openconfig-spanning-tree:stp/global/config/enabled-protocol"}; !slices.Equal(got.NativeOwned, want) {
		t.Errorf("NativeOwned = %v, want %v (the mode replaces the running protocol)", got.NativeOwned, want)
	}
	var paths []string
	for _, e := range got.NoRoute {
		paths = append(paths, e.Path)
		if strings.Contains(e.Path, "spanning_tree") || strings.Contains(e.Path, "helper_addresses") {
			t.Errorf("%s has no route: %s", e.Path, e.Reason)
		}
	}
	// What stays refused still says the release publishes no device model.
	for _, e := range got.NoRoute {
		if e.Path == "snmp" && !strings.Contains(e.Reason, "publishes no native YANG model") {
			t.Errorf("snmp refusal %q does not say NX-OS publishes no native model", e.Reason)
		}
	}
	if !slices.Contains(paths, "snmp") {
		t.Errorf("NoRoute = %v, want snmp among them", paths)
	}
}

// MST priorities are per instance in OpenConfig as on the CLI: validation
// refuses per-VLAN priorities under mst; the mode alone is MSTP.
func TestRenderSTPModeMSTOpenConfigSchema(t *testing.T) {
	d := overNETCONF(t)
	d.Config.SpanningTree = &models.SpanningTree{Mode: "mst"}
	got, err := nxos.New().Render(d)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(got.Native["openconfig-spanning-tree:stp"])
	if !strings.Contains(string(js), `"enabled-protocol":["openconfig-spanning-tree-types:MSTP"]`) || strings.Contains(string(js), "rapid-pvst") {
		t.Errorf("stp = %s, want MSTP and no rapid-pvst", js)
	}
}

// nxDeviated is the NX-OS 10.6(3) profile with the openconfig-spanning-tree
// node at path (local names below /stp) deviated not-supported, as the
// generator leaves it: out of the native schema, in Unsupported.
func nxDeviated(t *testing.T, path string) *profiles.Profile {
	t.Helper()
	d := overNETCONF(t)
	data, err := d.Profile.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m["unsupported"] = append(m["unsupported"].([]any),
		map[string]any{"path": "/openconfig-spanning-tree:" + strings.TrimPrefix(path, "/"), "source": "lab-deviations.yang:7"})
	n := m["native"].(map[string]any)
	elems := strings.Split(strings.TrimPrefix(path, "/"), "/")
	for i, e := range elems {
		children := n["c"].(map[string]any)
		if i == len(elems)-1 {
			delete(children, e)
			break
		}
		n = children[e].(map[string]any)
	}
	if data, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	p, err := profiles.Parse(data, "lab.json")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A release that deviates BPDU guard or the rapid-pvst bridge priority
// away takes the rest and refuses those at their intent path, naming the
// deviation's file:line.
func TestRenderSTPDeviatedOpenConfigSchema(t *testing.T) {
	for _, tc := range []struct{ deviated, refused string }{
		{"/stp/interfaces/interface/config/bpdu-guard", "interfaces[1].spanning_tree.bpduguard"},
		{"/stp/rapid-pvst/vlan/config/bridge-priority", "spanning_tree.priorities[0]"},
	} {
		d := overNETCONF(t)
		d.Profile = nxDeviated(t, tc.deviated)
		got, err := nxos.New().Render(d)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range got.NoRoute {
			if e.Path == tc.refused {
				found = true
				if !strings.Contains(e.Reason, "deviate not-supported at lab-deviations.yang:7") {
					t.Errorf("%s refused with %q, not naming the deviation", e.Path, e.Reason)
				}
			}
			if strings.Contains(e.Path, "portfast") || strings.Contains(e.Path, "mode") {
				t.Errorf("%s refused too: %s", e.Path, e.Reason)
			}
		}
		if !found {
			t.Errorf("deviating %s: %s is not refused: %v", tc.deviated, tc.refused, got.NoRoute)
		}
		js, _ := json.Marshal(got.Native["openconfig-spanning-tree:stp"])
		if !strings.Contains(string(js), "EDGE_ENABLE") || !strings.Contains(string(js), "RAPID_PVST") {
			t.Errorf("the rest is not rendered: %s", js)
		}
	}
}

package fleet

import (
	"slices"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/inventory"
)

// xrLoginEdits give the IOS-XR cores ams-core-1 (NETCONF) and fra-core-1
// (gNMI) login method lists beside the default one, and name them on the
// vty and console lines: both go through the IOS-XR unified models.
var xrLoginEdits = [][3]string{
	{"devices/ams.yaml", "      hostname: ams-core-1\n", "      hostname: ams-core-1\n" +
		"      lines:\n        vty: {login: VTY}\n        console: {login: CONSOLE}\n" +
		"      aaa:\n        login:\n" +
		"          - {name: VTY, methods: [CAMPUS-TACACS, local]}\n" +
		"          - {name: CONSOLE, methods: [local, CAMPUS-TACACS]}\n"},
	{"devices/fra.yaml", "      hostname: fra-core-1\n", "      hostname: fra-core-1\n" +
		"      lines: {vty: {login: VTY}, console: {login: default}}\n" +
		"      aaa:\n        login:\n" +
		"          - {name: default, methods: [CAMPUS-TACACS, local]}\n" +
		"          - {name: VTY, methods: [CAMPUS-TACACS]}\n"},
}

// The gate takes IOS-XR login method lists and the lines' login lists,
// and refuses, at their YAML lines, what IOS-XR's native models have no
// place for: login local on a line and the method none.
func TestGateXRLoginLists(t *testing.T) {
	if _, ds := Load(campusWith(t, xrLoginEdits...), registry(t)); ds.HasErrors() {
		t.Fatalf("gate refused the IOS-XR login lists:\n%s", ds)
	}
	_, ds := Load(campusWith(t, xrLoginEdits[0],
		[3]string{"devices/fra.yaml", "      hostname: fra-core-1\n", "      hostname: fra-core-1\n" +
			"      lines: {vty: {login: local}}\n" +
			"      aaa:\n        login:\n          - {name: LAST, methods: [CAMPUS-TACACS, none]}\n"}), registry(t))
	got := ds.String()
	for _, want := range []string{
		"devices/fra.yaml:11:28: error: lines.vty.login: iosxr 26.2.1 over gnmi cannot take lines: IOS-XR lines take a login method list by name",
		"devices/fra.yaml:14:51: error: aaa.login[0].methods[1]: iosxr 26.2.1 over gnmi cannot take aaa: IOS-XR's aaa authentication login has no method none",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "error:"); n != 2 {
		t.Errorf("%d errors, want 2:\n%s", n, got)
	}
}

// The login lists are planned on the native route (the default list on
// OpenConfig), applied to the IOS-XR release simulators over NETCONF and
// gNMI (which take native subtrees only as the release's schema allows),
// and the next plan is empty.
func TestXRLoginListsApplyThenPlanEmpty(t *testing.T) {
	units, _ := simUnits(t, campusWith(t, xrLoginEdits...), "ams-core-1", "fra-core-1")
	const (
		lists = "/Cisco-IOS-XR-um-aaa-cfg:aaa/authentication/login/authentication-list"
		line  = "/Cisco-IOS-XR-um-line-cfg:line"
	)
	want := map[string]map[string]any{
		"ams-core-1": {
			lists + "[list-name=VTY]/groups/group-1/server-group-name":     "CAMPUS-TACACS",
			lists + "[list-name=VTY]/groups/group-2/local":                 map[string]any{}, // presence containers
			lists + "[list-name=CONSOLE]/local":                            map[string]any{},
			lists + "[list-name=CONSOLE]/groups/group-2/server-group-name": "CAMPUS-TACACS",
			line + "/default/login/authentication":                         "VTY",
			line + "/console/login/authentication":                         "CONSOLE",
		},
		"fra-core-1": {
			lists + "[list-name=VTY]/groups/group-1/server-group-name": "CAMPUS-TACACS",
			line + "/default/login/authentication":                     "VTY",
			line + "/console/login/authentication":                     "default",
		},
	}
	if len(units) != 2 {
		t.Fatalf("%d units, want ams-core-1 (NETCONF) and fra-core-1 (gNMI)", len(units))
	}
	planApplyConverge(t, units, want, func(r rollout.Result) {
		for _, c := range r.Changes {
			if strings.Contains(c.Path, "list-name=default") {
				t.Errorf("%s: the default list goes native: %s", r.Device, c.Path)
			}
		}
	})
}

// simUnits loads the intent in dir, starts the simulated fleet and
// returns the rollout units of the named devices, pointed at it, and the
// fleet.
func simUnits(t *testing.T, dir string, names ...string) ([]rollout.Unit, *simfleet.Fleet) {
	t.Helper()
	reg := registry(t)
	inv, ds := Load(dir, reg)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sim, kh, ca := startSim(t, inv, reg, simfleet.Options{})
	var devs []*inventory.Device
	for _, d := range inv.Devices {
		if slices.Contains(names, d.Name) {
			d.Address = sim.Addr(d.Name)
			devs = append(devs, d)
		}
	}
	units, fails := Units(inv, devs, reg, simOptions(kh, ca, campusSecrets()))
	for _, f := range fails {
		t.Fatalf("unit %s: %v", f.Device, f.Err)
	}
	return units, sim
}

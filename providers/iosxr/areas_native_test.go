package iosxr_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/iosxr"
	"github.com/switchyard/switchyard/providers/providertest"
)

// On IOS-XR 26.2.1 SNMP location and contact, the log buffer, the
// console and vty line settings (the vty idle timeout where it exceeds
// OpenConfig's range, the lines' login method lists), the login method
// lists other than default, spanning tree (PVRST instance "default" with
// its VLAN priorities and ports) and DHCP relay (a relay profile per
// interface) render into the unified models (golden); the default list
// stays on OpenConfig.
func TestRenderAreasNativeGolden(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	dev := func() *models.Device {
		d := areas()
		if d.Profile, err = set.Select("iosxr", "26.2.1"); err != nil {
			t.Fatal(err)
		}
		d.Config.SNMP.Contact = "noc@example.net"
		d.Config.Logging.Buffered = &models.LoggingBuffer{Size: 4194304, Severity: "warning"}
		d.Config.Lines.VTY.AccessClass, d.Config.Lines.VTY.Login = "VTY-IN", "VTY"
		d.Config.Lines.Console.Login = "default"
		d.Config.AAA.Login = append(d.Config.AAA.Login,
			models.LoginMethodList{Name: "VTY", Methods: []string{"CAMPUS-TACACS", "local"}},
			models.LoginMethodList{Name: "LOCAL-FIRST", Methods: []string{"local", "CAMPUS-TACACS"}})
		timeout := 2000 // minutes: beyond OpenConfig's 65535 seconds
		d.Config.Lines.VTY.ExecTimeout = &timeout
		d.Config.SpanningTree.Priorities = []models.STPPriority{{VLAN: 20, Priority: 24576}, {VLAN: 30, Priority: 28672}}
		d.Config.Interfaces[0].SpanningTree = &models.PortSpanningTree{PortFast: true, BPDUGuard: true}
		d.Config.Interfaces[1].SpanningTree = &models.PortSpanningTree{PortFast: true}
		d.Config.Interfaces[3].HelperAddresses = []string{"10.0.0.67", "10.0.0.68"}
		return d
	}
	d := iosxr.New()
	providertest.GoldenJSON(t, d, dev(), "areas-26.2.1.json")
	got, err := d.Render(dev())
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range got.NoRoute {
		paths = append(paths, e.Path)
	}
	want := []string(nil)
	if !slices.Equal(paths, want) {
		t.Errorf("NoRoute = %v, want %v", paths, want)
	}
	js, err := providers.JSON(got)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js, `"timeout-in-minutes": 2000`) || got.Tree.GetSystem().GetSshServer().GetTimeout() != 0 {
		t.Errorf("the vty idle timeout beyond OpenConfig's range is not on the native line:\n%s", js)
	}
	if strings.Contains(js, `"list-name": "default"`) || len(got.Tree.GetSystem().GetAaa().GetAuthentication().GetAuthenticationMethod()) != 2 {
		t.Errorf("the default login list is not on OpenConfig only:\n%s", js)
	}
}

// What IOS-XR's native models cannot take stays without a route: login
// local on a line (IOS-XR lines name a method list) and the method none.
func TestRenderLoginListsNoRouteXR(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	d := areas()
	if d.Profile, err = set.Select("iosxr", "26.2.1"); err != nil {
		t.Fatal(err)
	}
	d.Config.SpanningTree, d.Config.Interfaces = nil, nil
	d.Config.Lines.VTY.Login, d.Config.Lines.Console.Login = "local", "LAST-RESORT"
	d.Config.AAA.Login = append(d.Config.AAA.Login, models.LoginMethodList{Name: "LAST-RESORT", Methods: []string{"CAMPUS-TACACS", "none"}})
	got, err := iosxr.New().Render(d)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, e := range got.NoRoute {
		reasons[e.Path] = e.Reason
	}
	if r := reasons["lines.vty.login"]; !strings.Contains(r, "IOS-XR lines take a login method list by name") {
		t.Errorf("lines.vty.login: %q", r)
	}
	if r := reasons["aaa.login[1].methods[1]"]; !strings.Contains(r, "has no method none") {
		t.Errorf("aaa.login[1].methods[1]: %q", r)
	}
	if len(reasons) != 2 {
		t.Errorf("NoRoute = %v", reasons)
	}
}

// deviated returns the IOS-XR 26.2.1 profile with the OpenConfig path
// deviated too, and with its native schema or without (native false).
func deviated(t *testing.T, path string, native bool) *profiles.Profile {
	t.Helper()
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	xr, err := set.Select("iosxr", "26.2.1")
	if err != nil {
		t.Fatal(err)
	}
	data, err := xr.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m["unsupported"] = append(m["unsupported"].([]any), map[string]any{"path": path, "source": "lab-deviations.yang:7"})
	// as the generator leaves it: the deviated node out of the schema
	n := m["schema"].(map[string]any)
	elems := strings.Split(strings.TrimPrefix(path, "/"), "/")
	for i, e := range elems {
		if _, local, ok := strings.Cut(e, ":"); ok {
			e = local
		}
		if r, ok := n["r"].(string); ok {
			n = m["shared"].(map[string]any)[r].(map[string]any)
		}
		children := n["c"].(map[string]any)
		if i == len(elems)-1 {
			delete(children, e)
			break
		}
		n = children[e].(map[string]any)
	}
	if !native {
		delete(m, "native")
		delete(m, "shared")
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

// Where a release deviates the OpenConfig authentication-method, the
// default login list goes to the native list named default, never through
// both routes; without a native model it is refused naming the deviation.
func TestRenderDefaultLoginListDeviated(t *testing.T) {
	const ocPath = "/openconfig-system:system/aaa/authentication/config/authentication-method"
	d := areas()
	d.Config.SpanningTree, d.Config.Interfaces = nil, nil
	d.Profile = deviated(t, ocPath, true)
	got, err := iosxr.New().Render(d)
	if err != nil {
		t.Fatal(err)
	}
	js, err := providers.JSON(got)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js, `"list-name": "default"`) || !strings.Contains(js, `"server-group-name": "CAMPUS-TACACS"`) ||
		len(got.Tree.GetSystem().GetAaa().GetAuthentication().GetAuthenticationMethod()) != 0 {
		t.Errorf("the default list is not on the native route only:\n%s", js)
	}
	d.Profile = deviated(t, ocPath, false)
	d.Config.SNMP, d.Config.Logging, d.Config.Lines = nil, nil, nil
	_, err = iosxr.New().Render(d)
	var ue *providers.UnsupportedError
	if !errors.As(err, &ue) || ue.Path != "aaa.login[0]" || !strings.Contains(ue.Reason, "lab-deviations.yang:7") {
		t.Errorf("Render = %v, want the default list refused naming the deviation", err)
	}
}

// IOS-XR's spanning tree: mode mst is the MST instance "default" with the
// ports; a port's settings need a mode (the protocol instance keeps
// them), and BPDU guard needs portfast, else the port is refused with
// IOS-XR's reason.
func TestRenderSpanningTreeXRInstances(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	dev := func(mode string, port models.PortSpanningTree) *models.Device {
		d := areas()
		if d.Profile, err = set.Select("iosxr", "26.2.1"); err != nil {
			t.Fatal(err)
		}
		d.Config.SpanningTree.Mode = mode
		d.Config.Interfaces[0].SpanningTree = &port
		return d
	}
	origins := func(d *providers.Desired) map[string]string {
		m := map[string]string{}
		for _, o := range d.NativeOrigins {
			m[o.Path] = o.Intent
		}
		return m
	}
	const mst = "/Cisco-IOS-XR-um-spanning-tree-cfg:spanning-tree/msts/mst[protocol-instance-name=default]"
	got, err := iosxr.New().Render(dev("mst", models.PortSpanningTree{PortFast: true}))
	if err != nil {
		t.Fatal(err)
	}
	o := origins(got)
	if o[mst] != "spanning_tree.mode" || o[mst+"/interfaces/interface[interface-name=GigabitEthernet0/0/0/1]/portfast"] != "interfaces[0].spanning_tree.portfast" {
		t.Errorf("mst: native origins %v", o)
	}
	if js, _ := providers.JSON(got); strings.Contains(js, "pvrst") || !strings.Contains(js, `"portfast": "PORTFAST-ENABLE"`) {
		t.Errorf("mst renders:\n%s", js)
	}
	for _, c := range []struct {
		mode, name string
		port       models.PortSpanningTree
		path, why  string
	}{
		{"", "", models.PortSpanningTree{PortFast: true}, "interfaces[0].spanning_tree", "spanning_tree.mode declares none"},
		{"rapid-pvst", "", models.PortSpanningTree{BPDUGuard: true}, "interfaces[0].spanning_tree.bpduguard", "only together with portfast"},
		{"rapid-pvst", "MgmtEth0/RP0/CPU0/0", models.PortSpanningTree{PortFast: true}, "interfaces[0].spanning_tree", "main interfaces only"},
	} {
		d := dev(c.mode, c.port)
		if c.name != "" {
			d.Config.Interfaces[0].Name = c.name
		}
		got, err := iosxr.New().Render(d)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.NoRoute) != 1 || got.NoRoute[0].Path != c.path || !strings.Contains(got.NoRoute[0].Reason, c.why) {
			t.Errorf("mode %q port %+v: NoRoute %v, want %s refused (%s)", c.mode, c.port, got.NoRoute, c.path, c.why)
		}
		for p := range origins(got) {
			if strings.Contains(p, "spanning-tree") && strings.Contains(p, "GigabitEthernet") {
				t.Errorf("mode %q port %+v: the port is rendered at %s", c.mode, c.port, p)
			}
		}
	}
}

package iosxr_test

import (
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
// OpenConfig's range), spanning tree (PVRST instance "default" with its
// VLAN priorities and ports) and DHCP relay (a relay profile per
// interface) render into the unified models (golden); per-line login
// lists keep no route.
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
	want := []string{"lines.vty.login"}
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

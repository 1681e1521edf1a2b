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

// On IOS-XR 26.2.1 SNMP location and contact, the log buffer and the
// console and vty line settings (the vty idle timeout where it exceeds
// OpenConfig's range) render into the unified models (golden);
// spanning tree, DHCP relay and per-line login lists keep no route.
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
	want := []string{"spanning_tree", "lines.vty.login", "interfaces[2].helper_addresses"}
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

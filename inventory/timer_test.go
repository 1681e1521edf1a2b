package inventory

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestResolveAllowWithoutDeviceTimerLikeOSVersion(t *testing.T) {
	inv := resolveYAML(t, `
defaults:
  allow_without_device_timer: false
groups:
  - name: nxapi
    priority: 10
    allow_without_device_timer: true
    members: {devices: [nx1, nx2]}
  - name: lab
    priority: 20
    allow_without_device_timer: false
    members: {devices: [nx2]}
devices:
  - {name: nx1, address: 10.0.0.1, platform: nxos, transport: nxapi}
  - {name: nx2, address: 10.0.0.2, platform: nxos, transport: nxapi}
  - {name: nx3, address: 10.0.0.3, platform: nxos, transport: nxapi, allow_without_device_timer: true}
  - {name: xe, address: 10.0.0.4, platform: iosxe}
`)
	got := map[string]*TimerOptIn{}
	for _, d := range inv.Devices {
		got[d.Name] = d.AllowWithoutDeviceTimer
	}
	want := map[string]*TimerOptIn{
		"nx1": {Allowed: true, Declared: "group nxapi"},
		"nx2": {Allowed: false, Declared: "group lab"},
		"nx3": {Allowed: true, Declared: "device"},
		"xe":  {Allowed: false, Declared: "defaults"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("allow_without_device_timer (-want +got):\n%s", diff)
	}
	if inv.Device("nx2").AllowsWithoutDeviceTimer() || !inv.Device("nx3").AllowsWithoutDeviceTimer() {
		t.Error("AllowsWithoutDeviceTimer does not follow the resolved value")
	}
}

func TestAllowWithoutDeviceTimerMustBeABoolean(t *testing.T) {
	_, ds := check(map[string][]byte{"repo.yaml": []byte(`devices:
  - name: nx1
    address: 10.0.0.1
    platform: nxos
    allow_without_device_timer: sometimes
`)}, ResolveOptions{})
	if !ds.HasErrors() || ds[0].Range.Line != 5 {
		t.Fatalf("want an error at repo.yaml:5, got %v", ds)
	}
}

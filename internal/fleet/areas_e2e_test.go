package fleet

import (
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
)

// The OpenConfig areas the releases take (VRFs with interface membership,
// IPv6, speed and duplex, the default login list, the vty transport and
// idle timeout on IOS-XE, console logging on IOS-XR) are applied to the release simulators, which refuse anything
// their release does not take, and the next plan is empty.
func TestAreasApplyOverOpenConfigReleases(t *testing.T) {
	dir := campusWith(t,
		[3]string{"devices/ams.yaml", "      hostname: ams-acc-2\n",
			"      hostname: ams-acc-2\n      vrfs: [{name: GUEST, rd: \"65000:1\", description: guests}]\n" +
				"      lines:\n        vty: {exec_timeout: 15, transport_input: [ssh]}\n" +
				"      aaa:\n        login: [{name: default, methods: [CAMPUS-TACACS, local]}]\n"},
		[3]string{"devices/ams.yaml", "          description: desk 2.01\n",
			"          description: desk 2.01\n          speed: \"1000\"\n          duplex: full\n" +
				"        - name: Vlan30\n          vrf: GUEST\n          ipv4: [10.30.0.1/24]\n          ipv6: [\"2001:db8:30::1/64\"]\n"},
		[3]string{"devices/fra.yaml", "      hostname: fra-core-1\n",
			"      hostname: fra-core-1\n      logging: {console_severity: warning, source_interface: Loopback0}\n" +
				"      vrfs: [{name: GUEST, rd: \"65000:1\", description: guests}]\n"},
		[3]string{"devices/fra.yaml", "          description: uplink to fra-dist-1\n          ipv4: [10.1.1.1/30]\n",
			"          description: uplink to fra-dist-1\n          ipv4: [10.1.1.1/30]\n          ipv6: [\"2001:db8::1/64\"]\n" +
				"          speed: \"10000\"\n          vrf: GUEST\n"},
	)
	reg := registry(t)
	inv, ds := Load(dir, reg)
	if ds.HasErrors() {
		t.Fatalf("gate refused what the releases take:\n%s", ds)
	}
	sim, kh, ca := startSim(t, inv, reg, simfleet.Options{})
	devs := inv.Devices[:0:0]
	for _, d := range inv.Devices {
		if d.Name == "ams-acc-2" || d.Name == "fra-core-1" {
			d.Address = sim.Addr(d.Name)
			devs = append(devs, d)
		}
	}
	if len(devs) != 2 {
		t.Fatalf("simulated %d of the two devices", len(devs))
	}
	units, fails := Units(inv, devs, reg, simOptions(kh, ca, campusSecrets()))
	for _, f := range fails {
		t.Fatalf("unit %s: %v", f.Device, f.Err)
	}
	for _, r := range rollout.Apply(t.Context(), units, rollout.Config{ConfirmTimeout: 2 * time.Minute}) {
		if r.Status != rollout.Applied || r.Err != nil {
			t.Fatalf("%s: apply %s: %v", r.Device, r.Status, r.Err)
		}
	}
	for _, r := range rollout.Observe(t.Context(), units, rollout.Config{}) {
		if r.Status != rollout.InSync {
			t.Errorf("%s: plan after apply %s (%v): %+v", r.Device, r.Status, r.Err, r.Changes)
		}
	}
}

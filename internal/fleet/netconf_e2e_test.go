package fleet

import (
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/inventory"
)

// campusSim loads examples/campus, starts its NETCONF devices on free
// ports, points the inventory at them and returns units for them.
func campusSim(t *testing.T, opts simfleet.Options) (*inventory.Inventory, *simfleet.Fleet, []rollout.Unit) {
	t.Helper()
	reg := registry(t)
	// Generic simulators (no release profile): these tests exercise the
	// NETCONF mechanism itself; the release simulators have their own tests.
	inv, ds := inventory.LoadAndResolve("../../examples/campus", inventory.ResolveOptions{CheckPlatform: reg.CheckTransport})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	genericIntent(inv)
	sim, kh, _ := startSim(t, inv, reg, opts)
	units, fails := Units(inv, simulated(inv, sim), reg, simOptions(kh, "", campusSecrets()))
	for _, f := range fails {
		t.Fatalf("unit %s: %v", f.Device, f.Err)
	}
	return inv, sim, units
}

func TestNETCONFApplyConvergesAndIsIdempotent(t *testing.T) {
	_, sim, units := campusSim(t, simfleet.Options{})
	plan := rollout.Observe(t.Context(), units, rollout.Config{})
	for _, r := range plan {
		if r.Status != rollout.Changes {
			t.Fatalf("%s: first plan status %s (%v), want changes", r.Device, r.Status, r.Err)
		}
	}
	results := rollout.Apply(t.Context(), units, rollout.Config{ConfirmTimeout: time.Minute})
	for _, r := range results {
		if r.Status != rollout.Applied {
			t.Errorf("%s: apply status %s: %v", r.Device, r.Status, r.Err)
		}
	}
	for _, d := range sim.Devices() {
		if d.ConfirmedCommitPending() {
			t.Errorf("%s: a confirmed commit is still pending after apply", d.Name())
		}
		// Secrets are not in the rendered tree or the plan, but the new
		// TACACS+ servers must reach the device with their key, which the
		// device stores encrypted (type 7).
		if !strings.Contains(string(d.Running()), "<secret-key-hashed>"+devicesim.Type7("campus-tacacs-key")+"</secret-key-hashed>") {
			t.Errorf("%s: the TACACS+ key was not pushed with the new servers", d.Name())
		}
	}
	again := rollout.Observe(t.Context(), units, rollout.Config{})
	for _, r := range again {
		if r.Status != rollout.InSync {
			t.Errorf("%s: second plan status %s, changes %v, err %v", r.Device, r.Status, r.Changes, r.Err)
		}
	}
}

// genericIntent prepares the campus for generic simulators (no release
// profile): without a release, native routes fall back to OpenConfig and
// the campus's native.yang blocks, which need the release's native schema,
// are left out here.
func genericIntent(inv *inventory.Inventory) {
	for _, d := range inv.Devices {
		if n := d.Intent.Config.Native; n != nil && len(n.YANG) > 0 {
			c := *n
			c.YANG = nil
			d.Intent.Config.Native = &c
		}
	}
}

package fleet

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/providers"
)

// plan says, before apply is tried, which device apply would refuse: no
// device timer without the opt-in, or a failed proof.
func TestAnnotateMarksWhatApplyWouldRefuse(t *testing.T) {
	units := []rollout.Unit{
		{Name: "nx-optin", Confirm: providers.ConfirmCheckpoint, Target: providers.Target{AllowWithoutDeviceTimer: true}},
		{Name: "nx-silent", Confirm: providers.ConfirmCheckpoint},
		{Name: "xr", Confirm: providers.ConfirmNETCONF},
		{Name: "xr-failed", Confirm: providers.ConfirmNETCONF},
	}
	at := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	proofs := map[string]state.Proof{
		"xr":        {Device: "xr", Mechanism: providers.ConfirmNETCONF, OK: true, At: at},
		"xr-failed": {Device: "xr-failed", Mechanism: providers.ConfirmNETCONF, OK: false, At: at, Detail: "still there"},
	}
	var devs []plan.DevicePlan
	for _, u := range units {
		devs = append(devs, plan.DevicePlan{Name: u.Name})
	}
	p := plan.New("abc", at, devs...)
	Annotate(p, units, proofs)
	got := map[string]plan.DevicePlan{}
	for _, d := range p.Devices {
		got[d.Name] = d
	}
	if d := got["nx-optin"]; d.Error != "" || d.Rollback == nil || d.Rollback.OptIn == "" || d.Rollback.DeviceTimer {
		t.Errorf("opted-in NX-API device: %+v %+v", d, d.Rollback)
	}
	if d := got["nx-silent"]; !strings.Contains(d.Error, "allow_without_device_timer: true") {
		t.Errorf("NX-API device without the opt-in: error %q, want the opt-in named", d.Error)
	}
	if d := got["xr"]; d.Error != "" || d.Rollback.Proof != "proven 2026-01-02" {
		t.Errorf("proven device: error %q proof %q", d.Error, d.Rollback.Proof)
	}
	if d := got["xr-failed"]; !strings.Contains(d.Error, "failed its proof") || !strings.HasPrefix(d.Rollback.Proof, "proof failed 2026-01-02: still there") {
		t.Errorf("device with a failed proof: error %q proof %q", d.Error, d.Rollback.Proof)
	}
	if p.Summary.Failed != 2 {
		t.Errorf("summary counts %d failed, want 2", p.Summary.Failed)
	}
}

// A device that turns out at connect to have no device timer (no profile
// said so) is refused by the driver, nothing pushed, unless it opted in.
func TestDriverRefusesADeviceWithoutTimerUnlessOptedIn(t *testing.T) {
	_, sim, units := campusSim(t, simfleet.Options{WritableRunning: []string{faultyDevice}})
	u := pick(t, units, faultyDevice)
	before := sim.Device(faultyDevice).Running()
	rs := rollout.Apply(t.Context(), u, rollout.Config{ConfirmTimeout: time.Minute})
	if rs[0].Status != rollout.Failed || !errors.Is(rs[0].Err, providers.ErrNoDeviceTimer) || !strings.Contains(rs[0].Err.Error(), "allow_without_device_timer") {
		t.Fatalf("push to a device without a timer: %s: %v", rs[0].Status, rs[0].Err)
	}
	if !bytes.Equal(before, sim.Device(faultyDevice).Running()) {
		t.Fatal("the refused push changed the device")
	}
	u[0].Target.AllowWithoutDeviceTimer = true
	rs = rollout.Apply(t.Context(), u, rollout.Config{ConfirmTimeout: time.Minute})
	if rs[0].Status != rollout.Applied {
		t.Fatalf("push with the opt-in: %s: %v", rs[0].Status, rs[0].Err)
	}
}

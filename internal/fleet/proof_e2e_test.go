package fleet

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/providers"
)

// proveOnClock makes proofs wait on the simulators' manual clock: every
// poll advances it, so the device's timer runs without sleeping.
func proveOnClock(clock *devicesim.ManualClock) rollout.ProveConfig {
	return rollout.ProveConfig{Poll: 10 * time.Second, Now: clock.Now,
		Sleep: func(_ context.Context, d time.Duration) error { clock.Advance(d); return nil }}
}

func openJournal(t *testing.T, dir string) *Journal {
	t.Helper()
	j, err := OpenJournal(dir, time.Second, "test", gitsource.Revision{Hash: "abc"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	return j
}

func TestProofOfTheCiscoIATimer(t *testing.T) {
	clock := devicesim.NewManualClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	sim, units := releaseSim(t, simfleet.Options{Clock: clock})
	u := pick(t, units, xeDevice)
	dev := sim.Device(xeDevice)
	before := dev.Running()
	j := openJournal(t, t.TempDir())
	if !NeedsProof(&u[0], j.Proofs()) {
		t.Fatal("a device never proven does not need a proof")
	}
	out := j.Prove(t.Context(), u, 1, proveOnClock(clock))
	if out[0].Err != nil || !out[0].Proof.OK {
		t.Fatalf("proof: %+v", out[0])
	}
	p := out[0].Proof
	if p.Mechanism != providers.ConfirmCiscoIA || p.Release != "iosxe 17.18.1" || p.Timer != time.Minute || !p.At.Equal(clock.Now()) {
		t.Errorf("recorded proof %+v, want cisco-ia on iosxe 17.18.1 with a 1m timer, dated on the device clock", p)
	}
	if !strings.Contains(p.Detail, "description") || !strings.Contains(p.Detail, "reverted by the device") {
		t.Errorf("proof detail %q does not say what changed and that it reverted", p.Detail)
	}
	if got := dev.Running(); string(got) != string(before) {
		t.Errorf("after the proof, running is not what it was:\n%s", got)
	}
	assertNothingPending(t, sim)
	if NeedsProof(&u[0], j.Proofs()) {
		t.Error("a device proven on its release still needs a proof")
	}
	// A new release needs a new proof.
	other := u[0]
	other.Target.Profile = nil
	if !NeedsProof(&other, j.Proofs()) {
		t.Error("a device whose release changed does not need a new proof")
	}
	kept, fails := j.EnsureProven(t.Context(), u, 1, proveOnClock(clock))
	if len(kept) != 1 || len(fails) != 0 {
		t.Errorf("EnsureProven after a passed proof: kept %d, failures %v", len(kept), fails)
	}
}

// A device whose timer does not revert (simulator knob) fails its proof:
// it is recorded, the change is taken back, and apply refuses the device.
func TestProofFailureRefusesTheDevice(t *testing.T) {
	clock := devicesim.NewManualClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	sim, units := releaseSim(t, simfleet.Options{Clock: clock})
	u := pick(t, units, xeDevice)
	dev := sim.Device(xeDevice)
	dev.Knobs().BreakRevertTimer(true)
	dir := t.TempDir()
	j := openJournal(t, dir)
	kept, fails := j.EnsureProven(t.Context(), u, 1, proveOnClock(clock))
	if len(kept) != 0 || len(fails) != 1 {
		t.Fatalf("EnsureProven with a broken timer: kept %d, failures %v", len(kept), fails)
	}
	var pf *ProofFailedError
	if !errors.As(fails[0].Err, &pf) || !strings.Contains(fails[0].Err.Error(), "failed its proof") ||
		!strings.Contains(fails[0].Err.Error(), "switchyard prove --limit "+xeDevice) {
		t.Fatalf("refusal %v does not say the proof failed and how to prove again", fails[0].Err)
	}
	if p := j.Proofs()[xeDevice]; p.OK || !strings.Contains(p.Detail, "still on the device") {
		t.Errorf("recorded proof %+v, want a failure saying the change stayed", p)
	}
	// Later runs refuse it from the record, without proving again.
	dev.Knobs().BreakRevertTimer(false)
	_, fails = j.EnsureProven(t.Context(), u, 1, proveOnClock(clock))
	if len(fails) != 1 {
		t.Fatalf("a device whose proof failed before was not refused: %v", fails)
	}
	// prove on demand, once the device is fixed, clears it.
	if out := j.Prove(t.Context(), u, 1, proveOnClock(clock)); out[0].Err != nil || !out[0].Proof.OK {
		t.Fatalf("proof after the fix: %+v", out[0])
	}
	if kept, _ := j.EnsureProven(t.Context(), u, 1, proveOnClock(clock)); len(kept) != 1 {
		t.Error("a device proven again is still refused")
	}
}

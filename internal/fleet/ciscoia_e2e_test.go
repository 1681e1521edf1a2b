package fleet

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/providers"
)

// xeDevice is an IOS-XE 17.18.1 device of the campus: no confirmed commit,
// cisco-ia's timed rollback instead.
const xeDevice = "ams-acc-1"

// releaseSim is campusSim through the gate (Load): every device is its
// release's simulator (the IOS-XE ones advertise cisco-ia and no
// :confirmed-commit). It returns the NETCONF units.
func releaseSim(t *testing.T, opts simfleet.Options) (*simfleet.Fleet, []rollout.Unit) {
	t.Helper()
	reg := registry(t)
	inv, ds := Load("../../examples/campus", reg)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sim, kh, _ := startSim(t, inv, reg, opts)
	units, fails := Units(inv, simulated(inv, sim), reg, simOptions(kh, "", campusSecrets()))
	for _, f := range fails {
		t.Fatalf("unit %s: %v", f.Device, f.Err)
	}
	return sim, units
}

func TestCiscoIAApplyConvergesWithoutConfirmedCommit(t *testing.T) {
	sim, units := releaseSim(t, simfleet.Options{})
	u := pick(t, units, xeDevice)
	if u[0].Confirm != providers.ConfirmCiscoIA {
		t.Fatalf("%s: mechanism %q, want %q from its release profile", xeDevice, u[0].Confirm, providers.ConfirmCiscoIA)
	}
	_, notices, err := rollout.CheckTimeouts(u, 30*time.Second)
	if err != nil || len(notices) != 1 || !strings.Contains(notices[0], "rounded up to 1m0s") {
		t.Errorf("30s on cisco-ia: notices %q, err %v; want one rounding to 1m0s", notices, err)
	}
	var txn *providers.Txn
	rs := rollout.Apply(t.Context(), u, rollout.Config{ConfirmTimeout: 30 * time.Second, OnTxn: func(_ string, x *providers.Txn) {
		if x != nil {
			txn = x
		}
	}})
	if rs[0].Status != rollout.Applied {
		t.Fatalf("apply: %s: %v", rs[0].Status, rs[0].Err)
	}
	if txn == nil || txn.Kind != providers.ConfirmCiscoIA || txn.Deadline.IsZero() || !strings.Contains(string(txn.Extra), devicesim.ArchivePath) {
		t.Errorf("txn in flight = %+v, want a cisco-ia txn with a deadline and its archive", txn)
	}
	assertConverged(t, sim, u)
}

// Kill after push: switchyard dies between the push and the confirm; the
// IOS-XE device restores the configuration from before the push by itself
// when its revert timer runs out, and a new apply converges.
func TestCiscoIAKilledAfterPushRevertsOnTimer(t *testing.T) {
	clock := devicesim.NewManualClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	sim, units := releaseSim(t, simfleet.Options{Clock: clock})
	u := pick(t, units, xeDevice)[0]
	dev := sim.Device(xeDevice)
	before := dev.Running()

	runCrashChild(t, u)
	waitFor(t, "the killed child's session to end", func() bool { return dev.SessionCount() == 0 })
	pushed := dev.Running()
	if bytes.Equal(before, pushed) || !bytes.Contains(pushed, []byte("desk 1.01")) {
		t.Fatalf("after the kill, running does not show the pushed change:\n%s", pushed)
	}
	deadline, pending := dev.RevertTimer()
	if !pending || !deadline.Equal(clock.Now().Add(crashConfirmTO)) {
		t.Fatalf("after the kill: revert timer %v pending %v; want one for %s", deadline, pending, crashConfirmTO)
	}
	clock.Advance(crashConfirmTO - time.Second)
	if !bytes.Equal(pushed, dev.Running()) {
		t.Fatal("the device reverted before its timer ran out")
	}
	clock.Advance(time.Second)
	if got := dev.Running(); !bytes.Equal(before, got) {
		t.Fatalf("after the revert timer, running is not the pre-apply configuration:\n%s\nwant:\n%s", got, before)
	}
	rs := rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: crashConfirmTO})
	if rs[0].Status != rollout.Applied {
		t.Fatalf("apply after the revert: %s: %v", rs[0].Status, rs[0].Err)
	}
	assertConverged(t, sim, []rollout.Unit{u})
}

// A second writer cannot arm its own timer while one is pending: Begin
// says busy and pushes nothing.
func TestCiscoIASecondWriterIsBusy(t *testing.T) {
	clock := devicesim.NewManualClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	sim, units := releaseSim(t, simfleet.Options{Clock: clock})
	u := pick(t, units, xeDevice)[0]
	dev := sim.Device(xeDevice)
	beforeTree := dev.RunningTree()
	runCrashChild(t, u)
	waitFor(t, "the killed child's session to end", func() bool { return dev.SessionCount() == 0 })
	dev.SetRunning(beforeTree) // someone undoes the change by hand; the timer still runs
	rs := rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: time.Minute})
	if rs[0].Status != rollout.Failed || !errors.Is(rs[0].Err, providers.ErrBusy) {
		t.Fatalf("apply while another timed rollback is pending: %s: %v; want failed with ErrBusy", rs[0].Status, rs[0].Err)
	}
	if !dev.RunningTree().Equal(beforeTree) {
		t.Error("a busy apply changed running")
	}
}

// The next run settles a cisco-ia txn an earlier (killed) run left in
// flight: with the intent known and shown, Resolve confirms it, and the
// change outlives the timer's deadline.
func TestCiscoIAResolveConfirmsKilledRunsTxn(t *testing.T) {
	clock := devicesim.NewManualClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	sim, units := releaseSim(t, simfleet.Options{Clock: clock})
	u := pick(t, units, xeDevice)[0]
	dev := sim.Device(xeDevice)
	id := runCrashChild(t, u)
	waitFor(t, "the killed child's session to end", func() bool { return dev.SessionCount() == 0 })
	pushed := dev.Running()
	txn := &providers.Txn{Device: u.Name, Transport: "netconf", Kind: providers.ConfirmCiscoIA, ID: id, Deadline: time.Now().Add(time.Minute)}
	res, err := rollout.Resolve(t.Context(), &u, txn, true)
	if err != nil || res.Resolution != rollout.ResolvedConfirmed {
		t.Fatalf("resolve: %+v, %v; want confirmed", res, err)
	}
	if _, pending := dev.RevertTimer(); pending {
		t.Fatal("the revert timer still runs after the confirm")
	}
	clock.Advance(2 * crashConfirmTO)
	if got := dev.Running(); !bytes.Equal(got, pushed) {
		t.Fatalf("after confirm and the timer's deadline, running is not the pushed change:\n%s", got)
	}
	res, err = rollout.Resolve(t.Context(), &u, txn, true)
	if err != nil || res.Resolution != rollout.ResolvedFinal {
		t.Errorf("resolving it again: %+v, %v; want in-sync (nothing pending)", res, err)
	}
	assertConverged(t, sim, []rollout.Unit{u})
}

package fleet

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/transport/netconf"
)

// The device the fault tests break, and an interface description path it
// has changes for (the factory configuration has no descriptions).
const (
	faultyDevice   = "ams-acc-1"
	faultyDescPath = "/interfaces/interface[name='GigabitEthernet1/0/1']/config/description"
)

// bystanders are the healthy devices rolled out with faultyDevice: one of
// each other platform, enough to show the rollout goes on around a fault.
var bystanders = []string{"ams-core-1", "ams-dist-1"}

func TestNETCONFApplyLockContention(t *testing.T) {
	_, sim, units := campusSim(t, simfleet.Options{})
	units = pick(t, units, append([]string{faultyDevice}, bystanders...)...)
	u := units[unitIndex(t, units, faultyDevice)]
	dev := sim.Device(faultyDevice)
	holder, err := netconf.Dial(t.Context(), netconf.Config{Address: u.Target.Address, Username: u.Target.Username,
		Password: u.Target.Password, KnownHostsFile: u.Target.KnownHostsFile, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = holder.Close() })
	if err := holder.Lock(t.Context(), netconf.Candidate); err != nil {
		t.Fatal(err)
	}
	before := dev.Running()

	results := rollout.Apply(t.Context(), units, rollout.Config{MaxFailures: len(units), ConfirmTimeout: time.Minute})
	for _, r := range results {
		if r.Device != faultyDevice {
			if r.Status != rollout.Applied {
				t.Errorf("%s: status %s (%v), want applied despite the lock on %s", r.Device, r.Status, r.Err, faultyDevice)
			}
			continue
		}
		if r.Status != rollout.Failed || r.Err == nil {
			t.Fatalf("%s: status %s (%v), want failed", r.Device, r.Status, r.Err)
		}
		for _, want := range []string{faultyDevice, "lock-denied", "session-id " + holder.SessionID()} {
			if !strings.Contains(r.Err.Error(), want) {
				t.Errorf("error %q does not name %q", r.Err, want)
			}
		}
		if !netconf.IsLockDenied(r.Err) {
			t.Errorf("error %v does not satisfy netconf.IsLockDenied", r.Err)
		}
	}
	if !bytes.Equal(before, dev.Running()) {
		t.Errorf("%s: running changed although its candidate was locked", faultyDevice)
	}
	holderID, err := strconv.ParseUint(holder.SessionID(), 10, 32)
	if err != nil {
		t.Fatalf("holder session-id %q: %v", holder.SessionID(), err)
	}
	if diff := cmp.Diff(map[string]uint32{"candidate": uint32(holderID)}, dev.LockHolders()); diff != "" {
		t.Errorf("locks after the failed push (the running lock must be released) (-want +got):\n%s", diff)
	}
	assertNothingPending(t, sim)

	if err := holder.Unlock(t.Context(), netconf.Candidate); err != nil {
		t.Fatal(err)
	}
	again := rollout.Apply(t.Context(), units, rollout.Config{ConfirmTimeout: time.Minute})
	for _, r := range again {
		want := rollout.InSync
		if r.Device == faultyDevice {
			want = rollout.Applied
		}
		if r.Status != want {
			t.Errorf("after unlock: %s: status %s (%v), want %s", r.Device, r.Status, r.Err, want)
		}
	}
	assertConverged(t, sim, units)
}

func TestNETCONFApplyRejectedChange(t *testing.T) {
	t.Run("failure budget lets the others through", func(t *testing.T) {
		_, sim, units := campusSim(t, simfleet.Options{})
		units = pick(t, units, append([]string{faultyDevice}, bystanders...)...)
		dev := rejectDescription(t, sim, faultyDevice)
		before := snapshot(sim)
		results := rollout.Apply(t.Context(), units, rollout.Config{MaxFailures: 1, ConfirmTimeout: time.Minute})
		for _, r := range results {
			if r.Device == faultyDevice {
				assertRejected(t, r, faultyDevice)
				continue
			}
			if r.Status != rollout.Applied {
				t.Errorf("%s: status %s (%v), want applied within the failure budget", r.Device, r.Status, r.Err)
			}
		}
		if !bytes.Equal(before[faultyDevice], dev.Running()) {
			t.Errorf("%s: running changed by a rejected edit:\n%s", faultyDevice, dev.Running())
		}
		if !bytes.Equal(before[faultyDevice], dev.Candidate()) {
			t.Errorf("%s: the rejected edit was left in the candidate:\n%s", faultyDevice, dev.Candidate())
		}
		if locks := dev.LockHolders(); len(locks) != 0 {
			t.Errorf("%s: locks left after the rejected edit: %v", faultyDevice, locks)
		}
		assertNothingPending(t, sim)
	})
	t.Run("no failure budget skips the devices after it", func(t *testing.T) {
		_, sim, units := campusSim(t, simfleet.Options{})
		const victim = "ams-acc-2" // the second unit: one device before it, several after
		rejectDescription(t, sim, victim)
		k := unitIndex(t, units, victim)
		if k == 0 || k == len(units)-1 {
			t.Fatalf("%s is unit %d of %d; the test needs devices before and after it", victim, k, len(units))
		}
		before := snapshot(sim)
		results := rollout.Apply(t.Context(), units, rollout.Config{Concurrency: 1, MaxFailures: 0, ConfirmTimeout: time.Minute})
		for i, r := range results {
			switch {
			case i < k && r.Status != rollout.Applied:
				t.Errorf("%s (before the failure): status %s (%v), want applied", r.Device, r.Status, r.Err)
			case i == k:
				assertRejected(t, r, victim)
			case i > k && r.Status != rollout.Skipped:
				t.Errorf("%s (after the failure): status %s (%v), want skipped", r.Device, r.Status, r.Err)
			case i > k && !bytes.Equal(before[r.Device], sim.Device(r.Device).Running()):
				t.Errorf("%s was skipped but its running configuration changed", r.Device)
			}
		}
		if !bytes.Equal(before[victim], sim.Device(victim).Running()) {
			t.Errorf("%s: running changed by a rejected edit", victim)
		}
		assertNothingPending(t, sim)
	})
}

func TestNETCONFVerificationFailureRollsBack(t *testing.T) {
	_, sim, units := campusSim(t, simfleet.Options{})
	units = pick(t, units, append([]string{faultyDevice}, bystanders...)...)
	dev := sim.Device(faultyDevice)
	if err := dev.Knobs().IgnoreEdits(faultyDescPath); err != nil {
		t.Fatal(err)
	}
	before := dev.Running()
	results := rollout.Apply(t.Context(), units, rollout.Config{MaxFailures: len(units), ConfirmTimeout: time.Minute})
	for _, r := range results {
		if r.Device != faultyDevice {
			if r.Status != rollout.Applied {
				t.Errorf("%s: status %s (%v), want applied", r.Device, r.Status, r.Err)
			}
			continue
		}
		if r.Status != rollout.RolledBack || r.Err == nil {
			t.Fatalf("%s: status %s (%v), want rolled-back", r.Device, r.Status, r.Err)
		}
		for _, want := range []string{faultyDevice, "still differ after commit",
			"/interfaces/interface[name=GigabitEthernet1/0/1]/config/description", "change cancelled"} {
			if !strings.Contains(r.Err.Error(), want) {
				t.Errorf("error %q lacks %q", r.Err, want)
			}
		}
		if r.Txn == nil || r.Txn.ID == "" {
			t.Errorf("rolled-back result has no txn: %+v", r.Txn)
		}
	}
	if got := dev.Running(); !bytes.Equal(before, got) {
		t.Errorf("%s: running after the rollback differs from before the apply:\n%s\nwant:\n%s", faultyDevice, got, before)
	}
	if locks := dev.LockHolders(); len(locks) != 0 {
		t.Errorf("%s: locks left after the rollback: %v", faultyDevice, locks)
	}
	assertNothingPending(t, sim)
}

// rejectDescription makes device name refuse edits of faultyDescPath.
func rejectDescription(t *testing.T, sim *simfleet.Fleet, name string) *devicesim.Device {
	t.Helper()
	dev := sim.Device(name)
	if err := dev.Knobs().RejectPath(faultyDescPath, "description is not supported on this line card"); err != nil {
		t.Fatal(err)
	}
	return dev
}

// assertRejected checks the result of device name, whose edit was refused.
func assertRejected(t *testing.T, r rollout.Result, name string) {
	t.Helper()
	if r.Status != rollout.Failed || r.Err == nil {
		t.Errorf("%s: status %s (%v), want failed", r.Device, r.Status, r.Err)
		return
	}
	for _, want := range []string{name, faultyDescPath, "not supported on this line card"} {
		if !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error %q lacks %q", r.Err, want)
		}
	}
	if r.Txn != nil {
		t.Errorf("a rejected edit left a txn: %+v", r.Txn)
	}
}

// pick returns the units called names, in that order.
func pick(t *testing.T, units []rollout.Unit, names ...string) []rollout.Unit {
	t.Helper()
	out := make([]rollout.Unit, len(names))
	for i, n := range names {
		out[i] = units[unitIndex(t, units, n)]
	}
	return out
}

func unitIndex(t *testing.T, units []rollout.Unit, name string) int {
	t.Helper()
	for i, u := range units {
		if u.Name == name {
			return i
		}
	}
	t.Fatalf("no unit %s", name)
	return -1
}

// snapshot returns every device's running configuration by name.
func snapshot(sim *simfleet.Fleet) map[string][]byte {
	out := map[string][]byte{}
	for _, d := range sim.Devices() {
		out[d.Name()] = d.Running()
	}
	return out
}

func assertNothingPending(t *testing.T, sim *simfleet.Fleet) {
	t.Helper()
	for _, d := range sim.Devices() {
		if d.ConfirmedCommitPending() {
			t.Errorf("%s: a confirmed commit is pending", d.Name())
		}
	}
}

// assertConverged checks that no commit is pending and a new plan is empty.
func assertConverged(t *testing.T, sim *simfleet.Fleet, units []rollout.Unit) {
	t.Helper()
	assertNothingPending(t, sim)
	for _, r := range rollout.Observe(t.Context(), units, rollout.Config{}) {
		if r.Status != rollout.InSync {
			t.Errorf("%s: plan after convergence: status %s, changes %v, err %v", r.Device, r.Status, r.Changes, r.Err)
		}
	}
}

package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/state"
)

// switchyard prove on the simulated campus: each NETCONF device (IOS-XE
// through cisco-ia, IOS-XR and NX-OS through confirmed commit) reverts the
// proof change by itself. The simulators' clock runs 10 times faster than
// real time (a one-minute timer fires after 6 s), as sim --time-scale.
func TestE2EProve(t *testing.T) {
	h := startCampusWith(t, simfleet.Options{Clock: devicesim.NewScaledClock(10)})
	factory := h.snapshot()
	code, out, errOut := h.run("prove")
	if code != exitOK {
		t.Fatalf("prove: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"ams-acc-1   cisco-ia-revert-timer     proven", "ams-core-1  netconf-confirmed-commit  proven", "reverted by the device"} {
		if !strings.Contains(out, want) {
			t.Errorf("prove output lacks %q:\n%s", want, out)
		}
	}
	h.assertUnchanged("after the proofs", factory)
	code, out, _ = h.run("plan")
	if code != exitChanges || !strings.Contains(out, "rollback: cisco-ia-revert-timer (proven ") {
		t.Errorf("plan after prove: exit %d, does not show the proof:\n%s", code, out)
	}
	// A device whose proof failed (internal/fleet shows a broken timer
	// failing its proof on a manual clock) is refused by apply, which
	// pushes nothing to it.
	st, err := state.Open(os.Getenv("SWITCHYARD_STATE_DIR"))
	if err != nil {
		t.Fatal(err)
	}
	err = st.SetProof(state.Proof{Device: "ams-acc-2", Mechanism: "cisco-ia-revert-timer", Release: "iosxe 17.18.1", At: time.Now(),
		Detail: "still on the device 30s after the timer's deadline"})
	if cerr := st.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
	code, _, errOut = h.run("apply", "--yes")
	if code != exitFailure || !strings.Contains(errOut, "ams-acc-2: refused: its rollback timer (cisco-ia-revert-timer) failed its proof") {
		t.Errorf("apply after a failed proof: exit %d\n%s", code, errOut)
	}
	if got := h.sim.Device("ams-acc-2").Running(); !bytes.Equal(got, factory["ams-acc-2"]) {
		t.Errorf("apply pushed to a device whose proof failed")
	}
}

package daemon

import (
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/state"
)

// The daemon relies on a device's rollback timer only as apply does: a
// device whose timer failed its proof (for its mechanism and release) is
// refused and left unchanged; the others are pushed.
func TestDaemonRefusesADeviceWhoseTimerFailedItsProof(t *testing.T) {
	c := newCampus(t)
	st, err := state.Open(c.stateDir)
	if err != nil {
		t.Fatal(err)
	}
	err = st.SetProof(state.Proof{Device: "ams-core-1", Mechanism: "netconf-confirmed-commit", Release: "iosxr 26.2.1",
		At: time.Now(), Detail: "the change was still there 30s after the deadline"})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	r := c.start(c.config(""))
	r.wait("reconcile")
	s := r.status()
	if d := s.device("ams-core-1"); d.State == StateInSync || !strings.Contains(d.Reason, "failed its proof") {
		t.Errorf("ams-core-1: state %q (%s), want refused for its failed proof", d.State, d.Reason)
	}
	if d := s.device("ams-acc-1"); d.State != StateInSync {
		t.Errorf("ams-acc-1: state %q (%s), want in-sync", d.State, d.Reason)
	}
}

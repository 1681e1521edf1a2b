package daemon

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestStatusIsLiveDuringARollout holds a core device's health check open
// mid-commit: the status shows that device in flight (not in-sync) with
// its commit, and in-sync once the check passes and the commit is
// confirmed.
func TestStatusIsLiveDuringARollout(t *testing.T) {
	entered := make(chan string, 8)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- strings.TrimPrefix(r.URL.Path, "/")
		<-release
	}))
	defer srv.Close()
	c := newCampus(t)
	r := c.start(c.config(fmt.Sprintf(`health_checks:
  - {name: gate, http: "%s/{device}", timeout: 1m, groups: [core]}
`, srv.URL)))
	var dev string
	select {
	case dev = <-entered:
	case <-time.After(time.Minute):
		t.Fatal("no health check within a minute")
	}
	ds := r.status().device(dev)
	if ds.State != StateInFlight || ds.InFlight == nil || ds.InFlight.ID == "" {
		t.Errorf("%s mid-commit: state %q, in flight %+v, want in-flight with its commit", dev, ds.State, ds.InFlight)
	}
	st := r.status()
	inFlight := 0
	for _, d := range st.Devices {
		if d.State == StateInFlight {
			inFlight++
		}
	}
	if st.Counts[StateInFlight] != inFlight || inFlight == 0 {
		t.Errorf("counts say %d in flight, the devices %d", st.Counts[StateInFlight], inFlight)
	}
	close(release)
	if cy := r.wait("reconcile"); cy.Err != nil {
		t.Fatal(cy.Err)
	}
	if ds := r.status().device(dev); ds.State != StateInSync || ds.InFlight != nil {
		t.Errorf("%s after the rollout: %q, in flight %+v", dev, ds.State, ds.InFlight)
	}
}

// TestStatusIsRestoredFromStateAtStart: after a restart the status shows
// every device as state last saw it before the first pass observes them.
func TestStatusIsRestoredFromStateAtStart(t *testing.T) {
	c := newCampus(t)
	cfg := c.config("drift:\n  schedule: 30m\n")
	r := c.start(cfg)
	rev := r.wait("reconcile").Revision
	c.setHostname("ams-core-1", "console-edit")
	c.clock.Advance(30 * time.Minute)
	r.wait("drift")
	before := r.status()
	r.stop()

	r = c.start(cfg)
	r.wait("reconcile") // the same revision: no pass over the devices
	st := r.status()
	if len(st.Devices) != len(before.Devices) || len(st.Devices) == 0 {
		t.Fatalf("restored status lists %d devices, want %d", len(st.Devices), len(before.Devices))
	}
	if d := st.device("ams-core-1"); d.State != StateDrifted || d.Release != "26.2.1" {
		t.Errorf("ams-core-1 restored as %q (release %q), want drifted", d.State, d.Release)
	}
	if d := st.device("ams-acc-1"); d.State != StateInSync || d.LastAppliedRevision != rev || !strings.Contains(d.Reason, "restored from state") {
		t.Errorf("ams-acc-1 restored as %q %q at %s, want in-sync from state at %s", d.State, d.Reason, d.LastAppliedRevision, rev)
	}
	if st.Counts[StateInSync] != len(st.Devices)-1 {
		t.Errorf("counts %v", st.Counts)
	}
}

package daemon

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/inventory"
)

func TestDriftIsRemediatedOrReportedPerGroupPolicy(t *testing.T) {
	c := newCampus(t)
	r := c.start(c.config(`drift:
  schedule: 30m
  default_policy: report
groups:
  - group: access
    drift: remediate
`))
	r.wait("reconcile")
	assertAllInSync(t, r.status())
	c.setHostname("ams-acc-1", "hacked-acc")   // access: remediate
	c.setHostname("ams-core-1", "hacked-core") // core: default report
	c.clock.Advance(30 * time.Minute)
	r.wait("drift")
	s := r.status()
	acc, core := s.device("ams-acc-1"), s.device("ams-core-1")
	if acc.State != StateInSync || acc.Drift == nil || !acc.Drift.Remediated || acc.DriftPolicy != PolicyRemediate {
		t.Errorf("ams-acc-1: state %q policy %q drift %+v, want remediated", acc.State, acc.DriftPolicy, acc.Drift)
	}
	if core.State != StateDrifted || core.Drift == nil || core.Drift.Remediated || core.DriftPolicy != PolicyReport {
		t.Fatalf("ams-core-1: state %q policy %q drift %+v, want reported", core.State, core.DriftPolicy, core.Drift)
	}
	ch := core.Drift.Changes
	if len(ch) != 1 || !strings.HasSuffix(ch[0].Path, "hostname") || ch[0].Before != "hacked-core" || ch[0].After != "ams-core-1" {
		t.Errorf("ams-core-1 drift changes: %+v, want hostname hacked-core → ams-core-1", ch)
	}
	if !core.Drift.FirstSeen.Equal(c.clock.Now()) {
		t.Errorf("first seen %v, want %v", core.Drift.FirstSeen, c.clock.Now())
	}
	if got := c.sim.Device("ams-core-1").RunningTree().String(); !strings.Contains(got, "hacked-core") {
		t.Error("ams-core-1 was changed although its policy is report")
	}
	recs := c.audit()
	for _, dev := range []string{"ams-acc-1", "ams-core-1"} {
		if countAudit(recs, dev, "drift-detected", "") != 1 {
			t.Errorf("%s: want one drift-detected audit record", dev)
		}
	}
	if countAudit(recs, "ams-acc-1", "confirmed", "") != 2 || countAudit(recs, "ams-core-1", "confirmed", "") != 1 {
		t.Error("want the first apply and one remediation for ams-acc-1, only the first apply for ams-core-1")
	}
	// The next check sees the same drift: first seen stays, no new event.
	first := core.Drift.FirstSeen
	c.clock.Advance(30 * time.Minute)
	r.wait("drift")
	core = r.status().device("ams-core-1")
	if core.Drift == nil || !core.Drift.FirstSeen.Equal(first) {
		t.Errorf("second check: drift %+v, want first seen kept at %v", core.Drift, first)
	}
	if countAudit(c.audit(), "ams-core-1", "drift-detected", "") != 1 {
		t.Error("the same drift was recorded twice")
	}
}

// TestRestartResolvesInFlightCommits leaves two confirmed commits in flight
// as a process killed mid-rollout would, then starts the daemon: the
// device that shows the intent is confirmed, the other cancelled, and
// nothing is pushed twice.
func TestRestartResolvesInFlightCommits(t *testing.T) {
	c := newCampus(t)
	cfg := c.config("")
	r := c.start(cfg)
	r.wait("reconcile")
	r.stop()
	rev := c.commit("new desk descriptions", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.NewReplacer("description: desk 1.01", "description: desk 1.01 (new)",
			"description: desk 2.01", "description: desk 2.01 (new)",
			"description: access point 2", "description: access point 2 (new)").Replace(f["devices/ams.yaml"])
	})
	// Push the new revision to ams-acc-1 in full and to ams-acc-2 in part,
	// both with a pending confirmed commit, and record them as in flight.
	st, err := state.Open(c.stateDir)
	if err != nil {
		t.Fatal(err)
	}
	l := loadRev(t, c, rev)
	for _, name := range []string{"ams-acc-1", "ams-acc-2"} {
		units, fails := fleet.Units(l, []*inventory.Device{l.Device(name)}, registry(t), fleet.Options{KnownHostsFile: c.knownHosts, Secrets: secrets()})
		if len(fails) > 0 {
			t.Fatal(fails[0].Err)
		}
		u := units[0]
		s, err := u.Driver.Connect(t.Context(), u.Target)
		if err != nil {
			t.Fatal(err)
		}
		running, err := s.Observe(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		changes, err := u.Driver.Diff(u.Desired, running)
		if err != nil || len(changes) == 0 || (name == "ams-acc-2" && len(changes) < 2) {
			t.Fatalf("%s: %d changes, err %v", name, len(changes), err)
		}
		if name == "ams-acc-2" {
			changes = changes[:1]
		}
		txn, err := s.Begin(t.Context(), u.Desired, changes, 5*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		_ = s.Close()
		if err := st.SetInFlight(name, txn); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := readMemo(c.stateDir)
	m.Applying = rev
	if err := writeMemo(c.stateDir, m); err != nil {
		t.Fatal(err)
	}
	st.Close()

	r = c.start(cfg)
	if cy := r.wait("resolve"); cy.Err != nil {
		t.Fatalf("resolve: %v", cy.Err)
	}
	recs := c.audit()
	if countAudit(recs, "ams-acc-1", "confirmed", rev) != 1 || countAudit(recs, "ams-acc-2", "cancelled", rev) != 1 {
		t.Fatalf("after resolution: want ams-acc-1 confirmed and ams-acc-2 cancelled at %s; audit %+v", rev[:7], recs)
	}
	r.wait("reconcile")
	assertAllInSync(t, r.status())
	recs = c.audit()
	if n := countAudit(recs, "ams-acc-1", "confirmed", rev); n != 1 {
		t.Errorf("ams-acc-1: %d confirmed records at %s, want 1 (no double apply)", n, rev[:7])
	}
	if n := countAudit(recs, "ams-acc-2", "confirmed", rev); n != 1 {
		t.Errorf("ams-acc-2: %d confirmed records at %s, want 1 (re-pushed after cancel)", n, rev[:7])
	}
	st2 := r.status()
	for _, name := range managed {
		if st2.device(name).InFlight != nil {
			t.Errorf("%s: still has an in-flight commit", name)
		}
	}
	for _, sd := range c.sim.Devices() {
		if sd.ConfirmedCommitPending() {
			t.Errorf("%s: a confirmed commit is still pending", sd.Name())
		}
	}
}

func loadRev(t *testing.T, c *campus, hash string) *inventory.Inventory {
	t.Helper()
	src, err := gitsource.Open(context.Background(), gitsource.Spec{URL: c.repoDir})
	if err != nil {
		t.Fatal(err)
	}
	dir, cleanup, err := src.Checkout(t.Context(), gitsource.Revision{Hash: hash, ShortHash: hash[:7]})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	// Through the gate, as the daemon loads it: the simulators are the
	// devices' releases, and parts go through native routes.
	inv, ds := fleet.Load(dir, registry(t))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return inv
}

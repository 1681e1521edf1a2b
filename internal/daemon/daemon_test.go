package daemon

import (
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// managed are the campus devices the daemon manages in these tests (the
// classic IOS closets need the SSH CLI transport, which is not simulated).
var managed = []string{"ams-core-1", "ams-dist-1", "ams-acc-1", "ams-acc-2", "fra-core-1", "fra-dist-1", "fra-acc-1"}

func assertAllInSync(t *testing.T, s Status) {
	t.Helper()
	for _, name := range managed {
		if d := s.device(name); d.State != StateInSync {
			t.Errorf("%s: state %q (%s), want in-sync", name, d.State, d.Reason)
		}
	}
}

func TestPushedCommitConvergesTheFleet(t *testing.T) {
	c := newCampus(t)
	r := c.start(c.config(""))
	if cy := r.wait("reconcile"); cy.Err != nil {
		t.Fatalf("first reconcile: %v", cy.Err)
	}
	s := r.status()
	assertAllInSync(t, s)
	if !s.Ready || s.Enforced == nil || s.LastSuccessfulSync.IsZero() {
		t.Fatalf("status after converge: ready %v enforced %v last sync %v", s.Ready, s.Enforced, s.LastSuccessfulSync)
	}
	rev := c.commit("describe desk 1.01 again", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 1.01", "description: desk 1.01 (moved)", 1)
	})
	code, _ := r.do(http.MethodPost, "/api/v1/sync", "", "Authorization", "Bearer "+apiToken)
	if code != http.StatusAccepted {
		t.Fatalf("sync: %d", code)
	}
	if cy := r.wait("reconcile"); cy.Err != nil || cy.Revision != rev {
		t.Fatalf("reconcile after push: rev %s err %v, want rev %s", cy.Revision, cy.Err, rev)
	}
	s = r.status()
	assertAllInSync(t, s)
	recs := c.audit()
	if n := countAudit(recs, "ams-acc-1", "confirmed", rev); n != 1 {
		t.Errorf("ams-acc-1: %d confirmed audit records for %s, want 1", n, rev[:7])
	}
	if n := countAudit(recs, "ams-acc-2", "confirmed", rev); n != 0 {
		t.Errorf("ams-acc-2 did not change but has %d audit records for %s", n, rev[:7])
	}
	for _, sd := range c.sim.Devices() {
		if sd.ConfirmedCommitPending() {
			t.Errorf("%s: a confirmed commit is still pending", sd.Name())
		}
	}
}

func TestInvalidCommitPushesNothingAndStatusShowsWhere(t *testing.T) {
	c := newCampus(t)
	r := c.start(c.config(""))
	r.wait("reconcile")
	good := r.status().Enforced.Hash
	before := len(c.audit())
	bad := c.commit("typo", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 1.01", "descripton: desk 1.01", 1)
	})
	r.d.Sync()
	if cy := r.wait("reconcile"); cy.Err == nil || cy.Revision != good {
		t.Fatalf("reconcile of an invalid revision: rev %s err %v; want an error and %s still enforced", cy.Revision, cy.Err, good[:7])
	}
	s := r.status()
	if s.Enforced.Hash != good || s.Head == nil || s.Head.Hash != bad || s.Head.Accepted {
		t.Fatalf("status: enforced %s head %+v", s.Enforced.Hash, s.Head)
	}
	found := false
	for _, d := range s.Head.Diagnostics {
		if strings.HasPrefix(d.Location, "devices/ams.yaml:") && strings.Contains(d.Message, "descripton") {
			found = true
		}
	}
	if !found {
		t.Errorf("no diagnostic at devices/ams.yaml naming the typo: %+v", s.Head.Diagnostics)
	}
	if after := len(c.audit()); after != before {
		t.Errorf("audit log grew from %d to %d records: something was pushed", before, after)
	}
	assertAllInSync(t, s)
}

func TestChangeOutsideWindowIsHeldThenAppliedInWindow(t *testing.T) {
	c := newCampus(t)
	// The clock starts at 12:00 UTC; the window opens at 22:00 for 2h,
	// and the dry-run report is due an hour before.
	r := c.start(c.config(`maintenance_windows:
  - name: nightly
    schedule: "0 22 * * *"
    duration: 2h
reports:
  lead_time: 1h
`))
	r.wait("reconcile")
	s := r.status()
	for _, name := range managed {
		if d := s.device(name); d.State != StateHeld || d.PendingChanges == 0 || !strings.Contains(d.Reason, "nightly opens") {
			t.Errorf("%s: state %q reason %q pending %d, want held until nightly", name, d.State, d.Reason, d.PendingChanges)
		}
	}
	if recs := c.audit(); len(recs) != 0 {
		t.Fatalf("audit has %d records before the window: something was pushed", len(recs))
	}
	if code, _ := r.get("/api/v1/reports/latest.md"); code != http.StatusNotFound {
		t.Errorf("report before its lead time: %d, want 404", code)
	}
	c.clock.Advance(9 * time.Hour) // 21:00
	if cy := r.wait("report"); cy.Err != nil {
		t.Fatal(cy.Err)
	}
	code, md := r.get("/api/v1/reports/latest", "Accept", "text/markdown")
	if code != http.StatusOK || !strings.Contains(md, "ams-acc-1") || !strings.Contains(md, "nightly") {
		t.Errorf("markdown report: %d\n%.400s", code, md)
	}
	if code, html := r.get("/api/v1/reports/latest", "Accept", "text/html"); code != http.StatusOK || !strings.Contains(html, "<html") {
		t.Errorf("html report: %d", code)
	}
	if code, js := r.get("/api/v1/reports/latest.json"); code != http.StatusOK || !strings.Contains(js, `"devices"`) {
		t.Errorf("json report: %d", code)
	}
	if len(c.audit()) != 0 {
		t.Fatal("the dry run pushed something")
	}
	c.clock.Advance(time.Hour) // 22:00
	if cy := r.wait("window"); cy.Err != nil {
		t.Fatal(cy.Err)
	}
	assertAllInSync(t, r.status())
}

func TestFailingHealthCheckCancelsTheChange(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close() // nothing answers there now
	c := newCampus(t)
	cfg := c.config(`health_checks:
  - name: monitoring port
    tcp: "` + closed + `"
    timeout: 2s
    groups: [core]
`)
	cfg.Rollout.MaxFailures = 5
	r := c.start(cfg)
	r.wait("reconcile")
	s := r.status()
	for _, name := range []string{"ams-core-1", "fra-core-1"} {
		if d := s.device(name); d.State != StateFailed || !strings.Contains(d.Reason, "health check failed") {
			t.Errorf("%s: state %q reason %q, want failed by the health check", name, d.State, d.Reason)
		}
		if countAudit(c.audit(), name, "rolled-back", "") != 1 {
			t.Errorf("%s: want a rolled-back audit record", name)
		}
		if sd := c.sim.Device(name); sd != nil && sd.ConfirmedCommitPending() { // NETCONF devices
			t.Errorf("%s: the change was neither confirmed nor cancelled", name)
		}
	}
	if d := s.device("ams-acc-1"); d.State != StateInSync {
		t.Errorf("ams-acc-1 (not in core): state %q, want in-sync", d.State)
	}
}

package daemon

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestSuspendDeviceIsPersistedAndResumed(t *testing.T) {
	c := newCampus(t)
	cfg := c.config("")
	r := c.start(cfg)
	if cy := r.wait("reconcile"); cy.Err != nil {
		t.Fatal(cy.Err)
	}
	op := []string{"Authorization", "Bearer " + apiToken}
	if code, _ := r.do(http.MethodPost, "/api/v1/suspend?device=ams-acc-1", "", "Authorization", "Bearer "+viewerToken); code != http.StatusForbidden {
		t.Errorf("suspend with a viewer token: %d, want 403", code)
	}
	if code, _ := r.do(http.MethodPost, "/api/v1/suspend?device=a&group=b", "", op...); code != http.StatusBadRequest {
		t.Errorf("suspend a device and a group at once: %d, want 400", code)
	}
	code, body := r.do(http.MethodPost, "/api/v1/suspend?device=ams-acc-1", "", op...)
	var list []Suspension
	if code != http.StatusOK || json.Unmarshal([]byte(body), &list) != nil || len(list) != 1 || list[0].By != "api_token" {
		t.Fatalf("suspend: %d %s", code, body)
	}
	rev := c.commit("two desks move", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 1.01", "description: desk 1.01 (moved)", 1)
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 2.01", "description: desk 2.01 (moved)", 1)
	})
	r.d.Sync()
	if cy := r.wait("reconcile"); cy.Revision != rev {
		t.Fatalf("reconcile enforced %s, want %s", cy.Revision, rev)
	}
	assertSuspended(t, r.status(), true)
	if n := countAudit(c.audit(), "ams-acc-2", "confirmed", rev); n != 1 {
		t.Errorf("ams-acc-2 (not suspended): %d confirmed records, want 1", n)
	}
	if n := countAudit(c.audit(), "ams-acc-1", "confirmed", rev); n != 0 {
		t.Errorf("ams-acc-1 (suspended) was pushed: %d confirmed records", n)
	}

	// The suspension survives a restart.
	r.stop()
	r = c.start(cfg)
	r.wait("reconcile")
	r.d.Sync() // the same revision: a forced pass observes the devices again
	r.wait("reconcile")
	assertSuspended(t, r.status(), true)

	if code, body := r.do(http.MethodPost, "/api/v1/resume?device=ams-acc-1", "", op...); code != http.StatusOK || strings.Contains(body, "ams-acc-1") {
		t.Fatalf("resume: %d %s", code, body)
	}
	if code, _ := r.do(http.MethodPost, "/api/v1/resume?device=ams-acc-1", "", op...); code != http.StatusNotFound {
		t.Errorf("second resume: %d, want 404", code)
	}
	r.d.Sync()
	r.wait("reconcile")
	st := r.status()
	assertSuspended(t, st, false)
	assertAllInSync(t, st)
	recs := c.audit()
	if n := countAudit(recs, "ams-acc-1", "confirmed", rev); n != 1 {
		t.Errorf("ams-acc-1 after resume: %d confirmed records, want 1", n)
	}
	var suspended, resumed int
	for _, rec := range recs {
		if rec.Device == "ams-acc-1" && rec.Operator == "api:api_token" {
			switch rec.Result {
			case "suspended":
				suspended++
			case "resumed":
				resumed++
			}
		}
	}
	if suspended != 1 || resumed != 1 {
		t.Errorf("audit: %d suspended and %d resumed records, want 1 and 1", suspended, resumed)
	}
}

func assertSuspended(t *testing.T, st Status, want bool) {
	t.Helper()
	d := st.device("ams-acc-1")
	if !want {
		if len(st.Suspended) != 0 || d.Suspended != "" {
			t.Errorf("still suspended: %+v, device %q", st.Suspended, d.Suspended)
		}
		return
	}
	if len(st.Suspended) != 1 || !strings.Contains(d.Suspended, "device ams-acc-1 suspended by api_token") {
		t.Errorf("status suspensions %+v, device %q", st.Suspended, d.Suspended)
	}
	if d.State != StateHeld || !strings.Contains(d.Reason, "not pushed: device ams-acc-1 suspended") || d.PendingChanges == 0 {
		t.Errorf("ams-acc-1: state %q reason %q pending %d, want held by the suspension", d.State, d.Reason, d.PendingChanges)
	}
	if other := st.device("ams-acc-2"); other.State != StateInSync || other.Suspended != "" {
		t.Errorf("ams-acc-2: %q %q, want in-sync and not suspended", other.State, other.Suspended)
	}
}

package daemon

import (
	"net/http"
	"testing"
)

// TestSyncOneGroupOverTheAPI: POST /api/v1/sync?group= observes (and
// remediates, per policy) only the group's members; an unknown name is a
// 404 and both at once a 400.
func TestSyncOneGroupOverTheAPI(t *testing.T) {
	c := newCampus(t)
	r := c.start(c.config("drift:\n  schedule: 30m\n"))
	r.wait("reconcile")
	op := []string{"Authorization", "Bearer " + apiToken}
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"?device=nope", http.StatusNotFound},
		{"?group=nope", http.StatusNotFound},
		{"?device=ams-acc-1&group=core", http.StatusBadRequest},
	} {
		if code, body := r.do(http.MethodPost, "/api/v1/sync"+tt.query, "", op...); code != tt.want {
			t.Errorf("sync%s: %d %s, want %d", tt.query, code, body, tt.want)
		}
	}
	c.setHostname("ams-core-1", "console-edit") // core
	c.setHostname("ams-acc-1", "console-edit")  // access
	if code, _ := r.do(http.MethodPost, "/api/v1/sync?group=core", "", op...); code != http.StatusAccepted {
		t.Fatalf("sync ?group=core: %d", code)
	}
	r.wait("reconcile")
	st := r.status()
	if d := st.device("ams-core-1"); d.State != StateDrifted {
		t.Errorf("ams-core-1 (core) after a core sync: %q, want drifted", d.State)
	}
	if d := st.device("ams-acc-1"); d.State != StateInSync || d.Drift != nil {
		t.Errorf("ams-acc-1 (not in core) was observed by a core sync: %q", d.State)
	}
	if n := countAudit(c.audit(), "ams-acc-1", "drift-detected", ""); n != 0 {
		t.Errorf("ams-acc-1: %d drift records from a core sync", n)
	}
}

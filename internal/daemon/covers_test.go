package daemon

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestHeldRevisionsPushedTogetherAreEachRecorded: two revisions merged
// while the window is closed go out together at the window; the push
// record names both, each with its pull request, and the older one's
// revision page lists the push.
func TestHeldRevisionsPushedTogetherAreEachRecorded(t *testing.T) {
	c := newCampus(t)
	r := c.start(c.config(""))
	first := r.wait("reconcile").Revision
	r.stop()
	r = c.start(c.config(`maintenance_windows:
  - name: nightly
    schedule: "0 22 * * *"
    duration: 2h
`))
	r.wait("reconcile")
	held1 := c.commit("Merge pull request #3 from ada/desk-1\n\nmove desk 1.01", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 1.01", "description: desk 1.01 (moved)", 1)
	})
	r.d.Sync()
	r.wait("reconcile")
	held2 := c.commit("Move desk 2.01 (#4)", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 2.01", "description: desk 2.01 (moved)", 1)
	})
	r.d.Sync()
	r.wait("reconcile")
	if d := r.status().device("ams-acc-1"); d.State != StateHeld || d.LastAppliedRevision != first {
		t.Fatalf("ams-acc-1 before the window: %q at %s", d.State, d.LastAppliedRevision)
	}
	c.clock.Advance(10 * time.Hour) // 22:00
	r.wait("window")
	var got string
	for _, rec := range c.audit() {
		if rec.Device == "ams-acc-1" && rec.Result == "confirmed" && rec.Revision == held2 {
			for _, cv := range rec.Covers {
				got += fmt.Sprintf("%s#%d ", cv.Revision, cv.PullRequest)
			}
		}
	}
	if want := fmt.Sprintf("%s#4 %s#3 ", held2, held1); got != want {
		t.Errorf("push record covers %q, want %q", got, want)
	}
	doc := r.signIn(viewerToken).page("/revisions/"+held1, http.StatusOK)
	if !strings.Contains(text(byID(doc, "pushes")), "ams-acc-1 confirmed") {
		t.Errorf("revision page of the held revision: %q, want the push that brought it", text(byID(doc, "pushes")))
	}
}

package daemon

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReportIsRedoneWhenTheRevisionChanges: a dry-run report made before a
// window is made again when a newer revision arrives before the window
// opens, so that what the window pushes is what a report shows.
func TestReportIsRedoneWhenTheRevisionChanges(t *testing.T) {
	c := newCampus(t)
	first := c.commit("move desk 1.01", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 1.01", "description: desk 1.01 (moved)", 1)
	})
	r := c.start(c.config(`maintenance_windows:
  - name: nightly
    schedule: "0 22 * * *"
    duration: 2h
reports:
  lead_time: 1h
`))
	r.wait("reconcile")
	c.clock.Advance(9 * time.Hour) // 21:00
	if cy := r.wait("report"); cy.Err != nil || cy.Revision != first {
		t.Fatalf("first report: %+v", cy)
	}
	c.clock.Advance(10 * time.Minute)
	second := c.commit("move desk 2.01 too", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 2.01", "description: desk 2.01 (moved)", 1)
	})
	r.d.Sync()
	if cy := r.wait("reconcile"); cy.Revision != second {
		t.Fatalf("reconcile enforced %s, want %s", cy.Revision, second)
	}
	if cy := r.wait("report"); cy.Err != nil || cy.Revision != second {
		t.Fatalf("report after the new revision: %+v", cy)
	}
	ref := r.status().LatestReport
	if ref == nil || ref.Revision != second || ref.Replaces != first {
		t.Fatalf("latest report %+v, want revision %s replacing %s", ref, second, first)
	}
	code, md := r.get("/api/v1/reports/latest.md")
	if code != http.StatusOK || !strings.Contains(md, "desk 2.01 (moved)") || !strings.Contains(md, "redone: revision "+second[:7]+" replaced "+first[:7]) {
		t.Errorf("redone report: %d\n%.600s", code, md)
	}
	htmls, _ := filepath.Glob(filepath.Join(c.stateDir, reportsDir, "2*.html"))
	if len(htmls) != 2 {
		t.Errorf("%d timestamped HTML reports, want the first and the redone one", len(htmls))
	}
	if _, err := os.Stat(filepath.Join(c.stateDir, reportsDir, "latest.json")); err != nil {
		t.Error(err)
	}
}

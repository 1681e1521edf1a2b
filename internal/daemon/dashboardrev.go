package daemon

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/state"
)

// progress counts the managed devices by where they are with a revision.
type progress struct {
	Total, Applied, InFlight, Held, Failed, Other int
}

type revisionView struct {
	viewBase
	Hash string
	// Rev is the revision's commit, when the daemon knows it (enforced or
	// head); RevRole says which.
	Rev     *gitsource.Revision
	RevRole string
	Problem string
	// Diagnostics are the load and validation problems of a rejected
	// head, each with its file:line:col.
	Diagnostics []Diagnostic
	Plan        *plan.Plan
	Changed     []plan.DevicePlan
	Progress    progress
	Devices     []DeviceStatus
	Pushes      []state.Record
	// Authors are the Git authors the audit log names for this revision,
	// when the daemon no longer knows the commit.
	Authors []string
}

var hashPattern = regexp.MustCompile(`^[0-9a-f]{4,64}$`)

// maxRevisionRecords bounds the audit rows a revision page shows.
const maxRevisionRecords = 200

func (d *Daemon) revisionPage(w http.ResponseWriter, r *http.Request, ses *session) {
	hash := strings.ToLower(r.PathValue("hash"))
	if !hashPattern.MatchString(hash) && hash != gitsource.WorktreeHash {
		http.Error(w, "not a revision hash", http.StatusBadRequest)
		return
	}
	v := revisionView{viewBase: d.base(r, ses, "Revision "+short(hash)), Hash: hash}
	v.Refresh = 15
	st := d.Status()
	matches := func(full string) bool { return full != "" && strings.HasPrefix(full, hash) }
	switch {
	case st.Enforced != nil && matches(st.Enforced.Hash):
		v.Rev, v.RevRole = st.Enforced, "enforced"
	case st.Head != nil && matches(st.Head.Hash):
		rev := st.Head.Revision
		v.Rev, v.RevRole, v.Problem, v.Diagnostics = &rev, "head, not enforced", st.Head.Problem, st.Head.Diagnostics
	}
	if v.Rev != nil {
		v.Hash = v.Rev.Hash
	}
	if p := d.plan(); p != nil && matches(p.Revision) {
		v.Plan = p
		v.Changed = slices.DeleteFunc(slices.Clone(p.Devices), func(dp plan.DevicePlan) bool { return len(dp.Changes) == 0 && dp.Error == "" })
	}
	for _, ds := range st.Devices {
		v.Progress.Total++
		switch {
		case ds.State == StateInFlight:
			v.Progress.InFlight++
		case ds.State == StateFailed:
			v.Progress.Failed++
		case matches(ds.LastAppliedRevision):
			v.Progress.Applied++
		case ds.State == StateHeld:
			v.Progress.Held++
		default:
			v.Progress.Other++
		}
		v.Devices = append(v.Devices, ds)
	}
	recs, _, err := state.ReadAudit(d.cfg.StateDir, state.Filter{})
	if err != nil {
		d.log.Warn("dashboard cannot read the audit log", "err", err)
	}
	for i := len(recs) - 1; i >= 0 && len(v.Pushes) < maxRevisionRecords; i-- {
		if rec := recs[i]; matches(rec.Revision) || slices.ContainsFunc(rec.Covers, func(c state.CoveredRevision) bool { return matches(c.Revision) }) {
			v.Pushes = append(v.Pushes, rec)
			if rec.Author != "" && !slices.Contains(v.Authors, rec.Author) {
				v.Authors = append(v.Authors, rec.Author)
			}
		}
	}
	if v.Rev == nil && len(v.Pushes) == 0 && v.Plan == nil {
		w.WriteHeader(http.StatusNotFound)
	}
	d.render(w, "revision", v)
}

type reportsView struct {
	viewBase
	Latest *ReportReference
	Files  []string
}

// reportName is what a report file in the state directory may be called.
var reportName = regexp.MustCompile(`^(latest|[0-9]{8}T[0-9]{6}Z)\.(html|md|json)$`)

func (d *Daemon) reportsPage(w http.ResponseWriter, r *http.Request, ses *session) {
	v := reportsView{viewBase: d.base(r, ses, "Reports"), Latest: d.Status().LatestReport}
	entries, err := os.ReadDir(filepath.Join(d.cfg.StateDir, reportsDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		d.log.Warn("dashboard cannot list the reports", "err", err)
	}
	for _, e := range entries {
		if reportName.MatchString(e.Name()) && !strings.HasPrefix(e.Name(), "latest.") {
			v.Files = append(v.Files, e.Name())
		}
	}
	slices.Sort(v.Files)
	slices.Reverse(v.Files)
	d.render(w, "reports", v)
}

// reportFile serves one report file. HTML reports are self-contained
// pages with inline CSS and no script; they are served sandboxed.
func (d *Daemon) reportFile(w http.ResponseWriter, r *http.Request, _ *session) {
	name := r.PathValue("file")
	if !reportName.MatchString(name) {
		http.NotFound(w, r)
		return
	}
	data, err := os.ReadFile(filepath.Join(d.cfg.StateDir, reportsDir, name))
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, "cannot read the report", http.StatusInternalServerError)
		return
	}
	types := map[string]string{".html": "text/html; charset=utf-8", ".md": "text/plain; charset=utf-8", ".json": "application/json"}
	w.Header().Set("Content-Type", types[filepath.Ext(name)])
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	_, _ = w.Write(data)
}

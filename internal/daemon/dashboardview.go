package daemon

import (
	"embed"
	"encoding/json"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/state"
)

//go:embed web
var webFS embed.FS

var styleCSS = mustRead("web/style.css")

func mustRead(name string) []byte {
	b, err := webFS.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return b
}

var templateFuncs = template.FuncMap{
	"short": short,
	"when": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.UTC().Format("2006-01-02 15:04:05Z")
	},
	"value": func(v any) string {
		if v == nil {
			return ""
		}
		if s, ok := v.(string); ok {
			return s
		}
		b, err := json.Marshal(v)
		if err != nil {
			return "?"
		}
		return string(b)
	},
	"join": strings.Join,
	"names": func(ps []state.Person) string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.Name
		}
		return strings.Join(out, ", ")
	},
	// dict builds the argument of the "action" template: Device and Group
	// default to "".
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{"Device": "", "Group": ""}
		for i := 0; i+1 < len(kv); i += 2 {
			if k, ok := kv[i].(string); ok {
				m[k] = kv[i+1]
			}
		}
		return m
	},
	"stateClass": func(s string) string {
		switch s {
		case StateInSync, StateDrifted, StateFailed, StateHeld, StateInFlight:
			return "st-" + s
		}
		return "st-unknown"
	},
}

// pages are the dashboard's templates: each page file with the layout.
var pages = func() map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, name := range []string{"login", "fleet", "device", "revision", "reports"} {
		out[name] = template.Must(template.New(name).Funcs(templateFuncs).ParseFS(webFS, "web/layout.html", "web/"+name+".html"))
	}
	return out
}()

// viewBase is what every page shows: who is signed in and what they may
// do.
type viewBase struct {
	Title      string
	Signed     bool
	TokenName  string
	Role       string
	CanOperate bool
	CSRF       string
	// Back is the page a form returns to.
	Back string
	// Refresh, when positive, reloads the page every so many seconds.
	Refresh int
}

func (d *Daemon) base(r *http.Request, ses *session, title string) viewBase {
	return viewBase{Title: title, Signed: true, TokenName: ses.token, Role: ses.role,
		CanOperate: allows(ses.role, RoleOperator), CSRF: ses.csrf, Back: r.URL.RequestURI()}
}

type loginView struct {
	viewBase
	Next  string
	Error string
}

type fleetView struct {
	viewBase
	Status         Status
	Groups         []string
	FleetSuspended bool
	// Suspended groups by name.
	GroupSuspended map[string]bool
}

func (d *Daemon) fleetPage(w http.ResponseWriter, r *http.Request, ses *session) {
	v := fleetView{viewBase: d.base(r, ses, "Fleet"), Status: d.Status(), GroupSuspended: map[string]bool{}}
	v.Refresh = 15
	for _, ds := range v.Status.Devices {
		for _, g := range ds.Groups {
			if !slices.Contains(v.Groups, g) {
				v.Groups = append(v.Groups, g)
			}
		}
	}
	slices.Sort(v.Groups)
	for _, s := range v.Status.Suspended {
		switch s.Scope {
		case ScopeFleet:
			v.FleetSuspended = true
		case ScopeGroup:
			v.GroupSuspended[s.Name] = true
		}
	}
	d.render(w, "fleet", v)
}

// changeRow is one change of a plan, values as text (secrets redacted).
type changeRow struct {
	Op     string
	Path   string
	Before string
	After  string
}

func changeRows(cs []diff.Change) []changeRow {
	out := make([]changeRow, len(cs))
	for i, c := range cs {
		out[i] = changeRow{Op: string(c.Op), Path: c.Path, Before: templateFuncs["value"].(func(any) string)(c.Before),
			After: templateFuncs["value"].(func(any) string)(c.After)}
	}
	return out
}

type deviceView struct {
	viewBase
	Device       DeviceStatus
	Found        bool
	PlanRevision string
	PlanTime     time.Time
	Changes      []changeRow
	Drift        []state.Record
	Audit        []state.Record
	AuditProblem string
}

// maxAuditRows bounds the history rows a device page shows.
const maxAuditRows = 50

func (d *Daemon) devicePage(w http.ResponseWriter, r *http.Request, ses *session) {
	name := r.PathValue("name")
	v := deviceView{viewBase: d.base(r, ses, name)}
	v.Refresh = 30
	for _, ds := range d.Status().Devices {
		if ds.Name == name {
			v.Device, v.Found = ds, true
		}
	}
	if !v.Found {
		w.WriteHeader(http.StatusNotFound)
		d.render(w, "device", v)
		return
	}
	if p := d.plan(); p != nil {
		for _, dp := range p.Devices {
			if dp.Name == name {
				v.PlanRevision, v.PlanTime = p.Revision, p.CreatedAt
				v.Changes = changeRows(plan.Redact(dp.Changes, dp.Secrets))
			}
		}
	}
	recs, warns, err := state.ReadAudit(d.cfg.StateDir, state.Filter{Device: name})
	switch {
	case err != nil:
		v.AuditProblem = "the audit log cannot be read"
		d.log.Warn("dashboard cannot read the audit log", "err", err)
	case len(warns) > 0:
		v.AuditProblem = "the audit log has unreadable lines; run switchyard history --verify"
	}
	for i := len(recs) - 1; i >= 0 && len(v.Audit) < maxAuditRows; i-- {
		v.Audit = append(v.Audit, recs[i])
	}
	for _, rec := range v.Audit {
		if strings.HasPrefix(rec.Result, "drift") || rec.Summary == "drift remediated" {
			v.Drift = append(v.Drift, rec)
		}
	}
	d.render(w, "device", v)
}

// plan returns the newest plan of a full pass.
func (d *Daemon) plan() *plan.Plan {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.latestPlan
}

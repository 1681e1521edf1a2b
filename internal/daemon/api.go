package daemon

import (
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/gitsource"
)

// Handler is the daemon's HTTP API. Every endpoint but the health checks
// needs "Authorization: Bearer TOKEN" with a token of the role shown (an
// operator token may do what a viewer may); the webhook is authenticated by
// its signature instead:
//
//	GET  /healthz                  200 while the process runs (no token)
//	GET  /readyz                   200 once in-flight commits are resolved and the loop runs, else 503 (no token)
//	GET  /metrics                  Prometheus metrics (viewer)
//	GET  /api/v1/status            fleet and per-device state, JSON (viewer)
//	GET  /api/v1/reports/latest    the newest dry-run report: HTML, Markdown or JSON by Accept,
//	                               or by suffix (latest.html, latest.md, latest.json) (viewer)
//	POST /api/v1/sync              fetch and reconcile now: ?device=NAME, ?group=NAME, or the fleet (operator)
//	POST /api/v1/suspend           stop pushes: ?device=NAME, ?group=NAME, or the fleet (operator)
//	POST /api/v1/resume            lift that suspension (operator)
//	POST /api/v1/webhook           GitHub / GitLab push webhook (signature or token verified)
//
// Without a token the answer is 401; with a viewer token on an operator
// endpoint, 403. The web dashboard (see dashboardRoutes) is served at /
// with a sign-in cookie instead of the header.
func (d *Daemon) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if !d.Status().Ready {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	mux.Handle("GET /metrics", d.require(RoleViewer, d.metrics.handler()))
	mux.Handle("GET /api/v1/status", d.require(RoleViewer, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, d.Status())
	})))
	mux.Handle("GET /api/v1/reports/{name}", d.require(RoleViewer, http.HandlerFunc(d.serveReport)))
	mux.Handle("POST /api/v1/sync", d.require(RoleOperator, http.HandlerFunc(d.serveSync)))
	mux.Handle("POST /api/v1/suspend", d.require(RoleOperator, d.serveSuspend(true)))
	mux.Handle("POST /api/v1/resume", d.require(RoleOperator, d.serveSuspend(false)))
	mux.Handle("POST /api/v1/webhook", gitsource.WebhookHandler(d.webhook, d.onPush))
	d.dashboardRoutes(mux)
	return mux
}

// onPush triggers a fetch on a verified push to the followed ref (or any
// ref when the daemon follows the remote's default branch).
func (d *Daemon) onPush(ev gitsource.PushEvent) {
	ref := d.cfg.Repository.Ref
	if ref != "" && ev.Ref != ref && ev.Ref != "refs/heads/"+ref && ev.Ref != "refs/tags/"+ref {
		d.log.Debug("webhook push to another ref ignored", "ref", ev.Ref)
		return
	}
	d.log.Info("webhook push", "provider", ev.Provider, "ref", ev.Ref, "after", ev.After)
	d.Sync()
}

// Status returns a copy of the daemon's current status.
func (d *Daemon) Status() Status {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := d.status
	s.Devices = slices.Clone(s.Devices)
	s.Windows = slices.Clone(s.Windows)
	s.Suspended = slices.Clone(s.Suspended)
	counts := make(map[string]int, len(s.Counts))
	for k, v := range s.Counts {
		counts[k] = v
	}
	s.Counts = counts
	return s
}

func (d *Daemon) serveReport(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	base, ext, _ := strings.Cut(name, ".")
	if base != "latest" {
		http.NotFound(w, r)
		return
	}
	if ext == "" {
		ext = negotiate(r.Header.Get("Accept"))
	}
	types := map[string]string{"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "json": "application/json"}
	ctype, ok := types[ext]
	if !ok {
		http.Error(w, "unknown report format (want .html, .md or .json)", http.StatusNotFound)
		return
	}
	data, err := os.ReadFile(filepath.Join(d.cfg.StateDir, reportsDir, "latest."+ext))
	if errors.Is(err, fs.ErrNotExist) {
		http.Error(w, "no dry-run report yet: one is written reports.lead_time before each maintenance window", http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, "cannot read the report", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Vary", "Accept")
	_, _ = w.Write(data)
}

// negotiate picks html, md or json from an Accept header; Markdown is the
// default (it reads well in a terminal).
func negotiate(accept string) string {
	switch {
	case strings.Contains(accept, "text/html"):
		return "html"
	case strings.Contains(accept, "application/json"):
		return "json"
	}
	return "md"
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// serveSync handles POST /api/v1/sync: ?device=NAME or ?group=NAME syncs
// those devices only; neither, the fleet. An unknown device or group is a
// 404 once the daemon enforces a revision.
func (d *Daemon) serveSync(w http.ResponseWriter, r *http.Request) {
	scope, name, err := d.syncTarget(r.URL.Query().Get("device"), r.URL.Query().Get("group"))
	if err != nil {
		http.Error(w, err.Error(), syncErrCode(err))
		return
	}
	d.log.Info("sync requested over the API", "remote", r.RemoteAddr, "token", callerOf(r), "scope", scope, "name", name)
	d.startSync(scope, name)
	w.WriteHeader(http.StatusAccepted)
}

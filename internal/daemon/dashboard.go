package daemon

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// dashboardRoutes adds the web dashboard to mux. Pages need a signed-in
// session (a cookie made by POST /login from an API token); only the
// sign-in page and the stylesheet answer without one:
//
//	GET  /                     the fleet (viewer)
//	GET  /devices/{name}       one device: diff against intent, drift and audit history (viewer)
//	GET  /revisions/{hash}     one revision: authors, plan, rollout progress (viewer)
//	GET  /reports              the dry-run reports (viewer); /reports/{file} one of them
//	POST /actions/{action}     sync, suspend or resume the fleet, a group or a device (operator, CSRF token)
//	GET  /login, POST /login   sign in with an API token; POST /logout signs out
//	GET  /static/style.css     the stylesheet
func (d *Daemon) dashboardRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", d.page(d.fleetPage))
	mux.HandleFunc("GET /devices/{name}", d.page(d.devicePage))
	mux.HandleFunc("GET /revisions/{hash}", d.page(d.revisionPage))
	mux.HandleFunc("GET /reports", d.page(d.reportsPage))
	mux.HandleFunc("GET /reports/{file}", d.page(d.reportFile))
	mux.HandleFunc("POST /actions/{action}", d.page(d.doAction))
	mux.HandleFunc("GET /login", d.loginPage)
	mux.HandleFunc("POST /login", d.login)
	mux.HandleFunc("POST /logout", d.page(d.logout))
	mux.HandleFunc("GET /static/style.css", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "max-age=300")
		_, _ = w.Write(styleCSS)
	})
}

// contentSecurityPolicy allows the dashboard's own stylesheet and forms
// and nothing else: no script, no frame, no other origin.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

func securityHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
}

// page wraps a dashboard handler: without a live session, a GET is sent
// to the sign-in page and anything else is refused.
func (d *Daemon) page(h func(http.ResponseWriter, *http.Request, *session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(w)
		ses, ok := d.session(r)
		if !ok {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			http.Error(w, "unauthorized: sign in first", http.StatusUnauthorized)
			return
		}
		h(w, r, ses)
	}
}

// render executes a page template into a buffer first, so that a failing
// template sends a clean 500 rather than half a page.
func (d *Daemon) render(w http.ResponseWriter, name string, data any) {
	var b bytes.Buffer
	if err := pages[name].ExecuteTemplate(&b, "layout", data); err != nil {
		d.log.Error("dashboard page not rendered", "page", name, "err", err)
		http.Error(w, "cannot render the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}

// localPath returns p when it is a path on this site ("/…", not "//…"),
// else "/": redirects never leave the dashboard.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n") {
		return "/"
	}
	return p
}

func (d *Daemon) loginPage(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w)
	if _, ok := d.session(r); ok {
		http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	d.render(w, "login", loginView{Next: localPath(r.URL.Query().Get("next"))})
}

// maxLoginBody bounds the sign-in form.
const maxLoginBody = 8 << 10

// login checks the token of the sign-in form with the API's constant-time
// comparison and, when it is a configured token, starts a session.
func (d *Daemon) login(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w)
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginBody)
	if o := r.Header.Get("Origin"); o != "" {
		if u, err := url.Parse(o); err != nil || u.Host != r.Host {
			http.Error(w, "forbidden: cross-origin sign-in", http.StatusForbidden)
			return
		}
	}
	next := localPath(r.PostFormValue("next"))
	host, now := clientHost(r.RemoteAddr), d.clock.Now()
	if wait := d.logins.retryAfter(host, now); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		http.Error(w, "too many failed sign-ins: wait a minute", http.StatusTooManyRequests)
		return
	}
	t, ok := d.matchToken(r.PostFormValue("token"))
	if !ok {
		d.logins.fail(host, now)
		d.log.Warn("dashboard sign-in refused", "remote", r.RemoteAddr)
		w.WriteHeader(http.StatusUnauthorized)
		d.render(w, "login", loginView{Next: next, Error: "That token is not valid."})
		return
	}
	id, _ := d.sessions.create(t, d.clock.Now())
	setSessionCookie(w, id, sessionTTL)
	d.log.Info("dashboard sign-in", "token", t.name, "role", t.role, "remote", r.RemoteAddr)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (d *Daemon) logout(w http.ResponseWriter, r *http.Request, ses *session) {
	if !checkCSRF(r, ses) {
		http.Error(w, "forbidden: missing or wrong CSRF token", http.StatusForbidden)
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		d.sessions.remove(c.Value)
	}
	clearSessionCookie(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// doAction handles the operator's buttons: POST /actions/sync,
// /actions/suspend and /actions/resume with the form fields device or
// group (neither: the fleet), csrf, and back (the page to return to).
func (d *Daemon) doAction(w http.ResponseWriter, r *http.Request, ses *session) {
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginBody)
	if !allows(ses.role, RoleOperator) {
		http.Error(w, "forbidden: this needs an operator token", http.StatusForbidden)
		return
	}
	if !checkCSRF(r, ses) {
		http.Error(w, "forbidden: missing or wrong CSRF token", http.StatusForbidden)
		return
	}
	scope, name, err := d.syncTarget(r.PostFormValue("device"), r.PostFormValue("group"))
	if err != nil {
		http.Error(w, err.Error(), syncErrCode(err))
		return
	}
	switch action := r.PathValue("action"); action {
	case "sync":
		d.log.Info("sync requested on the dashboard", "token", ses.token, "scope", scope, "name", name)
		d.startSync(scope, name)
	case "suspend", "resume":
		s := Suspension{Scope: scope, Name: name, By: ses.token, At: d.clock.Now().UTC()}
		_, err := d.setSuspension(s, action == "suspend")
		d.refreshSuspended()
		if err != nil {
			d.log.Error("suspension not saved", "err", err)
			http.Error(w, "cannot save the suspension", http.StatusInternalServerError)
			return
		}
	default:
		http.NotFound(w, r)
		return
	}
	http.Redirect(w, r, localPath(r.PostFormValue("back")), http.StatusSeeOther)
}

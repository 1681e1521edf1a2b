package daemon

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestDashboardSignIn(t *testing.T) {
	c := newCampus(t)
	r := c.start(c.config(""))
	r.wait("reconcile")

	rec := r.serve(http.MethodGet, "/devices/ams-acc-1", "", nil)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next=%2Fdevices%2Fams-acc-1" {
		t.Fatalf("page without a session: %d to %q, want 303 to the sign-in page", rec.Code, rec.Header().Get("Location"))
	}
	if rec := r.serve(http.MethodGet, "/", "", nil, "Authorization", "Bearer "+viewerToken); rec.Code != http.StatusSeeOther {
		t.Errorf("page with a bearer header but no session: %d, want 303 (pages use the cookie)", rec.Code)
	}
	if rec := r.serve(http.MethodPost, "/actions/sync", "", nil); rec.Code != http.StatusUnauthorized {
		t.Errorf("action without a session: %d, want 401", rec.Code)
	}
	login := parseDOM(t, r.serve(http.MethodGet, "/login", "", nil).Body.String())
	if f := byID(login, "login"); f == nil || attr(f, "method") != "post" || byID(login, "token") == nil {
		t.Fatal("sign-in page has no POST form with a token field")
	}

	bad := r.serve(http.MethodPost, "/login", url.Values{"token": {viewerToken + "x"}}.Encode(), nil,
		"Content-Type", "application/x-www-form-urlencoded")
	if bad.Code != http.StatusUnauthorized || len(bad.Result().Cookies()) != 0 || byID(parseDOM(t, bad.Body.String()), "login-error") == nil {
		t.Errorf("wrong token: %d, cookies %v, want 401 with an error and no cookie", bad.Code, bad.Result().Cookies())
	}
	cross := r.serve(http.MethodPost, "/login", url.Values{"token": {viewerToken}}.Encode(), nil,
		"Content-Type", "application/x-www-form-urlencoded", "Origin", "https://evil.example")
	if cross.Code != http.StatusForbidden {
		t.Errorf("cross-origin sign-in: %d, want 403", cross.Code)
	}

	ok := r.serve(http.MethodPost, "/login", url.Values{"token": {viewerToken}, "next": {"//evil.example/x"}}.Encode(), nil,
		"Content-Type", "application/x-www-form-urlencoded")
	if ok.Code != http.StatusSeeOther || ok.Header().Get("Location") != "/" {
		t.Errorf("sign in with next=//evil.example: %d to %q, want 303 to /", ok.Code, ok.Header().Get("Location"))
	}
	cookies := ok.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("sign in: cookies %v, want one", cookies)
	}
	ck := cookies[0]
	if ck.Name != sessionCookie || !ck.Secure || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/" || ck.MaxAge <= 0 {
		t.Errorf("session cookie %+v, want Secure, HttpOnly, SameSite=Strict, Path=/ and a Max-Age", ck)
	}
	if strings.Contains(ck.Value, viewerToken) || len(ck.Value) < 32 {
		t.Errorf("session cookie value %q holds the token or is short", ck.Value)
	}
	b := &browserSession{r: r, cookie: ck}
	if who := text(byID(b.page("/", http.StatusOK), "who")); who != "dashboard (viewer)" {
		t.Errorf("signed in as %q, want dashboard (viewer)", who)
	}

	// Signing out needs the CSRF token, then ends the session.
	if rec := b.post("/logout", url.Values{}); rec.Code != http.StatusForbidden {
		t.Errorf("sign out without the CSRF token: %d, want 403", rec.Code)
	}
	doc := b.page("/", http.StatusOK)
	logout := findAll(doc, func(n *html.Node) bool { return n.Data == "form" && attr(n, "action") == "/logout" })
	if rec := b.post("/logout", url.Values{"csrf": {formValue(logout[0], "csrf")}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("sign out: %d", rec.Code)
	}
	if rec := r.serve(http.MethodGet, "/", "", ck); rec.Code != http.StatusSeeOther {
		t.Errorf("page after sign-out: %d, want 303 to the sign-in page", rec.Code)
	}
}

func TestDashboardFleetPage(t *testing.T) {
	c := newCampus(t)
	rev := c.commit("desk <script>alert(1)</script> moves", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 1.01", "description: desk 1.01 <b>moved</b>", 1)
	})
	r := c.start(c.config(""))
	r.wait("reconcile")
	st := r.status()
	doc := r.signIn(viewerToken).page("/", http.StatusOK)

	if n := len(byTag(doc, "script")); n != 0 {
		t.Errorf("page has %d script elements: the commit message was not escaped", n)
	}
	if got := text(byID(doc, "enforced")); got != rev[:7] {
		t.Errorf("enforced revision link %q, want %s", got, rev[:7])
	}
	if !strings.Contains(text(doc), "desk <script>alert(1)</script> moves") {
		t.Error("the commit message is not shown as text")
	}
	rows := findAll(byID(doc, "fleet"), func(n *html.Node) bool { return n.Data == "tr" && attr(n, "data-device") != "" })
	if len(rows) != len(st.Devices) || len(rows) == 0 {
		t.Fatalf("fleet table has %d device rows, status %d", len(rows), len(st.Devices))
	}
	for _, row := range rows {
		name := attr(row, "data-device")
		ds := st.device(name)
		cells := map[string]string{}
		for _, td := range byTag(row, "td") {
			cells[attr(td, "data-label")] = text(td)
		}
		if attr(row, "data-state") != StateInSync || !strings.HasPrefix(cells["State"], StateInSync) {
			t.Errorf("%s: state %q, want in-sync", name, cells["State"])
		}
		if cells["Release"] != ds.Release || ds.Release == "" {
			t.Errorf("%s: release cell %q, status %q", name, cells["Release"], ds.Release)
		}
		if cells["Last revision"] != rev[:7] {
			t.Errorf("%s: last revision %q, want %s", name, cells["Last revision"], rev[:7])
		}
		if cells["Rollback"] == "—" || cells["Rollback"] != ds.Rollback {
			t.Errorf("%s: rollback %q, status %q", name, cells["Rollback"], ds.Rollback)
		}
		if !strings.Contains(cells["Groups"], "campus") || !strings.Contains(cells["Held / pending"], "0 pending") {
			t.Errorf("%s: groups %q, held/pending %q", name, cells["Groups"], cells["Held / pending"])
		}
	}
	if acc := st.device("ams-acc-1"); acc.Release != "17.18.1" || acc.Rollback != "cisco-ia-revert-timer" {
		t.Errorf("ams-acc-1 release %q rollback %q, want 17.18.1 and the IOS-XE revert timer", acc.Release, acc.Rollback)
	}
	if forms := actionForms(doc); len(forms) != 0 {
		t.Errorf("a viewer sees %d operator forms", len(forms))
	}
	if !slices.ContainsFunc(byTag(doc, "meta"), func(n *html.Node) bool { return attr(n, "name") == "viewport" }) {
		t.Error("no viewport meta: not readable on a phone")
	}
}

func TestDashboardOperatorActions(t *testing.T) {
	c := newCampus(t)
	r := c.start(c.config(""))
	r.wait("reconcile")
	viewer := r.signIn(viewerToken)
	op := r.signIn(apiToken)
	doc := op.page("/", http.StatusOK)
	var suspend *html.Node
	for _, f := range actionForms(doc) {
		if attr(f, "action") == "/actions/suspend" && formValue(f, "device") == "ams-acc-1" {
			suspend = f
		}
	}
	if suspend == nil {
		t.Fatal("operator page has no suspend form for ams-acc-1")
	}
	csrf := formValue(suspend, "csrf")
	form := url.Values{"device": {"ams-acc-1"}, "back": {"/"}}
	if rec := op.post("/actions/suspend", form); rec.Code != http.StatusForbidden {
		t.Errorf("suspend without the CSRF token: %d, want 403", rec.Code)
	}
	form.Set("csrf", csrf+"0")
	if rec := op.post("/actions/suspend", form); rec.Code != http.StatusForbidden {
		t.Errorf("suspend with a wrong CSRF token: %d, want 403", rec.Code)
	}
	form.Set("csrf", csrf)
	if rec := op.post("/actions/suspend", form, "Origin", "https://evil.example"); rec.Code != http.StatusForbidden {
		t.Errorf("suspend from another origin: %d, want 403", rec.Code)
	}
	vdoc := viewer.page("/", http.StatusOK)
	vform := url.Values{"device": {"ams-acc-1"}, "csrf": {formValue(findAll(vdoc, func(n *html.Node) bool { return attr(n, "action") == "/logout" })[0], "csrf")}}
	if rec := viewer.post("/actions/suspend", vform); rec.Code != http.StatusForbidden {
		t.Errorf("suspend by a viewer: %d, want 403", rec.Code)
	}
	if rec := op.post("/actions/suspend", url.Values{"device": {"no-such"}, "csrf": {csrf}}); rec.Code != http.StatusNotFound {
		t.Errorf("suspend an unknown device: %d, want 404", rec.Code)
	}
	if len(r.status().Suspended) != 0 {
		t.Fatal("a refused request suspended something")
	}
	if rec := op.post("/actions/suspend", form); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
		t.Fatalf("suspend: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	st := r.status()
	if len(st.Suspended) != 1 || st.Suspended[0].By != "api_token" || st.device("ams-acc-1").Suspended == "" {
		t.Fatalf("after suspend: %+v, device %q", st.Suspended, st.device("ams-acc-1").Suspended)
	}
	doc = op.page("/devices/ams-acc-1", http.StatusOK)
	var resume bool
	for _, f := range actionForms(doc) {
		resume = resume || attr(f, "action") == "/actions/resume"
	}
	if !resume {
		t.Error("device page of a suspended device has no resume button")
	}

	// Sync one device from the dashboard: a pass over that device only.
	c.setHostname("ams-acc-2", "console-edit")
	c.setHostname("ams-core-1", "console-edit")
	if rec := op.post("/actions/sync", url.Values{"device": {"ams-acc-2"}, "csrf": {csrf}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("sync: %d", rec.Code)
	}
	r.wait("reconcile")
	st = r.status()
	if d := st.device("ams-acc-2"); d.State != StateDrifted {
		t.Errorf("ams-acc-2 after a device sync: %q, want drifted", d.State)
	}
	if d := st.device("ams-core-1"); d.State != StateInSync {
		t.Errorf("ams-core-1 (not synced) is %q: the device sync observed the fleet", d.State)
	}
	if len(st.Devices) != len(r.d.publishedRevision().devices) {
		t.Errorf("status lists %d devices after a device sync, want all %d", len(st.Devices), len(r.d.publishedRevision().devices))
	}
}

func TestDashboardDeviceAndRevisionPages(t *testing.T) {
	c := newCampus(t)
	rev := c.commit("Merge pull request #7 from ada/desks\n\nmove desks\n\nCo-authored-by: Alan Turing <alan@example.net>\n", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 1.01", "description: desk 1.01 (moved)", 1)
	})
	r := c.start(c.config("drift:\n  schedule: 30m\n"))
	r.wait("reconcile")
	c.setHostname("ams-core-1", "hacked-core")
	c.clock.Advance(30 * time.Minute)
	r.wait("drift")
	b := r.signIn(viewerToken)
	for _, rec := range c.audit() {
		switch {
		case rec.Device == "ams-core-1" && rec.Result == "confirmed":
			got := fmt.Sprintf("%v %v %s %d", rec.Authors, rec.CoAuthors, rec.Committer, rec.PullRequest)
			if got != "[Grace Hopper] [Alan Turing] Grace Hopper 7" {
				t.Errorf("push record attribution %q", got)
			}
		case rec.Result == "drift-detected":
			if rec.ChangedBy != ChangedByUnknown || rec.Author != "" || len(rec.Authors) != 0 {
				t.Errorf("drift record attributed to %q / %q / %v, want unknown and no Git author", rec.ChangedBy, rec.Author, rec.Authors)
			}
		}
	}

	doc := b.page("/devices/ams-core-1", http.StatusOK)
	if got := text(byID(doc, "device-state")); got != StateDrifted {
		t.Errorf("device state %q, want drifted", got)
	}
	changes := byTag(byID(doc, "changes"), "tr")
	if len(changes) != 2 || !strings.Contains(text(changes[1]), "hacked-core") || !strings.Contains(text(changes[1]), "hostname") {
		t.Errorf("diff table: %q, want the hostname change", text(byID(doc, "changes")))
	}
	if got := text(byID(doc, "drift-changed-by")); got != ChangedByUnknown {
		t.Errorf("drift changed by %q, want unknown (never the Git author)", got)
	}
	drift := text(byID(doc, "drift-history"))
	if !strings.Contains(drift, "drift-detected") || strings.Contains(drift, "Grace Hopper") {
		t.Errorf("drift history %q: want the event, changed by unknown", drift)
	}
	if audit := text(byID(doc, "audit-history")); !strings.Contains(audit, "confirmed") || !strings.Contains(audit, "PR #7") {
		t.Errorf("audit history %q: want the push with its pull request", audit)
	}
	b.page("/devices/nope", http.StatusNotFound)

	doc = b.page("/revisions/"+rev, http.StatusOK)
	if got := text(byID(doc, "rev-pr")); got != "#7" {
		t.Errorf("pull request %q, want #7", got)
	}
	if got := text(byID(doc, "rev-coauthors")); got != "Alan Turing" {
		t.Errorf("co-authors %q, want Alan Turing", got)
	}
	p := byID(doc, "progress")
	if attr(p, "data-applied") != attr(p, "data-total") || attr(p, "data-total") == "0" {
		t.Errorf("progress %s of %s applied, want all", attr(p, "data-applied"), attr(p, "data-total"))
	}
	if rec := r.serve(http.MethodGet, "/revisions/<x>", "", b.cookie); rec.Code != http.StatusBadRequest {
		t.Errorf("bad revision hash: %d, want 400", rec.Code)
	}
	if rec := r.serve(http.MethodGet, "/reports/..%2Fdaemon.json", "", b.cookie); rec.Code != http.StatusNotFound {
		t.Errorf("report path traversal: %d, want 404", rec.Code)
	}
	b.page("/reports", http.StatusOK)
}

func TestDashboardSignInIsRateLimited(t *testing.T) {
	c := newCampus(t)
	r := c.start(c.config(""))
	r.wait("reconcile")
	try := func(token string) int {
		return r.serve(http.MethodPost, "/login", url.Values{"token": {token}}.Encode(), nil,
			"Content-Type", "application/x-www-form-urlencoded").Code
	}
	for i := range maxLoginFailures {
		if code := try(fmt.Sprintf("guess-%d", i)); code != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d, want 401", i, code)
		}
	}
	if code := try(viewerToken); code != http.StatusTooManyRequests {
		t.Errorf("the right token after %d failures: %d, want 429", maxLoginFailures, code)
	}
	c.clock.Advance(loginWindow)
	if code := try(viewerToken); code != http.StatusSeeOther {
		t.Errorf("the right token a minute later: %d, want 303", code)
	}
}

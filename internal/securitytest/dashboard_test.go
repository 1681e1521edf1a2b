package securitytest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestDashboardNeverShowsSecrets signs in to the dashboard with the
// canary API token and fetches every page (fleet, each device including
// the one failing on a wrong password, the revision, the reports), over
// 127.0.0.1, then searches the pages, the daemon's logs and the state
// directory for the canaries. The session cookie holds a random id, not
// the token.
func TestDashboardNeverShowsSecrets(t *testing.T) {
	rec := &recorder{}
	c := startCampus(t, rec)
	t.Cleanup(func() { rec.assertNoSecrets(t) })
	r := startDaemon(t, c)
	r.waitFor("reconcile", "report")
	st := r.d.Status()

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(r.base+"/login", url.Values{"token": {canaryAPIToken}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var cookie string
	for _, ck := range resp.Cookies() {
		if ck.Name == "switchyard_session" {
			cookie = ck.Name + "=" + ck.Value
			rec.add("session cookie", []byte(ck.String()))
		}
	}
	if resp.StatusCode != http.StatusSeeOther || cookie == "" {
		t.Fatalf("sign in: %s, cookie %q", resp.Status, cookie)
	}
	pages := []string{"/", "/reports", "/reports/latest.html", "/reports/latest.md", "/reports/latest.json", "/revisions/" + st.Enforced.Hash}
	for _, ds := range st.Devices {
		pages = append(pages, "/devices/"+ds.Name)
	}
	for _, p := range pages {
		code, body := r.call(rec, http.MethodGet, p, "", "Cookie", cookie)
		if code != http.StatusOK {
			t.Errorf("GET %s: %d", p, code)
		}
		if p == "/devices/fra-acc-1" && !strings.Contains(body, "authentication failed") {
			t.Errorf("fra-acc-1 page does not show its failure:\n%.400s", body)
		}
	}
	// Without the session every page but the sign-in sends to the sign-in.
	for _, p := range pages {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, r.base+p, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("GET %s without a session: %s to %q", p, resp.Status, resp.Header.Get("Location"))
		}
	}
	r.stop()
	rec.add("daemon logs", []byte(r.logs.String()))
	rec.addTree(t, r.stateDir)
}

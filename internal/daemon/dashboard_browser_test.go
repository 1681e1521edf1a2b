//go:build browser

package daemon

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// TestDashboardInBrowser drives Debian's headless Chromium against the
// daemon on 127.0.0.1: it dumps the DOM of each page and asserts on it,
// and keeps a desktop and a phone screenshot of each page in a directory
// that outlives the test (its path is printed). `make test-browser` runs
// it; it needs the chromium binary (.ci/run installs it).
func TestDashboardInBrowser(t *testing.T) {
	bin := chromiumBinary(t)
	c := newCampus(t)
	r := c.start(c.config("drift:\n  schedule: 30m\n"))
	r.wait("reconcile")
	c.setHostname("ams-core-1", "console-<b>edit</b>")
	c.clock.Advance(30 * time.Minute)
	r.wait("drift")
	base := "http://" + r.d.Addr().String()
	op := signInOverHTTP(t, base, apiToken)
	if code, _ := r.do(http.MethodPost, "/api/v1/suspend?device=fra-acc-1", "", "Authorization", "Bearer "+apiToken); code != http.StatusOK {
		t.Fatalf("suspend: %d", code)
	}
	// Chromium has no flag to send a cookie: a proxy on 127.0.0.1 adds
	// the session cookie a real sign-in returned to every request.
	proxy := sessionProxy(t, base, op)
	shots, err := os.MkdirTemp("", "switchyard-dashboard-")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", shots)

	st := r.status()
	pages := []struct {
		name  string
		url   string
		check func(t *testing.T, doc *html.Node)
	}{
		{"login", base + "/login", func(t *testing.T, doc *html.Node) {
			if byID(doc, "login") == nil || byID(doc, "token") == nil {
				t.Error("login: no sign-in form")
			}
		}},
		{"fleet", proxy + "/", func(t *testing.T, doc *html.Node) {
			rows := findAll(byID(doc, "fleet"), func(n *html.Node) bool { return n.Data == "tr" && attr(n, "data-device") != "" })
			if len(rows) != len(st.Devices) {
				t.Errorf("fleet: %d rows, want %d", len(rows), len(st.Devices))
			}
			for _, row := range rows {
				if want := st.device(attr(row, "data-device")).State; attr(row, "data-state") != want {
					t.Errorf("fleet: %s shows %q, want %q", attr(row, "data-device"), attr(row, "data-state"), want)
				}
			}
			if len(actionForms(doc)) == 0 || text(byID(doc, "who")) != "api_token (operator)" {
				t.Errorf("fleet: signed in as %q with %d action forms, want the operator's buttons", text(byID(doc, "who")), len(actionForms(doc)))
			}
			if !strings.Contains(text(doc), "device fra-acc-1 suspended by api_token") {
				t.Error("fleet: the suspension is not shown")
			}
		}},
		{"device", proxy + "/devices/ams-core-1", func(t *testing.T, doc *html.Node) {
			if text(byID(doc, "device-state")) != StateDrifted || !strings.Contains(text(byID(doc, "changes")), "console-<b>edit</b>") {
				t.Errorf("device: state %q, changes %q", text(byID(doc, "device-state")), text(byID(doc, "changes")))
			}
			if len(byTag(doc, "b")) != 0 {
				t.Error("device: a device value became markup")
			}
		}},
		{"revision", proxy + "/revisions/" + st.Enforced.Hash, func(t *testing.T, doc *html.Node) {
			if text(byID(doc, "rev-author")) != "Grace Hopper" || byID(doc, "progress") == nil {
				t.Errorf("revision: author %q", text(byID(doc, "rev-author")))
			}
			if who := text(byID(doc, "who")); who != "api_token (operator)" {
				t.Errorf("revision: signed in as %q", who)
			}
		}},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			p.check(t, parseDOM(t, chromium(t, bin, "--dump-dom", p.url)))
			for _, size := range []struct {
				name string
				w, h int
			}{{"desktop", 1366, 900}, {"phone", 390, 844}} {
				file := filepath.Join(shots, p.name+"-"+size.name+".png")
				chromium(t, bin, "--screenshot="+file, fmt.Sprintf("--window-size=%d,%d", size.w, size.h), p.url)
				checkScreenshot(t, file, size.w, size.h)
				fmt.Println("screenshot:", file)
			}
		})
	}
}

func chromiumBinary(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no chromium binary: install Debian's chromium (apt-get install -y --no-install-recommends chromium)")
	return ""
}

// chromium runs headless Chromium once with a fresh profile and returns
// its standard output.
func chromium(t *testing.T, bin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	all := []string{"--headless", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir()}
	if os.Geteuid() == 0 {
		all = append(all, "--no-sandbox") // Chromium refuses to run its sandbox as root
	}
	cmd := exec.CommandContext(ctx, bin, append(all, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, errb.String())
	}
	return out.String()
}

// checkScreenshot checks the PNG has the window's size and is not blank.
func checkScreenshot(t *testing.T, file string, w, h int) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("%s: %dx%d, want %dx%d", file, b.Dx(), b.Dy(), w, h)
	}
	colours := map[uint32]bool{}
	for y := 0; y < img.Bounds().Dy(); y += 7 {
		for x := 0; x < img.Bounds().Dx(); x += 7 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	if len(colours) < 8 {
		t.Errorf("%s: only %d colours: the page looks blank", file, len(colours))
	}
}

// signInOverHTTP posts the sign-in form to the daemon over the network
// and returns the session cookie.
func signInOverHTTP(t *testing.T, base, token string) *http.Cookie {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(base+"/login", url.Values{"token": {token}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie && resp.StatusCode == http.StatusSeeOther {
			return c
		}
	}
	t.Fatalf("sign in: %s, no session cookie", resp.Status)
	return nil
}

// sessionProxy forwards to base, adding the session cookie.
func sessionProxy(t *testing.T, base string, c *http.Cookie) string {
	t.Helper()
	target, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	rp := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		pr.Out.Host = pr.In.Host
		pr.Out.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}}
	srv := httptest.NewServer(rp)
	t.Cleanup(srv.Close)
	return srv.URL
}

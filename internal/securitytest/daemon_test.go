package securitytest

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/switchyard/switchyard/internal/daemon"
	"github.com/switchyard/switchyard/internal/state"
)

// daemonRun is a daemon started in-process on the campus, with its logs,
// at debug level, captured.
type daemonRun struct {
	t        *testing.T
	d        *daemon.Daemon
	stateDir string
	cycles   chan daemon.Cycle
	logs     *syncBuffer
	base     string
	stop     func()
}

// startDaemon commits the campus to a Git repository and serves it: the
// access and distribution layers are in an always-open maintenance window
// (their changes are pushed), the core is held for a window next January
// (its changes are pending, in the dry-run report written at once). One
// access switch logs in with a wrong password. The API token is read from
// a file, the webhook secret from the environment.
func startDaemon(t *testing.T, c *campus) *daemonRun {
	t.Helper()
	c.edit("devices/fra.yaml", "  - name: fra-acc-1\n", "  - name: fra-acc-1\n    credentials: wrong-admin\n")
	repo, err := git.PlainInit(c.repo, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := wt.Commit("campus", &git.CommitOptions{Author: &object.Signature{Name: "Grace Hopper", Email: "grace@example.net", When: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	tokenFile := filepath.Join(tmp, "api-token")
	writeFile(t, tokenFile, canaryAPIToken+"\n", 0o600)
	r := &daemonRun{t: t, stateDir: filepath.Join(tmp, "state"), cycles: make(chan daemon.Cycle, 256), logs: &syncBuffer{}}
	text := fmt.Sprintf(`repository:
  url: %s
  poll_interval: 1h
  webhook_secret: {env: SWITCHYARD_WEBHOOK_SECRET}
devices:
  known_hosts_file: %s
  ca_file: %s
  timeout: 10s
rollout:
  concurrency: 4
  max_failures: 10
  confirm_timeout: 2m
maintenance_windows:
  - name: always
    schedule: "* * * * *"
    duration: 1h
    groups: [access, distribution]
  - name: new-year
    schedule: "0 3 1 1 *"
    duration: 1h
    groups: [core]
reports:
  lead_time: 2h
state_dir: %s
listen: 127.0.0.1:0
api_token: {file: %s}
`, c.repo, c.knownHosts, c.caFile, r.stateDir, tokenFile)
	cfg, ds := daemon.ParseConfig("switchyard.yaml", []byte(text))
	if ds.HasErrors() {
		t.Fatalf("config:\n%s", ds)
	}
	log := slog.New(slog.NewJSONHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	r.d, err = daemon.New(t.Context(), cfg, daemon.Options{Registry: registry(t), Logger: log,
		OnCycle: func(cy daemon.Cycle) { r.cycles <- cy }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.WithoutCancel(t.Context()))
	done := make(chan error, 1)
	go func() { done <- r.d.Run(ctx) }()
	var once sync.Once
	r.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("daemon Run: %v", err)
			}
		})
	}
	t.Cleanup(r.stop)
	return r
}

// waitFor waits for a cycle of each kind, failing after a minute.
func (r *daemonRun) waitFor(kinds ...string) {
	r.t.Helper()
	want := map[string]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	timeout := time.After(time.Minute)
	for len(want) > 0 {
		select {
		case cy := <-r.cycles:
			if cy.Err != nil {
				r.t.Logf("%s cycle: %v", cy.Kind, cy.Err)
			}
			delete(want, cy.Kind)
		case <-timeout:
			r.t.Fatalf("no %v cycle within a minute", want)
		}
	}
	if a := r.d.Addr(); a != nil {
		r.base = "http://" + a.String()
	}
}

// call makes an HTTP request to the running daemon over 127.0.0.1 and
// records the response (status line, headers, body).
func (r *daemonRun) call(rec *recorder, method, path, body string, header ...string) (int, string) {
	r.t.Helper()
	req, err := http.NewRequestWithContext(r.t.Context(), method, r.base+path, strings.NewReader(body))
	if err != nil {
		r.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var dump bytes.Buffer
	fmt.Fprintf(&dump, "%s\n", resp.Status)
	_ = resp.Header.Write(&dump)
	dump.Write(b)
	rec.add(fmt.Sprintf("HTTP %s %s %v", method, path, header), dump.Bytes())
	return resp.StatusCode, string(b)
}

// TestDaemonNeverShowsSecrets runs the daemon on the campus with a canary
// in every secret reference (device password, enable password, TACACS+
// keys from the environment and a file, a wrong password, the API token
// file, the webhook secret), lets it push, fail on one device
// and write a dry-run report, calls every HTTP endpoint (authorised and
// not), and searches the responses, its logs and every byte of the state
// directory (bbolt store, audit log, reports, memo) for the canaries. It
// proves the API token and webhook secret are used: requests carrying them
// are accepted, requests without them get 401.
func TestDaemonNeverShowsSecrets(t *testing.T) {
	rec := &recorder{}
	c := startCampus(t, rec)
	t.Cleanup(func() { rec.assertNoSecrets(t) })
	r := startDaemon(t, c)
	r.waitFor("reconcile", "report")

	st := r.d.Status()
	bearer := []string{"Authorization", "Bearer " + canaryAPIToken}
	applied, failed := 0, 0
	for _, ds := range st.Devices {
		switch {
		case ds.Name == "fra-acc-1":
			failed++
			if !strings.Contains(ds.LastError+ds.Reason, "authentication failed") {
				t.Errorf("fra-acc-1 (wrong password): status %q %q, want an authentication failure", ds.LastError, ds.Reason)
			}
		case ds.LastAppliedRevision != "":
			applied++
		}
	}
	if applied == 0 || failed == 0 {
		t.Errorf("want devices applied and fra-acc-1 failed; status: %+v", st.Devices)
	}

	for _, p := range []string{"/healthz", "/readyz", "/metrics", "/api/v1/status",
		"/api/v1/reports/latest.html", "/api/v1/reports/latest.md", "/api/v1/reports/latest.json", "/api/v1/reports/nope"} {
		r.call(rec, http.MethodGet, p, "")
		r.call(rec, http.MethodGet, p, "", bearer...)
	}
	for _, accept := range []string{"text/html", "application/json", "text/markdown", ""} {
		if code, body := r.call(rec, http.MethodGet, "/api/v1/reports/latest", "", append(bearer, "Accept", accept)...); code != http.StatusOK || !strings.Contains(body, "core") {
			t.Errorf("report (Accept %q): %d, want 200 with the held core changes:\n%.300s", accept, code, body)
		}
	}
	assertAuth(t, r, rec)
	// Report names cannot reach other files of the state directory.
	for _, p := range []string{"/api/v1/reports/latest.json%2F..%2F..%2Fstate.db", "/api/v1/reports/..%2Fstate.db",
		"/api/v1/reports/latest.db", "/api/v1/reports/latest.%2E%2E%2Faudit.log", "/api/v1/reports/..%2F..%2F..%2Fetc%2Fpasswd"} {
		if code, body := r.call(rec, http.MethodGet, p, "", bearer...); code == http.StatusOK {
			t.Errorf("GET %s: 200, want a refusal:\n%.200s", p, body)
		}
	}

	r.stop()
	rec.add("daemon logs", []byte(r.logs.String()))
	if n := rec.addTree(t, r.stateDir); n < 3 {
		t.Errorf("state directory holds %d files; want the store, the audit log and reports", n)
	}
	recs, _, err := state.ReadAudit(r.stateDir, state.Filter{})
	if err != nil || len(recs) == 0 {
		t.Errorf("audit log: %d records, %v; want the pushed changes recorded", len(recs), err)
	}
	assertPrivate(t, r.stateDir)
	assertFixedNames(t, r.stateDir)
}

// assertFixedNames checks that every file of the state directory has a
// name the daemon chose (store, audit log, memo, reports by time), none
// derived from intent content such as device names.
func assertFixedNames(t *testing.T, dir string) {
	t.Helper()
	fixed := regexp.MustCompile(`^(state\.db|state\.db\.lock|audit\.log(\.[0-9]+)?|audit\.head|holder|secret-fingerprint\.key|daemon\.json|suspended\.json|reports|reports/(latest|[0-9]{8}T[0-9]{6}Z)\.(json|md|html))$`)
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !fixed.MatchString(filepath.ToSlash(rel)) {
			t.Errorf("state directory holds %s, a name the daemon does not choose", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// assertAuth checks that the sync API and the webhook refuse requests
// without the right token or signature (401) and accept the right ones.
func assertAuth(t *testing.T, r *daemonRun, rec *recorder) {
	t.Helper()
	for _, h := range [][]string{nil, {"Authorization", "Bearer wrong"}, {"Authorization", "Basic " + canaryAPIToken[:8]}} {
		if code, body := r.call(rec, http.MethodPost, "/api/v1/sync", "", h...); code != http.StatusUnauthorized {
			t.Errorf("sync with %v: %d %q, want 401", h, code, body)
		}
	}
	for _, p := range []string{"/metrics", "/api/v1/status", "/api/v1/reports/latest.md"} {
		if code, body := r.call(rec, http.MethodGet, p, ""); code != http.StatusUnauthorized {
			t.Errorf("GET %s without a token: %d %.100q, want 401", p, code, body)
		}
	}
	if code, _ := r.call(rec, http.MethodPost, "/api/v1/sync", "", "Authorization", "Bearer "+canaryAPIToken); code != http.StatusAccepted {
		t.Errorf("sync with the token from the file: %d, want 202 (the token is not used)", code)
	}
	push := `{"ref":"refs/heads/master","before":"0000000000000000000000000000000000000000","after":"1111111111111111111111111111111111111111","repository":{"full_name":"netops/intent"},"pusher":{"name":"grace"}}`
	mac := hmac.New(sha256.New, []byte(canaryWebhook))
	mac.Write([]byte(push))
	good := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	mac = hmac.New(sha256.New, []byte("not-the-secret"))
	mac.Write([]byte(push))
	forged := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	for name, h := range map[string][]string{
		"no signature":      {"X-GitHub-Event", "push"},
		"no headers at all": nil,
		"forged signature":  {"X-GitHub-Event", "push", "X-Hub-Signature-256", forged},
		"malformed":         {"X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=zz"},
		"sha1 only":         {"X-GitHub-Event", "push", "X-Hub-Signature", "sha1=" + strings.Repeat("0", 40)},
		"wrong gitlab":      {"X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "wrong"},
	} {
		if code, body := r.call(rec, http.MethodPost, "/api/v1/webhook", push, h...); code != http.StatusUnauthorized {
			t.Errorf("webhook, %s: %d %q, want 401", name, code, body)
		}
	}
	if code, body := r.call(rec, http.MethodPost, "/api/v1/webhook", push, "X-GitHub-Event", "push", "X-Hub-Signature-256", good); code != http.StatusAccepted {
		t.Errorf("webhook signed with the secret: %d %q, want 202 (the secret is not used)", code, body)
	}
	if code, body := r.call(rec, http.MethodPost, "/api/v1/webhook", push, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", canaryWebhook); code != http.StatusAccepted && code != http.StatusBadRequest {
		t.Errorf("webhook with the GitLab token: %d %q, want it verified", code, body)
	}
}

// assertPrivate checks that dir is 0700 and everything below it is 0700
// (directories) or 0600 (files).
func assertPrivate(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if fi.IsDir() {
			want = 0o700
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s is mode %#o, want %#o", p, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

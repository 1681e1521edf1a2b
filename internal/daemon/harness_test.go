package daemon

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/fleet"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
	"github.com/switchyard/switchyard/providers/iosxe"
	"github.com/switchyard/switchyard/providers/iosxr"
	"github.com/switchyard/switchyard/providers/nxos"
)

const (
	simPassword = "sim-password-canary"
	apiToken    = "api-token-canary"
	viewerToken = "viewer-token-canary"
	hookSecret  = "webhook-secret-canary"
)

func registry(t testing.TB) *providers.Registry {
	t.Helper()
	r := providers.NewRegistry()
	for _, reg := range []func(*providers.Registry) error{iosxe.Register, iosxr.Register, nxos.Register, ios.Register} {
		if err := reg(r); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// fakeClock is a manual Clock: time moves only on Advance.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	at time.Time
	c  chan time.Time
}

func (t *fakeTimer) C() <-chan time.Time { return t.c }
func (t *fakeTimer) Stop() bool          { return true }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) TimerAt(at time.Time) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{at: at, c: make(chan time.Time, 1)}
	if !at.After(c.now) {
		t.c <- c.now
		return t
	}
	c.timers = append(c.timers, t)
	return t
}

// Advance moves time to now+d and fires the timers due by then.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.timers[:0]
	for _, t := range c.timers {
		if !t.at.After(c.now) {
			t.c <- c.now
			continue
		}
		kept = append(kept, t)
	}
	c.timers = kept
}

// campus is the simulated campus, its intent repository and a daemon
// configuration for them.
type campus struct {
	t          *testing.T
	sim        *simfleet.Fleet
	repoDir    string
	repo       *git.Repository
	files      map[string]string // repo-relative path → content
	stateDir   string
	knownHosts string
	caFile     string
	clock      *fakeClock
	signer     git.Signer
	env        []string // more secrets the daemon reads: NAME, VALUE, …
}

// newCampus starts the campus's NETCONF devices on free ports and commits
// examples/campus, with the addresses rewritten to them, into a new Git
// repository.
func newCampus(t *testing.T) *campus {
	// The NX-API and CLI devices push their AAA keys; the NETCONF and gNMI
	// drivers leave secrets to the device (see providers.Desired.Secrets).
	t.Setenv("SWITCHYARD_TACACS_KEY", "campus-tacacs-key")
	t.Setenv("SWITCHYARD_SNMP_COMMUNITY", "campus-snmp-community")
	t.Setenv("SWITCHYARD_PASSWORD", simPassword)
	t.Helper()
	reg := registry(t)
	// Through the gate, as the daemon loads it: the simulators are the
	// devices' releases (IOS-XE without confirmed commit, with cisco-ia).
	inv, ds := fleet.Load("../../examples/campus", reg)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sim, err := simfleet.Start(t.Context(), inv, reg, simfleet.Options{Username: "admin", Password: simPassword, AnyPort: true,
		Users: map[string]string{"alice": alicePassword}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	c := &campus{t: t, sim: sim, repoDir: t.TempDir(), stateDir: filepath.Join(t.TempDir(), "state"), files: map[string]string{},
		clock: &fakeClock{now: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)}}
	c.knownHosts = filepath.Join(t.TempDir(), "known_hosts")
	if err := sim.WriteKnownHosts(c.knownHosts); err != nil {
		t.Fatal(err)
	}
	c.caFile = filepath.Join(t.TempDir(), "ca.pem")
	if err := sim.WriteCABundle(c.caFile); err != nil {
		t.Fatal(err)
	}
	replacer := []string{}
	for _, d := range inv.Devices {
		if addr := sim.Addr(d.Name); addr != "" {
			replacer = append(replacer, "address: "+d.Address+"\n", "address: "+addr+"\n")
		}
	}
	r := strings.NewReplacer(replacer...)
	err = filepath.WalkDir("../../examples/campus", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../../examples/campus", p)
		c.files[filepath.ToSlash(rel)] = r.Replace(string(raw))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.repo, err = git.PlainInit(c.repoDir, false); err != nil {
		t.Fatal(err)
	}
	c.commit("campus", nil)
	return c
}

// commit writes the files and commits them; edit (if any) changes the
// files first. It returns the commit hash.
func (c *campus) commit(msg string, edit func(files map[string]string)) string {
	c.t.Helper()
	if edit != nil {
		edit(c.files)
	}
	for name, content := range c.files {
		p := filepath.Join(c.repoDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			c.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			c.t.Fatal(err)
		}
	}
	wt, err := c.repo.Worktree()
	if err != nil {
		c.t.Fatal(err)
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		c.t.Fatal(err)
	}
	h, err := wt.Commit(msg, &git.CommitOptions{Signer: c.signer,
		Author: &object.Signature{Name: "Grace Hopper", Email: "grace@example.net", When: time.Now()}})
	if err != nil {
		c.t.Fatal(err)
	}
	return h.String()
}

// config is the daemon configuration for the campus, with extra YAML
// appended at the root.
func (c *campus) config(extra string) *Config {
	c.t.Helper()
	text := fmt.Sprintf(`repository:
  url: %s
  poll_interval: 1h
  webhook_secret: {env: TEST_WEBHOOK_SECRET}
devices:
  limit: ["legacy!=true"]
  known_hosts_file: %s
  ca_file: %s
  timeout: 20s
rollout:
  concurrency: 4
  confirm_timeout: 2m
state_dir: %s
listen: 127.0.0.1:0
api_token: {env: TEST_API_TOKEN}
api_tokens:
  - {name: dashboard, role: viewer, token: {env: TEST_VIEWER_TOKEN}}
`, c.repoDir, c.knownHosts, c.caFile, c.stateDir) + extra
	cfg, ds := ParseConfig("switchyard.yaml", []byte(text))
	if ds.HasErrors() {
		c.t.Fatalf("config:\n%s\n%s", ds, text)
	}
	return cfg
}

func secrets(extra ...string) credentials.Source {
	env := map[string]string{"SWITCHYARD_PASSWORD": simPassword, "SWITCHYARD_TACACS_KEY": "tacacs-canary", "SWITCHYARD_SNMP_COMMUNITY": "snmp-canary",
		"TEST_API_TOKEN": apiToken, "TEST_VIEWER_TOKEN": viewerToken, "TEST_WEBHOOK_SECRET": hookSecret}
	for i := 0; i+1 < len(extra); i += 2 {
		env[extra[i]] = extra[i+1]
	}
	return credentials.Source{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
}

// running is a daemon started in-process.
type running struct {
	t      *testing.T
	d      *Daemon
	cycles chan Cycle
	stop   func()
}

// start runs a daemon on cfg until the test ends (or stop is called).
func (c *campus) start(cfg *Config) *running {
	c.t.Helper()
	r := &running{t: c.t, cycles: make(chan Cycle, 256)}
	d, err := New(c.t.Context(), cfg, Options{Registry: registry(c.t), Clock: c.clock, Secrets: secrets(c.env...),
		Logger: testLogger(c.t), OnCycle: func(cy Cycle) { r.cycles <- cy }})
	if err != nil {
		c.t.Fatal(err)
	}
	r.d = d
	ctx, cancel := context.WithCancel(context.WithoutCancel(c.t.Context()))
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	var once sync.Once
	r.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				c.t.Errorf("Run: %v", err)
			}
		})
	}
	c.t.Cleanup(r.stop)
	return r
}

// wait returns the next cycle of kind, failing the test after a minute.
func (r *running) wait(kind string) Cycle {
	r.t.Helper()
	timeout := time.NewTimer(time.Minute)
	defer timeout.Stop()
	for {
		select {
		case cy := <-r.cycles:
			if cy.Kind == kind {
				return cy
			}
		case <-timeout.C:
			r.t.Fatalf("no %s cycle within a minute", kind)
		}
	}
}

// get calls the API in-process, with the viewer token unless header
// sets Authorization.
func (r *running) get(path string, header ...string) (int, string) {
	return r.do(http.MethodGet, path, "", append([]string{"Authorization", "Bearer " + viewerToken}, header...)...)
}

func (r *running) do(method, path, body string, header ...string) (int, string) {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	r.d.Handler().ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(b)
}

// status reads /api/v1/status.
func (r *running) status() Status {
	r.t.Helper()
	code, body := r.get("/api/v1/status")
	if code != http.StatusOK {
		r.t.Fatalf("status: %d %s", code, body)
	}
	var s Status
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		r.t.Fatal(err)
	}
	return s
}

func (s Status) device(name string) DeviceStatus {
	for _, d := range s.Devices {
		if d.Name == name {
			return d
		}
	}
	return DeviceStatus{}
}

// audit reads the audit log of the state directory.
func (c *campus) audit() []state.Record {
	c.t.Helper()
	recs, _, err := state.ReadAudit(c.stateDir, state.Filter{})
	if err != nil {
		c.t.Fatal(err)
	}
	return recs
}

func countAudit(recs []state.Record, device, result, rev string) int {
	n := 0
	for _, r := range recs {
		if r.Device == device && r.Result == result && (rev == "" || r.Revision == rev) {
			n++
		}
	}
	return n
}

// setHostname changes a simulated device's hostname out of band, as an
// operator on the console would.
func (c *campus) setHostname(device, name string) {
	c.t.Helper()
	sd := c.sim.Device(device)
	root := sd.RunningTree()
	if !replaceLeaf(root, "hostname", name) {
		c.t.Fatalf("%s: no hostname in running config", device)
	}
	sd.SetRunning(root)
}

func replaceLeaf(e *xmltree.Element, local, text string) bool {
	if e.Name.Local == local && e.IsLeaf() && e.Text != "" {
		e.Text = text
		return true
	}
	found := false
	for _, ch := range e.Children {
		found = replaceLeaf(ch, local, text) || found
	}
	return found
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
}

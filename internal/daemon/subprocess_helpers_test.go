package daemon

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
)

// buildSwitchyard builds the switchyard binary into a temporary directory.
func buildSwitchyard(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "switchyard")
	cmd := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "./cmd/switchyard")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// bareRepo pushes the campus repository into a new bare repository and
// returns its path.
func bareRepo(t *testing.T, c *campus) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "campus.git")
	if _, err := git.PlainInit(dir, true); err != nil {
		t.Fatal(err)
	}
	remote, err := c.repo.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	err = remote.PushContext(t.Context(), &git.PushOptions{RefSpecs: []config.RefSpec{"refs/heads/*:refs/heads/*"}})
	if err != nil {
		t.Fatalf("push to the bare repository: %v", err)
	}
	return dir
}

// freeAddr returns a 127.0.0.1 address nothing listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// healthGate is an HTTP health check the test holds: every check passes,
// except the first one for a NETCONF device once another device has
// passed, which hangs (and so holds that device's confirmed commit in
// flight) until the client goes away. After open every check passes.
type healthGate struct {
	srv     *httptest.Server
	netconf func(device string) bool
	held    chan string // receives the held device
	release chan struct{}

	mu     sync.Mutex
	passed []string
	holdOn string
	isOpen bool
}

func newHealthGate(t *testing.T, netconf func(string) bool) *healthGate {
	t.Helper()
	g := &healthGate{netconf: netconf, held: make(chan string, 1), release: make(chan struct{})}
	g.srv = httptest.NewServer(http.HandlerFunc(g.serve))
	t.Cleanup(g.srv.Close)
	t.Cleanup(func() { close(g.release) }) // runs first: unblock a held check
	return g
}

func (g *healthGate) serve(w http.ResponseWriter, r *http.Request) {
	dev := r.URL.Query().Get("device")
	g.mu.Lock()
	hold := !g.isOpen && g.holdOn == "" && len(g.passed) > 0 && g.netconf(dev)
	if hold {
		g.holdOn = dev
	} else {
		g.passed = append(g.passed, dev)
	}
	g.mu.Unlock()
	if !hold {
		w.WriteHeader(http.StatusOK)
		return
	}
	g.held <- dev
	select {
	case <-r.Context().Done():
	case <-g.release:
	}
	w.WriteHeader(http.StatusServiceUnavailable)
}

// open makes every later check pass.
func (g *healthGate) open() {
	g.mu.Lock()
	g.isOpen = true
	g.mu.Unlock()
}

// passedSoFar returns the devices whose checks passed, in order.
func (g *healthGate) passedSoFar() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.passed...)
}

// url is the check's target, with the daemon's {device} placeholder.
func (g *healthGate) url() string { return g.srv.URL + "/check?device={device}" }

// serveProc is `switchyard serve` running as a subprocess.
type serveProc struct {
	t    *testing.T
	cmd  *exec.Cmd
	addr string
	logs *bytes.Buffer
	done chan struct{}
	err  error // valid after done
}

// startServe runs `switchyard serve --config cfgPath`; the process is
// killed when the test ends, and its logs are printed if the test failed.
func startServe(t *testing.T, bin, cfgPath, addr, name string) *serveProc {
	t.Helper()
	p := &serveProc{t: t, addr: addr, logs: &bytes.Buffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(bin, "serve", "--config", cfgPath, "--log-level", "debug")
	p.cmd.Env = append(os.Environ(), "TEST_API_TOKEN="+apiToken, "TEST_WEBHOOK_SECRET="+hookSecret)
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill() // by PID; a no-op error once it has exited
		<-p.done
		if t.Failed() {
			t.Logf("%s logs:\n%s", name, p.logs.String())
		}
	})
	return p
}

// kill sends SIGKILL and waits for the process to be gone.
func (p *serveProc) kill() {
	p.t.Helper()
	if err := p.cmd.Process.Kill(); err != nil {
		p.t.Fatal(err)
	}
	<-p.done
}

// terminate sends SIGTERM and waits (at most 20s) for a clean exit.
func (p *serveProc) terminate() {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		p.t.Fatal(err)
	}
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		p.t.Fatal("switchyard serve did not exit within 20s of SIGTERM")
	}
	if p.err != nil {
		p.t.Errorf("switchyard serve after SIGTERM: %v", p.err)
	}
}

// status reads /api/v1/status over HTTP.
func (p *serveProc) status() (Status, error) {
	var s Status
	req, err := http.NewRequest(http.MethodGet, "http://"+p.addr+"/api/v1/status", nil)
	if err != nil {
		return s, err
	}
	req.Header.Set("Authorization", "Bearer "+apiToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return s, fmt.Errorf("status: %s", resp.Status)
	}
	return s, json.NewDecoder(resp.Body).Decode(&s)
}

// waitStatus polls the status until ok accepts it, failing the test after
// timeout or if the process exits.
func (p *serveProc) waitStatus(timeout time.Duration, what string, ok func(Status) bool) Status {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	var (
		s   Status
		err = errors.New("no answer yet")
	)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			p.t.Fatalf("switchyard serve exited (%v) while waiting for %s", p.err, what)
		default:
		}
		if s, err = p.status(); err == nil && ok(s) {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.t.Fatalf("no %s within %s: last status %+v, err %v", what, timeout, s, err)
	return s
}

package daemon

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/providers"
)

// ErrDraining is returned (wrapped) when the daemon is shutting down and a
// device that has no change in flight is not started.
var ErrDraining = errors.New("daemon is shutting down: device not started")

// ErrHealthCheck is returned (wrapped) by Confirm when a configured health
// check fails: the change is then cancelled, or reverts by itself.
var ErrHealthCheck = errors.New("health check failed")

// gate is shared by every gated driver of the daemon: it knows which
// devices have a change in flight, and refuses to start others once the
// daemon drains.
type gate struct {
	mu       sync.Mutex
	draining bool
	inFlight map[string]bool
}

func newGate() *gate { return &gate{inFlight: map[string]bool{}} }

func (g *gate) drain() {
	g.mu.Lock()
	g.draining = true
	g.mu.Unlock()
}

func (g *gate) mayConnect(device string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return !g.draining || g.inFlight[device]
}

func (g *gate) set(device string, on bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if on {
		g.inFlight[device] = true
	} else {
		delete(g.inFlight, device)
	}
}

// gatedDriver wraps a platform driver so that (1) configured health checks
// must pass before a change is confirmed, on top of the built-in one (a new
// management session shows the intended state, which rollout does), and
// (2) a draining daemon starts no new device but lets changes in flight
// finish. It changes nothing else: the rollout lifecycle is the CLI's.
type gatedDriver struct {
	rollout.Driver
	device string
	addr   string
	checks []CheckConfig
	gate   *gate
}

func (d *gatedDriver) Connect(ctx context.Context, t providers.Target) (providers.Session, error) {
	if !d.gate.mayConnect(d.device) {
		return nil, fmt.Errorf("%s: %w", d.device, ErrDraining)
	}
	s, err := d.Driver.Connect(ctx, t)
	if err != nil {
		return nil, err
	}
	return &gatedSession{Session: s, d: d}, nil
}

type gatedSession struct {
	providers.Session
	d *gatedDriver
}

func (s *gatedSession) Begin(ctx context.Context, desired *providers.Desired, changes []providers.Change, confirmTimeout time.Duration) (*providers.Txn, error) {
	s.d.gate.set(s.d.device, true)
	txn, err := s.Session.Begin(ctx, desired, changes, confirmTimeout)
	if err != nil || txn == nil || txn.Deadline.IsZero() {
		s.d.gate.set(s.d.device, false)
	}
	return txn, err
}

func (s *gatedSession) Confirm(ctx context.Context, txn *providers.Txn) error {
	if err := runChecks(ctx, s.d.checks, s.d.device, s.d.addr); err != nil {
		return err
	}
	err := s.Session.Confirm(ctx, txn)
	if err == nil {
		s.d.gate.set(s.d.device, false)
	}
	return err
}

func (s *gatedSession) Cancel(ctx context.Context, txn *providers.Txn) error {
	defer s.d.gate.set(s.d.device, false)
	return s.Session.Cancel(ctx, txn)
}

// runChecks runs every check in order and returns the first failure.
func runChecks(ctx context.Context, checks []CheckConfig, device, addr string) error {
	for _, c := range checks {
		cctx, cancel := context.WithTimeout(ctx, c.Timeout)
		err := runCheck(cctx, c, device, addr)
		cancel()
		if err != nil {
			return fmt.Errorf("%s: %w %q: %v", device, ErrHealthCheck, c.Name, err)
		}
	}
	return nil
}

func runCheck(ctx context.Context, c CheckConfig, device, addr string) error {
	if c.TCP != "" {
		var d net.Dialer
		conn, err := d.DialContext(ctx, "tcp", expand(c.TCP, device, addr))
		if err != nil {
			return err
		}
		return conn.Close()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, expand(c.HTTP, device, addr), nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("GET answered %s, want 2xx", resp.Status)
	}
	return nil
}

// checksFor returns the checks that apply to a device in groups.
func checksFor(all []CheckConfig, groups []string) []CheckConfig {
	var out []CheckConfig
	for _, c := range all {
		w := Window{Groups: c.Groups}
		if w.Applies(groups) {
			out = append(out, c)
		}
	}
	return out
}

// LastChange asks the wrapped session who changed the device, when it can
// (providers.ChangeAttributor); nil otherwise.
func (s *gatedSession) LastChange(ctx context.Context, since time.Time) (*providers.Attribution, error) {
	if ca, ok := s.Session.(providers.ChangeAttributor); ok {
		return ca.LastChange(ctx, since)
	}
	return nil, nil
}

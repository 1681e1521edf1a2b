package faults

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/providers"
)

// A step is one call the rollout makes on a management session; session 1
// pushes, session 2 verifies and confirms.
type step struct {
	Op      string // connect, observe, begin, confirm, cancel
	Session int
	After   bool // after the call returned (else: before it is made)
}

func (s step) String() string {
	when := "before"
	if s.After {
		when = "after"
	}
	return fmt.Sprintf("%s %s#%d", when, s.Op, s.Session)
}

// Steps the matrix arms knobs at.
var (
	beforeBegin   = step{Op: "begin", Session: 1}
	afterBegin    = step{Op: "begin", Session: 1, After: true}
	beforeVerify  = step{Op: "observe", Session: 2}
	beforeConfirm = step{Op: "confirm", Session: 2}
	afterConfirm  = step{Op: "confirm", Session: 2, After: true}
)

// probe wraps a production driver at the session seam: it counts the calls
// that change the device and runs hooks at chosen steps (to arm a
// simulator knob there, or to stop a crash child). It changes nothing the
// driver does.
type probe struct {
	rollout.Driver
	hooks map[step]func()

	mu       sync.Mutex
	sessions int
	calls    map[string]int
}

var _ rollout.Driver = (*probe)(nil)

func newProbe(d rollout.Driver, hooks map[step]func()) *probe {
	return &probe{Driver: d, hooks: hooks, calls: map[string]int{}}
}

// withProbe returns u driven through a new probe.
func withProbe(u rollout.Unit, hooks map[step]func()) (rollout.Unit, *probe) {
	p := newProbe(u.Driver, hooks)
	u.Driver = p
	return u, p
}

func (p *probe) at(op string, session int, after bool) {
	p.mu.Lock()
	p.calls[op+map[bool]string{false: "", true: "-done"}[after]]++
	h := p.hooks[step{Op: op, Session: session, After: after}]
	p.mu.Unlock()
	if h != nil {
		h()
	}
}

// count returns how many calls of op were made (begun).
func (p *probe) count(op string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls[op]
}

// Connect opens a session through the wrapped driver.
func (p *probe) Connect(ctx context.Context, t providers.Target) (providers.Session, error) {
	p.mu.Lock()
	p.sessions++
	n := p.sessions
	p.mu.Unlock()
	p.at("connect", n, false)
	s, err := p.Driver.Connect(ctx, t)
	p.at("connect", n, true)
	if err != nil {
		return nil, err
	}
	return &probeSession{s: s, p: p, n: n}, nil
}

type probeSession struct {
	s providers.Session
	p *probe
	n int
}

func (s *probeSession) Observe(ctx context.Context) (*providers.Running, error) {
	s.p.at("observe", s.n, false)
	defer s.p.at("observe", s.n, true)
	return s.s.Observe(ctx)
}

// PrepareTxn forwards to the production session when it names commits
// ahead (providers.TxnPreparer), so rollout records the txn first.
func (s *probeSession) PrepareTxn(to time.Duration) *providers.Txn {
	if p, ok := s.s.(providers.TxnPreparer); ok {
		return p.PrepareTxn(to)
	}
	return nil
}

func (s *probeSession) Begin(ctx context.Context, d *providers.Desired, c []providers.Change, to time.Duration) (*providers.Txn, error) {
	s.p.at("begin", s.n, false)
	defer s.p.at("begin", s.n, true)
	return s.s.Begin(ctx, d, c, to)
}

func (s *probeSession) Confirm(ctx context.Context, txn *providers.Txn) error {
	s.p.at("confirm", s.n, false)
	defer s.p.at("confirm", s.n, true)
	return s.s.Confirm(ctx, txn)
}

func (s *probeSession) Cancel(ctx context.Context, txn *providers.Txn) error {
	s.p.at("cancel", s.n, false)
	defer s.p.at("cancel", s.n, true)
	return s.s.Cancel(ctx, txn)
}

func (s *probeSession) Close() error { return s.s.Close() }

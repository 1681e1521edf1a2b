package rollout

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchyard/switchyard/providers"
)

// fakeDevice is a hand-written seam for fleet-policy tests: a device whose
// running config is a map of path to value. Protocol behaviour is tested
// against internal/devicesim elsewhere.
type fakeDevice struct {
	mu        sync.Mutex
	running   map[string]string
	pending   map[string]string // before-image while a txn is open
	failBegin bool
	dropEdit  bool // accept Begin but change nothing (verification must catch it)
	lostReply bool // apply the change but report a transport error, with the txn
	cancelErr error
	cancelOK  int // cancels that fail with cancelErr before one succeeds
	connects  int
	confirms  int
	cancels   int
}

type fakeDriver struct{ dev *fakeDevice }

func (f fakeDriver) Connect(context.Context, providers.Target) (providers.Session, error) {
	f.dev.mu.Lock()
	defer f.dev.mu.Unlock()
	f.dev.connects++
	return &fakeSession{dev: f.dev}, nil
}

func (f fakeDriver) Diff(d *providers.Desired, r *providers.Running) ([]providers.Change, error) {
	var out []providers.Change
	for _, line := range strings.Split(d.CLI, "\n") {
		if line != "" && !strings.Contains(r.CLI, line) {
			out = append(out, providers.Change{Op: "create", Path: "/" + line})
		}
	}
	return out, nil
}

type fakeSession struct{ dev *fakeDevice }

func (s *fakeSession) Observe(context.Context) (*providers.Running, error) {
	s.dev.mu.Lock()
	defer s.dev.mu.Unlock()
	var b strings.Builder
	for k := range s.dev.running {
		b.WriteString(k + "\n")
	}
	return &providers.Running{CLI: b.String(), Digest: b.String()}, nil
}

func (s *fakeSession) Begin(_ context.Context, _ *providers.Desired, ch []providers.Change, to time.Duration) (*providers.Txn, error) {
	s.dev.mu.Lock()
	defer s.dev.mu.Unlock()
	if s.dev.failBegin {
		return nil, errors.New("commit rejected at /vlans/vlan[id=20]")
	}
	s.dev.pending = map[string]string{}
	for k, v := range s.dev.running {
		s.dev.pending[k] = v
	}
	if !s.dev.dropEdit {
		for _, c := range ch {
			s.dev.running[strings.TrimPrefix(c.Path, "/")] = "x"
		}
	}
	txn := &providers.Txn{ID: "p1", Deadline: time.Now().Add(to)}
	if s.dev.lostReply {
		return txn, errors.New("connection lost waiting for the commit's answer")
	}
	return txn, nil
}

func (s *fakeSession) Confirm(context.Context, *providers.Txn) error {
	s.dev.mu.Lock()
	defer s.dev.mu.Unlock()
	s.dev.confirms++
	s.dev.pending = nil
	return nil
}

func (s *fakeSession) Cancel(context.Context, *providers.Txn) error {
	s.dev.mu.Lock()
	defer s.dev.mu.Unlock()
	s.dev.cancels++
	if s.dev.cancelErr != nil && s.dev.cancels <= s.dev.cancelOK {
		return s.dev.cancelErr
	}
	s.dev.running, s.dev.pending = s.dev.pending, nil
	return nil
}

func (s *fakeSession) Close() error { return nil }

func unit(name string, dev *fakeDevice) Unit {
	return Unit{Name: name, Driver: fakeDriver{dev}, Desired: &providers.Desired{Device: name, CLI: "hostname " + name + "\nvlan 20\n"}}
}

func statuses(rs []Result) []Status {
	out := make([]Status, len(rs))
	for i, r := range rs {
		out[i] = r.Status
	}
	return out
}

func TestApplyLifecycle(t *testing.T) {
	good := &fakeDevice{running: map[string]string{"vlan 1": ""}}
	dropped := &fakeDevice{running: map[string]string{}, dropEdit: true}
	synced := &fakeDevice{running: map[string]string{"hostname c": "", "vlan 20": ""}}
	rs := Apply(t.Context(), []Unit{unit("a", good), unit("b", dropped), unit("c", synced)}, Config{MaxFailures: 5})
	if diff := cmp.Diff([]Status{Applied, RolledBack, InSync}, statuses(rs)); diff != "" {
		t.Fatalf("statuses (-want +got):\n%s", diff)
	}
	if good.confirms != 1 || good.cancels != 0 || good.connects != 2 {
		t.Errorf("good device: confirms=%d cancels=%d connects=%d, want 1 0 2 (verify on a new session)", good.confirms, good.cancels, good.connects)
	}
	if dropped.confirms != 0 || dropped.cancels != 1 {
		t.Errorf("dropped edit: confirms=%d cancels=%d, want 0 1", dropped.confirms, dropped.cancels)
	}
	if !strings.Contains(rs[1].Err.Error(), "still differ after commit") {
		t.Errorf("verify error = %v", rs[1].Err)
	}
	if len(synced.running) != 2 || synced.connects != 1 {
		t.Errorf("in-sync device was touched: %v, connects %d", synced.running, synced.connects)
	}
}

func TestFailureBudgetAndCanary(t *testing.T) {
	mk := func(fail bool) *fakeDevice { return &fakeDevice{running: map[string]string{}, failBegin: fail} }
	t.Run("budget halts the rest", func(t *testing.T) {
		units := []Unit{unit("a", mk(true)), unit("b", mk(true)), unit("c", mk(false)), unit("d", mk(false))}
		rs := Apply(t.Context(), units, Config{Concurrency: 1, MaxFailures: 1})
		if diff := cmp.Diff([]Status{Failed, Failed, Skipped, Skipped}, statuses(rs)); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
		if !strings.Contains(rs[0].Err.Error(), "/vlans/vlan[id=20]") || !strings.Contains(rs[0].Err.Error(), "push to a") {
			t.Errorf("error must name device and path: %v", rs[0].Err)
		}
	})
	t.Run("failed canary stops the rollout", func(t *testing.T) {
		rest := mk(false)
		units := []Unit{unit("a", mk(false)), unit("b", mk(true)), unit("c", rest)}
		rs := Apply(t.Context(), units, Config{Canary: 2, MaxFailures: 10})
		if diff := cmp.Diff([]Status{Applied, Failed, Skipped}, statuses(rs)); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
		if rest.connects != 0 {
			t.Error("a device after a failed canary was contacted")
		}
	})
}

func TestStalePlanRefused(t *testing.T) {
	dev := &fakeDevice{running: map[string]string{}}
	u := unit("a", dev)
	u.Expect = "digest-from-an-older-plan"
	rs := Apply(t.Context(), []Unit{u}, Config{})
	if rs[0].Status != Failed || !errors.Is(rs[0].Err, ErrStale) {
		t.Fatalf("result = %v %v, want Failed ErrStale", rs[0].Status, rs[0].Err)
	}
	if len(dev.running) != 0 {
		t.Error("a stale plan changed the device")
	}
}

func TestObserve(t *testing.T) {
	rs := Observe(t.Context(), []Unit{unit("a", &fakeDevice{running: map[string]string{}}), unit("b", &fakeDevice{running: map[string]string{"hostname b": "", "vlan 20": ""}})}, Config{})
	if diff := cmp.Diff([]Status{Changes, InSync}, statuses(rs)); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if len(rs[0].Changes) != 2 {
		t.Errorf("changes = %v", rs[0].Changes)
	}
}

func TestLostCommitAnswerIsSettledNotForgotten(t *testing.T) {
	dev := &fakeDevice{running: map[string]string{}, lostReply: true}
	var recorded []*providers.Txn
	rs := Apply(t.Context(), []Unit{unit("a", dev)}, Config{OnTxn: func(_ string, txn *providers.Txn) { recorded = append(recorded, txn) }})
	if rs[0].Status != Applied || dev.confirms != 1 {
		t.Fatalf("status %s (%v), confirms %d: a commit whose answer was lost must be verified and confirmed", rs[0].Status, rs[0].Err, dev.confirms)
	}
	if len(recorded) != 2 || recorded[0] == nil || recorded[1] != nil {
		t.Errorf("OnTxn calls = %v, want the txn recorded then cleared", recorded)
	}
}

func TestCancelRetriedOnFreshSessionAndUnresolvedKept(t *testing.T) {
	broken := errors.New("session broken")
	t.Run("second cancel works", func(t *testing.T) {
		dev := &fakeDevice{running: map[string]string{}, dropEdit: true, cancelErr: broken, cancelOK: 1}
		rs := Apply(t.Context(), []Unit{unit("a", dev)}, Config{})
		if rs[0].Status != RolledBack || rs[0].Pending || dev.cancels != 2 {
			t.Errorf("status %s pending %v cancels %d, want rolled-back, settled, cancelled on a second session", rs[0].Status, rs[0].Pending, dev.cancels)
		}
	})
	t.Run("nothing pending counts as settled", func(t *testing.T) {
		dev := &fakeDevice{running: map[string]string{}, dropEdit: true, cancelErr: fmt.Errorf("%w: timer expired", providers.ErrNotPending), cancelOK: 9}
		rs := Apply(t.Context(), []Unit{unit("a", dev)}, Config{})
		if rs[0].Status != RolledBack || rs[0].Pending {
			t.Errorf("status %s pending %v, want rolled-back and settled", rs[0].Status, rs[0].Pending)
		}
	})
	t.Run("every cancel fails: kept in flight", func(t *testing.T) {
		dev := &fakeDevice{running: map[string]string{}, dropEdit: true, cancelErr: broken, cancelOK: 9}
		var last *providers.Txn
		rs := Apply(t.Context(), []Unit{unit("a", dev)}, Config{OnTxn: func(_ string, txn *providers.Txn) { last = txn }})
		if rs[0].Status != Failed || !rs[0].Pending || last == nil {
			t.Errorf("status %s pending %v last OnTxn %v, want failed, pending, still recorded", rs[0].Status, rs[0].Pending, last)
		}
		if !strings.Contains(rs[0].Err.Error(), "left to revert at") {
			t.Errorf("error %q must say the device reverts by itself", rs[0].Err)
		}
	})
}

// preparingSession names its commit ahead, as the NETCONF, gNMI and CLI
// sessions do.
type preparingSession struct{ *fakeSession }

func (p preparingSession) PrepareTxn(to time.Duration) *providers.Txn {
	return &providers.Txn{ID: "p1", Deadline: time.Now().Add(to)}
}

type preparingDriver struct{ fakeDriver }

func (d preparingDriver) Connect(ctx context.Context, t providers.Target) (providers.Session, error) {
	s, err := d.fakeDriver.Connect(ctx, t)
	return preparingSession{s.(*fakeSession)}, err
}

func TestPreparedTxnRecordedBeforeTheCommit(t *testing.T) {
	var events []string
	cfg := Config{
		OnPrepare: func(_ string, txn *providers.Txn) { events = append(events, "prepare "+txn.ID) },
		OnTxn: func(_ string, txn *providers.Txn) {
			if txn == nil {
				events = append(events, "clear")
				return
			}
			events = append(events, "txn "+txn.ID)
		},
	}
	dev := &fakeDevice{running: map[string]string{}}
	u := unit("a", dev)
	u.Driver = preparingDriver{fakeDriver{dev}}
	if rs := Apply(t.Context(), []Unit{u}, cfg); rs[0].Status != Applied {
		t.Fatalf("status %s: %v", rs[0].Status, rs[0].Err)
	}
	if diff := cmp.Diff([]string{"prepare p1", "txn p1", "clear"}, events); diff != "" {
		t.Errorf("hook order (-want +got):\n%s", diff)
	}

	events = nil
	failing := &fakeDevice{running: map[string]string{}, failBegin: true}
	u = unit("b", failing)
	u.Driver = preparingDriver{fakeDriver{failing}}
	Apply(t.Context(), []Unit{u}, cfg)
	if diff := cmp.Diff([]string{"prepare p1", "clear"}, events); diff != "" {
		t.Errorf("a refused push clears the prepared txn (-want +got):\n%s", diff)
	}
}

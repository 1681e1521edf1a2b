package faults

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/providers"
)

// confirmTimeout is the rollout's confirm timeout: long enough that the
// agent-side NX-API deadline (real time) does not pass in the slow cases.
// Device timers run on each simulator's manual clock.
const confirmTimeout = 10 * time.Minute

// target is one device under test: its simulator, its unit and the old
// and new configurations it may be in.
type target struct {
	tr     string
	sim    *simDevice
	unit   rollout.Unit
	before string // running configuration before any apply
	after  string // running configuration after a clean apply (reference)
	store  *state.Store
	// storeDir is the state directory of store.
	storeDir string
}

// newTarget starts the device of tr and records its before and after
// configurations.
func newTarget(t *testing.T, tr string) *target {
	t.Helper()
	reg, err := registry()
	if err != nil {
		t.Fatal(err)
	}
	inv, err := loadIntent(t.TempDir(), reg)
	if err != nil {
		t.Fatal(err)
	}
	dev := inv.Device(deviceOf[tr])
	p, err := reg.Get(dev.Platform)
	if err != nil {
		t.Fatal(err)
	}
	desired, err := p.Render(dev.Intent)
	if err != nil {
		t.Fatal(err)
	}
	sim := testSim(t, tr, desired)
	u, err := unitFor(inv, reg, deviceOf[tr], sim.where)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "state")
	st, err := state.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	tg := &target{tr: tr, sim: sim, unit: u, before: sim.running(), after: afterOf(t, tr), store: st, storeDir: dir}
	t.Cleanup(func() { _ = tg.store.Close() })
	if tg.before == tg.after {
		t.Fatalf("%s: the intent changes nothing on the factory configuration", tr)
	}
	return tg
}

// afters caches, per transport, the running configuration a clean apply
// leaves on a fresh simulator: the "new state" of the invariant.
var afters struct {
	sync.Mutex
	m map[string]string
}

// afterOf returns the new state of tr: the running configuration of an
// identical second simulator after a clean apply of the intent.
func afterOf(t *testing.T, tr string) string {
	t.Helper()
	afters.Lock()
	defer afters.Unlock()
	if s, ok := afters.m[tr]; ok {
		return s
	}
	reg, err := registry()
	if err != nil {
		t.Fatal(err)
	}
	inv, err := loadIntent(t.TempDir(), reg)
	if err != nil {
		t.Fatal(err)
	}
	dev := inv.Device(deviceOf[tr])
	p, _ := reg.Get(dev.Platform)
	desired, err := p.Render(dev.Intent)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := startSim(t.Context(), tr, desired, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	u, err := unitFor(inv, reg, deviceOf[tr], ref.where)
	if err != nil {
		t.Fatal(err)
	}
	rs := rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: confirmTimeout})
	if rs[0].Status != rollout.Applied {
		t.Fatalf("reference apply on %s: %s: %v", tr, rs[0].Status, rs[0].Err)
	}
	if ref.pending() {
		t.Fatalf("reference apply on %s left a change pending", tr)
	}
	if afters.m == nil {
		afters.m = map[string]string{}
	}
	afters.m[tr] = ref.running()
	return afters.m[tr]
}

// persist is rollout's OnTxn as the daemon has it (daemon.persistTxn): the
// confirmed commit is recorded in state before it is verified, and the
// record is cleared when rollout reports it resolved.
func persist(st *state.Store) func(string, *providers.Txn) {
	return func(device string, txn *providers.Txn) {
		if txn != nil {
			_ = st.SetInFlight(device, txn)
			return
		}
		_ = st.ClearInFlight(device)
	}
}

// apply runs rollout.Apply on the target with hooks at steps, recording
// in-flight commits in the target's store.
func (tg *target) apply(ctx context.Context, hooks map[step]func()) (rollout.Result, *probe) {
	u, p := withProbe(tg.unit, hooks)
	rs := rollout.Apply(ctx, []rollout.Unit{u}, rollout.Config{ConfirmTimeout: confirmTimeout, OnTxn: persist(tg.store), OnPrepare: persist(tg.store)})
	return rs[0], p
}

// checkOldOrNew fails t unless the device's running configuration is the
// full old or the full new one.
func (tg *target) checkOldOrNew(t *testing.T, when string) string {
	t.Helper()
	got := tg.sim.running()
	switch got {
	case tg.before:
		return "old"
	case tg.after:
		return "new"
	}
	t.Errorf("%s: running is a mixture of old and new: %s", when, firstDiff(tg.after, got))
	return "mixed"
}

// restartOutcome is what a restarted run did.
type restartOutcome struct {
	Resolved string // what the in-flight resolution did: "", confirmed, cancelled, held
	Status   rollout.Status
	Pushes   int // Begin calls of the restarted run
}

// restart is a fresh agent run after the faulty one: like `switchyard
// serve` after a restart, it first resolves the in-flight commit recorded
// in state (internal/daemon resolveOne: confirm when the device shows the
// intent, else cancel; never push), then applies, unless the commit could
// not be resolved (the daemon leaves such a device alone).
func (tg *target) restart(ctx context.Context) (restartOutcome, error) {
	var out restartOutcome
	sts, err := tg.store.InFlight()
	if err != nil {
		return out, err
	}
	for _, st := range sts {
		if out.Resolved, err = resolve(ctx, tg.unit, st.InFlight); err != nil {
			out.Resolved = "held"
			return out, nil
		}
		if err := tg.store.ClearInFlight(st.Name); err != nil {
			return out, err
		}
	}
	r, p := tg.apply(ctx, nil)
	out.Status, out.Pushes = r.Status, p.count("begin")
	if r.Status != rollout.Applied && r.Status != rollout.InSync {
		return out, fmt.Errorf("restarted run: %s: %w", r.Status, r.Err)
	}
	return out, nil
}

// resolve settles txn as internal/daemon resolveOne does.
func resolve(ctx context.Context, u rollout.Unit, txn *providers.Txn) (string, error) {
	s, err := u.Driver.Connect(ctx, u.Target)
	if err != nil {
		return "", err
	}
	defer s.Close()
	running, err := s.Observe(ctx)
	if err == nil {
		var changes []providers.Change
		if changes, err = u.Driver.Diff(u.Desired, running); err == nil && len(changes) > 0 {
			err = fmt.Errorf("%d path(s) differ", len(changes))
		}
	}
	if err == nil {
		if err = s.Confirm(ctx, txn); err == nil {
			return "confirmed", nil
		}
		if errors.Is(err, providers.ErrNotPending) {
			return "in-sync", nil // final already, as the daemon does
		}
	}
	if cerr := s.Cancel(ctx, txn); cerr != nil && !errors.Is(cerr, providers.ErrNotPending) {
		return "", errors.Join(err, cerr)
	}
	return "cancelled", nil
}

// checkConverged lets every device timer run out and then requires the new
// configuration, nothing pending, and an empty plan.
func (tg *target) checkConverged(t *testing.T) {
	t.Helper()
	tg.sim.clock.Advance(3 * confirmTimeout)
	if got := tg.sim.running(); got != tg.after {
		which := "a mixture"
		if got == tg.before {
			which = "the old configuration"
		}
		t.Errorf("after the restarted run and the device timers, running is %s, not the new one: %s", which, firstDiff(tg.after, got))
	}
	switch {
	case tg.sim.pending() && tg.tr == tNXAPI:
		// No device timer can revert it: a leftover checkpoint is
		// garbage, pruned by a later push.
		t.Logf("a switchyard checkpoint is left on the device: %v", tg.sim.nx.Checkpoints())
	case tg.sim.pending():
		t.Errorf("a change is still pending on the device after the restarted run")
	}
	for _, r := range rollout.Observe(t.Context(), []rollout.Unit{tg.unit}, rollout.Config{}) {
		if r.Status != rollout.InSync {
			t.Errorf("plan after convergence: %s (%d changes): %v", r.Status, len(r.Changes), r.Err)
		}
	}
}

// firstDiff describes where got first departs from want, briefly (the
// configurations are long, and XML has no lines to diff).
func firstDiff(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(0, i-60)
	return fmt.Sprintf("at byte %d: new %q, got %q", i, want[from:min(len(want), i+60)], got[from:min(len(got), i+60)])
}

package fleet

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
)

// barrierDriver holds every Begin until both runs have read the device:
// the two runs then push from the same observed configuration, the case
// where only the device can arbitrate. It is a seam around the real
// driver; everything else goes to the simulator over the real protocol.
type barrierDriver struct {
	rollout.Driver
	both *sync.WaitGroup
}

func (d barrierDriver) Connect(ctx context.Context, t providers.Target) (providers.Session, error) {
	s, err := d.Driver.Connect(ctx, t)
	if err != nil {
		return nil, err
	}
	return &barrierSession{Session: s, both: d.both}, nil
}

type barrierSession struct {
	providers.Session
	both  *sync.WaitGroup
	began bool
}

func (s *barrierSession) ExpectRunning(digest string) {
	if g, ok := s.Session.(providers.RunningGuard); ok {
		g.ExpectRunning(digest)
	}
}

func (s *barrierSession) Begin(ctx context.Context, d *providers.Desired, ch []providers.Change, to time.Duration) (*providers.Txn, error) {
	if !s.began {
		s.began = true
		s.both.Done()
		s.both.Wait()
	}
	return s.Session.Begin(ctx, d, ch, to)
}

// TestTwoConcurrentAppliesOneWriterPerDevice runs, per transport, two
// applies at once on the same device with different intents (hostnames):
// never do both report success, and the device ends on exactly one run's
// intent with nothing left pending.
func TestTwoConcurrentAppliesOneWriterPerDevice(t *testing.T) {
	reg := registry(t)
	inv, ds := inventory.LoadAndResolve("../../examples/campus", inventory.ResolveOptions{CheckPlatform: reg.CheckTransport})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	genericIntent(inv)
	sim, kh, ca := startSim(t, inv, reg, simfleet.Options{})
	env := campusSecrets()
	for k, v := range env { // the NX-API and CLI drivers read intent secrets from the process
		t.Setenv(k, v)
	}
	opts := simOptions(kh, ca, env)
	for transport, name := range map[string]string{"netconf": "ams-core-1", "gnmi": "fra-core-1", "nxapi": "fra-dist-1", "cli": "ams-closet-1"} {
		t.Run(transport, func(t *testing.T) {
			d := inv.Device(name)
			if d == nil || d.Transport != transport || sim.Addr(name) == "" {
				t.Fatalf("campus device %s is not a simulated %s device", name, transport)
			}
			d.Address = sim.Addr(name)
			var both sync.WaitGroup
			both.Add(2)
			a, b := variant(t, inv, d, reg, opts, "-a", &both), variant(t, inv, d, reg, opts, "-b", &both)
			var ra, rb []rollout.Result
			var wg sync.WaitGroup
			wg.Add(2)
			go func() {
				defer wg.Done()
				ra = rollout.Apply(t.Context(), []rollout.Unit{a}, rollout.Config{ConfirmTimeout: time.Minute})
			}()
			go func() {
				defer wg.Done()
				rb = rollout.Apply(t.Context(), []rollout.Unit{b}, rollout.Config{ConfirmTimeout: time.Minute})
			}()
			wg.Wait()
			t.Logf("run a: %s %v", ra[0].Status, ra[0].Err)
			t.Logf("run b: %s %v", rb[0].Status, rb[0].Err)
			if ra[0].Status == rollout.Applied && rb[0].Status == rollout.Applied {
				t.Fatal("both runs report success")
			}
			onA, onB := inSync(t, a), inSync(t, b)
			if onA == onB {
				t.Fatalf("device on intent a: %v, on intent b: %v; want exactly one", onA, onB)
			}
			if winner := map[bool]rollout.Result{true: ra[0], false: rb[0]}[onA]; winner.Status != rollout.Applied {
				t.Errorf("the device is on a run's intent, but that run reports %s: %v", winner.Status, winner.Err)
			}
			// A third run sees nothing in flight: every claim was released.
			c := variant(t, inv, d, reg, opts, "-c", nil)
			if r := rollout.Apply(t.Context(), []rollout.Unit{c}, rollout.Config{ConfirmTimeout: time.Minute}); r[0].Status != rollout.Applied {
				t.Errorf("a later run: %s %v", r[0].Status, r[0].Err)
			}
		})
	}
}

// variant binds d with its hostname suffixed, behind the barrier when
// both is not nil.
func variant(t *testing.T, inv *inventory.Inventory, d *inventory.Device, reg *providers.Registry, opts Options, suffix string, both *sync.WaitGroup) rollout.Unit {
	t.Helper()
	dv, intent := *d, *d.Intent
	intent.Config.Hostname += suffix
	dv.Intent = &intent
	units, fails := Units(inv, []*inventory.Device{&dv}, reg, opts)
	if len(fails) > 0 {
		t.Fatal(fails[0].Err)
	}
	if both != nil {
		units[0].Driver = barrierDriver{Driver: units[0].Driver, both: both}
	}
	return units[0]
}

func inSync(t *testing.T, u rollout.Unit) bool {
	t.Helper()
	r := rollout.Observe(t.Context(), []rollout.Unit{u}, rollout.Config{})
	if r[0].Err != nil {
		t.Fatal(r[0].Err)
	}
	return r[0].Status == rollout.InSync
}

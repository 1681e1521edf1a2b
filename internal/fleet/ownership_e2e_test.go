package fleet

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// ownHarness applies intents to one simulated campus device through the
// production drivers, with ownership kept in a real state directory as
// the CLI and the daemon keep it.
type ownHarness struct {
	t    *testing.T
	inv  *inventory.Inventory
	reg  *providers.Registry
	sim  *simfleet.Fleet
	opts Options
	st   *state.Store
	fp   *state.Fingerprinter
	dir  string
	env  map[string]string
}

func startOwnership(t *testing.T) *ownHarness {
	t.Helper()
	reg := registry(t)
	inv, ds := inventory.LoadAndResolve("../../examples/campus", inventory.ResolveOptions{CheckPlatform: reg.CheckTransport})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	genericIntent(inv)
	sim, kh, ca := startSim(t, inv, reg, simfleet.Options{})
	h := &ownHarness{t: t, inv: inv, reg: reg, sim: sim, dir: filepath.Join(t.TempDir(), "state"), env: campusSecrets()}
	for k, v := range h.env {
		t.Setenv(k, v)
	}
	h.opts = simOptions(kh, ca, h.env)
	h.open()
	return h
}

func (h *ownHarness) open() {
	h.t.Helper()
	st, err := state.Open(h.dir)
	if err != nil {
		h.t.Fatal(err)
	}
	fp, err := state.OpenFingerprinter(h.dir)
	if err != nil {
		h.t.Fatal(err)
	}
	h.st, h.fp = st, fp
	h.t.Cleanup(func() { _ = st.Close() })
}

// device returns a copy of the campus device with its intent edited.
func (h *ownHarness) device(name string, edit func(*models.Config)) *inventory.Device {
	h.t.Helper()
	d := h.inv.Device(name)
	if d == nil || h.sim.Addr(name) == "" {
		h.t.Fatalf("campus device %s is not simulated", name)
	}
	dv, intent := *d, *d.Intent
	intent.Config = cloneConfig(h.t, d.Intent.Config)
	if edit != nil {
		edit(&intent.Config)
	}
	dv.Intent, dv.Address = &intent, h.sim.Addr(name)
	return &dv
}

// unit binds d with the ownership the state holds.
func (h *ownHarness) unit(d *inventory.Device) (rollout.Unit, error) {
	h.t.Helper()
	units, fails := Units(h.inv, []*inventory.Device{d}, h.reg, h.opts)
	if len(fails) > 0 {
		h.t.Fatal(fails[0].Err)
	}
	units, fails = AttachOwnership(h.st, units, h.fp)
	if len(fails) > 0 {
		return rollout.Unit{}, fails[0].Err
	}
	return units[0], nil
}

// apply pushes d's intent and records what the push set.
func (h *ownHarness) apply(rev string, d *inventory.Device) rollout.Result {
	h.t.Helper()
	u, err := h.unit(d)
	if err != nil {
		h.t.Fatal(err)
	}
	r := rollout.Apply(h.t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: time.Minute})[0]
	if r.Status != rollout.Applied && r.Status != rollout.InSync {
		h.t.Fatalf("apply %s to %s: %s %v", rev, d.Name, r.Status, r.Err)
	}
	if err := RecordOwnership(h.st, h.fp, &u, &r, rev, time.Now()); err != nil {
		h.t.Fatal(err)
	}
	return r
}

// plan observes d against its intent with ownership.
func (h *ownHarness) plan(d *inventory.Device) rollout.Result {
	h.t.Helper()
	u, err := h.unit(d)
	if err != nil {
		h.t.Fatal(err)
	}
	return rollout.Observe(h.t.Context(), []rollout.Unit{u}, rollout.Config{})[0]
}

func (h *ownHarness) running(name string) string {
	h.t.Helper()
	s, err := h.sim.Running(name)
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

func cloneConfig(t *testing.T, c models.Config) models.Config {
	t.Helper()
	out := c
	out.Interfaces = append([]models.Interface(nil), c.Interfaces...)
	if c.Syslog != nil {
		s := *c.Syslog
		s.Hosts = append([]models.SyslogHost(nil), c.Syslog.Hosts...)
		out.Syslog = &s
	}
	return out
}

// transports names one campus device per transport.
var transports = map[string]string{"netconf": "ams-core-1", "gnmi": "fra-core-1", "nxapi": "fra-dist-1", "cli": "ams-closet-1"}

// change B: a syslog host switchyard creates, and a new description.
func changeB(c *models.Config) {
	if c.Syslog == nil {
		c.Syslog = &models.Syslog{}
	}
	c.Syslog.Hosts = append(c.Syslog.Hosts, models.SyslogHost{Address: "10.99.0.9"})
	c.Interfaces[len(c.Interfaces)-1].Description = "changed by B"
}

// TestRevertRoundTripPerTransport applies A, then B, then A again (the
// revert of B): every device's running configuration, as its simulator
// holds it, is what it was after A; the plan of the revert says what is
// deleted because switchyard set it and the intent no longer does.
func TestRevertRoundTripPerTransport(t *testing.T) {
	h := startOwnership(t)
	for transport, name := range transports {
		t.Run(transport, func(t *testing.T) {
			h.t = t
			a := h.device(name, nil)
			b := h.device(name, changeB)
			h.apply("rev-a", a)
			afterA := h.running(name)
			if r := h.apply("rev-b", b); r.Status != rollout.Applied {
				t.Fatalf("apply B: %s", r.Status)
			}
			if h.running(name) == afterA {
				t.Fatal("B did not change the device")
			}
			p := h.plan(a)
			if !hasReason(p.Changes, diff.ReasonDelete+": no longer in intent, set by switchyard at rev-b") {
				t.Errorf("plan of the revert: no delete with its reason in %+v", p.Changes)
			}
			h.apply("rev-a2", a)
			if got := h.running(name); got != afterA {
				t.Errorf("after the revert the device differs from after A:\n--- after A\n%s\n--- after revert\n%s", afterA, got)
			}
			if p := h.plan(a); len(p.Changes) != 0 {
				t.Errorf("after the revert, plan still has %+v", p.Changes)
			}
		})
	}
}

func hasReason(cs []providers.Change, reason string) bool {
	for _, c := range cs {
		if c.Reason == reason {
			return true
		}
	}
	return false
}

// TestRestoreOriginal: a value the device had before switchyard changed
// it comes back when the intent stops declaring it ("restore").
func TestRestoreOriginal(t *testing.T) {
	h := startOwnership(t)
	const name = "ams-core-1"
	noDesc := h.device(name, func(c *models.Config) { c.Interfaces[1].Description = "" })
	h.apply("rev-0", noDesc)
	// Someone set a description by hand before switchyard managed it.
	hand := h.device(name, func(c *models.Config) { c.Interfaces[1].Description = "set by hand" })
	u, _ := h.unit(hand)
	if r := rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: time.Minute})[0]; r.Status != rollout.Applied {
		t.Fatalf("hand change: %s %v", r.Status, r.Err)
	}
	before := h.running(name)
	h.apply("rev-1", h.device(name, func(c *models.Config) { c.Interfaces[1].Description = "managed" }))
	p := h.plan(noDesc)
	if !hasReason(p.Changes, diff.ReasonRestore+": no longer in intent, set by switchyard at rev-1") {
		t.Fatalf("plan: no restore in %+v", p.Changes)
	}
	h.apply("rev-2", noDesc)
	if got := h.running(name); got != before {
		t.Errorf("the original value was not restored:\n--- before\n%s\n--- now\n%s", before, got)
	}
}

// TestOwnershipLostIsDetected: a device switchyard applied to whose
// ownership record is gone is refused, not treated as owning nothing;
// adopt records it again.
func TestOwnershipLostIsDetected(t *testing.T) {
	h := startOwnership(t)
	const name = "ams-core-1"
	a := h.device(name, nil)
	h.apply("rev-a", a)
	if err := h.st.Update(name, func(st *state.DeviceState) error { st.LastAppliedRevision = "rev-a"; return nil }); err != nil {
		t.Fatal(err)
	}
	// The state database is lost; the device record comes back from a
	// backup that predates ownership.
	if err := h.st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(h.dir, state.DBFile)); err != nil {
		t.Fatal(err)
	}
	h.open()
	if err := h.st.Update(name, func(st *state.DeviceState) error { st.LastAppliedRevision = "rev-a"; return nil }); err != nil {
		t.Fatal(err)
	}
	_, err := h.unit(a)
	var lost *OwnershipLostError
	if !errors.As(err, &lost) || !errors.Is(err, state.ErrOwnershipLost) || !strings.Contains(err.Error(), "switchyard adopt") {
		t.Fatalf("unit after losing the state: %v, want an OwnershipLostError", err)
	}
	units, _ := Units(h.inv, []*inventory.Device{a}, h.reg, h.opts)
	results := rollout.Observe(t.Context(), units, rollout.Config{})
	if fails := Adopt(h.st, h.fp, units, results, time.Now()); len(fails) > 0 {
		t.Fatal(fails[0].Err)
	}
	if _, err := h.unit(a); err != nil {
		t.Errorf("after adopt: %v", err)
	}
}

// TestSecretRotationPerTransport changes the value behind the TACACS key
// reference: the plan shows "secret rotated" at the
// path, without the value, apply pushes it, and the state holds no value.
func TestSecretRotationPerTransport(t *testing.T) {
	h := startOwnership(t)
	const canary = "rotated-canary-7f3a19"
	for transport, name := range map[string]string{"netconf": "ams-acc-1", "gnmi": "fra-core-1", "nxapi": "fra-dist-1", "cli": "ams-closet-1"} {
		t.Run(transport, func(t *testing.T) {
			h.t = t
			h.env["SWITCHYARD_TACACS_KEY"] = "campus-tacacs-key"
			t.Setenv("SWITCHYARD_TACACS_KEY", "campus-tacacs-key") // the NX-API driver reads the process
			d := h.device(name, nil)
			u, err := h.unit(d)
			if err != nil {
				t.Fatal(err)
			}
			if len(u.Desired.Secrets) == 0 {
				t.Fatalf("%s binds no secret: the test no longer covers a rotation", name)
			}
			h.apply("rev-a", d)
			before := h.running(name)
			// The login password is the same reference: only the TACACS
			// key rotates here.
			h.env["SWITCHYARD_TACACS_KEY"] = canary
			t.Setenv("SWITCHYARD_TACACS_KEY", canary)
			p := h.plan(d)

			if !hasReason(p.Changes, diff.ReasonSecretRotated) {
				t.Fatalf("plan after rotation: %+v (err %v), want a %q change", p.Changes, p.Err, diff.ReasonSecretRotated)
			}
			for _, c := range p.Changes {
				if strings.Contains(c.Path+toString(c.Before)+toString(c.After), canary) {
					t.Errorf("the plan shows the secret value: %+v", c)
				}
			}
			r := h.apply("rev-b", d)
			if r.Status != rollout.Applied {
				t.Fatalf("apply after rotation: %s %v", r.Status, r.Err)
			}
			if h.running(name) == before {
				t.Errorf("the device still holds the old secret form; changes %+v\n%s", r.Changes, before)
			}
			if p := h.plan(d); hasReason(p.Changes, diff.ReasonSecretRotated) {
				t.Errorf("after apply, the rotation is still planned")
			}
			db, err := os.ReadFile(filepath.Join(h.dir, state.DBFile))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(db), canary) {
				t.Error("the state database holds the secret value")
			}
		})
	}
}

func toString(v any) string {
	s, _ := v.(string)
	return s
}

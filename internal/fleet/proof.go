package fleet

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
)

// ProofOutcome is one device's timer proof run by Journal.Prove.
type ProofOutcome struct {
	Device string
	// Proof is what was recorded; zero when Err is set.
	Proof state.Proof
	// Err says why no proof could be made (unreachable, busy, refused).
	Err error
}

// Release names a unit's release profile for proofs ("" without one).
func Release(u *rollout.Unit) string {
	if p := u.Target.Profile; p != nil {
		return p.ID()
	}
	return ""
}

// NeedsProof reports whether u's device timer must be proven before it is
// relied on: its mechanism has a device-side timer, its driver can make a
// proof change, and no recorded proof covers its mechanism and release
// (never proven, or the release changed since).
func NeedsProof(u *rollout.Unit, proofs map[string]state.Proof) bool {
	if _, ok := u.Driver.(providers.Prover); !ok || !providers.HasDeviceTimer(u.Confirm) {
		return false
	}
	p, ok := proofs[u.Name]
	return !ok || !p.Covers(u.Confirm, Release(u))
}

// Proofs returns the recorded proofs by device (none when they cannot be
// read; the error is logged).
func (j *Journal) Proofs() map[string]state.Proof {
	ps, err := j.store.Proofs()
	if err != nil {
		j.log.Error("cannot read the timer proofs", "err", err)
		return map[string]state.Proof{}
	}
	return ps
}

// Prove runs the timer proof on every unit (rollout.Prove), up to
// concurrency at once, and records each proof made, passed or failed, in
// the state directory with its date. Outcomes are in the order of units.
func (j *Journal) Prove(ctx context.Context, units []rollout.Unit, concurrency int, cfg rollout.ProveConfig) []ProofOutcome {
	out := make([]ProofOutcome, len(units))
	var g errgroup.Group
	g.SetLimit(max(concurrency, 1))
	for i := range units {
		g.Go(func() error {
			out[i] = j.proveOne(ctx, &units[i], cfg)
			return nil
		})
	}
	_ = g.Wait() // proveOne reports in its outcome
	return out
}

func (j *Journal) proveOne(ctx context.Context, u *rollout.Unit, cfg rollout.ProveConfig) ProofOutcome {
	j.log.Info("proving the device's rollback timer", "device", u.Name, "mechanism", u.Confirm)
	res, err := rollout.Prove(ctx, u, cfg)
	if err != nil {
		return ProofOutcome{Device: u.Name, Err: err}
	}
	now := time.Now
	if cfg.Now != nil {
		now = cfg.Now
	}
	p := state.Proof{Device: u.Name, Mechanism: u.Confirm, Release: Release(u), OK: res.OK, At: now().UTC(), Timer: res.Timer, Detail: res.Detail}
	if err := j.store.SetProof(p); err != nil {
		return ProofOutcome{Device: u.Name, Proof: p, Err: err}
	}
	j.append(state.Record{Device: u.Name, Result: proofResult(p.OK), Summary: "rollback timer proof: " + p.Detail})
	return ProofOutcome{Device: u.Name, Proof: p}
}

func proofResult(ok bool) string {
	if ok {
		return "proof-passed"
	}
	return "proof-failed"
}

// ProofFailedError refuses a device whose rollback timer failed its proof.
type ProofFailedError struct {
	Proof state.Proof
}

// Error names the mechanism, when it failed, what was seen and how to prove
// the device again (callers name the device).
func (e *ProofFailedError) Error() string {
	return fmt.Sprintf("refused: its rollback timer (%s) failed its proof on %s: %s; fix the device, then run switchyard prove --limit %s",
		e.Proof.Mechanism, e.Proof.At.Format(time.RFC3339), e.Proof.Detail, e.Proof.Device)
}

// EnsureProven is what apply does before it relies on device timers: the
// units that need a proof (NeedsProof: first contact, or a new release)
// are proven now, concurrently; units whose proof failed (now or before,
// for the same mechanism and release) or could not be made are returned
// as failures, never pushed to. The rest are returned to push.
func (j *Journal) EnsureProven(ctx context.Context, units []rollout.Unit, concurrency int, cfg rollout.ProveConfig) ([]rollout.Unit, []Failure) {
	proofs := j.Proofs()
	var todo []rollout.Unit
	for i := range units {
		if NeedsProof(&units[i], proofs) {
			todo = append(todo, units[i])
		}
	}
	failed := map[string]error{}
	for _, o := range j.Prove(ctx, todo, concurrency, cfg) {
		if o.Err != nil {
			failed[o.Device] = fmt.Errorf("not pushed: its rollback timer has not been proven, and proving it failed: %w", o.Err)
			continue
		}
		proofs[o.Device] = o.Proof
	}
	var kept []rollout.Unit
	var fails []Failure
	for _, u := range units {
		p, ok := proofs[u.Name]
		switch {
		case failed[u.Name] != nil:
			fails = append(fails, Failure{Device: u.Name, Err: failed[u.Name]})
		case ok && !p.OK && p.Covers(u.Confirm, Release(&u)):
			fails = append(fails, Failure{Device: u.Name, Err: &ProofFailedError{Proof: p}})
		default:
			kept = append(kept, u)
		}
	}
	return kept, fails
}

// Annotate sets each device plan's rollback mechanism and proof state, and
// marks a device that apply would refuse (no device timer and no opt-in, or
// a failed proof) as an error of the plan, so that plan says so before
// apply is tried. proofs are the recorded proofs by device.
func Annotate(p *plan.Plan, units []rollout.Unit, proofs map[string]state.Proof) {
	byName := map[string]*rollout.Unit{}
	for i := range units {
		byName[units[i].Name] = &units[i]
	}
	for i := range p.Devices {
		dp := &p.Devices[i]
		u := byName[dp.Name]
		if u == nil || u.Confirm == "" {
			continue
		}
		rb := &plan.Rollback{Mechanism: u.Confirm, DeviceTimer: providers.HasDeviceTimer(u.Confirm)}
		pr, has := proofs[u.Name]
		switch {
		case !rb.DeviceTimer && u.Target.AllowWithoutDeviceTimer:
			rb.OptIn = "the inventory"
		case !rb.DeviceTimer:
			if dp.Error == "" {
				dp.Error = rollout.CheckDeviceTimer(u).Error()
			}
		case has && pr.Covers(u.Confirm, Release(u)) && pr.OK:
			rb.Proof = "proven " + pr.At.Format("2006-01-02")
		case has && pr.Covers(u.Confirm, Release(u)):
			rb.Proof = "proof failed " + pr.At.Format("2006-01-02") + ": " + pr.Detail
			if dp.Error == "" {
				dp.Error = (&ProofFailedError{Proof: pr}).Error()
			}
		case NeedsProof(u, proofs):
			rb.Proof = "not proven yet: apply proves it first"
		default:
			rb.Proof = "no proof for this driver"
		}
		dp.Rollback = rb
	}
	p.Summary = plan.Summarize(p.Devices)
}

// PassedProofs returns a passed proof, dated at, for each of devs whose
// mechanism has a device-side timer, as a proof run would record it: for
// callers that take the timers as proven (simulated fleets whose timers
// the tests exercise elsewhere).
func PassedProofs(reg *providers.Registry, devs []*inventory.Device, at time.Time, detail string) ([]state.Proof, error) {
	var out []state.Proof
	for _, d := range devs {
		p, err := reg.Get(d.Platform)
		if err != nil {
			return nil, err
		}
		mech := providers.Mechanism(p.Capabilities(), d.Transport, d.Profile())
		if !providers.HasDeviceTimer(mech) {
			continue
		}
		release := ""
		if prof := d.Profile(); prof != nil {
			release = prof.ID()
		}
		out = append(out, state.Proof{Device: d.Name, Mechanism: mech, Release: release, OK: true, At: at, Detail: detail})
	}
	return out, nil
}

package fleet

import (
	"fmt"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
)

// Plan builds the plan document from observed results, one DevicePlan per
// unit (results[i] belongs to units[i]) plus one per failure.
func Plan(rev gitsource.Revision, now time.Time, units []rollout.Unit, results []rollout.Result, fails []Failure) *plan.Plan {
	devs := make([]plan.DevicePlan, 0, len(units)+len(fails))
	for i, u := range units {
		r := results[i]
		dp := plan.DevicePlan{Name: u.Name, Platform: u.Target.Platform, Transport: u.Target.Transport,
			Changes: r.Changes, Secrets: u.Desired.Secrets, Warnings: r.Warnings, RunningDigest: r.Digest}
		dp.IntentDigest, _ = IntentDigest(&u) // rendering succeeded, so encoding does too
		if u.Desired.Owned != nil {
			dp.OwnedGeneration = u.Desired.Owned.Generation
		}
		if r.Err != nil {
			dp.Error = r.Err.Error()
		}
		devs = append(devs, dp)
	}
	for _, f := range fails {
		devs = append(devs, plan.DevicePlan{Name: f.Device, Error: f.Err.Error()})
	}
	p := plan.New(rev.Hash, now, devs...)
	p.Author, p.Message = rev.Author, rev.Message
	return p
}

// generation is the ownership generation attached to u (0 for none).
func generation(u *rollout.Unit) uint64 {
	if u.Desired.Owned == nil {
		return 0
	}
	return u.Desired.Owned.Generation
}

// IntentDigest identifies a unit's desired configuration, so that a saved
// plan can be refused when the intent changed since it was made.
func IntentDigest(u *rollout.Unit) (string, error) {
	return plan.Digest(u.Desired.Tree, u.Desired.CLI)
}

// FromPlan keeps the units a reviewed plan has changes for, so that apply
// pushes exactly that plan. It refuses the plan when a device's intent
// changed since it was made (or the device is no longer selected); each
// unit kept carries the running digest the plan saw, so the rollout also
// refuses a device whose configuration changed since (rollout.ErrStale).
func FromPlan(p *plan.Plan, units []rollout.Unit) ([]rollout.Unit, error) {
	byName := map[string]*rollout.Unit{}
	for i := range units {
		byName[units[i].Name] = &units[i]
	}
	var out []rollout.Unit
	var stale []string
	for _, dp := range p.Devices {
		if len(dp.Changes) == 0 {
			continue
		}
		u := byName[dp.Name]
		if u == nil {
			return nil, fmt.Errorf("device %s is no longer selected or declared; plan again", dp.Name)
		}
		if d, err := IntentDigest(u); err != nil || d != dp.IntentDigest {
			stale = append(stale, dp.Name)
			continue
		}
		if g := generation(u); g < dp.OwnedGeneration {
			return nil, fmt.Errorf("device %s: %w: the plan was made against ownership generation %d, the state has %d; run switchyard adopt, then plan again", dp.Name, state.ErrOwnershipLost, dp.OwnedGeneration, g)
		} else if g != dp.OwnedGeneration {
			return nil, fmt.Errorf("the plan is stale: what switchyard set on %s changed since it was made (ownership generation %d, now %d); plan again", dp.Name, dp.OwnedGeneration, g)
		}
		kept := *u
		kept.Expect = dp.RunningDigest
		out = append(out, kept)
	}
	if len(stale) > 0 {
		return nil, fmt.Errorf("the plan is stale: the intent for %s changed since it was made; plan again", strings.Join(stale, ", "))
	}
	return out, nil
}

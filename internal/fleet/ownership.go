package fleet

import (
	"fmt"
	"slices"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/providers"
)

// OwnershipLostError says that the state no longer knows what switchyard
// set on a device, although it has changed the device before: the device
// is left alone (not planned, not pushed) until `switchyard adopt` records
// it afresh, because treating it as "nothing owned" would silently keep on
// the device what the intent removed.
type OwnershipLostError struct {
	Device string
	Why    string
}

// Error says what was found and what to do.
func (e *OwnershipLostError) Error() string {
	return fmt.Sprintf("%s: %v: %s; run `switchyard adopt --limit name=%s` to record its current configuration as the originals", e.Device, state.ErrOwnershipLost, e.Why, e.Device)
}

// Unwrap returns state.ErrOwnershipLost.
func (e *OwnershipLostError) Unwrap() error { return state.ErrOwnershipLost }

// AttachOwnership sets each unit's Desired.Owned from the store (the same
// store the CLI and the daemon use), with the secrets whose value rotated
// (keyed fingerprints, see Secrets) and the fingerprints of the forms its
// device showed for them after the push (a different form read later is
// "secret changed on the device"). A unit whose ownership is lost (see
// state.Store.OwnershipLost) is returned as a Failure instead. fp may be
// nil: rotation is then not looked at.
func AttachOwnership(st *state.Store, units []rollout.Unit, fp *state.Fingerprinter) ([]rollout.Unit, []Failure) {
	var fails []Failure
	kept := units[:0]
	for _, u := range units {
		o, ok, err := st.Ownership(u.Name)
		if err != nil {
			fails = append(fails, Failure{Device: u.Name, Err: err})
			continue
		}
		if !ok {
			if why := st.OwnershipLost(u.Name); why != "" {
				fails = append(fails, Failure{Device: u.Name, Err: &OwnershipLostError{Device: u.Name, Why: why}})
				continue
			}
		}
		d := *u.Desired
		d.Owned = &providers.Ownership{Claims: o.Claims, Generation: o.Generation}
		if fp != nil {
			d.Owned.Rotated = rotated(fp, &u, o.Secrets)
			d.Owned.Forms, d.Owned.FormSum = forms(o.Secrets), formSum(fp, u.Name)
			d.KeyAlias = providers.KeyAliasFunc(u.Name, fp.Sum)
		}
		u.Desired = &d
		kept = append(kept, u)
	}
	return kept, fails
}

// RecordOwnership records what a confirmed push (Applied) changed on u's
// device, as revision rev: the claims (diff.Record) and the fingerprints
// of the secrets pushed. A device found in sync gets a record too (with
// nothing new), so that a later run knows its state was kept. Other
// results record nothing: an unconfirmed push set nothing.
func RecordOwnership(st *state.Store, fp *state.Fingerprinter, u *rollout.Unit, r *rollout.Result, rev string, now time.Time) error {
	if r.Status != rollout.Applied && r.Status != rollout.InSync {
		return nil
	}
	return st.UpdateOwnership(u.Name, now, func(o *state.Ownership) error {
		if r.Status == rollout.Applied {
			o.Claims = diff.Record(o.Claims, r.Changes, rev)
		}
		if fp != nil {
			o.Secrets = markSecrets(fp, u, r, o.Secrets)
		}
		return nil
	})
}

// Adopt records, for each unit observed read-only (results[i] belongs to
// units[i]), the device's current values of the paths the intent would
// change as their originals, without changing the device: a later release
// of such a path restores the value the device has now. Claims already
// recorded are kept (their originals are older), secrets get a baseline
// fingerprint, and the record is marked adopted, which ends a lost-state
// refusal. Devices that could not be read are returned as failures.
func Adopt(st *state.Store, fp *state.Fingerprinter, units []rollout.Unit, results []rollout.Result, now time.Time) []Failure {
	var fails []Failure
	for i := range units {
		u, r := &units[i], &results[i]
		if r.Err != nil {
			fails = append(fails, Failure{Device: u.Name, Err: r.Err})
			continue
		}
		err := st.UpdateOwnership(u.Name, now, func(o *state.Ownership) error {
			o.Claims = adoptClaims(o.Claims, r.Changes)
			if fp != nil {
				o.Secrets = markSecrets(fp, u, &rollout.Result{Status: rollout.InSync}, o.Secrets)
			}
			o.Adopted = true
			return nil
		})
		if err != nil {
			fails = append(fails, Failure{Device: u.Name, Err: err})
		}
	}
	return fails
}

// adoptClaims adds a claim holding the current value for every path the
// pending changes would update and prev does not claim. Paths the intent
// would create have no original to keep; the apply that creates them
// claims them.
func adoptClaims(prev []diff.Claim, pending []providers.Change) []diff.Claim {
	out := append([]diff.Claim(nil), prev...)
	for _, c := range pending {
		if c.Op != diff.Update || c.Reason != "" {
			continue
		}
		if slices.ContainsFunc(out, func(x diff.Claim) bool { return x.Path == c.Path }) {
			continue
		}
		out = append(out, diff.Claim{Path: c.Path, Original: c.Before, HadOriginal: true, Rev: "adopt"})
	}
	return out
}

package fleet

import (
	"fmt"
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
// (keyed fingerprints, see Secrets). A unit whose ownership is lost (see
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

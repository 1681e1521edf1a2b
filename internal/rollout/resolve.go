package rollout

import (
	"context"
	"errors"
	"fmt"

	"github.com/switchyard/switchyard/providers"
)

// Resolution is how Resolve settled an in-flight confirmed commit.
type Resolution string

// Resolutions.
const (
	// ResolvedConfirmed: the device showed the intent and the commit was
	// confirmed.
	ResolvedConfirmed Resolution = "confirmed"
	// ResolvedFinal: the device showed the intent and had nothing pending
	// under the txn's id (it was confirmed before).
	ResolvedFinal Resolution = "in-sync"
	// ResolvedCancelled: the device did not show the intent (or it could
	// not be known), and the commit was cancelled or had already reverted.
	ResolvedCancelled Resolution = "cancelled"
	// ResolvedConflict: another writer changed the device since the txn's
	// push; its change was left alone and the txn is over.
	ResolvedConflict Resolution = "conflict"
)

// Settled is the outcome of Resolve.
type Settled struct {
	Resolution Resolution
	// Digest is the running configuration's digest when the device showed
	// the intent (ResolvedConfirmed, ResolvedFinal).
	Digest string
	// Why says why the commit was cancelled.
	Why string
}

// Resolve settles txn, a confirmed commit that an earlier run (this
// process or another, maybe killed) left in flight on u's device. Over a
// new session it confirms txn when intentKnown and the device shows
// u.Desired, the intent that run pushed, and cancels it otherwise. It never
// pushes anything itself, so settling cannot apply a change twice. An
// error means the txn could not be settled (the device is unreachable, the
// cancel failed): the caller keeps it in flight; the device reverts it by
// itself at txn.Deadline. The CLI and the daemon both call it at start.
func Resolve(ctx context.Context, u *Unit, txn *providers.Txn, intentKnown bool) (Settled, error) {
	s, err := connect(ctx, u)
	if err != nil {
		return Settled{}, err
	}
	defer s.Close()
	why := "the intent of the run that pushed it is not known here"
	if intentKnown {
		o, err := observe(ctx, u, s)
		var running *providers.Running
		var changes []providers.Change
		if err == nil {
			// A secret the in-flight commit re-sent shows a new form.
			running, changes = o.running, unverifiable(o.changes)
		}
		switch {
		case err != nil:
			why = err.Error()
		case len(changes) > 0:
			why = fmt.Sprintf("device does not show the intent (%d path(s) differ, first %s)", len(changes), changes[0].Path)
		default:
			err := s.Confirm(ctx, txn)
			if err == nil {
				return Settled{Resolution: ResolvedConfirmed, Digest: running.Digest}, nil
			}
			if errors.Is(err, providers.ErrNotPending) {
				return Settled{Resolution: ResolvedFinal, Digest: running.Digest}, nil
			}
			why = "confirm failed: " + err.Error()
		}
	}
	err = s.Cancel(ctx, txn)
	switch {
	case err == nil, errors.Is(err, providers.ErrNotPending):
		return Settled{Resolution: ResolvedCancelled, Why: why}, nil
	case errors.Is(err, providers.ErrConflict):
		return Settled{Resolution: ResolvedConflict, Why: why + "; " + err.Error()}, nil
	}
	return Settled{Why: why}, fmt.Errorf("%s: in-flight commit %s not settled: %s; cancel failed: %w", u.Name, txn.ID, why, err)
}

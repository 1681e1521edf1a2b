package daemon

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
)

// resolveInFlight settles every confirmed commit that state says is in
// flight (left by a process that died, or by this one when a device could
// not be reached): over a new session, confirm it when the device shows
// the intent of the revision that was being pushed and the health checks
// pass, otherwise cancel it. It never pushes anything itself, so a
// restart cannot apply a change twice. Devices it cannot settle keep
// their record and are left alone until it can.
func (d *Daemon) resolveInFlight(ctx, work context.Context) error {
	sts, err := d.store.InFlight()
	if err != nil || len(sts) == 0 {
		return err
	}
	l := d.applyingRevision(ctx)
	var errs []error
	for _, st := range sts {
		if ctx.Err() != nil {
			break
		}
		if err := d.resolveOne(work, l, st); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// applyingRevision loads the revision of the rollout that was in progress
// (or the enforced one when none was recorded).
func (d *Daemon) applyingRevision(ctx context.Context) *loaded {
	m, err := readMemo(d.cfg.StateDir)
	if err != nil {
		d.log.Warn("cannot tell which revision was being pushed", "err", err)
	}
	hash := m.Applying
	if hash == "" {
		hash = m.Enforced.Hash
	}
	if d.enforced != nil && (hash == "" || d.enforced.rev.Hash == hash) {
		return d.enforced
	}
	if hash == "" {
		return nil
	}
	rev := gitsource.Revision{Hash: hash, ShortHash: hash[:min(7, len(hash))]}
	if m.Enforced.Hash == hash {
		rev = m.Enforced
	}
	l, _, err := d.load(ctx, rev)
	if err != nil {
		d.log.Warn("revision being pushed cannot be loaded; its in-flight commits are cancelled", "rev", rev.ShortHash, "err", err)
		return d.enforced
	}
	return l
}

func (d *Daemon) resolveOne(ctx context.Context, l *loaded, st state.DeviceState) error {
	txn := st.InFlight
	log := d.log.With("device", st.Name, "txn", txn.ID)
	var dev *inventory.Device
	if l != nil {
		dev = l.inv.Device(st.Name)
	}
	if dev == nil {
		return d.expireOrKeep(st, "the device is in no loadable revision")
	}
	units, fails := d.units(l, []*inventory.Device{dev})
	if len(fails) > 0 {
		return d.expireOrKeep(st, fails[0].Err.Error())
	}
	u := &units[0]
	res, err := rollout.Resolve(ctx, u, txn, true)
	if err != nil {
		return d.expireOrKeep(st, err.Error())
	}
	switch res.Resolution {
	case rollout.ResolvedConfirmed:
		log.Info("in-flight commit confirmed after restart", "rev", l.rev.ShortHash)
		if len(st.InFlightChanges) > 0 {
			r := rollout.Result{Device: st.Name, Status: rollout.Applied, Changes: st.InFlightChanges}
			if err := fleet.RecordOwnership(d.store, d.fp, u, &r, l.rev.Hash, d.clock.Now()); err != nil {
				log.Error("cannot record what the settled commit set", "err", err)
			}
		}
		d.settled(l, st.Name, txn, "confirmed", "in-flight commit resolved after restart: device shows the intent", res.Digest, true)
	case rollout.ResolvedFinal:
		// The device shows the intent and has nothing pending under this
		// id: the change is final (confirmed before the restart).
		log.Info("in-flight commit already final after restart", "rev", l.rev.ShortHash)
		d.settled(l, st.Name, txn, "in-sync", "in-flight commit resolved after restart: device shows the intent, nothing pending", res.Digest, true)
	default:
		log.Warn("in-flight commit cancelled after restart", "reason", res.Why)
		d.settled(l, st.Name, txn, string(res.Resolution), "in-flight commit resolved after restart: "+res.Why, "", false)
	}
	return nil
}

// expireOrKeep clears an in-flight commit whose device timer has run out
// (the device reverted by itself) or keeps it for a later try.
func (d *Daemon) expireOrKeep(st state.DeviceState, why string) error {
	txn := st.InFlight
	if txn.Deadline.IsZero() || time.Now().After(txn.Deadline) {
		d.log.Warn("in-flight commit expired: the device has reverted it by itself", "device", st.Name, "txn", txn.ID, "reason", why)
		d.settled(nil, st.Name, txn, "expired", "in-flight commit past its deadline, reverted by the device: "+why, "", false)
		return nil
	}
	return fmt.Errorf("%s: in-flight commit %s not resolved (device reverts it at %s): %s", st.Name, txn.ID, txn.Deadline.Format(time.RFC3339), why)
}

// settled records the resolution and clears the in-flight commit.
func (d *Daemon) settled(l *loaded, device string, txn *providers.Txn, result, summary, digest string, confirmed bool) {
	rec := state.Record{Device: device, Result: result, Summary: summary, TxnID: txn.ID, AfterDigest: digest}
	if l != nil {
		rec.Revision, rec.Author = l.rev.Hash, l.rev.Author
		fleet.Attribute(&rec, l.rev)
	}
	d.appendAudit(rec)
	err := d.store.Update(device, func(st *state.DeviceState) error {
		st.InFlight = nil
		st.LastResult, st.LastError = "resolved-"+result, ""
		if confirmed {
			st.LastAppliedRevision, st.LastAppliedAt = l.rev.Hash, d.clock.Now()
		}
		return nil
	})
	if err != nil {
		d.log.Error("cannot clear the in-flight commit", "device", device, "err", err)
	}
	if confirmed {
		d.metrics.pushes.WithLabelValues("confirmed").Inc()
	} else if result == "cancelled" {
		d.metrics.rollbacks.Inc()
	}
}

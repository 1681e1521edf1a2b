package daemon

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/providers"
)

// apply pushes units with the CLI's rollout (rollout.Apply), in batches of
// rollout.batch_size with the failure budget carried across batches, and
// the canary in the first batch. Every confirmed commit is recorded in
// state before it is confirmed and cleared after, so a restart can resolve
// it. It returns the results by device and updates devs.
func (d *Daemon) apply(work context.Context, l *loaded, units []rollout.Unit, devs map[string]*DeviceStatus) map[string]rollout.Result {
	out := map[string]rollout.Result{}
	if len(units) == 0 {
		return out
	}
	if err := writeMemo(d.cfg.StateDir, memo{Enforced: l.rev, Applying: l.rev.Hash}); err != nil {
		d.log.Error("cannot record the rollout; not pushing", "err", err)
		return out
	}
	defer func() {
		if err := writeMemo(d.cfg.StateDir, memo{Enforced: l.rev}); err != nil {
			d.log.Warn("cannot record the end of the rollout", "err", err)
		}
	}()
	d.notifyRollout(l, len(units), nil)
	defer func() { d.notifyRollout(l, len(units), out) }()
	units = d.ensureProven(work, l, units, devs, out)
	rc := d.cfg.Rollout
	size := rc.BatchSize
	if size <= 0 {
		size = len(units)
	}
	failures := 0
	for start := 0; start < len(units); start += size {
		batch := units[start:min(start+size, len(units))]
		var results []rollout.Result
		if failures > rc.MaxFailures || work.Err() != nil {
			results = d.skipBatch(work, l, batch, devs)
		} else {
			byName := make(map[string]*rollout.Unit, len(batch))
			for i := range batch {
				byName[batch[i].Name] = &batch[i]
			}
			// Each device is recorded as it finishes, not after the batch,
			// so that a process killed mid-batch leaves no confirmed change
			// out of state and the audit log. rollout makes one call at a time.
			cfg := rollout.Config{Concurrency: rc.Concurrency, MaxFailures: rc.MaxFailures - failures,
				ConfirmTimeout: rc.ConfirmTimeout, Logger: d.log, OnTxn: d.liveTxn, OnPrepare: d.persistTxn,
				OnChanges: d.persistChanges,
				OnResult: func(r rollout.Result) {
					d.recordResult(l, byName[r.Device], &r, devs[r.Device])
					d.showResult(devs[r.Device])
				}}
			if start == 0 {
				cfg.Canary = rc.Canary
			}
			results = rollout.Apply(work, batch, cfg)
		}
		for i := range results {
			r := &results[i]
			if (r.Status == rollout.Failed || r.Status == rollout.RolledBack) && !isDraining(r.Err) {
				failures++
			}
			out[r.Device] = *r
		}
	}
	return out
}

// ensureProven proves, as apply does, the rollback timers the rollout is
// about to rely on for the first time (or after a release change), and
// takes out the devices whose proof failed or could not be made: their
// result (Failed, with why) goes to out and their status, never a push.
func (d *Daemon) ensureProven(ctx context.Context, l *loaded, units []rollout.Unit, devs map[string]*DeviceStatus, out map[string]rollout.Result) []rollout.Unit {
	j := fleet.NewJournal(d.store, d.audit, d.fp, l.rev, "daemon", d.log)
	kept, fails := j.EnsureProven(ctx, units, d.cfg.Rollout.Concurrency, rollout.ProveConfig{})
	for _, f := range fails {
		r := rollout.Result{Device: f.Device, Status: rollout.Failed, Err: f.Err}
		out[f.Device] = r
		for i := range units {
			if units[i].Name == f.Device {
				d.recordResult(l, &units[i], &r, devs[f.Device])
			}
		}
	}
	return kept
}

// skipBatch records a batch that is not started: the failure budget is
// spent or the daemon is shutting down.
func (d *Daemon) skipBatch(work context.Context, l *loaded, batch []rollout.Unit, devs map[string]*DeviceStatus) []rollout.Result {
	why := fmt.Sprintf("failure budget of %d exceeded in an earlier batch", d.cfg.Rollout.MaxFailures)
	if work.Err() != nil {
		why = "the daemon is shutting down"
	}
	results := make([]rollout.Result, len(batch))
	for i, u := range batch {
		results[i] = rollout.Result{Device: u.Name, Status: rollout.Skipped, Err: errors.New("skipped: " + why)}
		d.recordResult(l, &batch[i], &results[i], devs[u.Name])
		d.showResult(devs[u.Name])
	}
	return results
}

// persistTxn is rollout's OnTxn: the confirmed commit is durable in state
// before rollout goes on to verify and confirm it.
func (d *Daemon) persistTxn(device string, txn *providers.Txn) {
	var err error
	if txn != nil {
		err = d.store.SetInFlight(device, txn)
	} else {
		err = d.store.ClearInFlight(device)
	}
	if err != nil {
		d.log.Error("cannot record the in-flight commit", "device", device, "err", err)
	}
}

// persistChanges is rollout's OnChanges: the changes about to be pushed
// are kept with the in-flight commit, so that a restarted daemon that
// confirms it records what it set.
func (d *Daemon) persistChanges(device string, changes []providers.Change) {
	err := d.store.Update(device, func(st *state.DeviceState) error {
		st.InFlightChanges = changes
		return nil
	})
	if err != nil {
		d.log.Error("cannot record the changes in flight", "device", device, "err", err)
	}
}

// liveTxn is rollout's OnTxn: persistTxn, and the device shows in-flight
// in the status until its result is known (never in-sync mid-commit).
func (d *Daemon) liveTxn(device string, txn *providers.Txn) {
	d.persistTxn(device, txn)
	if txn == nil {
		return
	}
	d.setDeviceLive(device, func(ds *DeviceStatus) {
		ds.State, ds.Reason, ds.InFlight = StateInFlight, "confirmed commit pushed; verifying before confirming", txn
	})
}

// showResult publishes a pushed device's outcome at once, before the
// rest of the rollout finishes.
func (d *Daemon) showResult(ds *DeviceStatus) {
	if ds == nil {
		return
	}
	cp := *ds
	if st, err := d.store.Get(ds.Name); err == nil {
		fillFromState(&cp, &st)
	}
	d.setDeviceLive(ds.Name, func(live *DeviceStatus) { *live = cp })
}

// recordResult writes one device's outcome to state, the audit log, the
// metrics and its status.
func (d *Daemon) recordResult(l *loaded, u *rollout.Unit, r *rollout.Result, ds *DeviceStatus) {
	now := d.clock.Now()
	result := fleet.AuditResult(r.Status)
	if r.Status == rollout.Skipped || isDraining(r.Err) {
		ds.State, ds.Reason = StateHeld, errText(r.Err)
		return
	}
	if r.Txn != nil && !r.Pending && (r.Status == rollout.Failed || r.Txn.Deadline.IsZero()) {
		// No device timer, or the change was settled: nothing is left for
		// a restart to resolve. A Pending txn stays in flight: the session
		// broke before it could be confirmed or cancelled.
		d.persistTxn(u.Name, nil)
	}
	err := d.store.Update(u.Name, func(st *state.DeviceState) error {
		st.LastResult, st.LastError = string(r.Status), errText(r.Err)
		if r.Status == rollout.Applied || r.Status == rollout.InSync {
			st.LastAppliedRevision, st.LastAppliedAt = l.rev.Hash, now
			st.DriftFirstSeen, st.DriftPaths = time.Time{}, nil
		}
		return nil
	})
	if err != nil {
		d.log.Warn("cannot record the result", "device", u.Name, "err", err)
	}
	if err := fleet.RecordOwnership(d.store, d.fp, u, r, l.rev.Hash, now); err != nil {
		d.log.Error("cannot record what the push set", "device", u.Name, "err", err)
	}
	if r.Status == rollout.InSync {
		ds.State, ds.Reason, ds.PendingChanges = StateInSync, "", 0
		return
	}
	summary := "revision applied: " + l.rev.Message
	if ds.Drift != nil {
		summary = "drift remediated"
	}
	rec := fleet.AuditRecord(l.rev, r, summary)
	rec.Covers = d.covers[u.Name]
	d.appendAudit(rec)
	d.metrics.pushes.WithLabelValues(result).Inc()
	d.metrics.apply.WithLabelValues(result).Observe(r.Duration.Seconds())
	switch r.Status {
	case rollout.Applied:
		ds.State, ds.Reason, ds.PendingChanges = StateInSync, "", 0
		if ds.Drift != nil {
			ds.Drift.Remediated = true
			d.notify.emit(Event{Event: EventDriftRemediated, Time: now, Revision: l.rev.Hash, Device: u.Name,
				Text: fmt.Sprintf("switchyard: drift on %s remediated: %d change(s) pushed back to %s", u.Name, len(r.Changes), l.rev.ShortHash)})
		}
		d.log.Info("change confirmed", "device", u.Name, "rev", l.rev.ShortHash, "changes", len(r.Changes))
	case rollout.RolledBack:
		d.metrics.rollbacks.Inc()
		ds.State, ds.Reason = StateFailed, errText(r.Err)
		d.log.Error("change rolled back", "device", u.Name, "rev", l.rev.ShortHash, "err", r.Err)
	default:
		ds.State, ds.Reason = StateFailed, errText(r.Err)
		d.log.Error("push failed", "device", u.Name, "rev", l.rev.ShortHash, "err", r.Err)
	}
}

// setLatestPlan keeps the newest plan for the status and reports.
func (d *Daemon) setLatestPlan(p *plan.Plan) {
	d.mu.Lock()
	d.latestPlan = p
	d.mu.Unlock()
}

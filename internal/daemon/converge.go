package daemon

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/inventory"
)

// verdict is what the daemon does with one observed device.
type verdict struct {
	state  string
	reason string
	apply  bool
	drift  bool
}

// decide classifies an observed device. A device whose last applied
// revision is the enforced one and which differs from it has drifted: the
// drift policy decides. Otherwise the differences are a new intent, pushed
// only inside a maintenance window.
func (d *Daemon) decide(l *loaded, dev *inventory.Device, st *state.DeviceState, r *rollout.Result) verdict {
	switch r.Status {
	case rollout.InSync:
		return verdict{state: StateInSync}
	case rollout.Changes:
	default:
		return verdict{state: StateFailed, reason: errText(r.Err)}
	}
	open, why := d.windowOpen(dev, l)
	if st.LastAppliedRevision != l.rev.Hash {
		if open {
			return verdict{state: StateHeld, apply: true}
		}
		return verdict{state: StateHeld, reason: "change held: " + why}
	}
	pol, outside := d.policy(dev)
	switch {
	case pol == PolicyReport:
		return verdict{state: StateDrifted, drift: true, reason: "drift reported, not remediated (policy report)"}
	case open || outside:
		return verdict{state: StateDrifted, drift: true, apply: true}
	}
	return verdict{state: StateDrifted, drift: true, reason: "drift remediation held: " + why}
}

// converge observes every managed device against the enforced revision,
// records drift, and pushes what policy and windows allow. It is the one
// path by which the daemon changes devices.
//
// scope, when not nil, limits the pass to some devices (a sync of one
// device or group): the others keep their status.
func (d *Daemon) converge(ctx, work context.Context, trigger string, scope *syncRequest) error {
	d.converges++
	l := d.enforced
	if l == nil {
		return nil
	}
	start := time.Now()
	defer func() { d.metrics.reconcile.WithLabelValues(trigger).Observe(time.Since(start).Seconds()) }()
	if err := d.resolveInFlight(ctx, work); err != nil {
		d.log.Warn("in-flight commits unresolved; those devices are left alone", "err", err)
	}
	devs, pending := d.passDevices(l, scope)
	units, fails := d.units(l, devs)
	results := rollout.Observe(ctx, units, rollout.Config{Concurrency: d.cfg.Rollout.Concurrency, Logger: d.log,
		AttributeSince: d.driftSince(l)})
	if err := ctx.Err(); err != nil {
		return err
	}
	now := d.clock.Now()
	if scope.isAll() {
		d.setLatestPlan(fleet.Plan(l.rev, now, units, results, fails))
	}
	next := map[string]*DeviceStatus{}
	var push []rollout.Unit
	for i := range units {
		ds, apply := d.observed(l, &units[i], &results[i], now)
		if apply {
			push = append(push, units[i])
		}
		next[units[i].Name] = ds
	}
	for _, f := range fails {
		ds := d.baseStatus(l.inv.Device(f.Device))
		ds.State, ds.Reason = StateFailed, f.Err.Error()
		next[f.Device] = &ds
	}
	for name := range pending {
		ds := d.baseStatus(l.inv.Device(name))
		ds.State, ds.Reason = StateInFlight, "a confirmed commit left by a previous run is not resolved yet"
		next[name] = &ds
	}
	// Publish before pushing: the status shows the pass's verdicts, and
	// apply moves each pushed device through in-flight to its result.
	d.publish(l, next, now, trigger, scope, false)
	d.covers = d.coveredByPush(ctx, l, push)
	applied := d.apply(work, l, push, next)
	d.publish(l, next, now, trigger, scope, true)
	d.recordRun(l, trigger, start, next, applied)
	if failed := countState(next, StateFailed); failed > 0 {
		return fmt.Errorf("%d device(s) failed", failed)
	}
	return nil
}

// passDevices returns the devices a pass observes (those scope covers,
// less those with a confirmed commit still in flight) and the in-flight
// ones it covers.
func (d *Daemon) passDevices(l *loaded, scope *syncRequest) ([]*inventory.Device, map[string]bool) {
	pending := d.pendingInFlight()
	for name := range pending {
		if dev := l.inv.Device(name); dev == nil || !scope.covers(dev) {
			delete(pending, name)
		}
	}
	devs := slices.DeleteFunc(slices.Clone(l.devices), func(dev *inventory.Device) bool {
		return !scope.covers(dev) || pending[dev.Name]
	})
	return devs, pending
}

// observed decides what to do with one observed device, records what was
// seen (drift, observation, ownership) and returns its status and whether
// to push to it.
func (d *Daemon) observed(l *loaded, u *rollout.Unit, r *rollout.Result, now time.Time) (*DeviceStatus, bool) {
	dev := l.inv.Device(u.Name)
	st, _ := d.store.Get(u.Name) // a missing record is the zero state
	v := d.decide(l, dev, &st, r)
	if susp := d.suspendedBy(dev); susp != nil && v.apply {
		v.apply, v.reason = false, "not pushed: "+susp.String()
	}
	base := d.baseStatus(dev)
	ds := &base
	ds.State, ds.Reason, ds.PendingChanges = v.state, v.reason, len(r.Changes)
	if v.drift {
		ds.Drift = d.noteDrift(l, u, r, v, now)
	}
	d.noteObserved(l, u.Name, r, v, now)
	if v.state == StateInSync {
		// Its state is kept from now on: a later loss is detected.
		if err := fleet.RecordOwnership(d.store, d.fp, u, r, l.rev.Hash, now); err != nil {
			d.log.Warn("cannot record ownership", "device", u.Name, "err", err)
		}
	}
	if v.apply {
		ds.State, ds.Reason = StateHeld, "queued: pushed in this pass"
	}
	return ds, v.apply
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// noteObserved records what was read from a device.
func (d *Daemon) noteObserved(l *loaded, name string, r *rollout.Result, v verdict, now time.Time) {
	err := d.store.Update(name, func(st *state.DeviceState) error {
		if r.Digest != "" {
			st.LastObservedDigest, st.LastObservedAt = r.Digest, now
		}
		if v.state == StateInSync {
			// The device shows this revision's intent, whoever put it there.
			st.LastAppliedRevision = l.rev.Hash
			st.DriftFirstSeen, st.DriftPaths = time.Time{}, nil
			st.LastResult, st.LastError = string(rollout.InSync), ""
		}
		if v.state == StateFailed {
			st.LastResult, st.LastError = string(rollout.Failed), v.reason
		}
		return nil
	})
	if err != nil {
		d.log.Warn("cannot record observation", "device", name, "err", err)
	}
}

// noteDrift records a drift event in state (first seen, paths) and, when
// it is new or its paths changed, in the audit log.
func (d *Daemon) noteDrift(l *loaded, u *rollout.Unit, r *rollout.Result, v verdict, now time.Time) *DriftEvent {
	paths := make([]string, len(r.Changes))
	for i, c := range r.Changes {
		paths[i] = c.Path
	}
	var first time.Time
	isNew := false
	err := d.store.Update(u.Name, func(st *state.DeviceState) error {
		if st.DriftFirstSeen.IsZero() {
			st.DriftFirstSeen = now
		}
		isNew = !slices.Equal(st.DriftPaths, paths)
		st.DriftPaths, first = paths, st.DriftFirstSeen
		return nil
	})
	if err != nil {
		d.log.Warn("cannot record drift", "device", u.Name, "err", err)
	}
	pol, _ := d.policy(l.inv.Device(u.Name))
	if isNew {
		d.metrics.drift.Inc()
		d.log.Warn("drift detected", "device", u.Name, "rev", l.rev.ShortHash, "paths", len(paths), "policy", pol,
			"first_seen", first, "changed_by", r.ChangedBy.String())
		// Drift is not the Git author's doing: the changer is whoever
		// the device says, or unknown.
		d.appendAudit(state.Record{Revision: l.rev.Hash, Device: u.Name, Result: "drift-detected",
			ChangedBy: r.ChangedBy.ChangedBy(), ChangedAt: changedAt(r.ChangedBy), ChangedDetail: changedDetail(r.ChangedBy),
			Summary:      fmt.Sprintf("%d path(s) differ from the applied intent; policy %s", len(paths), pol),
			Changes:      state.Summarize(r.Changes),
			BeforeDigest: r.Digest})
		d.notify.emit(Event{Event: EventDriftFound, Time: now, Revision: l.rev.Hash, Device: u.Name,
			Text: fmt.Sprintf("switchyard: drift on %s: %d path(s) differ from %s (policy %s; changed by %s)", u.Name, len(paths), l.rev.ShortHash, pol, r.ChangedBy.String())})
	}
	return &DriftEvent{Revision: l.rev.Hash, FirstSeen: first, LastSeen: now,
		Changes: plan.Redact(r.Changes, u.Desired.Secrets), LastChangedBy: r.ChangedBy.ChangedBy(),
		LastChangedAt: changedAt(r.ChangedBy), LastChangedDetail: changedDetail(r.ChangedBy)}
}

func (d *Daemon) appendAudit(rec state.Record) {
	rec.Operator = state.OperatorDaemon
	rec.Time = d.clock.Now()
	if err := d.audit.Append(rec); err != nil {
		d.log.Error("cannot write the audit log", "device", rec.Device, "err", err)
	}
}

// pendingInFlight returns the devices with a confirmed commit still
// recorded in flight.
func (d *Daemon) pendingInFlight() map[string]bool {
	out := map[string]bool{}
	sts, err := d.store.InFlight()
	if err != nil {
		d.log.Warn("cannot read in-flight commits", "err", err)
		return out
	}
	for _, st := range sts {
		out[st.Name] = true
	}
	return out
}

// recordRun adds the pass to the store's run history.
func (d *Daemon) recordRun(l *loaded, trigger string, start time.Time, devs map[string]*DeviceStatus, applied map[string]rollout.Result) {
	kind := state.KindReconcile
	if trigger == "drift" {
		kind = state.KindDrift
	}
	run := state.Run{Kind: kind, Revision: l.rev.Hash, Author: l.rev.Author, StartedAt: start, FinishedAt: time.Now()}
	for _, name := range sortedKeys(devs) {
		ds := devs[name]
		rd := state.RunDevice{Name: name, Result: ds.State, Changes: ds.PendingChanges, Error: ds.LastError}
		if r, ok := applied[name]; ok {
			rd.Result, rd.Changes, rd.Error = string(r.Status), len(r.Changes), errText(r.Err)
		}
		run.Devices = append(run.Devices, rd)
	}
	if _, err := d.store.RecordRun(run); err != nil {
		d.log.Warn("cannot record the run", "err", err)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func countState(m map[string]*DeviceStatus, s string) int {
	n := 0
	for _, ds := range m {
		if ds.State == s {
			n++
		}
	}
	return n
}

// publish replaces the device status, filling what state remembers, and
// updates the gauges.
// publish replaces the status of the devices of the pass (all of them
// unless scope limits the pass), filling what state remembers; final marks
// the end of the pass, which also updates the gauges and sync times.
func (d *Daemon) publish(l *loaded, devs map[string]*DeviceStatus, now time.Time, trigger string, scope *syncRequest, final bool) {
	merged := map[string]DeviceStatus{}
	if !scope.isAll() {
		for _, ds := range d.Status().Devices {
			if l.inv.Device(ds.Name) != nil {
				merged[ds.Name] = ds
			}
		}
	}
	for name, ds := range devs {
		if st, err := d.store.Get(name); err == nil {
			fillFromState(ds, &st)
		}
		merged[name] = *ds
	}
	counts := map[string]int{}
	list := make([]DeviceStatus, 0, len(merged))
	for _, name := range sortedKeys(merged) {
		counts[merged[name].State]++
		list = append(list, merged[name])
	}
	if final {
		for _, s := range []string{StateInSync, StateDrifted, StateFailed, StateHeld, StateInFlight, StateUnknown} {
			d.metrics.devices.WithLabelValues(s).Set(float64(counts[s]))
		}
		d.metrics.perDevice.set(list)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.status.Devices, d.status.Counts = list, counts
	if !final {
		return
	}
	d.status.LastSync = now
	if counts[StateInSync] == len(list) {
		d.status.LastSuccessfulSync = now
		d.metrics.lastSync.Set(float64(now.Unix()))
	}
	d.status.Warnings = d.warnings(l)
	d.log.Info("fleet observed", "trigger", trigger, "rev", l.rev.ShortHash, "in_sync", counts[StateInSync],
		"drifted", counts[StateDrifted], "held", counts[StateHeld], "failed", counts[StateFailed])
}

// warnings are configuration problems only visible against the intent:
// groups named in the daemon's configuration that the revision lacks.
func (d *Daemon) warnings(l *loaded) []string {
	known := map[string]bool{}
	for _, g := range l.inv.Groups {
		known[g.Name] = true
	}
	var out []string
	check := func(where, g string) {
		if !known[g] {
			out = append(out, fmt.Sprintf("%s: group %q is not in revision %s", where, g, l.rev.ShortHash))
		}
	}
	for _, gp := range d.cfg.Groups {
		check("groups", gp.Group)
	}
	for _, w := range d.cfg.Windows {
		for _, g := range w.Groups {
			check("maintenance window "+w.Name, g)
		}
	}
	for _, c := range d.cfg.Checks {
		for _, g := range c.Groups {
			check("health check "+c.Name, g)
		}
	}
	return out
}

// isDraining reports whether err says the device was not started because
// the daemon is shutting down.
func isDraining(err error) bool { return errors.Is(err, ErrDraining) }

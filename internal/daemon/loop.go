package daemon

import (
	"context"
	"time"
)

// loop is the daemon's single worker: everything that touches devices runs
// here, one thing at a time, so there is one writer per device. ctx stops
// the loop between units of work; work is the context device changes run
// under (it outlives ctx by the shutdown grace).
func (d *Daemon) loop(ctx, work context.Context) {
	m, err := readMemo(d.cfg.StateDir)
	if err != nil {
		d.log.Warn("daemon memo unreadable; starting without a last good revision", "err", err)
	} else if m.Enforced.Hash != "" {
		d.restore(ctx, m)
	}
	err = d.resolveInFlight(ctx, work)
	d.cycle("resolve", err)
	if m.Applying != "" {
		// A previous process died mid-rollout: the followed ref has not
		// moved, so only a forced reconcile finishes the rollout before
		// the next drift check.
		d.log.Info("resuming an interrupted rollout", "rev", m.Applying[:min(7, len(m.Applying))])
		d.Sync()
	}
	now := d.clock.Now()
	d.nextPoll, d.nextDrift = now, d.drift.Next(now)
	d.setReady()
	for ctx.Err() == nil {
		now := d.clock.Now()
		d.updateSchedule(now)
		t := d.clock.TimerAt(d.nextWake(now))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-d.syncCh:
			t.Stop()
			err := d.reconcile(ctx, work, d.takeSync())
			d.nextPoll = d.clock.Now().Add(d.cfg.Repository.PollInterval)
			d.cycle("reconcile", err)
		case <-t.C():
			d.due(ctx, work)
		}
	}
}

// due runs whatever is due at the clock's now.
func (d *Daemon) due(ctx, work context.Context) {
	now := d.clock.Now()
	converged := false
	if !now.Before(d.nextPoll) {
		d.nextPoll = now.Add(d.cfg.Repository.PollInterval)
		before := d.convergeCount()
		err := d.reconcile(ctx, work, nil)
		converged = d.convergeCount() != before
		d.cycle("reconcile", err)
	}
	for i := range d.windows {
		w := &d.windows[i]
		open, closes := w.OpenAt(now)
		if open && d.windowSeen[w.Name] != closes && ctx.Err() == nil {
			d.windowSeen[w.Name] = closes
			d.log.Info("maintenance window open", "window", w.Name, "closes", closes)
			if !converged {
				err := d.converge(ctx, work, "window", nil)
				converged = true
				d.cycle("window", err)
			}
		}
	}
	if !now.Before(d.nextDrift) && ctx.Err() == nil {
		d.nextDrift = d.drift.Next(now)
		var err error
		if !converged {
			err = d.converge(ctx, work, "drift", nil)
		}
		d.cycle("drift", err)
	}
	if at, open, ok := d.nextReport(now); ok && !now.Before(at) && ctx.Err() == nil {
		prev := d.reported[open]
		d.reported[open] = d.enforced.rev.Hash
		err := d.report(ctx, open, prev)
		d.cycle("report", err)
	}
	d.updateSchedule(d.clock.Now())
}

// nextWake is the earliest time something is due.
func (d *Daemon) nextWake(now time.Time) time.Time {
	next := d.nextPoll
	if d.nextDrift.Before(next) {
		next = d.nextDrift
	}
	for i := range d.windows {
		w := &d.windows[i]
		if open, closes := w.OpenAt(now); open && d.windowSeen[w.Name] != closes {
			return now
		}
		if o := w.NextOpen(now); o.Before(next) {
			next = o
		}
	}
	if at, _, ok := d.nextReport(now); ok && at.Before(next) {
		next = at
	}
	if next.Before(now) {
		return now
	}
	return next
}

// nextReport is when the dry-run report for the next window opening is
// due, and that opening; ok is false when reports are off, there is no
// window or no enforced revision, or that opening's report covers the
// revision enforced now. A report made before a newer revision arrived is
// due again at once: the window would push a change it does not cover.
func (d *Daemon) nextReport(now time.Time) (at, open time.Time, ok bool) {
	if d.cfg.Reports.LeadTime <= 0 || len(d.windows) == 0 {
		return time.Time{}, time.Time{}, false
	}
	for i := range d.windows {
		o := d.windows[i].NextOpen(now)
		if open.IsZero() || o.Before(open) {
			open = o
		}
	}
	if open.IsZero() || d.enforced == nil || d.reported[open] == d.enforced.rev.Hash {
		return time.Time{}, time.Time{}, false
	}
	return open.Add(-d.cfg.Reports.LeadTime), open, true
}

// updateSchedule publishes windows and the next drift check in status.
func (d *Daemon) updateSchedule(now time.Time) {
	ws := make([]WindowStatus, 0, len(d.windows))
	for i := range d.windows {
		w := &d.windows[i]
		open, closes := w.OpenAt(now)
		ws = append(ws, WindowStatus{Name: w.Name, Open: open, ClosesAt: closes, NextOpen: w.NextOpen(now), Groups: w.Groups})
	}
	d.mu.Lock()
	d.status.Windows = ws
	d.status.NextDriftCheck = d.nextDrift
	d.mu.Unlock()
}

func (d *Daemon) setReady() {
	d.mu.Lock()
	d.status.Ready = true
	d.mu.Unlock()
}

func (d *Daemon) convergeCount() int { return d.converges }

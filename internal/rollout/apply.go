package rollout

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/providers"
)

// Apply pushes every unit's changes with the confirmed-commit lifecycle:
// canary devices first, one at a time, then the rest, starting slowly (see
// Config.MaxFailures) and at most cfg.Concurrency at a time, until the
// failure budget is spent. The confirm timeout is checked against every
// unit's mechanism first: if any unit's check fails, no device is
// contacted and every result is Failed. Results are in the order of units.
func Apply(ctx context.Context, units []Unit, cfg Config) []Result {
	cfg.defaults()
	results := make([]Result, len(units))
	timeouts, _, err := CheckTimeouts(units, cfg.ConfirmTimeout)
	err = errors.Join(err, CheckDeviceTimers(units))
	if err != nil {
		for i := range units {
			results[i] = Result{Device: units[i].Name, Status: Failed, Err: fmt.Errorf("nothing pushed to any device: %w", err)}
			if cfg.OnResult != nil {
				cfg.OnResult(results[i])
			}
		}
		return results
	}
	b := newBudget(ctx, cfg.MaxFailures, cfg.Concurrency)
	defer b.stop()
	finish := func(i int, r Result) {
		b.finished(r)
		b.mu.Lock()
		results[i] = r
		if cfg.OnResult != nil {
			cfg.OnResult(r)
		}
		b.mu.Unlock()
	}
	canary := min(cfg.Canary, len(units))
	for i := range canary {
		if b.halted() || ctx.Err() != nil {
			finish(i, skipped(&units[i], "a canary device failed"))
			continue
		}
		b.start()
		finish(i, applyOne(ctx, &units[i], &cfg, timeouts[i]))
	}
	canaryFailed := canary > 0 && b.failed() > 0
	var wg sync.WaitGroup
	for i := canary; i < len(units); i++ {
		switch {
		case canaryFailed:
			finish(i, skipped(&units[i], "a canary device failed"))
			continue
		case !b.acquire():
			why := fmt.Sprintf("failure budget of %d exceeded", cfg.MaxFailures)
			if ctx.Err() != nil {
				why = "rollout interrupted"
			}
			finish(i, skipped(&units[i], why))
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			finish(i, applyOne(ctx, &units[i], &cfg, timeouts[i]))
		}()
	}
	wg.Wait()
	return results
}

// CheckTimeouts checks d against every unit's mechanism
// (providers.CheckConfirmTimeout) without contacting any device. It returns
// the timeout each unit will run (rounded up to its mechanism's
// granularity), one notice per rounding, and every misfit joined.
func CheckTimeouts(units []Unit, d time.Duration) ([]time.Duration, []string, error) {
	out := make([]time.Duration, len(units))
	var (
		notices []string
		errs    []error
	)
	for i := range units {
		eff, notice, err := providers.CheckConfirmTimeout(units[i].Name, units[i].Confirm, d)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[i] = eff
		if notice != "" {
			notices = append(notices, notice)
		}
	}
	return out, notices, errors.Join(errs...)
}

func skipped(u *Unit, why string) Result {
	return Result{Device: u.Name, Status: Skipped, Err: errors.New("skipped: " + why)}
}

// applyOne runs the lifecycle on one device: observe and diff on a first
// session, Begin (lock, edit, commit confirmed, unlock), then verify on a new
// session and confirm, or cancel.
func applyOne(ctx context.Context, u *Unit, cfg *Config, timeout time.Duration) (r Result) {
	start := time.Now()
	r.Device = u.Name
	defer func() { r.Duration = time.Since(start) }()
	log := cfg.Logger.With("device", u.Name)
	s, err := connect(ctx, u)
	if err != nil {
		r.Status, r.Err = Failed, err
		return r
	}
	defer s.Close()
	o, err := observe(ctx, u, s)
	if err != nil {
		r.Status, r.Err = Failed, err
		return r
	}
	running, changes := o.running, o.changes
	r.Digest, r.Changes, r.Warnings, r.SecretForms = running.Digest, changes, running.Warnings, o.forms
	if u.Expect != "" && running.Digest != u.Expect {
		r.Status, r.Err = Failed, fmt.Errorf("%s: %w; plan again", u.Name, ErrStale)
		return r
	}
	if len(changes) == 0 {
		r.Status = InSync
		return r
	}
	log.Info("pushing changes", "changes", len(changes), "confirm_timeout", timeout)
	if cfg.OnChanges != nil {
		cfg.OnChanges(u.Name, changes)
	}
	prepared := false
	if p, ok := s.(providers.TxnPreparer); ok && cfg.OnPrepare != nil {
		// Recorded before the commit is sent: an agent killed while the
		// device takes it still leaves the id for the next run.
		if pre := p.PrepareTxn(timeout); pre != nil {
			cfg.OnPrepare(u.Name, pre)
			prepared = true
		}
	}
	if g, ok := s.(providers.RunningGuard); ok {
		// Begin refuses if another writer changed the device since this
		// read: the changes were computed from it.
		g.ExpectRunning(running.Digest)
	}
	txn, err := s.Begin(ctx, o.desired, changes, timeout)
	if txn == nil {
		if prepared && cfg.OnTxn != nil {
			cfg.OnTxn(u.Name, nil) // nothing was committed
		}
		r.Status, r.Err = Failed, fmt.Errorf("push to %s: %w", u.Name, err)
		return r
	}
	r.Txn = txn
	if cfg.OnTxn != nil {
		cfg.OnTxn(u.Name, txn)
	}
	if err != nil {
		// The commit may have reached the device (its answer was lost):
		// settle it like any other, on a new session.
		log.Warn("push outcome unknown; settling on a new session", "err", err)
	}
	var resolved bool
	r.Status, resolved, r.Err = settle(ctx, u, txn, cfg, &r)
	r.Pending = !resolved
	if err != nil && r.Err != nil {
		r.Err = fmt.Errorf("push to %s: %w; then: %w", u.Name, err, r.Err)
	}
	if cfg.OnTxn != nil && resolved {
		cfg.OnTxn(u.Name, nil)
	}
	return r
}

// settle verifies a pushed change over a new management session and
// confirms it, or cancels it. Opening the new session is itself the proof
// that the change did not lock switchyard out. resolved reports whether the
// change is final (confirmed, or cancelled by the device's answer); when it
// is not, the caller keeps the in-flight record, and the device's own timer
// reverts the change at txn.Deadline.
//
// The stored forms of the secrets the verification read shows are set in
// r.SecretForms.
func settle(ctx context.Context, u *Unit, txn *providers.Txn, cfg *Config, r *Result) (st Status, resolved bool, err error) {
	log := cfg.Logger.With("device", u.Name, "txn", txn.ID)
	if txn.Deadline.IsZero() {
		// No device-side timer (writable-running): the change is final, so
		// verification can only report.
		st, err := verifyOnly(ctx, u, r)
		return st, true, err
	}
	s2, err := connect(ctx, u)
	if err != nil {
		log.Warn("verification session failed; the device reverts at its deadline", "deadline", txn.Deadline, "err", err)
		return Failed, false, fmt.Errorf("verify %s: new management session failed, change left to revert at %s: %w", u.Name, txn.Deadline.Format(time.RFC3339), err)
	}
	defer s2.Close()
	left, err := verify(ctx, u, s2, r)
	if err == nil && len(left) > 0 {
		err = fmt.Errorf("%d path(s) still differ after commit, first %s %s", len(left), left[0].Op, left[0].Path)
	}
	if err != nil {
		if cerr := cancel(ctx, u, s2, txn); cerr != nil {
			if errors.Is(cerr, providers.ErrConflict) {
				return Failed, true, fmt.Errorf("verify %s: %w; not rolled back: %w", u.Name, err, cerr)
			}
			log.Warn("cancel failed; the device reverts at its deadline", "deadline", txn.Deadline, "err", cerr)
			return Failed, false, fmt.Errorf("verify %s: %w; cancel failed (%v), change left to revert at %s", u.Name, err, cerr, txn.Deadline.Format(time.RFC3339))
		}
		return RolledBack, true, fmt.Errorf("verify %s: %w; change cancelled", u.Name, err)
	}
	if err := s2.Confirm(ctx, txn); err != nil {
		// A refused confirm (a failed health check, a device that lost the
		// commit) is undone; if even the cancel fails, the device reverts
		// by itself at the deadline.
		if cerr := cancel(ctx, u, s2, txn); cerr != nil {
			if errors.Is(cerr, providers.ErrConflict) {
				return Failed, true, fmt.Errorf("confirm %s: %w; not rolled back: %w", u.Name, err, cerr)
			}
			return Failed, false, fmt.Errorf("confirm %s: %w; cancel failed (%v), change left to revert at %s", u.Name, err, cerr, txn.Deadline.Format(time.RFC3339))
		}
		return RolledBack, true, fmt.Errorf("confirm %s: %w; change cancelled", u.Name, err)
	}
	log.Info("change confirmed")
	return Applied, true, nil
}

// cancel cancels txn on s, and on a fresh session when s fails (a broken
// connection must not leave the change pending).
//
// A device that answers that nothing is pending (providers.ErrNotPending)
// settles the txn too: its timer already reverted it, or it was confirmed.
func cancel(ctx context.Context, u *Unit, s providers.Session, txn *providers.Txn) error {
	err := s.Cancel(ctx, txn)
	if err == nil || errors.Is(err, providers.ErrNotPending) {
		return nil
	}
	if errors.Is(err, providers.ErrConflict) {
		return err // the device answered: running is another writer's now
	}
	s3, cerr := connect(ctx, u)
	if cerr != nil {
		return errors.Join(err, cerr)
	}
	defer s3.Close()
	if err := s3.Cancel(ctx, txn); err != nil && !errors.Is(err, providers.ErrNotPending) {
		return err
	}
	return nil
}

// verifyOnly re-reads a device whose change is already final.
func verifyOnly(ctx context.Context, u *Unit, r *Result) (Status, error) {
	s2, err := connect(ctx, u)
	if err != nil {
		return Failed, fmt.Errorf("verify %s: %w (the change was applied without a rollback timer)", u.Name, err)
	}
	defer s2.Close()
	left, err := verify(ctx, u, s2, r)
	if err == nil && len(left) > 0 {
		err = fmt.Errorf("%d path(s) still differ, first %s %s", len(left), left[0].Op, left[0].Path)
	}
	if err != nil {
		return Failed, fmt.Errorf("verify %s: %w (the change was applied without a rollback timer)", u.Name, err)
	}
	return Applied, nil
}

// verify re-reads the device after a push: the changes still left (secret
// re-sends aside, see unverifiable), and in r the secrets' stored forms.
func verify(ctx context.Context, u *Unit, s providers.Session, r *Result) ([]providers.Change, error) {
	o, err := observe(ctx, u, s)
	if err != nil {
		return nil, err
	}
	r.SecretForms = o.forms
	return unverifiable(o.changes), nil
}

// unverifiable drops the secret re-sends from changes left after a push:
// their value cannot be read back (the device stores a hash), and they are
// computed from the state before the push, so they stay listed until it
// is recorded.
func unverifiable(changes []providers.Change) []providers.Change {
	out := changes[:0:0]
	for _, c := range changes {
		if c.Reason != diff.ReasonSecretRotated && c.Reason != diff.ReasonSecretChanged {
			out = append(out, c)
		}
	}
	return out
}

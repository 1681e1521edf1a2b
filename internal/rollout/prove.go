package rollout

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/switchyard/switchyard/providers"
)

// ProveConfig tunes Prove. The zero value uses the mechanism's proof
// timer, polls every 5 s of real time and gives the device 30 s past the
// timer's deadline.
type ProveConfig struct {
	// Timer overrides providers.ProofTimer of the unit's mechanism.
	Timer time.Duration
	// Poll is how long to wait between reads of the device.
	Poll time.Duration
	// Grace is how long past the deadline the device may take to revert.
	Grace time.Duration
	// Sleep waits d (or until ctx ends); nil sleeps in real time. Tests
	// advance a simulator's ManualClock here instead.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock the deadline is measured on; nil is time.Now. With
	// an injected Sleep, give the matching clock.
	Now func() time.Time
}

func (c *ProveConfig) defaults(kind string) {
	if c.Timer <= 0 {
		c.Timer = providers.ProofTimer(kind)
	}
	if c.Poll <= 0 {
		c.Poll = 5 * time.Second
	}
	if c.Grace <= 0 {
		c.Grace = 30 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Sleep == nil {
		c.Sleep = func(ctx context.Context, d time.Duration) error {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-t.C:
				return nil
			case <-ctx.Done():
				return context.Cause(ctx)
			}
		}
	}
}

// Proof is what Prove found.
type Proof struct {
	// OK reports whether the device reverted the change by itself.
	OK bool
	// Timer is the confirm timeout used.
	Timer time.Duration
	// Detail says what was changed and what was seen.
	Detail string
}

// ErrNoProof is returned (wrapped) by Prove for a unit whose driver cannot
// make a proof change (providers.Prover) or whose mechanism has no device
// timer: there is nothing to prove.
var ErrNoProof = errors.New("no timer proof for this device")

// Prove checks that u's device reverts a change by itself: it pushes the
// driver's harmless proof change with the mechanism's shortest timer,
// reads it back over a new session, never confirms it, and polls until
// running is again what it was before (OK) or the deadline plus the grace
// has passed (not OK: the change is then cancelled, and the detail says if
// even that failed). An error means the proof could not be made (the
// device is unreachable, busy, or the push was refused): nothing proven
// either way.
func Prove(ctx context.Context, u *Unit, cfg ProveConfig) (Proof, error) {
	prover, ok := u.Driver.(providers.Prover)
	if !ok || !providers.HasDeviceTimer(u.Confirm) {
		return Proof{}, fmt.Errorf("%s: %w (%s)", u.Name, ErrNoProof, u.Confirm)
	}
	cfg.defaults(u.Confirm)
	s, err := connect(ctx, u)
	if err != nil {
		return Proof{}, err
	}
	defer s.Close()
	before, err := s.Observe(ctx)
	if err != nil {
		return Proof{}, fmt.Errorf("read running configuration of %s: %w", u.Name, err)
	}
	marker := "switchyard timer proof " + cfg.Now().UTC().Format(time.RFC3339)
	desired, changes, err := prover.ProofChange(before, marker)
	if err != nil {
		return Proof{}, fmt.Errorf("%s: %w", u.Name, err)
	}
	if g, ok := s.(providers.RunningGuard); ok {
		g.ExpectRunning(before.Digest)
	}
	txn, err := s.Begin(ctx, desired, changes, cfg.Timer)
	if txn == nil {
		return Proof{}, fmt.Errorf("push the proof change to %s: %w", u.Name, err)
	}
	w := watch{u: u, s: s, txn: txn, before: before.Digest, cfg: &cfg,
		what: fmt.Sprintf("%s set to %q with a %s timer (%s)", changes[0].Path, marker, cfg.Timer, u.Confirm)}
	if txn.Deadline.IsZero() {
		return Proof{Timer: cfg.Timer, Detail: w.what + ": the push reported no device-side timer"}, nil
	}
	return w.run(ctx)
}

// watch polls a device after the proof change was pushed.
type watch struct {
	u      *Unit
	s      providers.Session
	txn    *providers.Txn
	before string // running digest before the change
	what   string
	cfg    *ProveConfig
}

// run reads the change back at once on the push's own session (no new
// handshake: a short timer must not revert it before it is seen), then
// polls over new sessions until running is back (OK) or the deadline plus
// the grace has passed.
func (w *watch) run(ctx context.Context) (Proof, error) {
	p := Proof{Timer: w.cfg.Timer}
	deadline := w.cfg.Now().Add(w.cfg.Timer)
	seen := false
	if r, err := w.s.Observe(ctx); err == nil && r.Digest != w.before {
		seen = true
	}
	for {
		running, err := observeNew(ctx, w.u)
		switch {
		case err == nil && running.Digest == w.before && !seen:
			p.Detail = w.what + ": running was already back before the change could be read; try again"
			return p, fmt.Errorf("%s: the proof change was not seen on the device", w.u.Name)
		case err == nil && running.Digest == w.before:
			p.OK, p.Detail = true, w.what+": reverted by the device"
			return p, nil
		case err == nil:
			seen = true
		}
		if !w.cfg.Now().Before(deadline.Add(w.cfg.Grace)) {
			p.Detail = w.failed(ctx)
			return p, nil
		}
		if err := w.cfg.Sleep(ctx, w.cfg.Poll); err != nil {
			return p, fmt.Errorf("prove %s: %w (the device reverts the proof change at %s)", w.u.Name, err, w.txn.Deadline.Format(time.RFC3339))
		}
	}
}

// failed cancels the proof change of a timer that did not revert it and
// says what is left.
func (w *watch) failed(ctx context.Context) string {
	detail := fmt.Sprintf("%s: still on the device %s after the timer's deadline", w.what, w.cfg.Grace)
	if err := cancel(ctx, w.u, w.s, w.txn); err != nil {
		detail += "; cancelling it failed too: " + err.Error()
	}
	if r, err := observeNew(ctx, w.u); err == nil && r.Digest != w.before {
		detail += "; the proof change is still there: apply the intent again (or restore the description by hand)"
	}
	return detail
}

// observeNew reads running over a new session.
func observeNew(ctx context.Context, u *Unit) (*providers.Running, error) {
	s, err := connect(ctx, u)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Observe(ctx)
}

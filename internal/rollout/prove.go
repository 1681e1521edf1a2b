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
	what := fmt.Sprintf("%s set to %q with a %s timer (%s)", changes[0].Path, marker, cfg.Timer, u.Confirm)
	p := Proof{Timer: cfg.Timer}
	if txn.Deadline.IsZero() {
		p.Detail = what + ": the push reported no device-side timer"
		return p, nil
	}
	deadline := cfg.Now().Add(cfg.Timer)
	// Read the change back at once, on the push's own session (no new
	// handshake): a short timer must not revert it before it is seen.
	seen := false
	if r, err := s.Observe(ctx); err == nil && r.Digest != before.Digest {
		seen = true
	}
	for {
		running, rerr := observeNew(ctx, u)
		switch {
		case rerr == nil && running.Digest == before.Digest:
			if !seen {
				p.Detail = what + ": running was already back before the change could be read; try again"
				return p, fmt.Errorf("%s: the proof change was not seen on the device", u.Name)
			}
			p.OK, p.Detail = true, what+": reverted by the device"
			return p, nil
		case rerr == nil:
			seen = true
		}
		if !cfg.Now().Before(deadline.Add(cfg.Grace)) {
			p.Detail = fmt.Sprintf("%s: still on the device %s after the timer's deadline", what, cfg.Grace)
			if cerr := cancel(ctx, u, s, txn); cerr != nil {
				p.Detail += "; cancelling it failed too: " + cerr.Error()
			}
			if r, err := observeNew(ctx, u); err == nil && r.Digest != before.Digest {
				p.Detail += "; the proof change is still there: apply the intent again (or restore the description by hand)"
			}
			return p, nil
		}
		if err := cfg.Sleep(ctx, cfg.Poll); err != nil {
			return p, fmt.Errorf("prove %s: %w (the device reverts the proof change at %s)", u.Name, err, txn.Deadline.Format(time.RFC3339))
		}
	}
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

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/rollout"
)

// defaultStateDir is $SWITCHYARD_STATE_DIR, else $XDG_STATE_HOME/switchyard,
// else ~/.local/state/switchyard.
func defaultStateDir() string {
	if v := os.Getenv("SWITCHYARD_STATE_DIR"); v != "" {
		return v
	}
	if v := os.Getenv("XDG_STATE_HOME"); v != "" {
		return filepath.Join(v, "switchyard")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".local", "state", "switchyard")
}

// devRun is one command's devices, bound and (after settle) cleared of what
// earlier runs left in flight.
type devRun struct {
	l     *loaded
	units []rollout.Unit
	fails []fleet.Failure
	j     *fleet.Journal
	// adopting leaves the units without ownership (adopt records it).
	adopting bool
}

// prepare loads the intent and binds the selected devices. It contacts no
// device.
func (g *globals) prepare(ctx context.Context, rf *runFlags) (*devRun, error) {
	l, err := g.load(ctx)
	if err != nil {
		return nil, err
	}
	units, fails, err := g.units(l, rf)
	if err != nil {
		return nil, err
	}
	return &devRun{l: l, units: units, fails: fails}, nil
}

// settle opens the state directory (its lock is held until close) and
// settles the commits earlier runs left in flight on the selected devices.
// A device whose commit is still pending leaves the run's units: it is a
// failure of this run, never reported in sync nor pushed to.
func (r *devRun) settle(ctx context.Context, g *globals, holder string) error {
	if g.stateDir == "" {
		return fmt.Errorf("no state directory: set --state-dir or $SWITCHYARD_STATE_DIR")
	}
	j, err := fleet.OpenJournal(g.stateDir, g.stateLockTimeout, holder, r.l.rev, g.logger())
	if err != nil {
		return fmt.Errorf("%w; wait for it to finish, or point --state-dir elsewhere", err)
	}
	r.j = j
	pending := j.Settle(ctx, r.units)
	kept := r.units[:0]
	for _, u := range r.units {
		if p := pending[u.Name]; p != nil {
			r.fails = append(r.fails, fleet.Failure{Device: u.Name, Err: p})
			continue
		}
		kept = append(kept, u)
	}
	if !r.adopting {
		var lost []fleet.Failure
		r.units, lost = j.Own(kept)
		r.fails = append(r.fails, lost...)
	}
	return nil
}

// runSpec says how a command that contacts devices starts its run.
type runSpec struct {
	// holder names the command in the state directory's lock ("switchyard
	// plan").
	holder string
	// adopting: see devRun.adopting.
	adopting bool
	// check, when not nil, checks the bound units before the state
	// directory is opened and any device is contacted.
	check func(units []rollout.Unit) error
}

// withDevices runs body on the command's devices: it prepares them, runs
// spec.check, settles what earlier runs left in flight (holding the state
// directory) and releases the state directory when body returns.
func (g *globals) withDevices(ctx context.Context, rf *runFlags, spec runSpec, body func(r *devRun) error) error {
	r, err := g.prepare(ctx, rf)
	if err != nil {
		return err
	}
	r.adopting = spec.adopting
	if spec.check != nil {
		if err := spec.check(r.units); err != nil {
			return err
		}
	}
	if err := r.settle(ctx, g, spec.holder); err != nil {
		return err
	}
	defer r.close(g)
	return body(r)
}

// close releases the state directory.
func (r *devRun) close(g *globals) {
	if r.j == nil {
		return
	}
	if err := r.j.Close(); err != nil {
		fmt.Fprintln(g.stderr, "warning:", err)
	}
}

// checkTimeout checks the confirm timeout against every device's
// mechanism before any device is contacted, printing the roundings.
func (g *globals) checkTimeout(units []rollout.Unit, d time.Duration) error {
	if d <= 0 {
		return fmt.Errorf("--confirm-timeout %s: must be positive; nothing was pushed", d)
	}
	_, notices, err := rollout.CheckTimeouts(units, d)
	for _, n := range notices {
		fmt.Fprintln(g.stderr, "notice:", n)
	}
	if err != nil {
		return fmt.Errorf("--confirm-timeout: %w; nothing was pushed to any device", err)
	}
	if err := rollout.CheckDeviceTimers(units); err != nil {
		return fmt.Errorf("%w; nothing was pushed to any device", err)
	}
	return nil
}

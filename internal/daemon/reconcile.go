package daemon

import (
	"context"
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/internal/identity"
	"strings"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/inventory"
)

// loaded is a revision that loaded and validated, with the devices the
// daemon manages in it.
type loaded struct {
	rev     gitsource.Revision
	inv     *inventory.Inventory
	devices []*inventory.Device
}

// ErrInvalidRevision is returned (wrapped) by reconcile when the newest
// revision does not load or validate; the diagnostics are in the status.
var ErrInvalidRevision = errors.New("revision is invalid: nothing pushed, last good revision still enforced")

// load checks rev out, loads and resolves it exactly as the CLI does, and
// selects the managed devices.
func (d *Daemon) load(ctx context.Context, rev gitsource.Revision) (*loaded, diag.Diagnostics, error) {
	dir, cleanup, err := d.src.Checkout(ctx, rev)
	if err != nil {
		return nil, nil, err
	}
	defer cleanup()
	inv, ds := fleet.Load(dir, d.opts.Registry)
	if ds.HasErrors() {
		return nil, ds, fmt.Errorf("%s: %w", rev.ShortHash, ErrInvalidRevision)
	}
	devs, err := fleet.Select(inv, d.cfg.Devices.Limit)
	if err != nil {
		ds.Errorf(diag.Range{File: d.cfg.File}, "devices.limit: %v", err)
		return nil, ds, fmt.Errorf("%s: %w", rev.ShortHash, ErrInvalidRevision)
	}
	return &loaded{rev: rev, inv: inv, devices: devs}, ds, nil
}

// restore loads the revision a previous process enforced, so that drift
// checks and in-flight resolution have an intent before the first fetch.
func (d *Daemon) restore(ctx context.Context, m memo) {
	l, _, err := d.load(ctx, m.Enforced)
	if err != nil {
		d.log.Warn("last enforced revision cannot be loaded", "rev", m.Enforced.ShortHash, "err", err)
		return
	}
	d.setEnforced(l)
	d.restoreStatus(l)
}

// setEnforced makes l the enforced revision, for the loop and (read-only)
// for the HTTP handlers.
func (d *Daemon) setEnforced(l *loaded) {
	d.enforced = l
	d.mu.Lock()
	d.status.Enforced = &l.rev
	d.published = l
	d.mu.Unlock()
}

// publishedRevision is the enforced revision as the HTTP handlers may read
// it (a loaded revision is never modified); nil before the first.
func (d *Daemon) publishedRevision() *loaded {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.published
}

// reconcile fetches the followed ref and, when it moved (or force), loads
// the new revision and converges the fleet to it. A plain folder (no Git)
// has no revisions, so it is re-read on every poll. An invalid or unsigned
// revision is reported and the last good one stays enforced. force, when
// not nil, is a sync request: the devices it covers are converged even if
// the revision did not move (a new revision converges the whole fleet).
func (d *Daemon) reconcile(ctx, work context.Context, force *syncRequest) error {
	head, err := d.src.Fetch(ctx)
	if err != nil {
		d.log.Warn("fetch failed; last good revision still enforced", "err", err)
		d.setSource(err)
		return err
	}
	d.setSource(nil)
	want, problem := head, ""
	if d.gated && !head.Signed {
		problem = "not applied: " + head.SignatureProblem
		good, err := d.src.LastGood(ctx, head, 0)
		if err != nil {
			d.setHead(head, false, problem, nil)
			d.log.Warn("unsigned head and no signed revision to fall back on", "rev", head.ShortHash, "err", err)
			return d.convergeIf(ctx, work, force)
		}
		d.log.Warn("head is not signed by an allowed key; enforcing the last signed revision",
			"rev", head.ShortHash, "problem", head.SignatureProblem, "enforced", good.ShortHash)
		want = good
	}
	if d.enforced != nil && want.Hash == d.enforced.rev.Hash && !want.IsWorktree() {
		if problem == "" {
			d.setHead(head, true, "", nil)
		} else {
			d.setHead(head, false, problem, nil)
		}
		return d.convergeIf(ctx, work, force)
	}
	if want.Hash == d.rejected && !want.IsWorktree() {
		return d.convergeIf(ctx, work, force)
	}
	l, ds, err := d.load(ctx, want)
	if err != nil {
		d.rejected = want.Hash
		d.setHead(head, false, err.Error(), diagnostics(ds, d.cfg.Repository.SubPath))
		d.log.Error("revision rejected; last good revision still enforced", "rev", want.ShortHash, "author", want.Author,
			"err", err, "diagnostics", ds.String())
		d.notify.emit(Event{Event: EventRevisionRejected, Time: d.clock.Now(), Revision: want.Hash, Author: want.Author,
			Text: fmt.Sprintf("switchyard: revision %s (%s) by %s rejected, nothing pushed: %d problem(s), first: %s",
				want.ShortHash, want.Message, want.Author, len(ds), firstDiag(ds))})
		if cerr := d.convergeIf(ctx, work, force); cerr != nil {
			return errors.Join(err, cerr)
		}
		return err
	}
	d.setEnforced(l)
	d.setHead(head, problem == "", problem, diagnostics(ds, d.cfg.Repository.SubPath))
	if err := writeMemo(d.cfg.StateDir, memo{Enforced: l.rev}); err != nil {
		d.log.Warn("cannot record the enforced revision", "err", err)
	}
	d.log.Info("enforcing revision", "rev", l.rev.ShortHash, "author", l.rev.Author, "message", l.rev.Message, "devices", len(l.devices))
	return d.converge(ctx, work, "revision", nil)
}

func (d *Daemon) convergeIf(ctx, work context.Context, force *syncRequest) error {
	if force == nil || d.enforced == nil {
		return nil
	}
	return d.converge(ctx, work, "sync", force)
}

func (d *Daemon) setSource(err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.status.SourceError = ""
	if err != nil {
		d.status.SourceError = err.Error()
	}
}

func (d *Daemon) setHead(rev gitsource.Revision, accepted bool, problem string, ds []Diagnostic) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.status.Head = &HeadStatus{Revision: rev, Accepted: accepted, Problem: problem, Diagnostics: ds}
}

// units builds the rollout units of the enforced revision as the CLI does
// (fleet.Units), each driver wrapped with the daemon's health checks and
// drain gate.
func (d *Daemon) units(l *loaded, devs []*inventory.Device) ([]rollout.Unit, []fleet.Failure) {
	units, fails := fleet.Units(l.inv, devs, d.opts.Registry, fleet.Options{
		KnownHostsFile: d.cfg.Devices.KnownHostsFile, CAFile: d.cfg.Devices.CAFile, Timeout: d.cfg.Devices.Timeout,
		Secrets: d.opts.Secrets, Logger: d.opts.Logger, Identity: identity.New()})
	for i := range units {
		u := &units[i]
		dev := l.inv.Device(u.Name)
		u.Driver = &gatedDriver{Driver: u.Driver, device: u.Name, addr: u.Target.Address,
			checks: checksFor(d.cfg.Checks, groupsOf(dev)), gate: d.gate}
	}
	// What switchyard set on each device, from the store the CLI shares:
	// a device whose record is lost is a failure, never "nothing owned".
	units, lost := fleet.AttachOwnership(d.store, units, d.fp)
	return units, append(fails, lost...)
}

func groupsOf(dev *inventory.Device) []string {
	if dev == nil {
		return nil
	}
	out := make([]string, len(dev.Groups))
	for i, m := range dev.Groups {
		out[i] = m.Group
	}
	return out
}

// policy returns a device's drift policy and whether drift may be undone
// outside a window: the default, overridden by its groups in precedence
// order (the group whose intent wins also wins here).
func (d *Daemon) policy(dev *inventory.Device) (string, bool) {
	pol, allow := d.cfg.Drift.DefaultPolicy, d.cfg.Drift.AllowOutsideWindow
	for _, g := range groupsOf(dev) {
		for _, gp := range d.cfg.Groups {
			if gp.Group != g {
				continue
			}
			if gp.Drift != "" {
				pol = gp.Drift
			}
			if gp.AllowDriftRemediationOutsideWindow != nil {
				allow = *gp.AllowDriftRemediationOutsideWindow
			}
		}
	}
	return pol, allow
}

// windowOpen reports whether changes may be pushed to a device now, and if
// not, why. With no window configured, changes go at any time; with
// windows, a device covered by none is never changed.
func (d *Daemon) windowOpen(dev *inventory.Device, l *loaded) (bool, string) {
	if len(d.windows) == 0 {
		return true, ""
	}
	now := d.clock.Now()
	groups := groupsOf(dev)
	var next []string
	for i := range d.windows {
		w := &d.windows[i]
		if !w.Applies(groups) {
			continue
		}
		if open, _ := w.OpenAt(now); open {
			return true, ""
		}
		next = append(next, fmt.Sprintf("%s opens %s", w.Name, w.NextOpen(now).Format("2006-01-02 15:04 MST")))
	}
	if len(next) == 0 {
		return false, "no maintenance window covers this device"
	}
	return false, "outside maintenance window (" + strings.Join(next, "; ") + ")"
}

func firstDiag(ds diag.Diagnostics) string {
	if len(ds) == 0 {
		return "none"
	}
	return ds[0].String()
}

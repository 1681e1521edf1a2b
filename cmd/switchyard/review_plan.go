package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/forge"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
)

// reviewResult is what review found, before it is posted.
type reviewResult struct {
	state   forge.State
	summary string
	// revision is the planned revision ("" when it could not be read).
	revision string
	// problems are the diagnostics and errors that make the intent
	// invalid, each naming file:line or device.
	problems []string
	// plan is the device plan (online), or nil.
	plan *plan.Plan
	// desired are the rendered payloads (offline), in device order.
	desired []*providers.Desired
}

func failed(summary string, problems ...string) *reviewResult {
	return &reviewResult{state: forge.StateFailure, summary: summary, problems: problems}
}

// reviewOutcome validates the intent, then plans it (or, offline, renders
// it), through the same functions as validate and plan.
func (g *globals) reviewOutcome(ctx context.Context, f *reviewFlags) *reviewResult {
	l, ds, err := g.loadDiagnostics(ctx)
	if err != nil {
		fmt.Fprintln(g.stderr, "switchyard:", err)
		return failed("cannot read the intent repository", err.Error())
	}
	g.printDiagnostics(ds)
	if ds.HasErrors() {
		r := failed(fmt.Sprintf("invalid intent: %d error(s)", countErrors(ds)), diagLines(ds)...)
		r.revision = l.rev.Hash
		return r
	}
	devs, err := fleet.Select(l.inv, f.run.limit)
	if err == nil && len(devs) == 0 {
		err = fmt.Errorf("--limit selects no device")
	}
	if err != nil {
		return failed(err.Error(), err.Error())
	}
	var problems []string
	for _, err := range fleet.CheckLockouts(l.inv) {
		problems = append(problems, err.Error())
	}
	r := &reviewResult{revision: l.rev.Hash}
	for _, d := range l.inv.Devices {
		desired, err := renderDevice(l.reg, d)
		if err != nil {
			problems = append(problems, fmt.Sprintf("device %s: %v", d.Name, err))
			continue
		}
		if f.offline && contains(devs, d.Name) {
			r.desired = append(r.desired, desired)
		}
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(g.stderr, p)
		}
		fr := failed(fmt.Sprintf("invalid intent: %d problem(s) with devices", len(problems)), problems...)
		fr.revision = l.rev.Hash
		return fr
	}
	if f.offline {
		r.state, r.summary = forge.StateSuccess, fmt.Sprintf("offline: %d device(s) valid and rendered; running configurations not read", len(r.desired))
		return r
	}
	units, fails := fleet.Units(l.inv, devs, l.reg, fleet.Options{KnownHostsFile: g.knownHosts, CAFile: g.caFile,
		Insecure: g.insecure, Timeout: f.run.timeout, Logger: g.logger()})
	results := rollout.Observe(ctx, units, rollout.Config{Concurrency: f.run.concurrency, Logger: g.logger()})
	r.plan = fleet.Plan(l.rev, time.Now(), units, results, fails)
	r.state, r.summary = planVerdict(r.plan.Summary)
	return r
}

// planVerdict is the status of a plan: failure when a device could not be
// planned, with a one-line summary.
func planVerdict(s plan.Summary) (forge.State, string) {
	counts := fmt.Sprintf("%d to change (+%d ~%d -%d), %d unchanged", s.Changed, s.Creates, s.Updates, s.Deletes, s.Unchanged)
	if s.Failed > 0 {
		return forge.StateFailure, fmt.Sprintf("%d device(s) could not be planned; %s", s.Failed, counts)
	}
	if s.Changed == 0 {
		return forge.StateSuccess, fmt.Sprintf("no changes on %d device(s)", s.Devices)
	}
	return forge.StateSuccess, counts
}

func diagLines(ds diag.Diagnostics) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds.Sort() {
		out = append(out, d.String())
	}
	return out
}

func contains(devs []*inventory.Device, name string) bool {
	return slices.ContainsFunc(devs, func(d *inventory.Device) bool { return d.Name == name })
}

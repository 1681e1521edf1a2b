package main

import (
	"context"
	"fmt"
	"github.com/switchyard/switchyard/internal/identity"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
)

// runFlags are the flags of commands that contact devices.
type runFlags struct {
	limit       []string
	concurrency int
	timeout     time.Duration
}

func (f *runFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&f.limit, "limit", nil, "only these devices: a device name, a group name (group:NAME), or a label selector; repeatable")
	cmd.Flags().IntVar(&f.concurrency, "concurrency", 10, "devices contacted at once")
	cmd.Flags().DurationVar(&f.timeout, "timeout", 30*time.Second, "timeout of each protocol operation")
}

// units selects, renders and binds the devices to act on.
func (g *globals) units(l *loaded, f *runFlags) ([]rollout.Unit, []fleet.Failure, error) {
	devs, err := fleet.Select(l.inv, f.limit)
	if err != nil {
		return nil, nil, err
	}
	if len(devs) == 0 {
		return nil, nil, fmt.Errorf("--limit selects no device")
	}
	if g.insecure {
		fmt.Fprintln(g.stderr, "WARNING: --insecure-skip-host-key-check: device identities are NOT verified")
	}
	units, fails := fleet.Units(l.inv, devs, l.reg, fleet.Options{KnownHostsFile: g.knownHosts, CAFile: g.caFile, Insecure: g.insecure,
		Timeout: f.timeout, Logger: g.logger(), Identity: identity.New()})
	return units, fails, nil
}

func newPlanCmd(g *globals) *cobra.Command {
	var (
		rf     runFlags
		format string
		out    string
	)
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Show what apply would change on each device (reads devices, changes nothing)",
		Long: "plan reads every selected device's running configuration and shows the changes that would\n" +
			"bring it to the intent. Exit code 2 means there are changes, 0 none, 1 a failure (a device with\n" +
			"a commit of an earlier run still pending is a failure). It first settles what earlier runs left\n" +
			"in flight (--state-dir). --out FILE saves the plan (JSON) for `apply --plan FILE`; an interrupted\n" +
			"plan saves nothing.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			return g.withDevices(ctx, &rf, runSpec{holder: "switchyard plan"}, func(r *devRun) error {
				return g.plan(ctx, r, &rf, format, out)
			})
		},
	}
	rf.register(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json, markdown or html")
	cmd.Flags().StringVar(&out, "out", "", "also save the plan to this file, for apply --plan")
	return cmd
}

// plan observes the run's devices, records the run, saves the plan to out
// (when not "") and writes it in format; its exit is planExit's.
func (g *globals) plan(ctx context.Context, r *devRun, rf *runFlags, format, out string) error {
	p, results := g.planOf(ctx, r, rf)
	if ctx.Err() != nil {
		// A plan cut short is not a plan: nothing is saved.
		return errInterrupted
	}
	r.j.RecordRun(state.KindPlan, results)
	if out != "" {
		if err := savePlan(out, p); err != nil {
			return err
		}
	}
	if err := writePlan(g.stdout, p, format, isTerminal(g.stdout)); err != nil {
		return err
	}
	return planExit(p)
}

// planOf observes the run's devices (read-only) and builds the plan; the
// devices that failed before (unbound, or with a commit still pending)
// are in it as errors.
func (g *globals) planOf(ctx context.Context, r *devRun, rf *runFlags) (*plan.Plan, []rollout.Result) {
	results := rollout.Observe(ctx, r.units, rollout.Config{Concurrency: rf.concurrency, Logger: g.logger()})
	p := fleet.Plan(r.l.rev, time.Now(), r.units, results, r.fails)
	if r.j != nil {
		fleet.Annotate(p, r.units, r.j.Proofs())
	}
	return p, results
}

func writePlan(w io.Writer, p *plan.Plan, format string, color bool) error {
	switch format {
	case "text":
		return plan.Text(w, p, color)
	case "json":
		return plan.JSON(w, p)
	case "markdown":
		return plan.Markdown(w, p)
	case "html":
		return plan.HTML(w, p)
	}
	return fmt.Errorf("unknown --format %q (want text, json, markdown or html)", format)
}

func savePlan(path string, p *plan.Plan) error {
	// A new file, created 0600 next to the target and renamed over it: an
	// existing file's looser mode is not kept, and a symbolic link at path
	// is replaced, not followed.
	f, err := os.CreateTemp(filepath.Dir(path), ".plan-*")
	if err != nil {
		return fmt.Errorf("save plan: %w", err)
	}
	defer os.Remove(f.Name())
	if err := p.Save(f); err != nil {
		f.Close()
		return fmt.Errorf("save plan to %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save plan to %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("save plan to %s: %w", path, err)
	}
	return nil
}

// planExit is 1 when a device failed, 2 when there are changes, else 0.
func planExit(p *plan.Plan) error {
	switch {
	case p.Summary.Failed > 0:
		return &exitError{code: exitFailure}
	case p.HasChanges():
		return &exitError{code: exitChanges}
	}
	return nil
}

package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
)

func newApplyCmd(g *globals) *cobra.Command {
	var (
		rf       runFlags
		planFile string
		cfg      rollout.Config
		yes      bool
	)
	cmd := &cobra.Command{
		Use:   "apply",
		Short: "Push the intent to devices with confirmed commits, verified over a new session",
		Long: "apply pushes each device's changes with a confirmed commit, opens a new management session,\n" +
			"re-reads the running configuration, and confirms only when it matches the intent; otherwise it\n" +
			"cancels, and if switchyard dies the device reverts by itself when --confirm-timeout runs out.\n" +
			"With --plan FILE it pushes exactly that saved plan, refusing devices whose intent or running\n" +
			"configuration changed since.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			spec := runSpec{holder: "switchyard apply", check: func(units []rollout.Unit) error {
				return g.checkTimeout(units, cfg.ConfirmTimeout)
			}}
			return g.withDevices(ctx, &rf, spec, func(r *devRun) error {
				if planFile != "" {
					units, err := fromSavedPlan(planFile, r.units)
					if err != nil {
						return err
					}
					r.units = units
				} else if !yes {
					if err := g.confirmInteractive(ctx, r, &rf); err != nil {
						return err
					}
				}
				return g.push(ctx, r, &rf, cfg, state.KindApply)
			})
		},
	}
	rf.register(cmd)
	cmd.Flags().StringVar(&planFile, "plan", "", "apply exactly this saved plan (from plan --out)")
	cmd.Flags().DurationVar(&cfg.ConfirmTimeout, "confirm-timeout", 2*time.Minute, "how long a device waits for the confirm before reverting by itself")
	cmd.Flags().IntVar(&cfg.Canary, "canary", 0, "apply to the first N devices alone first, one at a time; stop if any fails")
	cmd.Flags().IntVar(&cfg.MaxFailures, "max-failures", 0, "failure budget: start no more devices once more than this have failed; at most N+1 devices (plus one per success) are in progress at once")
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask for confirmation")
	return cmd
}

// push applies the run's units with the confirmed-commit lifecycle,
// recording every commit in flight and every result in the state
// directory, shows progress and a summary, and fails when any device (or
// unit) failed.
func (g *globals) push(ctx context.Context, r *devRun, rf *runFlags, cfg rollout.Config, kind state.RunKind) error {
	g.ensureProven(ctx, r, rf)
	for _, f := range r.fails {
		fmt.Fprintf(g.stderr, "%s: %v\n", f.Device, f.Err)
	}
	cfg.Concurrency, cfg.Logger = rf.concurrency, g.logger()
	prog := newProgress(g.stderr, len(r.units))
	cfg.OnResult = prog.done
	r.j.Hooks(r.units, &cfg)
	results := rollout.Apply(ctx, r.units, cfg)
	prog.finish()
	r.j.RecordRun(kind, results)
	if failed := printSummary(g.stdout, results) + len(r.fails); failed > 0 {
		return &exitError{code: exitFailure}
	}
	return nil
}

// fromSavedPlan reads a saved plan and keeps the units it has changes
// for (fleet.FromPlan).
func fromSavedPlan(path string, units []rollout.Unit) ([]rollout.Unit, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	defer f.Close()
	p, err := plan.Load(f)
	if err != nil {
		return nil, fmt.Errorf("plan %s: %w", path, err)
	}
	out, err := fleet.FromPlan(p, units)
	if err != nil {
		return nil, fmt.Errorf("plan %s: %w", path, err)
	}
	return out, nil
}

// confirmInteractive shows the plan and asks before pushing. Without a
// terminal it refuses: unattended runs say --yes or use --plan.
func (g *globals) confirmInteractive(ctx context.Context, r *devRun, rf *runFlags) error {
	if !isTerminal(os.Stdin) {
		return fmt.Errorf("refusing to apply without confirmation: stdin is not a terminal; pass --yes, or review a plan and apply it with --plan FILE")
	}
	p, _ := g.planOf(ctx, r, rf)
	if err := plan.Text(g.stdout, p, isTerminal(g.stdout)); err != nil {
		return err
	}
	if !p.HasChanges() {
		return nil
	}
	fmt.Fprint(g.stdout, "Apply these changes? Type yes: ")
	answer, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	if strings.TrimSpace(answer) != "yes" {
		return fmt.Errorf("apply cancelled")
	}
	return nil
}

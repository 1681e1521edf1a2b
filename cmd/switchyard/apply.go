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
			l, err := g.load(ctx)
			if err != nil {
				return err
			}
			units, fails, err := g.units(l, &rf)
			if err != nil {
				return err
			}
			if planFile != "" {
				if units, err = fromSavedPlan(planFile, units); err != nil {
					return err
				}
			} else if !yes {
				if err := g.confirmInteractive(cmd, &rf); err != nil {
					return err
				}
			}
			return g.push(ctx, units, fails, &rf, cfg)
		},
	}
	rf.register(cmd)
	cmd.Flags().StringVar(&planFile, "plan", "", "apply exactly this saved plan (from plan --out)")
	cmd.Flags().DurationVar(&cfg.ConfirmTimeout, "confirm-timeout", 2*time.Minute, "how long a device waits for the confirm before reverting by itself")
	cmd.Flags().IntVar(&cfg.Canary, "canary", 0, "apply to the first N devices alone first; stop if any fails")
	cmd.Flags().IntVar(&cfg.MaxFailures, "max-failures", 0, "failure budget: halt the rest of the rollout once more devices than this have failed")
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask for confirmation")
	return cmd
}

// push applies units with the confirmed-commit lifecycle, shows progress
// and a summary, and fails when any device (or unit) failed.
func (g *globals) push(ctx context.Context, units []rollout.Unit, fails []fleet.Failure, rf *runFlags, cfg rollout.Config) error {
	for _, f := range fails {
		fmt.Fprintf(g.stderr, "%s: %v\n", f.Device, f.Err)
	}
	cfg.Concurrency, cfg.Logger = rf.concurrency, g.logger()
	prog := newProgress(g.stderr, len(units))
	cfg.OnResult = prog.done
	results := rollout.Apply(ctx, units, cfg)
	prog.finish()
	if failed := printSummary(g.stdout, results) + len(fails); failed > 0 {
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
func (g *globals) confirmInteractive(cmd *cobra.Command, rf *runFlags) error {
	if !isTerminal(os.Stdin) {
		return fmt.Errorf("refusing to apply without confirmation: stdin is not a terminal; pass --yes, or review a plan and apply it with --plan FILE")
	}
	p, err := g.makePlan(cmd.Context(), rf)
	if err != nil {
		return err
	}
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

package main

import (
	"context"
	"time"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
)

func newDriftCmd(g *globals) *cobra.Command {
	var (
		rf        runFlags
		remediate bool
		format    string
		cfg       rollout.Config
	)
	cmd := &cobra.Command{
		Use:   "drift",
		Short: "Report devices whose running configuration drifted from the intent; --remediate puts them back",
		Long: "drift reads every selected device and reports where it differs from the intent (exit 2 when\n" +
			"any device drifted, 0 when none, 1 on a failure). With --remediate, the drifted devices are put\n" +
			"back with the same confirmed-commit lifecycle as apply. For drift detected on a schedule, with\n" +
			"per-group report/remediate policy and drift history, run the daemon (switchyard serve).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			spec := runSpec{holder: "switchyard drift"}
			if remediate {
				spec.check = func(units []rollout.Unit) error { return g.checkTimeout(units, cfg.ConfirmTimeout) }
			}
			return g.withDevices(ctx, &rf, spec, func(r *devRun) error {
				p, results := g.driftOf(ctx, r, &rf)
				if ctx.Err() != nil {
					return errInterrupted
				}
				r.j.RecordDrift(results)
				if err := writePlan(g.stdout, p, format, isTerminal(g.stdout)); err != nil {
					return err
				}
				if !remediate || !p.HasChanges() {
					r.j.RecordRun(state.KindDrift, results)
					return planExit(p)
				}
				return g.push(ctx, r, &rf, cfg, state.KindDrift)
			})
		},
	}
	rf.register(cmd)
	cmd.Flags().BoolVar(&remediate, "remediate", false, "put drifted devices back to the intent (confirmed commits)")
	cmd.Flags().StringVar(&format, "format", "text", "report format: text, json, markdown or html")
	cmd.Flags().DurationVar(&cfg.ConfirmTimeout, "confirm-timeout", 2*time.Minute, "with --remediate: how long a device waits for the confirm")
	return cmd
}

// driftOf reads every device like planOf and, for each that differs from
// the intent, asks it who changed it since switchyard's last push there.
func (g *globals) driftOf(ctx context.Context, r *devRun, rf *runFlags) (*plan.Plan, []rollout.Result) {
	results := rollout.Observe(ctx, r.units, rollout.Config{Concurrency: rf.concurrency, Logger: g.logger(),
		AttributeSince: r.j.LastPush})
	p := fleet.Plan(r.l.rev, time.Now(), r.units, results, r.fails)
	fleet.Annotate(p, r.units, r.j.Proofs())
	fleet.AttributeDrift(p, results)
	return p, results
}

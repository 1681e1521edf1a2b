package main

import (
	"time"

	"github.com/spf13/cobra"
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
			r, err := g.prepare(ctx, &rf)
			if err != nil {
				return err
			}
			if remediate {
				if err := g.checkTimeout(r.units, cfg.ConfirmTimeout); err != nil {
					return err
				}
			}
			if err := r.settle(ctx, g, "switchyard drift"); err != nil {
				return err
			}
			defer r.close(g)
			p, results := g.planOf(ctx, r, &rf)
			if ctx.Err() != nil {
				return errInterrupted
			}
			if err := writePlan(g.stdout, p, format, isTerminal(g.stdout)); err != nil {
				return err
			}
			if !remediate || !p.HasChanges() {
				r.j.RecordRun(state.KindDrift, results)
				return planExit(p)
			}
			return g.push(ctx, r, &rf, cfg, state.KindDrift)
		},
	}
	rf.register(cmd)
	cmd.Flags().BoolVar(&remediate, "remediate", false, "put drifted devices back to the intent (confirmed commits)")
	cmd.Flags().StringVar(&format, "format", "text", "report format: text, json, markdown or html")
	cmd.Flags().DurationVar(&cfg.ConfirmTimeout, "confirm-timeout", 2*time.Minute, "with --remediate: how long a device waits for the confirm")
	return cmd
}

package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
)

func newAdoptCmd(g *globals) *cobra.Command {
	var rf runFlags
	cmd := &cobra.Command{
		Use:   "adopt",
		Short: "Record the selected devices' current values as the originals switchyard restores (changes nothing)",
		Long: "adopt reads every selected device (read-only) and records in the state directory, for each path\n" +
			"the intent would change, the value the device has now: when the intent later stops declaring\n" +
			"that path, apply puts this value back instead of deleting it. Run it once when switchyard takes\n" +
			"over an existing fleet, and after the state directory was lost (plan and apply refuse a device\n" +
			"whose ownership record is missing although switchyard changed it before).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			return g.withDevices(ctx, &rf, runSpec{holder: "switchyard adopt", adopting: true}, func(r *devRun) error {
				results := rollout.Observe(ctx, r.units, rollout.Config{Concurrency: rf.concurrency, Logger: g.logger()})
				if ctx.Err() != nil {
					return errInterrupted
				}
				fails := append(r.fails, r.j.Adopt(r.units, results)...)
				r.j.RecordRun(state.KindPlan, results)
				adopted := len(r.units)
				for _, f := range fails {
					fmt.Fprintf(g.stderr, "%s: %v\n", f.Device, f.Err)
				}
				for i, u := range r.units {
					if results[i].Err == nil {
						fmt.Fprintf(g.stdout, "%s: adopted (%d path(s) would change; their current values are the originals)\n", u.Name, len(results[i].Changes))
					} else {
						adopted--
					}
				}
				fmt.Fprintf(g.stdout, "%d device(s) adopted, %d failed; nothing was changed on any device\n", adopted, len(fails))
				if len(fails) > 0 {
					return &exitError{code: exitFailure}
				}
				return nil
			})
		},
	}
	rf.register(cmd)
	return cmd
}

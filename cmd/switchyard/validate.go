package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/fleet"
)

func newValidateCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "validate",
		Short: "Check the intent repository and render every device, without contacting any",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			l, err := g.load(cmd.Context())
			if err != nil {
				return err
			}
			failed := 0
			for _, err := range fleet.CheckLockouts(l.inv) {
				fmt.Fprintln(g.stderr, err)
				failed++
			}
			for _, d := range l.inv.Devices {
				if _, err := renderDevice(l.reg, d); err != nil {
					fmt.Fprintf(g.stderr, "device %s: %v\n", d.Name, err)
					failed++
				}
			}
			if failed > 0 {
				fmt.Fprintf(g.stderr, "%s: %d problem(s) with devices; nothing was changed\n", g.repo, failed)
				return &exitError{code: exitFailure}
			}
			fmt.Fprintf(g.stdout, "%s: valid (%d devices, %d groups, %d credentials)\n",
				g.repo, len(l.inv.Devices), len(l.inv.Groups), len(l.inv.Credentials))
			return nil
		},
	}
}

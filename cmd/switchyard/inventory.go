package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/inventory"
)

func newInventoryCmd(g *globals) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "inventory",
		Short: "Show devices, resolved groups and why each device is a member",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			l, err := g.load(cmd.Context())
			if err != nil {
				return err
			}
			switch format {
			case "json":
				enc := json.NewEncoder(g.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(l.inv)
			case "table":
				proofs, err := g.readProofs()
				if err != nil {
					fmt.Fprintf(g.stderr, "warning: timer proofs not shown: %v\n", err)
				}
				return inventoryTable(g.stdout, l, proofs)
			default:
				return fmt.Errorf("unknown --format %q (want table or json)", format)
			}
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

func inventoryTable(out io.Writer, l *loaded, proofs map[string]state.Proof) error {
	inv := l.inv
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tPLATFORM\tRELEASE\tTRANSPORT\tADDRESS\tROLLBACK\tGROUPS (lowest to highest precedence)")
	for _, d := range inv.Devices {
		names := make([]string, len(d.Groups))
		for i, m := range d.Groups {
			names[i] = m.Group
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", d.Name, d.Platform, releaseText(d.Release), d.Transport, d.Address,
			rollbackColumn(l, d, proofs), strings.Join(names, ", "))
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "GROUP\tPRIORITY\tMEMBER\tWHY")
	for _, grp := range inv.Groups {
		if len(grp.Members) == 0 {
			fmt.Fprintf(tw, "%s\t%d\t-\t(no members)\n", grp.Name, grp.Priority)
		}
		for _, m := range grp.Members {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", grp.Name, grp.Priority, m.Device, strings.Join(m.Reasons, "; "))
		}
	}
	return tw.Flush()
}

// releaseText is the RELEASE column: the os_version, marked when no intent
// declares it and the newest profile was taken.
func releaseText(r *inventory.Release) string {
	switch {
	case r == nil:
		return "-"
	case r.Declared == "newest profile":
		return r.OSVersion + " (newest profile)"
	}
	return r.OSVersion
}

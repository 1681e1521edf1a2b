package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/daemon"
	"github.com/switchyard/switchyard/internal/state"
)

func newHistoryCmd(g *globals) *cobra.Command {
	var (
		config string
		device string
		limit  int
		format string
		verify bool
	)
	cmd := &cobra.Command{
		Use:   "history",
		Short: "Show the audit log: every change pushed or attempted, drift found, commits resolved",
		Long: "history reads the audit log in the state directory (--state-dir, shared by plan, apply, drift\n" +
			"and serve; or state_dir of --config when --config is given), rotated files included, oldest\n" +
			"first. It needs no daemon configuration and takes no lock, so it runs next to the daemon.\n" +
			"The records are hash-chained: --verify checks the chain and exits 1 naming the first record\n" +
			"edited, removed or reordered (0 when intact); without it, a broken chain is a warning.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			stateDir := g.stateDir
			if cmd.Flags().Changed("config") {
				cfg, ds := daemon.LoadConfig(config)
				if ds.HasErrors() {
					for _, d := range ds {
						fmt.Fprintln(g.stderr, d.String())
					}
					return &exitError{code: exitFailure}
				}
				stateDir = cfg.StateDir
			}
			if verify {
				return verifyHistory(g, stateDir)
			}
			if v, err := state.VerifyAudit(stateDir); err == nil && v.Break != nil {
				fmt.Fprintf(g.stderr, "warning: the audit log has been tampered with: %s; run history --verify\n", v.Break)
			}
			recs, warns, err := state.ReadAudit(stateDir, state.Filter{Device: device, Limit: limit})
			if err != nil {
				return err
			}
			for _, w := range warns {
				fmt.Fprintln(g.stderr, "warning:", w.String())
			}
			if format == "json" {
				enc := json.NewEncoder(g.stdout)
				for _, r := range recs {
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
				return nil
			}
			if format != "table" {
				return fmt.Errorf("unknown --format %q (want table or json)", format)
			}
			return printHistory(g, recs)
		},
	}
	f := cmd.Flags()
	f.StringVar(&config, "config", "", "daemon configuration file: read its state_dir instead of --state-dir")
	f.StringVar(&device, "device", "", "only this device")
	f.IntVar(&limit, "limit", 50, "only the newest N records (0: all)")
	f.StringVar(&format, "format", "table", "output format: table or json (JSON lines)")
	f.BoolVar(&verify, "verify", false, "check the audit log's hash chain instead of listing it; exit 1 when it is broken")
	return cmd
}

func printHistory(g *globals, recs []state.Record) error {
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tDEVICE\tRESULT\tREVISION\tAUTHOR\tOPERATOR\tCHANGES\tSUMMARY")
	for _, r := range recs {
		rev := r.Revision
		if len(rev) > 7 {
			rev = rev[:7]
		}
		summary := r.Summary
		if r.Error != "" {
			summary = strings.TrimSpace(summary + " error: " + r.Error)
		}
		if r.ChangedBy != "" {
			summary += "; changed by " + cmp.Or(r.ChangedDetail, r.ChangedBy)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", r.Time.Local().Format("2006-01-02 15:04:05"), dash(r.Device),
			r.Result, dash(rev), dash(r.Author), r.Operator, len(r.Changes), summary)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// verifyHistory checks the audit log's hash chain and reports the first
// break (exit 1) or the number of records verified.
func verifyHistory(g *globals, dir string) error {
	v, err := state.VerifyAudit(dir)
	if err != nil {
		return err
	}
	for _, w := range v.Warnings {
		fmt.Fprintln(g.stderr, "warning:", w.String())
	}
	if v.Break != nil {
		fmt.Fprintf(g.stdout, "audit log BROKEN at %s\n", v.Break)
		return &exitError{code: exitFailure}
	}
	fmt.Fprintf(g.stdout, "audit log intact: %d record(s) verified", v.Chained)
	if v.Legacy > 0 {
		fmt.Fprintf(g.stdout, "; %d older record(s) without hashes (legacy prefix, written before the chain existed) not verifiable", v.Legacy)
	}
	if v.RotatedAway > 0 {
		fmt.Fprintf(g.stdout, "; %d older record(s) rotated away", v.RotatedAway)
	}
	if v.Head != "" {
		fmt.Fprintf(g.stdout, "; head %s", v.Head)
	}
	fmt.Fprintln(g.stdout)
	return nil
}

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
)

func newProveCmd(g *globals) *cobra.Command {
	var rf runFlags
	cmd := &cobra.Command{
		Use:   "prove",
		Short: "Prove that each device reverts a change by itself: push a harmless change with the shortest timer and watch it revert",
		Long: "prove pushes a harmless change (the description of the device's first interface) with its\n" +
			"mechanism's shortest timer (one minute), never confirms it, and polls until the device has\n" +
			"restored the configuration by itself. The result and its date are kept in the state directory;\n" +
			"plan and inventory show them, and apply refuses a device whose proof failed. apply proves a\n" +
			"device by itself the first time it relies on its timer, and again after its release changes.\n" +
			"Devices without a device-side timer, or whose driver has no proof change, are listed and skipped.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			return g.withDevices(ctx, &rf, runSpec{holder: "switchyard prove"}, func(r *devRun) error {
				todo := provable(g.stderr, r.units)
				for _, f := range r.fails {
					fmt.Fprintf(g.stderr, "%s: %v\n", f.Device, f.Err)
				}
				fmt.Fprintf(g.stderr, "proving the rollback timer of %d device(s); each takes its timer's length (1m) and a poll\n", len(todo))
				out := r.j.Prove(ctx, todo, rf.concurrency, rollout.ProveConfig{})
				if failed := printProofs(g.stdout, out) + len(r.fails); failed > 0 {
					return &exitError{code: exitFailure}
				}
				return nil
			})
		},
	}
	rf.register(cmd)
	return cmd
}

// provable returns the units prove can prove, writing to w why it skips
// the others.
func provable(w io.Writer, units []rollout.Unit) []rollout.Unit {
	var todo []rollout.Unit
	for _, u := range units {
		_, canProve := u.Driver.(providers.Prover)
		switch {
		case !providers.HasDeviceTimer(u.Confirm):
			fmt.Fprintf(w, "%s: skipped: %s has no device-side timer to prove\n", u.Name, u.Confirm)
		case !canProve:
			fmt.Fprintf(w, "%s: skipped: the %s driver has no proof change yet; its timer (%s) is not proven\n", u.Name, u.Target.Platform, u.Confirm)
		default:
			todo = append(todo, u)
		}
	}
	return todo
}

// printProofs prints one line per proof and returns how many failed.
func printProofs(w io.Writer, out []fleet.ProofOutcome) int {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tMECHANISM\tRESULT\tDETAIL")
	failed := 0
	for _, o := range out {
		switch {
		case o.Err != nil:
			failed++
			fmt.Fprintf(tw, "%s\t-\terror\t%v\n", o.Device, o.Err)
		case o.Proof.OK:
			fmt.Fprintf(tw, "%s\t%s\tproven %s\t%s\n", o.Device, o.Proof.Mechanism, o.Proof.At.Format(time.RFC3339), o.Proof.Detail)
		default:
			failed++
			fmt.Fprintf(tw, "%s\t%s\tFAILED %s\t%s\n", o.Device, o.Proof.Mechanism, o.Proof.At.Format(time.RFC3339), o.Proof.Detail)
		}
	}
	_ = tw.Flush()
	return failed
}

// ensureProven proves the run's devices that need it before apply relies
// on their timers (first contact, new release), printing what it does; a
// device whose proof failed leaves the run as a failure.
func (g *globals) ensureProven(ctx context.Context, r *devRun, rf *runFlags) {
	proofs := r.j.Proofs()
	n := 0
	for i := range r.units {
		if fleet.NeedsProof(&r.units[i], proofs) {
			n++
		}
	}
	if n > 0 {
		fmt.Fprintf(g.stderr, "proving the rollback timer of %d device(s) first (first contact or new release; see switchyard prove)\n", n)
	}
	kept, fails := r.j.EnsureProven(ctx, r.units, rf.concurrency, rollout.ProveConfig{})
	r.units = kept
	r.fails = append(r.fails, fails...)
}

// readProofs reads the recorded proofs from the state directory without
// creating it; nil when there is none or it is busy (the error says so).
func (g *globals) readProofs() (map[string]state.Proof, error) {
	if g.stateDir == "" {
		return nil, nil
	}
	if _, err := os.Stat(filepath.Join(g.stateDir, "state.db")); err != nil {
		return nil, nil
	}
	st, err := state.Open(g.stateDir, state.WithLockTimeout(time.Second))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.Proofs()
}

// rollbackColumn is the inventory's ROLLBACK column for d.
func rollbackColumn(l *loaded, d *inventory.Device, proofs map[string]state.Proof) string {
	p, err := l.reg.Get(d.Platform)
	if err != nil {
		return "-"
	}
	mech := providers.Mechanism(p.Capabilities(), d.Transport, d.Profile())
	if !providers.HasDeviceTimer(mech) {
		if d.AllowsWithoutDeviceTimer() {
			return mech + " (no device timer; allowed)"
		}
		return mech + " (no device timer; refused)"
	}
	if _, ok := p.(providers.Prover); !ok {
		return mech + " (no proof for this driver)"
	}
	pr, ok := proofs[d.Name]
	release := ""
	if d.Profile() != nil {
		release = d.Profile().ID()
	}
	switch {
	case !ok || !pr.Covers(mech, release):
		return mech + " (not proven)"
	case pr.OK:
		return mech + " (proven " + pr.At.Format("2006-01-02") + ")"
	}
	return mech + " (proof FAILED " + pr.At.Format("2006-01-02") + ")"
}

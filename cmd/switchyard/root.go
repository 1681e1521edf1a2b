package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
	"github.com/switchyard/switchyard/providers/iosxe"
	"github.com/switchyard/switchyard/providers/iosxr"
	"github.com/switchyard/switchyard/providers/nxos"
)

// globals are the flags every command shares.
type globals struct {
	repo   string
	stdout io.Writer
	stderr io.Writer
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	g := &globals{stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "switchyard",
		Short:         "GitOps for Cisco devices: intent in Git, pushed with confirmed commits",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&g.repo, "repo", ".", "intent repository: a folder of YAML files")
	root.AddCommand(newValidateCmd(g), newInventoryCmd(g), newRenderCmd(g))
	return root
}

// newRegistry registers every platform driver.
func newRegistry() (*providers.Registry, error) {
	r := providers.NewRegistry()
	for _, register := range []func(*providers.Registry) error{iosxe.Register, iosxr.Register, nxos.Register, ios.Register} {
		if err := register(r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// load loads and resolves the repository, printing diagnostics. An invalid
// repository is a failure: nothing runs on it.
func (g *globals) load() (*inventory.Inventory, *providers.Registry, error) {
	reg, err := newRegistry()
	if err != nil {
		return nil, nil, err
	}
	inv, ds := inventory.LoadAndResolve(g.repo, inventory.ResolveOptions{CheckPlatform: reg.CheckTransport})
	g.printDiagnostics(ds)
	if ds.HasErrors() {
		return nil, nil, &exitError{code: exitFailure}
	}
	return inv, reg, nil
}

func (g *globals) printDiagnostics(ds diag.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintln(g.stderr, d.String())
	}
	if n := countErrors(ds); n > 0 {
		fmt.Fprintf(g.stderr, "%s: %d error(s); nothing was changed\n", g.repo, n)
	}
}

func countErrors(ds diag.Diagnostics) int {
	n := 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			n++
		}
	}
	return n
}

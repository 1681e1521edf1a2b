package main

import (
	"sync"

	"context"
	"fmt"
	"golang.org/x/term"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
	"github.com/switchyard/switchyard/providers/iosxe"
	"github.com/switchyard/switchyard/providers/iosxr"
	"github.com/switchyard/switchyard/providers/nxos"
)

// globals are the flags every command shares.
type globals struct {
	repo       string
	rev        string
	knownHosts string
	caFile     string
	insecure   bool
	verbose    bool
	strict     bool
	// stateDir holds in-flight commits, the audit log and run records,
	// shared with serve when it points at the same place.
	stateDir         string
	stateLockTimeout time.Duration
	stdout           io.Writer
	stderr           io.Writer
	// log is built once (logger), so that every goroutine logs through the
	// same handler and its lock.
	log *slog.Logger
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	g := &globals{stdout: stdout, stderr: &lockedWriter{w: stderr}}
	root := &cobra.Command{
		Use:           "switchyard",
		Short:         "GitOps for Cisco devices: intent in Git, pushed with confirmed commits",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&g.repo, "repo", ".", "intent repository: a folder, a local Git repository, or a Git URL (URL#ref:subpath)")
	pf.StringVar(&g.rev, "rev", "", "branch or tag to read (default: the repository's HEAD)")
	pf.StringVar(&g.knownHosts, "known-hosts", defaultKnownHosts(), "known_hosts file that device SSH host keys are verified against ($SWITCHYARD_KNOWN_HOSTS)")
	pf.StringVar(&g.caFile, "ca-file", os.Getenv("SWITCHYARD_CA_FILE"), "CA certificates that verify device TLS (gNMI, NX-API) for devices without their own ca_file ($SWITCHYARD_CA_FILE)")
	pf.BoolVar(&g.insecure, "insecure-skip-host-key-check", false, "DANGEROUS: accept any device host key or TLS certificate (lab use only)")
	pf.BoolVarP(&g.verbose, "verbose", "v", false, "log protocol detail")
	pf.BoolVar(&g.strict, "strict", false, "treat warnings that usually mean a mistake (a selector that matches no device) as errors")
	pf.StringVar(&g.stateDir, "state-dir", defaultStateDir(), "state directory: in-flight commits, audit log, run history ($SWITCHYARD_STATE_DIR, else $XDG_STATE_HOME/switchyard, else ~/.local/state/switchyard)")
	pf.DurationVar(&g.stateLockTimeout, "state-lock-timeout", 10*time.Second, "how long to wait for another switchyard process to release the state directory")
	root.AddCommand(newValidateCmd(g), newInventoryCmd(g), newRenderCmd(g), newPlanCmd(g), newApplyCmd(g), newDriftCmd(g), newSimCmd(g))
	root.AddCommand(newServeCmd(g), newHistoryCmd(g), newProfilesCmd(g), newReviewCmd(g), newAdoptCmd(g), newProveCmd(g))
	return root
}

func defaultKnownHosts() string {
	if v := os.Getenv("SWITCHYARD_KNOWN_HOSTS"); v != "" {
		return v
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".ssh", "known_hosts")
}

// logger logs to stderr: text on a terminal, JSON otherwise. It is built
// once per command line.
func (g *globals) logger() *slog.Logger {
	if g.log != nil {
		return g.log
	}
	level := slog.LevelWarn
	if g.verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	if isTerminal(g.stderr) {
		g.log = slog.New(slog.NewTextHandler(g.stderr, opts))
	} else {
		g.log = slog.New(slog.NewJSONHandler(g.stderr, opts))
	}
	return g.log
}

// lockedWriter serialises writes from the log handler, the progress
// display and the commands, which share stderr.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
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

// loaded is a resolved intent repository at one revision.
type loaded struct {
	inv *inventory.Inventory
	reg *providers.Registry
	rev gitsource.Revision
}

// load fetches the repository revision, loads and resolves it, printing
// diagnostics. An invalid repository is a failure: nothing runs on it.
func (g *globals) load(ctx context.Context) (*loaded, error) {
	l, ds, err := g.loadDiagnostics(ctx)
	if err != nil {
		return nil, err
	}
	g.printDiagnostics(ds)
	if ds.HasErrors() {
		return nil, &exitError{code: exitFailure}
	}
	return l, nil
}

// loadDiagnostics fetches, loads and resolves the repository revision
// through the one gate (fleet.Load) and returns the diagnostics instead of
// printing them; the loaded intent (inv nil when there are errors) still
// carries the registry and revision.
func (g *globals) loadDiagnostics(ctx context.Context) (*loaded, diag.Diagnostics, error) {
	reg, err := newRegistry()
	if err != nil {
		return nil, nil, err
	}
	dir, rev, cleanup, err := g.checkoutRev(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer cleanup()
	inv, ds := fleet.Load(dir, reg, fleet.Strict(g.strict))
	if ds.HasErrors() {
		inv = nil
	}
	return &loaded{inv: inv, reg: reg, rev: rev}, ds, nil
}

// checkout fetches --repo at --rev into a folder; cleanup removes it.
func (g *globals) checkout(ctx context.Context) (dir string, cleanup func(), err error) {
	dir, _, cleanup, err = g.checkoutRev(ctx)
	return dir, cleanup, err
}

func (g *globals) checkoutRev(ctx context.Context) (string, gitsource.Revision, func(), error) {
	spec, err := gitsource.ParseSpec(g.repo)
	if err != nil {
		return "", gitsource.Revision{}, nil, err
	}
	if g.rev != "" {
		spec.Ref = g.rev
	}
	src, err := gitsource.Open(ctx, spec)
	if err != nil {
		return "", gitsource.Revision{}, nil, err
	}
	rev, err := src.Fetch(ctx)
	if err != nil {
		return "", gitsource.Revision{}, nil, err
	}
	dir, cleanup, err := src.Checkout(ctx, rev)
	if err != nil {
		return "", gitsource.Revision{}, nil, err
	}
	return dir, rev, cleanup, nil
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

// isTerminal reports whether w (or the writer a lockedWriter wraps) is a
// terminal. /dev/null is not.
func isTerminal(w any) bool {
	if l, ok := w.(*lockedWriter); ok {
		w = l.w
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

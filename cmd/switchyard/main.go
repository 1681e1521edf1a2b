// Command switchyard is the GitOps agent for Cisco network devices: it reads
// intent from an intent repository, renders it per platform, and (with the
// plan and apply commands) pushes it with confirmed commits.
//
// Exit codes: 0 success and nothing to change; 2 success with changes
// present (plan, drift); 1 failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitChanges = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := cpuProfile(os.Getenv("SWITCHYARD_CPUPROFILE"))
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// cpuProfile writes a CPU profile of the whole command to file, when set
// (a development aid for docs/performance.md; see `go tool pprof`).
func cpuProfile(file string) func() {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cpu profile:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "cpu profile:", err)
		_ = f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}

// exitError carries an exit code out of a command without printing more.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// errInterrupted ends a command that noticed its context was cancelled;
// run prints "interrupted".
var errInterrupted = &exitError{code: exitFailure}

// run executes the command line and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var ee *exitError
	switch {
	case err != nil && ctx.Err() != nil:
		// The command failed because it was cut short (sim and serve stop
		// cleanly on a signal): say so.
		fmt.Fprintln(stderr, "switchyard: interrupted")
		return exitFailure
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintln(stderr, "switchyard:", err)
		return exitFailure
	}
}

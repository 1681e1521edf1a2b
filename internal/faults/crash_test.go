package faults

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"

	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/providers"
)

// Environment of the crash child: when childTransport is set, the test
// binary runs crashChild instead of the tests (the pattern of
// internal/fleet's crash_e2e_test.go).
const (
	childTransport = "SWITCHYARD_FAULTS_CHILD_TRANSPORT"
	childStep      = "SWITCHYARD_FAULTS_CHILD_STEP"
	childAddr      = "SWITCHYARD_FAULTS_CHILD_ADDR"
	childKH        = "SWITCHYARD_FAULTS_CHILD_KNOWN_HOSTS"
	childCA        = "SWITCHYARD_FAULTS_CHILD_CA"
	childState     = "SWITCHYARD_FAULTS_CHILD_STATE"
	killMarker     = "FAULTS-KILL-HERE"
)

func TestMain(m *testing.M) {
	if os.Getenv(childTransport) != "" {
		os.Exit(crashChild())
	}
	os.Exit(m.Run())
}

// Kill points: the lifecycle steps at which the child stops, its sessions
// open, to be SIGKILLed.
const (
	kConnected   = "connected"         // push session open, nothing read
	kObserved    = "observed"          // running read and diffed, nothing pushed
	kUnrecorded  = "pushed-unrecorded" // Begin returned, the txn not yet in state
	kInFlight    = "in-flight"         // the txn recorded in state (OnTxn)
	kVerified    = "verified"          // verified on the second session, not confirmed
	kConfirmed   = "confirmed"         // confirmed, the record not yet cleared
	kNoKillpoint = "none"
)

// crashChild applies the intent to the device the environment names and
// blocks at the kill point until it is killed.
func crashChild() int {
	tr, kill := os.Getenv(childTransport), os.Getenv(childStep)
	reg, err := registry()
	if err != nil {
		return childFail(err)
	}
	dir, err := os.MkdirTemp("", "faults-child-")
	if err != nil {
		return childFail(err)
	}
	defer os.RemoveAll(dir)
	inv, err := loadIntent(dir, reg)
	if err != nil {
		return childFail(err)
	}
	u, err := unitFor(inv, reg, deviceOf[tr], where{Addr: os.Getenv(childAddr), KnownHosts: os.Getenv(childKH), CAFile: os.Getenv(childCA)})
	if err != nil {
		return childFail(err)
	}
	st, err := state.Open(os.Getenv(childState))
	if err != nil {
		return childFail(err)
	}
	stop := func() {
		fmt.Println(killMarker, kill)
		_, _ = io.Copy(io.Discard, os.Stdin) // until the parent kills us
		os.Exit(3)
	}
	hooks := map[step]func(){}
	switch kill {
	case kConnected:
		hooks[step{Op: "connect", Session: 1, After: true}] = stop
	case kObserved:
		hooks[beforeBegin] = stop
	case kUnrecorded:
		hooks[afterBegin] = stop
	case kVerified:
		hooks[beforeConfirm] = stop
	case kConfirmed:
		hooks[afterConfirm] = stop
	}
	u, _ = withProbe(u, hooks)
	onTxn := persist(st)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rs := rollout.Apply(ctx, []rollout.Unit{u}, rollout.Config{ConfirmTimeout: confirmTimeout, OnPrepare: onTxn, OnTxn: func(d string, txn *providers.Txn) {
		onTxn(d, txn)
		if txn != nil && kill == kInFlight {
			stop()
		}
	}})
	return childFail(fmt.Errorf("apply ended without reaching %s: %s: %v", kill, rs[0].Status, rs[0].Err))
}

func childFail(err error) int {
	fmt.Fprintln(os.Stderr, "crash child:", err)
	return 2
}

// killAt runs crashChild against tg, waits for it to reach step and
// SIGKILLs it.
func killAt(t *testing.T, tg *target, kill string) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childTransport+"="+tg.tr, childStep+"="+kill, childAddr+"="+tg.sim.where.Addr,
		childKH+"="+tg.sim.where.KnownHosts, childCA+"="+tg.sim.where.CAFile, childState+"="+tg.storeDir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	sc := bufio.NewScanner(stdout)
	reached := false
	for !reached && sc.Scan() {
		reached = sc.Text() == killMarker+" "+kill
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: nothing in the child runs after it
		t.Fatal(err)
	}
	err = cmd.Wait()
	if !reached {
		t.Fatalf("child did not reach %s (%v); stderr:\n%s", kill, err, stderr.String())
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Exited() {
		t.Fatalf("child was not killed by a signal: %v; stderr:\n%s", err, stderr.String())
	}
}

// crashCase is one (transport, kill point) case.
type crashCase struct {
	tr, kill string
	bug      string
}

// crashMatrix returns the SIGKILL cases this build selects: in the fast
// subset one kill point per transport (a commit in flight), in the full
// matrix every point.
func crashMatrix() []crashCase {
	points := []string{kInFlight}
	if fullMatrix {
		points = []string{kConnected, kObserved, kUnrecorded, kInFlight, kVerified, kConfirmed}
	}
	var out []crashCase
	for _, tr := range transports {
		for _, p := range points {
			out = append(out, crashCase{tr: tr, kill: p})
		}
	}
	return out
}

// TestSIGKILLMatrix kills a process running the rollout at each lifecycle
// step and restarts: the device must be in the old or the new state right
// after the kill, and the restarted run must leave it in the new state
// with at most one push, nothing pending after the device timers.
func TestSIGKILLMatrix(t *testing.T) {
	for _, c := range crashMatrix() {
		if c.bug != "" && !openBugs {
			continue
		}
		t.Run(c.tr+"/"+c.kill, func(t *testing.T) {
			t.Parallel()
			tg := newTarget(t, c.tr)
			if err := tg.store.Close(); err != nil { // the child holds the state directory now
				t.Fatal(err)
			}
			killAt(t, tg, c.kill)
			st, err := state.Open(tg.storeDir) // survives the kill: the flock went with the process
			if err != nil {
				t.Fatal(err)
			}
			tg.store = st
			now := tg.checkOldOrNew(t, "after the kill")
			out, err := tg.restart(t.Context())
			if err != nil {
				t.Errorf("restart: %v", err)
			}
			if out.Pushes > 1 {
				t.Errorf("the restarted run pushed %d times, want at most once", out.Pushes)
			}
			if wantPush := c.kill == kConnected || c.kill == kObserved; wantPush != (out.Pushes == 1) {
				t.Errorf("the restarted run pushed %d times; want %d", out.Pushes, map[bool]int{true: 1}[wantPush])
			}
			tg.checkConverged(t)
			t.Logf("killed at %s: device %s; restart: resolved %q, %s, %d push(es)", c.kill, now, out.Resolved, out.Status, out.Pushes)
		})
	}
}

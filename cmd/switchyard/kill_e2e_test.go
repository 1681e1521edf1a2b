package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/simfleet"
)

// childArgsEnv, when set, makes the test binary run the switchyard command
// line it holds (fields separated by \x1f) instead of the tests: a real
// switchyard process that a test can SIGKILL.
const childArgsEnv = "SWITCHYARD_TEST_CLI_CHILD"

func TestMain(m *testing.M) {
	if args := os.Getenv(childArgsEnv); args != "" {
		os.Exit(run(context.Background(), strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestE2EKilledApplyThenApplyAgain is issue 11's scenario: apply with a
// confirm timeout is SIGKILLed right after its first confirmed commit;
// an immediate second apply --yes must not call the devices in sync while
// their commits are pending: it settles them from the state directory,
// and every device ends on the intent and stays there after the device
// timers run out.
func TestE2EKilledApplyThenApplyAgain(t *testing.T) {
	clock := devicesim.NewManualClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	h := startCampusWith(t, simfleet.Options{Clock: clock})
	devs := h.sim.Devices()
	for _, d := range devs {
		d.Knobs().SetLatency(150 * time.Millisecond) // a slow fleet: the kill lands between commit and confirm
	}
	args := []string{"apply", "--yes", "--confirm-timeout", "30s", "--repo", h.repo, "--known-hosts", h.knownHosts, "--limit", selection}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+strings.Join(args, "\x1f"))
	var childErr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &childErr, &childErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pendingAt := ""
	for i := 0; i < 6000 && pendingAt == ""; i++ {
		for _, d := range devs {
			if d.ConfirmedCommitPending() {
				pendingAt = d.Name()
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	_ = cmd.Process.Kill() // SIGKILL: nothing of the child's runs after this
	err := cmd.Wait()
	var ee *exec.ExitError
	if pendingAt == "" || !errors.As(err, &ee) || ee.Exited() {
		t.Fatalf("child was not killed with a commit pending (first pending: %q, wait: %v); output:\n%s", pendingAt, err, childErr.String())
	}
	for _, d := range devs {
		d.Knobs().SetLatency(0)
		waitForSessions(t, d)
	}
	var pending []string
	for _, d := range devs {
		if d.ConfirmedCommitPending() {
			pending = append(pending, d.Name())
		}
	}
	t.Logf("killed with commits pending on %v", pending)

	code, out, errOut := h.run("apply", "--yes", "--confirm-timeout", "30s")
	if code != exitOK {
		t.Fatalf("apply after the kill: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, d := range devs {
		if d.ConfirmedCommitPending() {
			t.Errorf("%s: a commit is still pending after the second apply", d.Name())
		}
	}
	var hist, histErr syncBuffer
	if code := run(t.Context(), []string{"history", "--format", "json", "--limit", "0"}, &hist, &histErr); code != exitOK {
		t.Fatalf("history: exit %d: %s", code, histErr.String())
	}
	histOut := hist.String()
	for _, name := range pending {
		if !strings.Contains(histOut, `"device":"`+name+`","operator"`) || !strings.Contains(histOut, "in-flight commit of an earlier run settled") {
			t.Errorf("history has no settlement of %s's pending commit:\n%s", name, histOut)
		}
	}

	clock.Advance(10 * time.Minute) // every device timer of the killed run has run out
	if code, out, errOut := h.run("plan"); code != exitOK {
		t.Fatalf("plan after the timers ran out: exit %d, want 0 (every device on the intent)\n%s\n%s", code, out, errOut)
	}
}

// waitForSessions waits until the simulator has noticed that the killed
// child's sessions are gone.
func waitForSessions(t *testing.T, d *devicesim.Device) {
	t.Helper()
	for range 2000 {
		if d.SessionCount() == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s: sessions of the killed child still open", d.Name())
}

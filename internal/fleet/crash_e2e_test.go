package fleet

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
	"github.com/switchyard/switchyard/providers/iosxe"
	"github.com/switchyard/switchyard/providers/iosxr"
	"github.com/switchyard/switchyard/providers/nxos"
)

// Environment of the crash child: when crashChildEnv names a device, the
// test binary runs crashChild instead of the tests.
const (
	crashChildEnv = "SWITCHYARD_E2E_CRASH_DEVICE"
	crashAddrEnv  = "SWITCHYARD_E2E_CRASH_ADDR"
	crashKHEnv    = "SWITCHYARD_E2E_CRASH_KNOWN_HOSTS"
	// crashReleaseEnv set: the simulator is the device's release, so the
	// child loads through the gate, with the releases (and native routes).
	crashReleaseEnv = "SWITCHYARD_E2E_CRASH_RELEASE"
	crashMarker     = "TXN-IN-FLIGHT"
	crashConfirmTO  = time.Minute
)

func TestMain(m *testing.M) {
	if os.Getenv(crashChildEnv) != "" {
		os.Exit(crashChild())
	}
	os.Exit(m.Run())
}

// crashChild applies the campus intent to one simulated device and, once
// the confirmed commit is in flight, prints crashMarker and blocks until
// stdin closes: the parent kills it there, between commit and confirm.
func crashChild() int {
	name := os.Getenv(crashChildEnv)
	reg := providers.NewRegistry()
	for _, register := range []func(*providers.Registry) error{iosxe.Register, iosxr.Register, nxos.Register, ios.Register} {
		if err := register(reg); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			return 2
		}
	}
	var inv *inventory.Inventory
	var ds diag.Diagnostics
	if os.Getenv(crashReleaseEnv) != "" {
		inv, ds = Load("../../examples/campus", reg)
	} else {
		inv, ds = inventory.LoadAndResolve("../../examples/campus", inventory.ResolveOptions{CheckPlatform: reg.CheckTransport})
	}
	if ds.HasErrors() || inv == nil {
		fmt.Fprintf(os.Stderr, "child: load campus: %v\n", ds)
		return 2
	}
	d := inv.Device(name)
	if d == nil {
		fmt.Fprintf(os.Stderr, "child: no device %s\n", name)
		return 2
	}
	if os.Getenv(crashReleaseEnv) == "" {
		genericIntent(inv)
	}
	d.Address = os.Getenv(crashAddrEnv)
	units, fails := Units(inv, []*inventory.Device{d}, reg, Options{KnownHostsFile: os.Getenv(crashKHEnv), Timeout: 20 * time.Second})
	if len(fails) > 0 {
		fmt.Fprintln(os.Stderr, "child: unit:", fails[0].Err)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rs := rollout.Apply(ctx, units, rollout.Config{ConfirmTimeout: crashConfirmTO, OnTxn: func(dev string, txn *providers.Txn) {
		if txn == nil {
			return
		}
		fmt.Printf("%s %s %s\n", crashMarker, dev, txn.ID)
		_, _ = io.Copy(io.Discard, os.Stdin) // until the parent kills us or goes away
		os.Exit(3)
	}})
	fmt.Fprintf(os.Stderr, "child: apply finished without a confirmed commit in flight: %s %v\n", rs[0].Status, rs[0].Err)
	return 4
}

func TestNETCONFKilledBetweenCommitAndConfirmReverts(t *testing.T) {
	clock := devicesim.NewManualClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	_, sim, units := campusSim(t, simfleet.Options{Clock: clock})
	u := units[unitIndex(t, units, faultyDevice)]
	dev := sim.Device(faultyDevice)
	before := dev.Running()

	txnID := runCrashChild(t, u)
	if !strings.HasPrefix(txnID, "switchyard-") {
		t.Errorf("txn id %q does not look like a switchyard persist-id", txnID)
	}
	// The device must notice the dead session before we can say that
	// losing it did not revert the change.
	waitFor(t, "the killed child's session to end", func() bool { return dev.SessionCount() == 0 })
	pushed := dev.Running()
	if bytes.Equal(before, pushed) || !bytes.Contains(pushed, []byte("desk 1.01")) {
		t.Fatalf("after the kill, running does not show the pushed change:\n%s", pushed)
	}
	if !dev.ConfirmedCommitPending() {
		t.Fatal("after the kill, no confirmed commit is pending: the change was either confirmed or lost")
	}
	if locks := dev.LockHolders(); len(locks) != 0 {
		t.Errorf("locks held after the kill: %v", locks)
	}

	clock.Advance(crashConfirmTO - time.Second)
	if !dev.ConfirmedCommitPending() || !bytes.Equal(pushed, dev.Running()) {
		t.Fatal("the device reverted before its confirm timeout ran out")
	}
	clock.Advance(2 * time.Second)
	if dev.ConfirmedCommitPending() {
		t.Fatal("a confirmed commit is still pending after its timeout")
	}
	if got := dev.Running(); !bytes.Equal(before, got) {
		t.Fatalf("after the confirm timeout, running is not the pre-apply configuration:\n%s\nwant:\n%s", got, before)
	}

	rs := rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: crashConfirmTO})
	if rs[0].Status != rollout.Applied {
		t.Fatalf("apply after the revert: status %s: %v", rs[0].Status, rs[0].Err)
	}
	assertConverged(t, sim, []rollout.Unit{u})
}

// runCrashChild re-executes the test binary as crashChild against u, waits
// for it to report its confirmed commit, SIGKILLs it and returns the txn id.
func runCrashChild(t *testing.T, u rollout.Unit) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+u.Name, crashAddrEnv+"="+u.Target.Address,
		crashKHEnv+"="+u.Target.KnownHostsFile, "SWITCHYARD_PASSWORD="+simPassword, "SWITCHYARD_TACACS_KEY=campus-tacacs-key", "SWITCHYARD_SNMP_COMMUNITY=campus-snmp-community")
	if u.Target.Profile != nil {
		cmd.Env = append(cmd.Env, crashReleaseEnv+"=1")
	}
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
	killed := false
	t.Cleanup(func() {
		if !killed {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
		_ = stdin.Close()
	})
	sc := bufio.NewScanner(stdout)
	var line string
	for sc.Scan() {
		if line = sc.Text(); strings.HasPrefix(line, crashMarker+" ") {
			break
		}
	}
	if !strings.HasPrefix(line, crashMarker+" ") {
		_ = cmd.Process.Kill()
		err := cmd.Wait()
		killed = true
		t.Fatalf("child ended without a confirmed commit in flight (%v); stderr:\n%s", err, stderr.String())
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no deferred cleanup runs in the child
		t.Fatal(err)
	}
	err = cmd.Wait()
	killed = true
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Exited() {
		t.Fatalf("child was not killed by a signal: %v; stderr:\n%s", err, stderr.String())
	}
	f := strings.Fields(line)
	if len(f) != 3 || f[1] != u.Name {
		t.Fatalf("child marker %q, want %q DEVICE TXN for %s", line, crashMarker, u.Name)
	}
	return f[2]
}

// waitFor polls cond, for a state the simulator reaches asynchronously
// (not for a timer: those run on the ManualClock).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 1000 {
		if cond() {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

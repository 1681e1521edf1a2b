package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/transport/netconf"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/models"
)

// TestSimSyntheticFleetPlanApply drives the commands a user runs against a
// synthetic simulated fleet: sim writes an intent file and known_hosts,
// plan and drift see changes (exit 2), drift --remediate converges, plan is
// then empty (exit 0); a hand change by --other-user alice is named by drift.
func TestSimSyntheticFleetPlanApply(t *testing.T) {
	dir := t.TempDir()
	inv, kh := filepath.Join(dir, "repo", "fleet.yaml"), filepath.Join(dir, "known_hosts")
	t.Setenv("SWITCHYARD_PASSWORD", "sim-test-password")
	t.Setenv("SWITCHYARD_STATE_DIR", filepath.Join(dir, "state"))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan int, 1)
	var simOut strings.Builder
	go func() {
		var errOut strings.Builder
		done <- run(ctx, []string{"sim", "--devices", "3", "--platform", "mixed", "--inventory-out", inv, "--known-hosts-out", kh,
			"--ca-out", filepath.Join(dir, "ca.pem"), "--other-user", "alice"}, &simOut, &errOut)
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("sim exit = %d", code)
		}
	})
	waitFor(t, func() bool { _, err := os.Stat(kh); return err == nil })

	repo := filepath.Dir(inv)
	args := []string{"--repo", repo, "--known-hosts", kh}
	if code, out, errOut := runCLI(t, append([]string{"plan"}, args...)...); code != exitChanges {
		t.Fatalf("first plan exit = %d, want 2\n%s\n%s", code, out, errOut)
	}
	// drift reports (exit 2) and changes nothing; --remediate puts the
	// devices back with confirmed commits.
	if code, out, errOut := runCLI(t, append([]string{"drift"}, args...)...); code != exitChanges {
		t.Fatalf("drift exit = %d, want 2\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, append([]string{"plan"}, args...)...); code != exitChanges {
		t.Fatalf("plan after drift exit = %d, want 2 (drift must not push)\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, append([]string{"drift", "--remediate", "--confirm-timeout", "1m"}, args...)...); code != exitOK || !strings.Contains(out, "applied") {
		t.Fatalf("drift --remediate exit = %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut := runCLI(t, append([]string{"plan"}, args...)...)
	if code != exitOK || !strings.Contains(out, "3 devices: 0 to change, 3 unchanged, 0 failed") {
		t.Fatalf("second plan exit = %d, want 0 and no changes\n%s\n%s", code, out, errOut)
	}
	// --other-user: alice logs in to the first (IOS-XE) device with the
	// same password and changes it; drift names her.
	b, err := os.ReadFile(inv)
	if err != nil {
		t.Fatal(err)
	}
	addr := regexp.MustCompile(`address: (127\.0\.0\.1:\d+)`).FindSubmatch(b)
	if addr == nil {
		t.Fatalf("no address in %s", b)
	}
	s, err := netconf.Dial(t.Context(), netconf.Config{Address: string(addr[1]), Username: "alice",
		Password: models.NewSecret("sim-test-password"), KnownHostsFile: kh, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const ns = "http://openconfig.net/yang/system"
	host := xmltree.New(ns, "system", xmltree.New(ns, "config", xmltree.NewLeaf(ns, "hostname", "alices")))
	if err := s.EditConfig(t.Context(), netconf.Candidate, []*xmltree.Element{host}, netconf.EditOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(t.Context(), netconf.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runCLI(t, append([]string{"drift"}, args...)...); code != exitChanges || !strings.Contains(out, "changed by: alice (session ") {
		t.Errorf("drift after alice's change: exit %d\n%s", code, out)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the simulator")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

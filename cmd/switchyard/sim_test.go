package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSimSyntheticFleetPlanApply drives the commands a user runs against a
// synthetic simulated fleet: sim writes an intent file and known_hosts,
// plan sees changes (exit 2), apply converges, plan is then empty (exit 0).
func TestSimSyntheticFleetPlanApply(t *testing.T) {
	dir := t.TempDir()
	inv, kh := filepath.Join(dir, "repo", "fleet.yaml"), filepath.Join(dir, "known_hosts")
	t.Setenv("SWITCHYARD_PASSWORD", "sim-test-password")
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan int, 1)
	var simOut strings.Builder
	go func() {
		var errOut strings.Builder
		done <- run(ctx, []string{"sim", "--devices", "3", "--platform", "mixed", "--inventory-out", inv, "--known-hosts-out", kh, "--ca-out", filepath.Join(dir, "ca.pem")}, &simOut, &errOut)
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
	if code, out, errOut := runCLI(t, append([]string{"apply", "--yes", "--confirm-timeout", "1m"}, args...)...); code != exitOK {
		t.Fatalf("apply exit = %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut := runCLI(t, append([]string{"plan"}, args...)...)
	if code != exitOK || !strings.Contains(out, "3 devices: 0 to change, 3 unchanged, 0 failed") {
		t.Fatalf("second plan exit = %d, want 0 and no changes\n%s\n%s", code, out, errOut)
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

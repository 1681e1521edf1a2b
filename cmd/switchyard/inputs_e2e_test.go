package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestE2EConfirmTimeoutCheckedBeforeContact(t *testing.T) {
	h := startCampus(t)
	factory := h.snapshot()
	for _, tc := range []struct{ timeout, want string }{
		{"0s", "--confirm-timeout 0s: must be positive"},
		{"-5s", "--confirm-timeout -5s: must be positive"},
		{"2000000h", "does not fit netconf-confirmed-commit, which takes whole seconds up to 4294967295 (uint32)"},
	} {
		code, _, errOut := h.run("apply", "--yes", "--confirm-timeout", tc.timeout)
		if code != exitFailure || !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, "nothing was pushed") {
			t.Errorf("apply --confirm-timeout %s: exit %d, stderr:\n%s", tc.timeout, code, errOut)
		}
	}
	h.assertUnchanged("refused confirm timeouts", factory)
	code, _, errOut := h.run("apply", "--yes", "--confirm-timeout", "90500ms")
	if code != exitOK || !strings.Contains(errOut, "notice: ams-core-1: confirm timeout 1m30.5s rounded up to 1m31s") ||
		!strings.Contains(errOut, "notice: ams-acc-1: confirm timeout 1m30.5s rounded up to 2m0s (cisco-ia rollback revert-timer counts whole minutes)") {
		t.Errorf("apply --confirm-timeout 90500ms: exit %d, stderr:\n%s", code, errOut)
	}
}

func TestE2EInterruptedPlanWritesNothing(t *testing.T) {
	h := startCampus(t)
	out := filepath.Join(t.TempDir(), "plan.json")
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // as a SIGINT before the devices answer
	var stdout, stderr syncBuffer
	code := run(ctx, []string{"plan", "--out", out, "--repo", h.repo, "--known-hosts", h.knownHosts, "--limit", selection}, &stdout, &stderr)
	if code != exitFailure || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("interrupted plan: exit %d, stderr:\n%s", code, stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("interrupted plan left %s (stat: %v)", out, err)
	}
}

// The IOS-XE devices' cisco-ia revert timer takes whole minutes up to 120:
// a longer confirm timeout is refused before any device is contacted.
func TestE2EConfirmTimeoutAgainstCiscoIALimits(t *testing.T) {
	h := startCampus(t)
	factory := h.snapshot()
	code, _, errOut := h.run("apply", "--yes", "--confirm-timeout", "121m")
	if code != exitFailure || !strings.Contains(errOut, "ams-acc-1: confirm timeout 2h1m0s does not fit cisco-ia-revert-timer, which takes whole minutes from 1 to 120") ||
		!strings.Contains(errOut, "nothing was pushed") {
		t.Errorf("apply --confirm-timeout 121m: exit %d, stderr:\n%s", code, errOut)
	}
	h.assertUnchanged("refused confirm timeout", factory)
}

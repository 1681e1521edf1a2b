package main

import (
	"strings"
	"testing"
)

// One gate: a revision with any error pushes nothing to any device, from
// any command, even when --limit leaves the broken device out (--limit
// narrows what is contacted, not what must be valid). The broken device
// here is fra-core-1, outside the harness's Amsterdam selection, and its
// error is one only rendering for its release finds (a user SSH key, which
// IOS-XR 26.2.1 deviates out of OpenConfig and has no native model for),
// at its YAML line.
func TestE2EGateRefusesTheWholeRevision(t *testing.T) {
	h := startCampus(t)
	factory := h.snapshot()
	h.editRepo("devices/fra.yaml", "      hostname: fra-core-1\n", "      hostname: fra-core-1\n      users: [{name: netops, ssh_keys: [\""+testSSHKey+"\"]}]\n")
	want := `devices/fra.yaml:11:40: error: users[1].ssh_keys: iosxr 26.2.1 cannot take /system/aaa/authentication/users/user[username=netops]/config/ssh-key: not supported by iosxr 26.2.1`
	for _, args := range [][]string{
		{"plan"},
		{"apply", "--yes", "--confirm-timeout", "2m"},
		{"drift", "--remediate", "--confirm-timeout", "2m"},
	} {
		code, _, errOut := h.run(args...)
		if code != exitFailure || !strings.Contains(errOut, want) || !strings.Contains(errOut, "nothing was changed") {
			t.Errorf("%s: exit %d, want 1 with %q and \"nothing was changed\"; stderr:\n%s", args[0], code, want, errOut)
		}
	}
	h.assertUnchanged("an invalid revision", factory)
}

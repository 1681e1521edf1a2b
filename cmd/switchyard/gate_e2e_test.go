package main

import (
	"strings"
	"testing"
)

// One gate: a revision with any error pushes nothing to any device, from
// any command, even when --limit leaves the broken device out (--limit
// narrows what is contacted, not what must be valid). The broken device
// here is fra-acc-1, outside the harness's Amsterdam selection, and its
// error is one only rendering for its release finds (an interface mtu that
// IOS-XE 17.18.1 deviates away), at its YAML line.
func TestE2EGateRefusesTheWholeRevision(t *testing.T) {
	h := startCampus(t)
	factory := h.snapshot()
	h.editRepo("devices/fra.yaml", "          description: desk F1.01\n", "          description: desk F1.01\n          mtu: 9000\n")
	want := `devices/fra.yaml:93:16: error: interfaces[0].mtu: iosxe 17.18.1 cannot take /interfaces/interface[name=GigabitEthernet1/0/1]/config/mtu`
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

package main

import (
	"strings"
	"testing"
)

// One gate: a revision with any error pushes nothing to any device, from
// any command, even when --limit leaves the broken device out (--limit
// narrows what is contacted, not what must be valid). The broken device
// here is fra-core-1, outside the harness's Amsterdam selection, and its
// error is one only rendering for its release finds (an NTP source that
// IOS-XR 26.2.1 takes through its native model only, which switchyard
// pushes over NETCONF, not over the device's gNMI), at its YAML line.
func TestE2EGateRefusesTheWholeRevision(t *testing.T) {
	h := startCampus(t)
	factory := h.snapshot()
	h.editRepo("devices/fra.yaml", "      hostname: fra-core-1\n", "      hostname: fra-core-1\n      ntp: {source_interface: Loopback0}\n")
	want := `devices/fra.yaml:11:31: error: ntp.source_interface: iosxr over gnmi: this part goes through the release's native model (Cisco-IOS-XR-um-ntp-cfg:ntp)`
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

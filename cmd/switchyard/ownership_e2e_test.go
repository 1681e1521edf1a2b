package main

import (
	"strings"
	"testing"
	"time"

	"github.com/scrapli/scrapligo/driver/netconf"
	"github.com/scrapli/scrapligo/driver/options"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/diff"
)

// handSetTACACSKey sets the key of one TACACS+ server on a simulated
// NETCONF device the way an operator would by hand: its own NETCONF
// session (scrapligo, not switchyard's driver), edit-config on running.
func (h *campusE2E) handSetTACACSKey(device, server, key string) {
	h.t.Helper()
	d := h.sim.Device(device)
	drv, err := netconf.NewDriver("127.0.0.1", options.WithPort(d.Port()),
		options.WithAuthUsername("admin"), options.WithAuthPassword(canaryPassword),
		options.WithTransportType("standard"), options.WithSSHKnownHostsFile(h.knownHosts),
		options.WithTimeoutOps(10*time.Second))
	if err != nil {
		h.t.Fatal(err)
	}
	if err := drv.Open(); err != nil {
		h.t.Fatal(err)
	}
	defer drv.Close()
	edit := `<config><system xmlns="http://openconfig.net/yang/system"><aaa><server-groups><server-group>` +
		`<name>CAMPUS-TACACS</name><servers><server><address>` + server + `</address>` +
		`<tacacs><config><secret-key>` + key + `</secret-key></config></tacacs>` +
		`</server></servers></server-group></server-groups></aaa></system></config>`
	r, err := drv.EditConfig("running", edit)
	if err != nil || r.Failed != nil {
		h.t.Fatalf("hand edit of %s: %v %v\n%s", device, err, r.Failed, r.Result)
	}
}

// TestE2ESecretChangedOnDevice: a TACACS+ key changed by hand on a
// device after switchyard pushed it is drift ("secret changed on the
// device", exit 2) in drift and plan, naming the path and never a value;
// drift --remediate pushes the intent's key again and drift is clean.
func TestE2ESecretChangedOnDevice(t *testing.T) {
	h := startCampus(t)
	noTerminal(t)
	const handKey = "hand-set-key-canary-0d2c"
	if code, _, errOut := h.run("apply", "--yes"); code != exitOK {
		t.Fatalf("apply: exit %d\n%s", code, errOut)
	}
	if code, out, errOut := h.run("drift"); code != exitOK {
		t.Fatalf("drift after apply: exit %d\n%s\n%s", code, out, errOut)
	}
	h.handSetTACACSKey("ams-acc-1", "10.10.0.49", handKey)
	const path = "/system/aaa/server-groups/server-group[name=CAMPUS-TACACS]/servers/server[address=10.10.0.49]/tacacs/config/secret-key"
	for _, cmd := range []string{"drift", "plan"} {
		code, out, errOut := h.run(cmd)
		if code != exitChanges || !strings.Contains(out, diff.ReasonSecretChanged) || !strings.Contains(out, path) {
			t.Errorf("%s after the hand change: exit %d, want %d and %q at %s\n%s\n%s", cmd, code, exitChanges, diff.ReasonSecretChanged, path, out, errOut)
		}
		if n := strings.Count(out, diff.ReasonSecretChanged); n != 1 {
			t.Errorf("%s reports %d secrets changed, want 1 (ams-acc-1's first server)\n%s", cmd, n, out)
		}
	}
	if code, out, errOut := h.run("drift", "--remediate"); code != exitOK {
		t.Fatalf("drift --remediate: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := h.run("drift"); code != exitOK {
		t.Errorf("drift after remediation: exit %d\n%s\n%s", code, out, errOut)
	}
	running := string(h.sim.Device("ams-acc-1").Running())
	if strings.Contains(running, devicesim.Type7(handKey)) || !strings.Contains(running, devicesim.Type7(canaryTACACS)) {
		t.Errorf("after remediation ams-acc-1 does not hold the intent's key:\n%s", running)
	}
	for _, o := range h.outputs {
		if strings.Contains(o, handKey) || strings.Contains(o, devicesim.Type7(handKey)) {
			t.Errorf("an output shows the hand-set key or its stored form:\n%s", o)
		}
	}
}

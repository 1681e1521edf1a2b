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

// wingGroups are two groups that give the devices labelled wing=b a VLAN,
// an NTP server and an interface description (one group per platform,
// as interface names differ).
const wingGroups = `groups:
  - name: wing-b-xe
    priority: 60
    members:
      selector: wing = b, os = iosxe
    config:
      vlans:
        - {id: 60, name: WING-B}
      ntp:
        servers:
          - {address: 10.30.0.123}
      interfaces:
        - {name: GigabitEthernet1/0/2, description: wing B desk}
  - name: wing-b-ios
    priority: 60
    members:
      selector: wing = b, os = ios
    config:
      vlans:
        - {id: 60, name: WING-B}
      ntp:
        servers:
          - {address: 10.30.0.123}
      interfaces:
        - {name: FastEthernet0/1, description: wing B badge reader}
`

// TestE2EGroupLeave: a device whose label change takes it out of a group
// loses what the group gave it (a VLAN, an NTP server, an interface
// description), on an OpenConfig device over NETCONF and a classic IOS
// device over SSH CLI, through the commands and the state directory: the
// plan says what goes and why, apply removes it, each device's running
// configuration is what it was before it joined, and plan then has
// nothing to change.
func TestE2EGroupLeave(t *testing.T) {
	t.Setenv("SWITCHYARD_ENABLE_PASSWORD", canaryPassword)
	h := startCampus(t)
	noTerminal(t)
	writeFile(t, h.repo+"/groups/wings.yaml", wingGroups)
	// Their own descriptions make way for the group's.
	h.editRepo("devices/ams.yaml", "        - name: GigabitEthernet1/0/2\n          description: desk 1.02\n", "        - name: GigabitEthernet1/0/2\n")
	h.editRepo("devices/ams.yaml", "        - name: FastEthernet0/1\n          description: badge reader\n", "        - name: FastEthernet0/1\n")
	h.editRepo("devices/ams.yaml", "floor: \"1\", os: iosxe}", "floor: \"1\", os: iosxe, wing: a}")
	h.editRepo("devices/ams.yaml", "legacy: \"true\", os: ios}", "legacy: \"true\", os: ios, wing: a}")
	h.limits = []string{"wing in (a, b)"} // the two devices
	if code, _, errOut := h.run("apply", "--yes"); code != exitOK {
		t.Fatalf("apply outside the wing: exit %d\n%s", code, errOut)
	}
	outside := map[string]string{}
	for _, n := range []string{"ams-acc-1", "ams-closet-1"} {
		outside[n] = h.running(n)
	}

	h.editRepo("devices/ams.yaml", "os: iosxe, wing: a}", "os: iosxe, wing: b}")
	h.editRepo("devices/ams.yaml", "os: ios, wing: a}", "os: ios, wing: b}")
	if code, _, errOut := h.run("apply", "--yes"); code != exitOK {
		t.Fatalf("apply in the wing: exit %d\n%s", code, errOut)
	}
	for n, gave := range map[string][]string{
		"ams-acc-1":    {"<vlan-id>60</vlan-id>", "10.30.0.123", "wing B desk"},
		"ams-closet-1": {"vlan 60", "ntp server 10.30.0.123", "description wing B badge reader"},
	} {
		for _, g := range gave {
			if !strings.Contains(h.running(n), g) {
				t.Fatalf("%s did not get %q from its group", n, g)
			}
		}
	}

	// The label change: both leave the wing.
	h.editRepo("devices/ams.yaml", "os: iosxe, wing: b}", "os: iosxe, wing: a}")
	h.editRepo("devices/ams.yaml", "os: ios, wing: b}", "os: ios, wing: a}")
	code, out, errOut := h.run("plan")
	if code != exitChanges {
		t.Fatalf("plan after leaving: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"vlan-id=60", "10.30.0.123", "GigabitEthernet1/0/2]/config/description", "vlan 60", "ntp server 10.30.0.123", "description wing B badge reader"} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan does not remove %q:\n%s", want, out)
		}
	}
	t.Logf("plan after leaving:\n%s", out)
	if !strings.Contains(out, "no longer in intent, set by switchyard at") {
		t.Errorf("the plan does not say why:\n%s", out)
	}
	if code, _, errOut := h.run("apply", "--yes"); code != exitOK {
		t.Fatalf("apply after leaving: exit %d\n%s", code, errOut)
	}
	for n, before := range outside {
		if got := h.running(n); got != before {
			t.Errorf("%s after leaving the wing differs from before it joined:\n--- before\n%s\n--- now\n%s", n, before, got)
		}
	}
	if code, out, _ := h.run("plan"); code != exitOK {
		t.Errorf("plan after the leave: exit %d\n%s", code, out)
	}
}

// running returns the running configuration of a simulated device as it
// reports it.
func (h *campusE2E) running(name string) string {
	h.t.Helper()
	s, err := h.sim.Running(name)
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

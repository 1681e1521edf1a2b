package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/xmltree"
)

const (
	xrSNMPNS = "http://cisco.com/ns/yang/Cisco-IOS-XR-um-snmp-server-cfg"
	// handCommunity is a community alice adds on the router by hand.
	handCommunity = "alices-rw-community-3f9e"
	// rotatedSNMP is the community string after a rotation behind the
	// reference.
	rotatedSNMP = "canary-snmp-rotated-b61c"
)

// aliasRE matches the alias of a secret list key.
var aliasRE = regexp.MustCompile(`secret-[0-9a-f]{16}`)

// addCommunity adds community rw on an IOS-XR router as user, over
// NETCONF.
func (h *campusE2E) addCommunity(device, user, password, community string) {
	h.t.Helper()
	entry := xmltree.New(xrSNMPNS, "unencrypted-string", xmltree.NewLeaf(xrSNMPNS, "community-string", community),
		xmltree.New(xrSNMPNS, "rw"))
	h.netconfEdit(device, user, password,
		xmltree.New(xrSNMPNS, "snmp-server", xmltree.New(xrSNMPNS, "community", xmltree.New(xrSNMPNS, "unencrypted", entry))))
}

// TestE2ESNMPCommunitiesOverNativeModels: the campus gives its IOS-XR core
// and IOS-XE access switches an SNMP community (a secret reference) and a
// trap host, which go through the native models keyed by the community
// string. Through the commands: apply puts the real string on the devices
// while plans, drift and every output name it by its alias; a community
// added by hand on the router (communities are authoritative on the core)
// is drift under its own alias and removed by apply; a rotation behind
// the reference replaces the community and its trap host; dropping the
// communities from the intent removes them (switchyard set them).
func TestE2ESNMPCommunitiesOverNativeModels(t *testing.T) {
	h := startCampusWith(t, simfleet.Options{Users: map[string]string{"alice": alicePassword}})
	noTerminal(t)
	t.Cleanup(func() {
		for _, o := range h.outputs {
			for _, v := range []string{handCommunity, rotatedSNMP} {
				if strings.Contains(o, v) {
					t.Errorf("community %q appears in the output of %s", v, o)
				}
			}
		}
	})
	if code, _, errOut := h.run("apply", "--yes"); code != exitOK {
		t.Fatalf("apply: exit %d\n%s", code, errOut)
	}
	for _, n := range []string{"ams-core-1", "ams-acc-1"} {
		if got := strings.Count(h.running(n), canarySNMP); got < 2 {
			t.Errorf("%s holds the community string %d times, want the community and its trap host", n, got)
		}
	}
	if code, out, _ := h.run("plan"); code != exitOK {
		t.Fatalf("plan after apply: exit %d\n%s", code, out)
	}

	h.addCommunity("ams-core-1", "alice", alicePassword, handCommunity)
	code, out, errOut := h.run("drift", "--format", "json")
	if code != exitChanges {
		t.Fatalf("drift after alice's community: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "community/unencrypted/unencrypted-string[community-string=secret-") || !strings.Contains(out, `"changed_by": "alice"`) {
		t.Errorf("drift does not show alice's community under an alias:\n%s", out)
	}
	if code, _, errOut := h.run("apply", "--yes"); code != exitOK {
		t.Fatalf("apply removing alice's community: exit %d\n%s", code, errOut)
	}
	if strings.Contains(h.running("ams-core-1"), handCommunity) {
		t.Error("the community added by hand survived apply, though communities are authoritative on the core")
	}

	t.Setenv("SWITCHYARD_SNMP_COMMUNITY", rotatedSNMP)
	code, out, _ = h.run("plan")
	if code != exitChanges {
		t.Fatalf("plan after the rotation: exit %d\n%s", code, out)
	}
	if n := len(aliasRE.FindAllString(out, -1)); n < 4 {
		t.Errorf("the rotation plan names %d aliases, want the old and the new community and trap host:\n%s", n, out)
	}
	if code, _, errOut := h.run("apply", "--yes"); code != exitOK {
		t.Fatalf("apply after the rotation: exit %d\n%s", code, errOut)
	}
	for _, n := range []string{"ams-core-1", "ams-acc-1"} {
		run := h.running(n)
		if strings.Contains(run, canarySNMP) || strings.Count(run, rotatedSNMP) < 2 {
			t.Errorf("%s after the rotation: old string kept %v, new one %d times", n, strings.Contains(run, canarySNMP), strings.Count(run, rotatedSNMP))
		}
	}

	h.editRepo("groups/routing.yaml", "          - {name: monitoring, secret: {env: SWITCHYARD_SNMP_COMMUNITY}, access: ro, acl: MGMT-IN}\n        hosts:\n          - {address: 10.10.0.50, version: 2c, community: monitoring}\n", "")
	h.editRepo("groups/routing.yaml", "        communities:\n", "")
	h.editRepo("groups/campus.yaml", "        communities:\n          - {name: monitoring, secret: {env: SWITCHYARD_SNMP_COMMUNITY}}\n        hosts:\n          - {address: 10.10.0.50, community: monitoring}\n", "")
	if code, _, errOut := h.run("apply", "--yes"); code != exitOK {
		t.Fatalf("apply without communities: exit %d\n%s", code, errOut)
	}
	for _, n := range []string{"ams-core-1", "ams-acc-1"} {
		if run := h.running(n); strings.Contains(run, rotatedSNMP) {
			t.Errorf("%s keeps the community switchyard set after the intent dropped it", n)
		}
	}
	if code, out, _ := h.run("plan"); code != exitOK {
		t.Errorf("plan at the end: exit %d\n%s", code, out)
	}
}

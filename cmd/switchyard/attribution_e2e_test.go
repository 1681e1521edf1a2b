package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/transport/netconf"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/models"
)

const alicePassword = "alice-password-0b7e"

// handEdit changes the hostname of a simulated NETCONF device as user
// over NETCONF (see netconfEdit).
func (h *campusE2E) handEdit(device, user, password, hostname string) {
	h.t.Helper()
	const ns = "http://openconfig.net/yang/system"
	h.netconfEdit(device, user, password, xmltree.New(ns, "system", xmltree.New(ns, "config", xmltree.NewLeaf(ns, "hostname", hostname))))
}

// netconfEdit merges cfg into a simulated NETCONF device as user, with
// the production transport: edit the candidate and commit (as a person on
// the device would through a NETCONF client).
func (h *campusE2E) netconfEdit(device, user, password string, cfg *xmltree.Element) {
	h.t.Helper()
	s, err := netconf.Dial(h.t.Context(), netconf.Config{Address: h.sim.Addr(device), Username: user,
		Password: models.NewSecret(password), KnownHostsFile: h.knownHosts, Timeout: 10 * time.Second})
	if err != nil {
		h.t.Fatal(err)
	}
	defer s.Close()
	if err := s.EditConfig(h.t.Context(), netconf.Candidate, []*xmltree.Element{cfg}, netconf.EditOptions{}); err != nil {
		h.t.Fatalf("%s edits %s: %v", user, device, err)
	}
	if err := s.Commit(h.t.Context(), netconf.CommitOptions{}); err != nil {
		h.t.Fatalf("%s commits on %s: %v", user, device, err)
	}
}

// TestE2EDriftNamesWhoChangedTheDevice: after switchyard applied the intent,
// alice changes three devices by hand over NETCONF. drift names alice and a
// time where the release records it (IOS-XE replays its RFC 6470
// netconf-config-change notifications, IOS-XR keeps a commit list) and says
// "unknown" where it does not (NX-OS 10.6(3) over NETCONF advertises no
// ietf-netconf-notifications); never the Git author; switchyard's own push
// is not taken for the hand change.
func TestE2EDriftNamesWhoChangedTheDevice(t *testing.T) {
	h := startCampusWith(t, simfleet.Options{Users: map[string]string{"alice": alicePassword}})
	noTerminal(t)
	if code, _, errOut := h.run("apply", "--yes"); code != exitOK {
		t.Fatalf("apply: exit %d; stderr:\n%s", code, errOut)
	}
	if code, out, errOut := h.run("drift", "--format", "json"); code != exitOK {
		t.Fatalf("drift right after apply: exit %d, want 0 (switchyard's own push is no drift)\n%s\n%s", code, out, errOut)
	}
	before := time.Now().Add(-time.Second)
	want := map[string]string{"ams-acc-1": "alice", "ams-core-1": "alice", "ams-dist-1": "unknown"}
	for dev := range want {
		h.handEdit(dev, "alice", alicePassword, "changed-by-alice")
	}
	code, out, errOut := h.run("drift", "--format", "json")
	if code != exitChanges {
		t.Fatalf("drift: exit %d, want %d; stderr:\n%s", code, exitChanges, errOut)
	}
	var p plan.Plan
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	got := map[string]plan.DevicePlan{}
	for _, d := range p.Devices {
		got[d.Name] = d
	}
	for dev, who := range want {
		d := got[dev]
		if d.ChangedBy != who {
			t.Errorf("%s: changed_by %q, want %q (attribution %+v)", dev, d.ChangedBy, who, d.Attribution)
			continue
		}
		if who == "unknown" {
			if !d.ChangedAt.IsZero() || d.Attribution != nil {
				t.Errorf("%s: the device does not say, yet changed_at %v, attribution %+v", dev, d.ChangedAt, d.Attribution)
			}
			continue
		}
		if d.ChangedAt.Before(before.Truncate(time.Second)) || d.ChangedAt.After(time.Now()) {
			t.Errorf("%s: changed_at %v, want the time of alice's commit (after %v)", dev, d.ChangedAt, before)
		}
	}
	if a := got["ams-acc-1"].Attribution; a == nil || a.Source != "netconf-config-change" || a.Session == "" || a.Host != "127.0.0.1" {
		t.Errorf("ams-acc-1: attribution %+v, want the notification's session and source host", a)
	}
	if a := got["ams-core-1"].Attribution; a == nil || a.Source != "commit list" || !strings.HasPrefix(a.Commit, "10000") {
		t.Errorf("ams-core-1: attribution %+v, want the commit list's commit id", a)
	}
	code, text, _ := h.run("drift")
	if code != exitChanges || !strings.Contains(text, "changed by: alice (session ") ||
		!strings.Contains(text, "changed by: unknown (the device does not say)") {
		t.Errorf("drift text does not name who changed the devices:\n%s", text)
	}
	code, hist, _ := runCLI(t, "history", "--format", "json")
	if code != exitOK || !strings.Contains(hist, `"changed_by":"alice"`) || !strings.Contains(hist, `"changed_by":"unknown"`) {
		t.Errorf("history has no drift records naming alice and unknown (exit %d):\n%s", code, hist)
	}
	if code, table, _ := runCLI(t, "history"); code != exitOK || !strings.Contains(table, "changed by alice (session ") {
		t.Errorf("history table does not say who changed the devices (exit %d):\n%s", code, table)
	}
}

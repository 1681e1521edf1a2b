package fleet

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
)

// An SNMPv3 user of an IOS-XR 26.2.1 device goes to the unified SNMP
// model over NETCONF (ams-core-1) and gNMI (fra-core-1): its keys are
// planned without their values, pushed in clear-text form, kept by the
// release simulator encrypted (type 7) as IOS-XR keeps them, and the next
// plan is empty; a new value behind a reference is planned as a rotation,
// pushed, and the plan after it is empty again.
func TestSNMPUsersXRApplyThenPlanEmpty(t *testing.T) {
	for _, dev := range []string{"ams-core-1", "fra-core-1"} {
		t.Run(dev, func(t *testing.T) { snmpUsersRoundTrip(t, dev) })
	}
}

func snmpUsersRoundTrip(t *testing.T, name string) {
	h := startReleaseOwnership(t)
	const users = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/users/user[user-name=monitor]/v3"
	authPath, privPath := users+"/auth/sha/encryption-default", users+"/priv/aes/aes-128/encryption-default"
	const group = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/groups/group[group-name=NOC]/v3/priv"
	const v3Host = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/hosts/host[address=10.10.0.60]/traps/unencrypted/unencrypted-string[community-string=monitor]/version/v3/security-level"
	h.env["SNMP_MON_AUTH"], h.env["SNMP_MON_PRIV"] = "snmp-auth-canary-71aa", "snmp-priv-canary-52bb"
	d := h.device(name, func(c *models.Config) {
		s := models.SNMP{}
		if c.SNMP != nil {
			s = *c.SNMP
		}
		s.Users = []models.SNMPUser{{Name: "monitor", Group: "NOC",
			Auth: &models.SecretRef{Env: "SNMP_MON_AUTH"}, Priv: &models.SecretRef{Env: "SNMP_MON_PRIV"}}}
		s.Hosts = append(s.Hosts, models.SNMPHost{Address: "10.10.0.60", Version: "3", User: "monitor"})
		c.SNMP = &s
	})
	round := func(rev, reason string) {
		t.Helper()
		p := h.plan(d)
		if p.Err != nil {
			t.Fatalf("plan: %v", p.Err)
		}
		for _, path := range []string{authPath, privPath} {
			if !hasChange(p.Changes, path, reason) {
				t.Errorf("plan %+v lacks the %q change at %s", p.Changes, reason, path)
			}
		}
		if reason == diff.ReasonSecretAbsent && !hasChange(p.Changes, group, "") {
			t.Errorf("plan %+v does not declare the group (%s)", p.Changes, group)
		}
		// The version 3 trap host is keyed by its user, in clear: the name
		// is in the intent, not a secret.
		if reason == diff.ReasonSecretAbsent && !hasChange(p.Changes, v3Host, "") {
			t.Errorf("plan %+v does not add the version 3 trap host (%s)", p.Changes, v3Host)
		}
		h.noSecretInPlan(d, p, h.env["SNMP_MON_AUTH"], h.env["SNMP_MON_PRIV"])
		if r := h.apply(rev, d); r.Status != rollout.Applied {
			t.Fatalf("apply: %s %v", r.Status, r.Err)
		}
		run := h.runningWithNative(name)
		for _, v := range []string{h.env["SNMP_MON_AUTH"], h.env["SNMP_MON_PRIV"]} {
			if strings.Contains(run, v) || !strings.Contains(run, devicesim.Type7(v)) {
				t.Errorf("the device does not hold the key %q in its encrypted form %s:\n%s", v, devicesim.Type7(v), run)
			}
		}
		if !strings.Contains(run, "<priv/>") && !strings.Contains(run, `"priv":{}`) {
			t.Errorf("the device lacks the user's group at level priv:\n%s", run)
		}
		if p := h.plan(d); p.Err != nil || len(p.Changes) != 0 {
			t.Errorf("plan after apply: %+v (err %v), want none", p.Changes, p.Err)
		}
	}
	round("rev-a", diff.ReasonSecretAbsent)
	h.env["SNMP_MON_AUTH"], h.env["SNMP_MON_PRIV"] = "snmp-auth-rotated-0c1d", "snmp-priv-rotated-9f8e"
	round("rev-b", diff.ReasonSecretRotated)

	// Someone sets another authentication key on the device (outside
	// switchyard: the state does not record it). The plan reports the key
	// changed on the device, by its stored form, and apply sets it back.
	kept := h.env["SNMP_MON_AUTH"]
	h.env["SNMP_MON_AUTH"] = "snmp-auth-by-hand-77e0"
	u, err := h.unit(d)
	if err != nil {
		t.Fatal(err)
	}
	if r := rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: time.Minute})[0]; r.Status != rollout.Applied {
		t.Fatalf("hand change: %s %v", r.Status, r.Err)
	}
	h.env["SNMP_MON_AUTH"] = kept
	p := h.plan(d)
	if changed := changesWith(p.Changes, diff.ReasonSecretChanged); len(changed) != 1 || changed[0] != authPath {
		t.Fatalf("plan after the hand change: %+v (err %v), want the key at %s changed on the device", p.Changes, p.Err, authPath)
	}
	h.noSecretInPlan(d, p, kept, "snmp-auth-by-hand-77e0", devicesim.Type7("snmp-auth-by-hand-77e0"))
	if r := h.apply("rev-b", d); r.Status != rollout.Applied {
		t.Fatalf("apply after the hand change: %s %v", r.Status, r.Err)
	}
	if run := h.runningWithNative(name); !strings.Contains(run, devicesim.Type7(kept)) {
		t.Errorf("the device does not hold the intent's key again:\n%s", run)
	}
	if p := h.plan(d); p.Err != nil || len(p.Changes) != 0 {
		t.Errorf("plan after the re-push: %+v (err %v), want none", p.Changes, p.Err)
	}
	snmpUserProtocolChange(t, h, name, kept)

	db, err := os.ReadFile(filepath.Join(h.dir, state.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{kept, h.env["SNMP_MON_PRIV"], "snmp-auth-canary-71aa", devicesim.Type7(kept), devicesim.Type7(h.env["SNMP_MON_PRIV"])} {
		if strings.Contains(string(db), v) {
			t.Errorf("the state database holds %q (a key or its device form)", v)
		}
	}
}

func hasChange(cs []diff.Change, path, reason string) bool {
	for _, c := range cs {
		if c.Path == path && c.Reason == reason {
			return true
		}
	}
	return false
}

// noSecretInPlan renders p's changes as a plan in text and JSON and
// fails when either shows one of values.
func (h *ownHarness) noSecretInPlan(d *inventory.Device, p rollout.Result, values ...string) {
	h.t.Helper()
	u, err := h.unit(d)
	if err != nil {
		h.t.Fatal(err)
	}
	pl := plan.New("rev", time.Now(), plan.DevicePlan{Name: d.Name, Platform: d.Platform,
		Changes: p.Changes, Secrets: u.Desired.Secrets})
	var text, js bytes.Buffer
	if err := plan.Text(&text, pl, false); err != nil {
		h.t.Fatal(err)
	}
	if err := plan.JSON(&js, pl); err != nil {
		h.t.Fatal(err)
	}
	for _, v := range values {
		if strings.Contains(text.String(), v) || strings.Contains(js.String(), v) {
			h.t.Errorf("the plan shows the secret value %q:\n%s\n%s", v, text.String(), js.String())
		}
	}
	if !strings.Contains(text.String(), "/encryption-default (secret") {
		h.t.Errorf("the plan text does not show the key's change:\n%s", text.String())
	}
}

// runningWithNative returns the running configuration of the simulated
// device called name with its native subtrees (a gNMI target keeps them
// apart).
func (h *ownHarness) runningWithNative(name string) string {
	h.t.Helper()
	run := h.running(name)
	if native, err := h.sim.RunningNative(name); err == nil {
		b, err := json.Marshal(native)
		if err != nil {
			h.t.Fatal(err)
		}
		run += "\n" + string(b)
	}
	return run
}

// snmpUserProtocolChange moves user monitor of device name to md5 without
// a privacy key: the plan deletes the sha key and the privacy keys, sets
// the md5 key and puts the group NOC at level auth; after apply the
// device holds only the md5 key and the next plan is empty.
func snmpUserProtocolChange(t *testing.T, h *ownHarness, name, key string) {
	t.Helper()
	const x = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server"
	const user = x + "/users/user[user-name=monitor]/v3"
	d := h.device(name, func(c *models.Config) {
		s := models.SNMP{}
		if c.SNMP != nil {
			s = *c.SNMP
		}
		s.Users = []models.SNMPUser{{Name: "monitor", Group: "NOC", AuthProtocol: "md5", Auth: &models.SecretRef{Env: "SNMP_MON_AUTH"}}}
		c.SNMP = &s
	})
	p := h.plan(d)
	var got []string
	for _, c := range p.Changes {
		got = append(got, string(c.Op)+" "+c.Path+" "+c.Reason)
	}
	want := []string{
		"delete " + user + "/auth/sha ",
		"delete " + user + "/priv ",
		"create " + user + "/auth/md5/encryption-default " + diff.ReasonSecretAbsent,
		"create " + x + "/groups/group[group-name=NOC]/v3/auth ",
		"delete " + x + "/groups/group[group-name=NOC]/v3/priv ",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("plan of the protocol change lacks %q:\n%s", w, strings.Join(got, "\n"))
		}
	}
	h.noSecretInPlan(d, p, key, devicesim.Type7(key))
	if r := h.apply("rev-c", d); r.Status != rollout.Applied {
		t.Fatalf("apply of the protocol change: %s %v", r.Status, r.Err)
	}
	run := h.runningWithNative(name)
	if !strings.Contains(run, devicesim.Type7(key)) || strings.Contains(run, "sha") || strings.Contains(run, "aes-128") {
		t.Errorf("after the protocol change the device holds:\n%s", run)
	}
	if p := h.plan(d); p.Err != nil || len(p.Changes) != 0 {
		t.Errorf("plan after the protocol change: %+v (err %v), want none", p.Changes, p.Err)
	}
}

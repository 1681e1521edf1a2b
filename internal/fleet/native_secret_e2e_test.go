package fleet

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/models"
)

// A native.yang leaf whose value is a secret reference (an IOS-XE user's
// secret) is planned without its value, pushed over NETCONF to the
// release simulator, which holds it, and the next plan is empty; a new
// value behind the reference is planned as a rotation and pushed too; a
// value set on the device by someone else is planned as changed on the
// device and pushed again.
func TestNativeYANGSecretApplyThenPlanEmpty(t *testing.T) {
	h := startReleaseOwnership(t)
	const first, second = "native-canary-51c0de", "native-canary-rotated-9e2b"
	const path = "/Cisco-IOS-XE-native:native/username[name=ops]/secret/secret"
	h.env["NATIVE_OPS_SECRET"] = first
	d := h.device("ams-acc-1", func(c *models.Config) {
		c.Native = &models.Native{YANG: []map[string]any{{"Cisco-IOS-XE-native:native": map[string]any{
			"username": []any{map[string]any{"name": "ops", "privilege": float64(15),
				"secret": map[string]any{"encryption": "0", "secret": map[string]any{"env": "NATIVE_OPS_SECRET"}}}}}}}}
	})
	planOK := func(rev, value, reason string) {
		t.Helper()
		p := h.plan(d)
		if p.Err != nil {
			t.Fatalf("plan: %v", p.Err)
		}
		found := false
		for _, c := range p.Changes {
			found = found || (c.Path == path && c.Reason == reason)
		}
		if !found {
			t.Errorf("plan %+v lacks the %q change at %s", p.Changes, reason, path)
		}
		u, err := h.unit(d)
		if err != nil {
			t.Fatal(err)
		}
		js, err := json.Marshal(plan.Redact(p.Changes, u.Desired.Secrets))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(js), value) {
			t.Errorf("the plan shows the secret value: %s", js)
		}
		if r := h.apply(rev, d); r.Status != rollout.Applied {
			t.Fatalf("apply: %s %v", r.Status, r.Err)
		}
		if run := h.running("ams-acc-1"); !strings.Contains(run, "<secret>"+value+"</secret>") {
			t.Errorf("the device does not hold the pushed secret:\n%s", run)
		}
		if p := h.plan(d); p.Err != nil || len(p.Changes) != 0 {
			t.Errorf("plan after apply: %+v (err %v), want none", p.Changes, p.Err)
		}
	}
	planOK("rev-a", first, diff.ReasonSecretAbsent)
	h.env["NATIVE_OPS_SECRET"] = second
	planOK("rev-b", second, diff.ReasonSecretRotated)

	// Someone sets another secret on the device (pushed outside the
	// state): the leaf shows another value, which plan reports as changed
	// on the device (its form is fingerprinted, never kept), and apply
	// puts the intent's secret back.
	h.env["NATIVE_OPS_SECRET"] = "hand-set-native-7c2d"
	u, err := h.unit(d)
	if err != nil {
		t.Fatal(err)
	}
	if r := rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: time.Minute})[0]; r.Status != rollout.Applied {
		t.Fatalf("hand change: %s %v", r.Status, r.Err)
	}
	h.env["NATIVE_OPS_SECRET"] = second
	planOK("rev-c", second, diff.ReasonSecretChanged)
	db, err := os.ReadFile(filepath.Join(h.dir, state.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(db), first) || strings.Contains(string(db), second) {
		i := strings.Index(string(db), first)
		if i < 0 {
			i = strings.Index(string(db), second)
		}
		t.Errorf("the state database holds a secret value: %q", db[max(0, i-300):i+40])
	}
}

// startReleaseOwnership is startOwnership with the campus devices'
// releases selected (their profiles, so native.yang is checked and the
// simulators are the releases).
func startReleaseOwnership(t *testing.T) *ownHarness {
	t.Helper()
	reg := registry(t)
	inv, ds := Load("../../examples/campus", reg)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sim, kh, ca := startSim(t, inv, reg, simfleet.Options{})
	h := &ownHarness{t: t, inv: inv, reg: reg, sim: sim, dir: filepath.Join(t.TempDir(), "state"), env: campusSecrets()}
	h.opts = simOptions(kh, ca, h.env)
	h.open()
	return h
}

package fleet

import (
	"reflect"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/inventory"
)

// planApplyConverge plans units and checks that each device's plan sets
// the paths of want[device] to their values, on the native route (each,
// when not nil, checks more of a device's plan); then applies them and
// checks that the next plan is empty.
func planApplyConverge(t *testing.T, units []rollout.Unit, want map[string]map[string]any, each func(rollout.Result)) {
	t.Helper()
	for _, r := range rollout.Observe(t.Context(), units, rollout.Config{}) {
		if r.Err != nil {
			t.Fatalf("%s: plan: %v", r.Device, r.Err)
		}
		got := map[string]any{}
		for _, c := range r.Changes {
			got[c.Path] = c.After
		}
		for p, v := range want[r.Device] {
			if g, ok := got[p]; !ok || !reflect.DeepEqual(g, v) {
				t.Errorf("%s: plan sets %s to %#v, want %#v\nplan: %v", r.Device, p, got[p], v, got)
			}
			if diff.Route(p) != diff.RouteNative {
				t.Errorf("%s: %s is not on the native route", r.Device, p)
			}
		}
		if each != nil {
			each(r)
		}
	}
	for _, r := range rollout.Apply(t.Context(), units, rollout.Config{ConfirmTimeout: 2 * time.Minute}) {
		if r.Status != rollout.Applied || r.Err != nil {
			t.Fatalf("%s: apply %s: %v", r.Device, r.Status, r.Err)
		}
	}
	for _, r := range rollout.Observe(t.Context(), units, rollout.Config{}) {
		if r.Status != rollout.InSync {
			t.Errorf("%s: plan after apply %s (%v): %+v", r.Device, r.Status, r.Err, r.Changes)
		}
	}
}

// applyThenDrop applies before (as rev-a) and checks the device with
// applied; then plans after, which must delete each entry of deletes
// (and change nothing inside them), applies it (rev-b), checks the device
// with dropped, and checks that the next plan is empty. applied and
// dropped return what is wrong with the running configuration, "" if
// nothing.
func (h *ownHarness) applyThenDrop(before, after *inventory.Device, deletes []string, applied, dropped func(run string) string) {
	t := h.t
	t.Helper()
	if r := h.apply("rev-a", before); r.Status != rollout.Applied {
		t.Fatalf("apply: %s %v", r.Status, r.Err)
	}
	if why := applied(h.running(before.Name)); why != "" {
		t.Fatalf("after the first apply: %s", why)
	}
	p := h.plan(after)
	if p.Err != nil {
		t.Fatal(p.Err)
	}
	deleted := map[string]bool{}
	for _, c := range p.Changes {
		if c.Op == diff.Delete {
			deleted[c.Path] = true
		}
	}
	for _, want := range deletes {
		if !deleted[want] {
			t.Errorf("the plan does not delete %s: %+v", want, p.Changes)
		}
	}
	for _, c := range p.Changes {
		for d := range deleted {
			if diff.IsBelow(c.Path, d) {
				t.Errorf("the plan changes %s inside the entry it deletes", c.Path)
			}
		}
	}
	if r := h.apply("rev-b", after); r.Status != rollout.Applied {
		t.Fatalf("apply: %s %v", r.Status, r.Err)
	}
	if why := dropped(h.running(after.Name)); why != "" {
		t.Errorf("after the second apply: %s", why)
	}
	if p := h.plan(after); p.Err != nil || len(p.Changes) != 0 {
		t.Errorf("plan after apply: %+v (err %v), want none", p.Changes, p.Err)
	}
}

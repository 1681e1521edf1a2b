package fleet

import (
	"reflect"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/rollout"
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

package ios_test

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers/ios"
)

// TestApplyCampus renders the example repository's classic IOS closets and
// applies them to simulated switches that start from a factory
// configuration.
func TestApplyCampus(t *testing.T) {
	inv, ds := inventory.LoadAndResolve("../../examples/campus", inventory.ResolveOptions{})
	if ds.HasErrors() {
		t.Fatalf("load examples/campus: %v", ds.Err())
	}
	for _, name := range []string{"ams-closet-1", "fra-closet-1"} {
		t.Run(name, func(t *testing.T) {
			dev := inv.Device(name)
			if dev == nil {
				t.Fatalf("device %s not in examples/campus", name)
			}
			d, _ := startSim(t, factory)
			u := unit(t, d, dev.Intent, ios.New(ios.WithSecrets(secrets())))
			r := apply(t, u)
			if r.Status != rollout.Applied || r.Err != nil {
				t.Fatalf("apply: status %s, err %v", r.Status, r.Err)
			}
			if !strings.Contains(d.Running(), "hostname "+name+"\n") {
				t.Errorf("hostname not applied")
			}
			if again := observe(t, u); again.Status != rollout.InSync {
				t.Errorf("second plan: status %s, err %v, changes %+v", again.Status, again.Err, again.Changes)
			}
		})
	}
}

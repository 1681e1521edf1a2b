package nxos_test

import (
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/devicesim/nxapisim"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/transport/nxapi"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/nxos"
)

// TestDriftNamesWhoChangedTheNexus: carol changes the switch over NX-API
// after switchyard (admin) applied the intent; the drift names carol, her
// session and the time from show accounting log; switchyard's own
// commands, and carol's before the last push, are not the answer.
func TestDriftNamesWhoChangedTheNexus(t *testing.T) {
	clock := devicesim.NewManualClock(time.Date(2026, 3, 9, 8, 0, 0, 0, time.UTC))
	dev, err := nxapisim.Start(t.Context(), nxapisim.Config{Name: "nx-1", Username: "admin", Password: "pw",
		Users: map[string]string{"carol": "carol-pw"}, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = dev.Close() })
	drv := nxos.New(nxos.WithCA(func(providers.Target) ([]byte, error) { return dev.CAPEM(), nil }),
		nxos.WithSecretSource(fakeSecrets()))
	desired, err := drv.Render(rich())
	if err != nil {
		t.Fatal(err)
	}
	u := rollout.Unit{Name: "nx-1", Desired: desired, Driver: drv, Target: providers.Target{Name: "nx-1", Platform: "nxos",
		Transport: "nxapi", Address: dev.Addr(), Username: "admin", Password: models.NewSecret("pw"), Timeout: 10 * time.Second}}
	carol := func(cmd string) {
		c, err := nxapi.New(nxapi.Config{Address: dev.Addr(), Username: "carol", Password: models.NewSecret("carol-pw"), CAPEM: dev.CAPEM()})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if err := c.Config(t.Context(), nxapi.Lines(cmd)); err != nil {
			t.Fatal(err)
		}
	}
	carol("hostname carol-was-early")
	clock.Advance(time.Minute)
	if r := rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: time.Minute})[0]; r.Status != rollout.Applied {
		t.Fatalf("apply: %s %v", r.Status, r.Err)
	}
	pushed := clock.Now()
	since := func(string) (time.Time, bool) { return pushed, true }
	if r := rollout.Observe(t.Context(), []rollout.Unit{u}, rollout.Config{AttributeSince: since})[0]; r.Status != rollout.InSync {
		t.Fatalf("after apply: %s %+v", r.Status, r.Changes)
	}
	clock.Advance(5 * time.Minute)
	carol("hostname carols-nexus")
	r := rollout.Observe(t.Context(), []rollout.Unit{u}, rollout.Config{AttributeSince: since})[0]
	a := r.ChangedBy
	if r.Status != rollout.Changes || a == nil {
		t.Fatalf("after carol's change: %s, changed by %+v (err %v)", r.Status, a, r.Err)
	}
	if a.User != "carol" || !a.At.Equal(pushed.Add(5*time.Minute)) || a.Host != "127.0.0.1" || a.Source != "accounting log" {
		t.Errorf("changed by %+v, want carol from 127.0.0.1 at %v from the accounting log", a, pushed.Add(5*time.Minute))
	}
	later := func(string) (time.Time, bool) { return pushed.Add(10 * time.Minute), true }
	if r := rollout.Observe(t.Context(), []rollout.Unit{u}, rollout.Config{AttributeSince: later})[0]; r.ChangedBy != nil {
		t.Errorf("no change after since, yet changed by %+v", r.ChangedBy)
	}
}

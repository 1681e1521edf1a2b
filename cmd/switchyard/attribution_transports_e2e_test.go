package main

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/transport/cli"
	"github.com/switchyard/switchyard/internal/transport/gnmi"
	"github.com/switchyard/switchyard/internal/transport/nxapi"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
)

// TestE2EDriftNamesWhoChangedEveryTransport: the campus's classic IOS
// closet (SSH CLI), its NX-API distribution switch and its gNMI IOS-XR
// core are changed by hand, each by another person, after switchyard
// applied the intent: bob over SSH, carol over NX-API, alice over gNMI.
// switchyard drift names each one and the time the device gives.
func TestE2EDriftNamesWhoChangedEveryTransport(t *testing.T) {
	devices := []string{"ams-closet-1", "fra-dist-1", "fra-core-1"}
	users := map[string]string{"alice": "alice-pw-7", "bob": "bob-pw-7", "carol": "carol-pw-7"}
	t.Setenv("SWITCHYARD_ENABLE_PASSWORD", canaryPassword)
	picked := func(d *inventory.Device) bool { return slices.Contains(devices, d.Name) }
	h := startCampusSim(t, simfleet.Options{Users: users}, picked, devices...)
	if code, out, errOut := h.run("apply", "--yes"); code != exitOK {
		t.Fatalf("apply: exit %d\n%s\n%s", code, out, errOut)
	}
	before := time.Now().Add(-time.Second).Truncate(time.Second)

	sshAs(t, h.sim.Addr("ams-closet-1"), h.knownHosts, "bob", users["bob"], "hostname bobs-closet")
	nx, err := nxapi.New(nxapi.Config{Address: h.sim.Addr("fra-dist-1"), Username: "carol", Password: models.NewSecret(users["carol"]), CAFile: h.caFile})
	if err != nil {
		t.Fatal(err)
	}
	defer nx.Close()
	if err := nx.Config(t.Context(), nxapi.Lines("hostname carols-nexus")); err != nil {
		t.Fatal(err)
	}
	g, err := gnmi.Dial(t.Context(), gnmi.Config{Address: h.sim.Addr("fra-core-1"), Username: "alice", Password: models.NewSecret(users["alice"]), CAFile: h.caFile})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if err := g.Set(t.Context(), gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/system/config/hostname", Value: "alices-core"}}}); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := h.run("drift", "--format", "json")
	if code != exitChanges {
		t.Fatalf("drift: exit %d, want %d\n%s", code, exitChanges, errOut)
	}
	var p plan.Plan
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"ams-closet-1": "bob", "fra-dist-1": "carol", "fra-core-1": "alice"}
	for _, d := range p.Devices {
		if d.ChangedBy != want[d.Name] || d.ChangedAt.Before(before) || d.ChangedAt.After(time.Now()) || d.Attribution == nil {
			t.Errorf("%s: changed by %q at %v (%+v), want %s after %v", d.Name, d.ChangedBy, d.ChangedAt, d.Attribution, want[d.Name], before)
		}
	}
	if len(p.Devices) != len(want) {
		t.Errorf("drift reports %d devices, want %d", len(p.Devices), len(want))
	}
}

// sshAs changes a classic IOS device's configuration as user over SSH.
func sshAs(t *testing.T, addr, knownHosts, user, pass, line string) {
	t.Helper()
	s, err := cli.Dial(t.Context(), cli.Config{Address: addr, Username: user, Password: models.NewSecret(pass),
		EnablePassword: models.NewSecret(canaryPassword), KnownHostsFile: knownHosts, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SendConfigs(t.Context(), []string{line}); err != nil {
		t.Fatal(err)
	}
}

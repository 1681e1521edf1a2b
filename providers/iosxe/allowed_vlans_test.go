package iosxe_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/iosxe"
)

// A trunk's allowed VLANs grow by default (a VLAN added on the device is
// kept); with interfaces.allowed_vlans authoritative for the port, the
// VLANs the intent does not list are removed.
func TestAuthoritativeAllowedVLANs(t *testing.T) {
	d := iosxe.New()
	device := func(auth []string) *models.Device {
		return &models.Device{Name: "acc1", Platform: "iosxe", Authoritative: auth, Config: models.Config{
			Interfaces: []models.Interface{{Name: "Gi1/0/48", Switchport: &models.Switchport{Mode: "trunk",
				AllowedVLANs: []models.VLANRange{{Low: 10, High: 10}, {Low: 20, High: 20}}}}},
		}}
	}
	running := &oc.Device{}
	sv := running.GetOrCreateInterface("GigabitEthernet1/0/48").GetOrCreateEthernet().GetOrCreateSwitchedVlan()
	sv.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_TRUNK
	for _, v := range []uint16{10, 20, 99} {
		sv.TrunkVlans = append(sv.TrunkVlans, oc.UnionUint16(v))
	}
	running.GetOrCreateInterface("GigabitEthernet1/0/48").Name = ygot.String("GigabitEthernet1/0/48")
	changes := func(auth []string) []providers.Change {
		t.Helper()
		want, err := d.Render(device(auth))
		if err != nil {
			t.Fatal(err)
		}
		cs, err := d.Diff(want, &providers.Running{Tree: running})
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	removes99 := func(cs []providers.Change) bool {
		for _, c := range cs {
			if !strings.Contains(c.Path, "trunk-vlans") {
				continue
			}
			if c.Op == "delete" || !strings.Contains(fmt.Sprint(c.After), "99") {
				return true
			}
		}
		return false
	}
	if cs := changes(nil); removes99(cs) {
		t.Errorf("not authoritative: VLAN 99 removed: %v", cs)
	}
	if cs := changes([]string{"interfaces[Gi1/0/48].allowed_vlans"}); !removes99(cs) {
		t.Errorf("authoritative: VLAN 99 kept: %v", cs)
	}
}

// With vlans authoritative, removing a VLAN that a port of the device still
// uses is refused, naming the port; moving the port in the same change is fine.
func TestRemovingAVLANInUseIsRefused(t *testing.T) {
	d := iosxe.New()
	running := &oc.Device{}
	running.GetOrCreateNetworkInstance("default").GetOrCreateVlan(40).Name = ygot.String("OLD")
	for _, name := range []string{"GigabitEthernet1/0/5", "GigabitEthernet1/0/6"} {
		itf := running.GetOrCreateInterface(name)
		itf.Name = ygot.String(name)
		itf.GetOrCreateEthernet().GetOrCreateSwitchedVlan().AccessVlan = ygot.Uint16(40)
	}
	intent := &models.Device{Name: "acc1", Platform: "iosxe", Authoritative: []string{"vlans"}, Config: models.Config{
		VLANs:      []models.VLAN{{ID: 20, Members: []string{"Gi1/0/6"}}},
		Interfaces: []models.Interface{{Name: "Gi1/0/6"}},
	}}
	want, err := d.Render(intent)
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Diff(want, &providers.Running{Tree: running})
	if err == nil || !strings.Contains(err.Error(), "removing VLAN 40 (ports GigabitEthernet1/0/5)") {
		t.Fatalf("Diff: %v, want a refusal naming GigabitEthernet1/0/5 only (Gi1/0/6 moves to VLAN 20)", err)
	}
}

package iosxe_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/iosxe"
	"github.com/switchyard/switchyard/providers/providertest"
)

// nativeAreas is areas() on IOS-XE 17.18.1 with every area the native
// model takes, and an SNMP community, which it does not.
func nativeAreas(t *testing.T) *models.Device {
	t.Helper()
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	d := areas()
	if d.Profile, err = set.Select("iosxe", "17.18.1"); err != nil {
		t.Fatal(err)
	}
	c := &d.Config
	c.SNMP.Contact = "noc@example.net"
	c.SNMP.Communities = []models.SNMPCommunity{{Name: "monitoring", Secret: &models.SecretRef{Env: "SNMP_RO"}}}
	c.SpanningTree.Priorities = []models.STPPriority{{VLAN: 30, Priority: 8192}}
	c.Logging.Buffered.Severity = "notice"
	c.Lines.VTY.AccessClass, c.Lines.VTY.Login = "VTY-IN", "VTY"
	c.Lines.Console.Login = "local"
	c.AAA.Login = append(c.AAA.Login, models.LoginMethodList{Name: "VTY", Methods: []string{"CAMPUS-TACACS", "local", "none"}})
	c.Interfaces[1].SpanningTree = &models.PortSpanningTree{PortFast: true, BPDUGuard: true}
	c.Interfaces = append(c.Interfaces, models.Interface{Name: "GigabitEthernet1/0/47",
		Switchport: &models.Switchport{Mode: "trunk"}, SpanningTree: &models.PortSpanningTree{PortFast: true}})
	return d
}

// On IOS-XE 17.18.1 the areas OpenConfig cannot take render into
// Cisco-IOS-XE-native (golden); the SNMP community goes there too, keyed by
// its reference's placeholder (the push reads the value), in a list the
// desired state declares secret-keyed.
func TestRenderAreasNativeGolden(t *testing.T) {
	d := iosxe.New()
	providertest.GoldenJSON(t, d, nativeAreas(t), "areas-17.18.1.json")
	got, err := d.Render(nativeAreas(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.NoRoute) != 0 {
		t.Errorf("NoRoute = %v, want none", got.NoRoute)
	}
	ph := providers.KeyPlaceholder(models.SecretRef{Env: "SNMP_RO"})
	if ref, ok := got.KeyRefs[ph]; !ok || ref.Env != "SNMP_RO" {
		t.Errorf("KeyRefs = %v, want %s bound to env SNMP_RO", got.KeyRefs, ph)
	}
	if !slices.ContainsFunc(got.SecretKeyed, func(k providers.SecretKeyed) bool {
		return k.List == "/Cisco-IOS-XE-native:native/snmp-server/community-config" && k.Key == "name"
	}) {
		t.Errorf("SecretKeyed = %v lacks the community list", got.SecretKeyed)
	}
	js, err := providers.JSON(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"portfast-v2": {`, `"trunk": [`, `"helper-address": [`, `"severity-level": "notifications"`,
		`"a3": {`, `"acccess-list": [`} {
		if !strings.Contains(js, want) {
			t.Errorf("render lacks %s", want)
		}
	}
	if strings.Contains(js, "monitoring") {
		t.Error("the render names the community by its intent name instead of its reference")
	}
}

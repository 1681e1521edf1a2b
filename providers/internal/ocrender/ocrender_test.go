package ocrender

import (
	"flag"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// update is accepted so that go test ./providers/... -update works; this
// package has no golden files.
var _ = flag.Bool("update", false, "rewrite testdata/golden (unused here)")

func testProfile() Profile {
	eth := oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	return Profile{
		Platform: "test",
		Features: []string{providers.FeatureVLANs, providers.FeatureInterfaces, providers.FeatureSwitchport, providers.FeaturePortChannels},
		Interfaces: []InterfaceKind{
			{Name: "GigabitEthernet", Aliases: []string{"gi"}, Type: eth},
			{Name: "GlobalEthernet", Type: eth},
			{Name: "TenGigE", Aliases: []string{"te"}, Type: eth},
			{Name: "Port-channel", Aliases: []string{"po"}, Type: oc.IETFInterfaces_InterfaceType_ieee8023adLag},
		},
		AggregatePrefix: "Port-channel",
		DefaultInstance: "default",
		StaticProtocol:  "DEFAULT",
	}
}

func TestProfileValidate(t *testing.T) {
	tests := map[string]func(p *Profile){
		"no platform":            func(p *Profile) { p.Platform = "" },
		"no default instance":    func(p *Profile) { p.DefaultInstance = "" },
		"duplicate alias":        func(p *Profile) { p.Interfaces[2].Aliases = []string{"GI"} },
		"aggregate not a lag":    func(p *Profile) { p.AggregatePrefix = "TenGigE" },
		"interface without type": func(p *Profile) { p.Interfaces[0].Type = 0 },
	}
	if err := (&Profile{}).Validate(); err == nil {
		t.Error("zero Profile is valid, want an error")
	}
	good := testProfile()
	if err := good.Validate(); err != nil {
		t.Fatalf("test profile: %v", err)
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			p := testProfile()
			mutate(&p)
			if _, err := New(p); err == nil {
				t.Error("New succeeded, want an error")
			}
		})
	}
}

func TestNormalise(t *testing.T) {
	r := MustNew(testProfile())
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Gi1/0/1", "GigabitEthernet1/0/1", true},
		{"gigabitethernet1/0/1", "GigabitEthernet1/0/1", true},
		{"Gig1/0/1", "GigabitEthernet1/0/1", true},
		{"Gl1", "GlobalEthernet1", true},
		{"G1", "G1", false}, // one letter, no alias
		{"Ten0/1", "TenGigE0/1", true},
		{"Po7", "Port-channel7", true},
		{"Serial0", "Serial0", false},
		{"1/0/1", "1/0/1", false},
		{"Loopback", "Loopback", false},
	}
	for _, tc := range tests {
		got, ok := r.Normalise(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Normalise(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestTrunkMembership(t *testing.T) {
	r := MustNew(testProfile())
	trunk := func(allowed ...models.VLANRange) *models.Switchport {
		return &models.Switchport{Mode: "trunk", AllowedVLANs: allowed}
	}
	tests := []struct {
		name string
		sp   *models.Switchport
		want []oc.Interface_Ethernet_SwitchedVlan_TrunkVlans_Union
	}{
		{"trunk without allowed list carries every VLAN", trunk(), nil},
		{"vlan already allowed", trunk(models.VLANRange{Low: 10, High: 30}), []oc.Interface_Ethernet_SwitchedVlan_TrunkVlans_Union{oc.UnionString("10..30")}},
		{"vlan added", trunk(models.VLANRange{Low: 10, High: 10}), []oc.Interface_Ethernet_SwitchedVlan_TrunkVlans_Union{oc.UnionUint16(10), oc.UnionUint16(20)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &models.Device{Name: "t", Config: models.Config{
				VLANs:      []models.VLAN{{ID: 20, Members: []string{"Gi1"}}},
				Interfaces: []models.Interface{{Name: "Gi1", Switchport: tc.sp}},
			}}
			got, err := r.Render(d)
			if err != nil {
				t.Fatal(err)
			}
			sv := got.Tree.GetInterface("GigabitEthernet1").GetEthernet().GetSwitchedVlan()
			if diff := cmp.Diff(tc.want, sv.TrunkVlans); diff != "" {
				t.Errorf("trunk-vlans (-want +got):\n%s", diff)
			}
			if sv.InterfaceMode != oc.OpenconfigVlanTypes_VlanModeType_TRUNK {
				t.Errorf("interface-mode = %v, want TRUNK", sv.InterfaceMode)
			}
		})
	}
}

func TestRenderReportsEveryProblem(t *testing.T) {
	r := MustNew(testProfile())
	d := &models.Device{Name: "t", Config: models.Config{
		Hostname:   "h",
		DNS:        &models.DNS{Servers: []string{"192.0.2.1"}},
		Interfaces: []models.Interface{{Name: "Serial0"}, {Name: "Gi1"}, {Name: "GigabitEthernet1"}},
	}}
	_, err := r.Render(d)
	if err == nil {
		t.Fatal("Render succeeded, want errors")
	}
	for _, want := range []string{"hostname:", "dns:", "interfaces[0].name:", "interfaces[2].name:", "render t for test"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%v", want, err)
		}
	}
}

func TestRenderRejectsOtherPlatform(t *testing.T) {
	if _, err := MustNew(testProfile()).Render(&models.Device{Name: "t", Platform: "nxos"}); err == nil {
		t.Error("Render of an nxos device succeeded, want an error")
	}
	if _, err := MustNew(testProfile()).Render(nil); err == nil {
		t.Error("Render(nil) succeeded, want an error")
	}
}

package iosxe_test

import (
	"slices"
	"testing"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers/iosxe"
	"github.com/switchyard/switchyard/providers/providertest"
)

// areas declares the daily-work areas: those OpenConfig carries render
// into the tree, the others are recorded as having no route.
func areas() *models.Device {
	return &models.Device{
		Name: "xe-areas-1", Platform: "iosxe",
		Config: models.Config{
			Hostname: "xe-areas-1",
			VRFs:     []models.VRF{{Name: "GUEST", RD: "65000:20", Description: "guest wifi"}},
			Logging:  &models.Logging{ConsoleSeverity: "warning", Buffered: &models.LoggingBuffer{Size: 8192}},
			AAA: &models.AAA{
				ServerGroups: []models.ServerGroup{{Name: "CAMPUS-TACACS", Type: "tacacs",
					Servers: []models.AAAServer{{Address: "10.10.0.49"}}}},
				Login: []models.LoginMethodList{{Name: "default", Methods: []string{"CAMPUS-TACACS", "local"}}},
			},
			SNMP:         &models.SNMP{Location: "floor 2"},
			SpanningTree: &models.SpanningTree{Mode: "rapid-pvst"},
			Lines: &models.Lines{VTY: &models.Line{TransportInput: []string{"ssh"}, ExecTimeout: ptr(15)},
				Console: &models.Line{ExecTimeout: ptr(5)}},
			Interfaces: []models.Interface{
				{Name: "GigabitEthernet1/0/1", Speed: "1000", Duplex: "full"},
				{Name: "GigabitEthernet1/0/2", Speed: "auto", Switchport: &models.Switchport{Mode: "access", VoiceVLAN: 10}},
				{Name: "Vlan30", VRF: "GUEST", IPv4: []string{"10.30.0.1/24"}, IPv6: []string{"2001:DB8:30::1/64"},
					HelperAddresses: []string{"10.0.0.67"}},
				{Name: "GigabitEthernet1/0/48", IPv4: []string{"10.0.0.2/30"}, IPv6: []string{"2001:db8::2/64"}, VRF: "GUEST"},
			},
		},
	}
}

func ptr[T any](v T) *T { return &v }

func TestRenderAreasGolden(t *testing.T) {
	d := iosxe.New()
	providertest.GoldenJSON(t, d, areas(), "areas.json")
	got, err := d.Render(areas())
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range got.NoRoute {
		paths = append(paths, e.Path)
	}
	want := []string{"snmp", "spanning_tree", "lines.console", "logging.buffered",
		"interfaces[1].switchport.voice_vlan", "interfaces[2].helper_addresses"}
	if !slices.Equal(paths, want) {
		t.Errorf("NoRoute = %v, want %v", paths, want)
	}
}

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
	return providertest.OpenConfigAreas("xe-areas-1", "iosxe",
		models.Interface{Name: "GigabitEthernet1/0/1", Speed: "1000", Duplex: "full"},
		models.Interface{Name: "GigabitEthernet1/0/2", Speed: "auto", Switchport: &models.Switchport{Mode: "access", VoiceVLAN: 10}},
		models.Interface{Name: "Vlan30", VRF: "GUEST", IPv4: []string{"10.30.0.1/24"}, IPv6: []string{"2001:DB8:30::1/64"},
			HelperAddresses: []string{"10.0.0.67"}},
		models.Interface{Name: "GigabitEthernet1/0/48", IPv4: []string{"10.0.0.2/30"}, IPv6: []string{"2001:db8::2/64"}, VRF: "GUEST"},
	)
}

func TestRenderAreasGolden(t *testing.T) {
	d := iosxe.New()
	providertest.GoldenJSON(t, d, areas(), "areas.json")
	want := []string{"snmp", "spanning_tree", "lines.console", "logging.buffered",
		"interfaces[1].switchport.voice_vlan", "interfaces[2].helper_addresses"}
	if paths := providertest.NoRoutePaths(t, d, areas()); !slices.Equal(paths, want) {
		t.Errorf("NoRoute = %v, want %v", paths, want)
	}
}

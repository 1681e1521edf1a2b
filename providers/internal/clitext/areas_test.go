package clitext

import (
	"slices"
	"testing"

	"github.com/switchyard/switchyard/models"
)

func TestSTPPriorities(t *testing.T) {
	got := STPPriorities([]models.STPPriority{{VLAN: 10, Priority: 24576}, {VLAN: 11, Priority: 24576},
		{VLAN: 12, Priority: 4096}, {VLAN: 12, Priority: 24576}, {VLAN: 30, Priority: 4096}, {VLAN: 20, Priority: 24576}})
	want := []string{"spanning-tree vlan 30 priority 4096", "spanning-tree vlan 10-12,20 priority 24576"}
	if !slices.Equal(got, want) {
		t.Errorf("STPPriorities = %q, want %q", got, want)
	}
}

func TestDeclaredManaged(t *testing.T) {
	declared := []string{"spanning-tree vlan", "interface Ethernet1/1 > speed"}
	for _, tc := range []struct {
		path []string
		want bool
	}{
		{[]string{"spanning-tree vlan 10 priority 4096"}, true},
		{[]string{"spanning-tree vlanx"}, false},
		{[]string{"spanning-tree mode mst"}, false},
		{[]string{"interface Ethernet1/1", "speed 1000"}, true},
		{[]string{"interface Ethernet1/2", "speed 1000"}, false},
		{[]string{"interface Ethernet1/1", "duplex full"}, false},
		{[]string{"speed 1000"}, false},
	} {
		if got := DeclaredManaged(declared, tc.path); got != tc.want {
			t.Errorf("DeclaredManaged(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

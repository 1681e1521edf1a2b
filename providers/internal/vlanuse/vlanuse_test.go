package vlanuse

import (
	"errors"
	"testing"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/providers"
)

func TestCheckCLI(t *testing.T) {
	running := "vlan 30\n name A\nvlan 40\ninterface Gi0/1\n switchport access vlan 40\n" +
		"interface Gi0/2\n switchport trunk allowed vlan 10,30-50\ninterface Gi0/3\n switchport access vlan 30\n"
	tests := []struct {
		name, intended, want string
	}{
		{"removing an unused VLAN", running + "vlan 50\n", ""},
		{"access and trunk ports keep the VLAN",
			"vlan 30\n name A\ninterface Gi0/1\n switchport access vlan 40\ninterface Gi0/2\n switchport trunk allowed vlan 10,30-50\n",
			"d1: removing VLAN 40 (ports Gi0/1, Gi0/2): VLAN still in use; move the ports in the intent (or on the device) first"},
		{"ports moved in the same change",
			"vlan 30\ninterface Gi0/1\n switchport access vlan 30\ninterface Gi0/2\n switchport trunk allowed vlan 10,30\n", ""},
		{"a VLAN list line loses a VLAN a native VLAN uses",
			"vlan 30,40\ninterface Gi0/1\n switchport trunk native vlan 40\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			run, err := cliconf.Parse(running)
			if err != nil {
				t.Fatal(err)
			}
			in, err := cliconf.Parse(tc.intended)
			if err != nil {
				t.Fatal(err)
			}
			err = CheckCLI("d1", run, in)
			if tc.want == "" {
				if err != nil {
					t.Errorf("CheckCLI: %v, want nil", err)
				}
				return
			}
			if err == nil || err.Error() != tc.want || !errors.Is(err, providers.ErrVLANInUse) {
				t.Errorf("CheckCLI: %v\nwant %s", err, tc.want)
			}
		})
	}
}

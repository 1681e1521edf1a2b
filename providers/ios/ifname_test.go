package ios_test

import (
	"testing"

	"github.com/switchyard/switchyard/providers/ios"
)

func TestNormalizeInterface(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Gi1/0/1", "GigabitEthernet1/0/1"},
		{"gi1/0/1", "GigabitEthernet1/0/1"},
		{"Gig 1/0/1", "GigabitEthernet1/0/1"},
		{"GigabitEthernet1/0/1", "GigabitEthernet1/0/1"},
		{"GigE1/0/1", "GigabitEthernet1/0/1"},
		{"Fa0/1", "FastEthernet0/1"},
		{"f0/1", "FastEthernet0/1"},
		{"FastEthernet0", "FastEthernet0"},
		{"Te1/1/1", "TenGigabitEthernet1/1/1"},
		{"TenGigE1/1/1", "TenGigabitEthernet1/1/1"},
		{"Po10", "Port-channel10"},
		{"port-channel10", "Port-channel10"},
		{"Port-Channel10", "Port-channel10"},
		{"Vl20", "Vlan20"},
		{"vlan20", "Vlan20"},
		{"Lo0", "Loopback0"},
		{"Tu5", "Tunnel5"},
		{"Eth0", "Ethernet0"},
		{"Gi0/1.100", "GigabitEthernet0/1.100"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ios.NormalizeInterface(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("NormalizeInterface(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestNormalizeInterfaceRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"1/0/1",            // no type
		"T1/1",             // Tunnel or TenGigabitEthernet
		"mgmt0",            // NX-OS
		"HundredGigE1/0/1", // not on classic IOS switches
		"Gi1//1",
		"Gi1/0/1x",
		"Gi1.2/3",
		"Gi1/0/",
	} {
		if got, err := ios.NormalizeInterface(in); err == nil {
			t.Errorf("NormalizeInterface(%q) = %q, want an error", in, got)
		}
	}
}

package nxos_test

import (
	"slices"
	"testing"

	"github.com/switchyard/switchyard/internal/devicesim/nxapisim"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/nxos"
)

func TestCLIDiffScope(t *testing.T) {
	running := nxapisim.DefaultRunning + "username old role network-operator\nvlan 1002\n" +
		"interface Ethernet1/10\n  speed 1000\n  description old\n" +
		"interface Ethernet1/30\n  switchport access vlan 20\n" +
		"username netops password 5 $5$abc$def role network-admin\n"
	tests := []struct {
		name          string
		authoritative []string
		want, absent  []providers.Change
	}{{
		name: "default scope leaves undeclared lines alone",
		want: []providers.Change{
			{Op: diff.Update, Path: "hostname", Before: "hostname switch", After: "hostname nx-rich-1"},
			{Op: diff.Delete, Path: "interface Ethernet1/10 > description old", Before: "description old"},
			{Op: diff.Create, Path: "interface mgmt0 > ip address 192.0.2.12/24", After: "ip address 192.0.2.12/24"},
		},
		absent: []providers.Change{
			{Op: diff.Delete, Path: "username old", Before: "username old role network-operator"},
			{Op: diff.Delete, Path: "interface Ethernet1/10 > speed 1000", Before: "speed 1000"},
			{Op: diff.Delete, Path: "interface Ethernet1/30 > switchport access vlan 20", Before: "switchport access vlan 20"},
			// The user exists with its role: the password is not compared.
			{Op: diff.Create, Path: "username netops password (secret) role network-admin", After: "username netops password (secret) role network-admin"},
		},
	}, {
		name:          "authoritative users, vlans and members",
		authoritative: []string{"users", "vlans", "vlans.members"},
		want: []providers.Change{
			{Op: diff.Delete, Path: "username old", Before: "username old role network-operator"},
			{Op: diff.Delete, Path: "interface Ethernet1/30 > switchport access vlan 20", Before: "switchport access vlan 20"},
		},
		absent: []providers.Change{
			{Op: diff.Delete, Path: "vlan 1", Before: "vlan 1"},
			{Op: diff.Delete, Path: "vlan 1002", Before: "vlan 1002"},
			{Op: diff.Delete, Path: "interface Ethernet1/10 > speed 1000", Before: "speed 1000"},
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			des, err := nxos.New().Render(rich())
			if err != nil {
				t.Fatal(err)
			}
			des.Authoritative = tc.authoritative
			got, err := nxos.New().Diff(des, &providers.Running{CLI: running})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing change %+v in %+v", w, got)
				}
			}
			for _, a := range tc.absent {
				if slices.Contains(got, a) {
					t.Errorf("unexpected change %+v", a)
				}
			}
		})
	}
}

package ios_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
)

func TestDiff(t *testing.T) {
	ref := models.SecretRef{Env: "PW"}
	ph := ios.Placeholder(ref)
	tests := []struct {
		name          string
		desired       string
		authoritative []string
		running       string
		want          []providers.Change
	}{
		{
			name:    "secret compared by binding, not value",
			desired: "username netops privilege 15 secret " + ph + "\ntacacs server T\n address ipv4 10.0.0.1\n key " + ph + "\n",
			running: "username netops privilege 15 secret 5 $1$abcd$xyz\ntacacs server T\n address ipv4 10.0.0.1\n key 7 0822455D0A16\n",
		},
		{
			name:    "changed privilege of a user with a secret",
			desired: "username netops privilege 15 secret " + ph + "\n",
			running: "username netops privilege 7 secret 5 $1$abcd$xyz\n",
			// IOS replaces a user's line when it is entered again.
			want: []providers.Change{{Op: diff.Update, Path: "username netops privilege 15 secret " + ph,
				Before: "username netops privilege 7 secret 5 (redacted)", After: "username netops privilege 15 secret " + ph}},
		},
		{
			name:          "authoritative users remove others, redacted",
			desired:       "username a\n",
			authoritative: []string{"users"},
			running:       "username a\nusername b secret 5 $1$abcd$xyz\n",
			want: []providers.Change{{Op: diff.Delete, Path: "username b secret 5 (redacted)",
				Before: "username b secret 5 (redacted)"}},
		},
		{
			name:          "authoritative vlans keep reserved ones",
			desired:       "vlan 10\n name A\n",
			authoritative: []string{"vlans"},
			running:       "vlan 1\nvlan 10\n name A\nvlan 1002\nvlan 99\n",
			want:          []providers.Change{{Op: diff.Delete, Path: "vlan 99", Before: "vlan 99"}},
		},
		{
			name:    "minimal command in its parent context",
			desired: "interface GigabitEthernet1/0/1\n description desk\n switchport access vlan 20\n no shutdown\n",
			running: "interface GigabitEthernet1/0/1\n description desk\n switchport access vlan 10\n",
			want: []providers.Change{{Op: diff.Update, Path: "interface GigabitEthernet1/0/1 > switchport access vlan 20",
				Before: "switchport access vlan 10", After: "switchport access vlan 20"}},
		},
		{
			name:    "shutdown port is brought up",
			desired: "interface GigabitEthernet1/0/1\n no shutdown\n",
			running: "interface GigabitEthernet1/0/1\n shutdown\n",
			want: []providers.Change{{Op: diff.Update, Path: "interface GigabitEthernet1/0/1 > no shutdown",
				Before: "shutdown", After: "no shutdown"}},
		},
		{
			name:    "ordered access list rewritten",
			desired: "ip access-list extended A\n permit ip any host 10.0.0.1\n deny   ip any any\n",
			running: "ip access-list extended A\n deny   ip any any\n permit ip any host 10.0.0.1\n",
			want: []providers.Change{
				{Op: diff.Delete, Path: "ip access-list extended A", Before: "ip access-list extended A"},
				{Op: diff.Create, Path: "ip access-list extended A", After: "ip access-list extended A"},
				{Op: diff.Create, Path: "ip access-list extended A > permit ip any host 10.0.0.1", After: "permit ip any host 10.0.0.1"},
				{Op: diff.Create, Path: "ip access-list extended A > deny   ip any any", After: "deny   ip any any"},
			},
		},
		{
			name:          "authoritative vlan members",
			desired:       "interface GigabitEthernet1/0/1\n switchport access vlan 20\n",
			authoritative: []string{"vlans[20].members"},
			running:       "interface GigabitEthernet1/0/1\n switchport access vlan 20\ninterface GigabitEthernet1/0/2\n description x\n switchport access vlan 20\n",
			want: []providers.Change{{Op: diff.Delete, Path: "interface GigabitEthernet1/0/2 > switchport access vlan 20",
				Before: "switchport access vlan 20"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			des := &providers.Desired{Device: "sw", Platform: "ios", CLI: tc.desired, Authoritative: tc.authoritative,
				Secrets: []providers.SecretBinding{{Path: "x", Ref: ref}}}
			got, err := ios.New().Diff(des, &providers.Running{CLI: "Building configuration...\n\nCurrent configuration : 1 bytes\n!\n" + tc.running + "end\n"})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("Diff (-want +got):\n%s", d)
			}
		})
	}
}

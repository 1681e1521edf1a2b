package cliconf

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestApply(t *testing.T) {
	tests := []struct {
		name    string
		running string
		cmds    []string
		want    string
	}{
		{
			name:    "enter sub-mode and exit",
			running: "interface Gi1\n description a\n",
			cmds:    []string{"interface Gi1", " description b", " exit", "hostname x"},
			want:    "interface Gi1\n description b\n!\nhostname x\n",
		},
		{
			name:    "no removes word-prefixed lines",
			running: "username bob privilege 15 secret 9 x\nusername bobby privilege 1\nntp server 1.1.1.1 prefer\n",
			cmds:    []string{"no username bob", "no ntp server 1.1.1.1"},
			want:    "username bobby privilege 1\n",
		},
		{
			name:    "no of a toggle is kept",
			running: "interface Gi1\n shutdown\n",
			cmds:    []string{"interface Gi1", " no shutdown"},
			want:    "interface Gi1\n no shutdown\n!\n",
		},
		{
			name:    "bare single-valued no is kept in place",
			running: "interface Gi1\n ip address 1.1.1.1 255.0.0.0\n shutdown\n",
			cmds:    []string{"interface Gi1", " no ip address"},
			want:    "interface Gi1\n no ip address\n shutdown\n!\n",
		},
		{
			name:    "acl entry inserted in sequence order",
			running: "ip access-list extended A\n 10 permit ip any any\n 30 deny ip any any\n",
			cmds:    []string{"ip access-list extended A", " 20 permit icmp any any", " exit"},
			want:    "ip access-list extended A\n 10 permit ip any any\n 20 permit icmp any any\n 30 deny ip any any\n!\n",
		},
		{
			name:    "end returns to top level",
			running: "",
			cmds:    []string{"router bgp 1", " address-family ipv4", "  network 1.0.0.0", "end", "hostname x"},
			want:    "router bgp 1\n address-family ipv4\n  network 1.0.0.0\n!\nhostname x\n",
		},
		{
			name:    "vlan list edited as a set",
			running: "vlan 1,10,20-22\nvlan 21\n name X\n",
			cmds:    []string{"no vlan 21", "vlan 30"},
			want:    "vlan 1,10,20,22,30\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Apply(mustParse(t, tc.running), tc.cmds)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if d := cmp.Diff(tc.want, got.String()); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestApplyErrors(t *testing.T) {
	running := mustParse(t, "ip access-list extended A\n 10 permit ip any any\n")
	for _, cmds := range [][]string{
		{"no"},
		{"ip access-list extended A", " 10 deny ip any any"},
	} {
		if _, err := Apply(running, cmds); !errors.Is(err, ErrBadCommand) {
			t.Errorf("Apply(%q) err = %v, want ErrBadCommand", cmds, err)
		}
	}
}

func TestApplyDoesNotModifyRunning(t *testing.T) {
	running := mustParse(t, "interface Gi1\n description a\n")
	before := running.String()
	if _, err := Apply(running, []string{"interface Gi1", " description b", " no description b"}); err != nil {
		t.Fatal(err)
	}
	if running.String() != before {
		t.Errorf("running modified:\n%s", running)
	}
}

package cliconf

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestUnsafeCommandsAreNeverEmitted covers the configurations that made
// the differ damage devices: each case gives running, desired, the
// commands expected, and commands that must never appear. Every case also
// checks that the diff converges: applying it and diffing again gives
// nothing.
func TestUnsafeCommandsAreNeverEmitted(t *testing.T) {
	users := Options{Managed: Authoritative("username", "vlan", "access-list")}
	tests := []struct {
		name             string
		running, desired string
		opts             Options
		want             []string
		never            []string
	}{
		{
			name:    "re-entered desired interface is merged, not dropped",
			running: "interface Gi1\n description a\n",
			desired: "interface Gi1\n description a\n!\ninterface Gi2\n mtu 9000\n!\ninterface Gi1\n shutdown\n",
			want:    []string{"interface Gi1", " shutdown", " exit", "interface Gi2", " mtu 9000", " exit"},
		},
		{
			name:    "router bgp opened by two templates keeps both blocks",
			running: "router bgp 65000\n neighbor 10.0.0.1 remote-as 65001\n",
			desired: "router bgp 65000\n neighbor 10.0.0.1 remote-as 65001\n!\nrouter bgp 65000\n neighbor 10.0.0.2 remote-as 65002\n",
			want:    []string{"router bgp 65000", " neighbor 10.0.0.2 remote-as 65002", " exit"},
		},
		{
			name:    "re-entered running section converges",
			running: "interface Gi1\n description a\ninterface Gi1\n shutdown\n",
			desired: "interface Gi1\n description a\n shutdown\n",
		},
		{
			name: "nx-os user loses only the sshkey line",
			running: "username admin password 5 $5$abc role network-admin\n" +
				"username admin passphrase lifetime 99999 warntime 14\nusername admin sshkey ssh-rsa AAAAB3Nza admin@host\n",
			desired: "username admin password 5 $5$abc role network-admin\nusername admin passphrase lifetime 99999 warntime 14\n",
			opts:    users,
			want:    []string{"no username admin sshkey"},
			never:   []string{"no username admin"},
		},
		{
			name:    "changed user password is replaced, the user is not deleted",
			running: "username admin password 5 $5$old role network-admin\nusername admin sshkey ssh-rsa AAAA k\n",
			desired: "username admin password 5 $5$new role network-admin\nusername admin sshkey ssh-rsa AAAA k\n",
			opts:    users,
			want:    []string{"username admin password 5 $5$new role network-admin"},
			never:   []string{"no username admin"},
		},
		{
			name:    "user dropped from desired is deleted whole",
			running: "username admin password 5 x role network-admin\nusername old password 5 y role network-operator\nusername old sshkey ssh-rsa B k\n",
			desired: "username admin password 5 x role network-admin\n",
			opts:    users,
			want:    []string{"no username old"},
		},
		{
			name:    "numbered acl entry inserted before permit any rewrites the list detached",
			running: "access-list 10 permit 10.1.0.0 0.0.255.255\naccess-list 10 deny any\ninterface Gi1\n ip access-group 10 in\n",
			desired: "access-list 10 permit 10.1.0.0 0.0.255.255\naccess-list 10 permit 10.2.0.0 0.0.255.255\naccess-list 10 deny any\n",
			want: []string{"interface Gi1", " no ip access-group 10 in", " exit", "no access-list 10",
				"access-list 10 permit 10.1.0.0 0.0.255.255", "access-list 10 permit 10.2.0.0 0.0.255.255", "access-list 10 deny any",
				"interface Gi1", " ip access-group 10 in", " exit"},
		},
		{
			name:    "numbered acl entry removed never sends a per-entry no",
			running: "access-list 10 permit 10.1.0.0 0.0.255.255\naccess-list 10 permit 10.2.0.0 0.0.255.255\naccess-list 10 deny any\n",
			desired: "access-list 10 permit 10.1.0.0 0.0.255.255\naccess-list 10 deny any\n",
			want:    []string{"no access-list 10", "access-list 10 permit 10.1.0.0 0.0.255.255", "access-list 10 deny any"},
			never:   []string{"no access-list 10 permit 10.2.0.0 0.0.255.255"},
		},
		{
			name:    "unnumbered named acl rewrite is detached from the interfaces and lines that apply it",
			running: "ip access-list extended MGMT\n permit tcp any any eq 22\n deny   ip any any\ninterface Gi1\n ip access-group MGMT in\nline vty 0 4\n access-class MGMT in\n",
			desired: "ip access-list extended MGMT\n permit tcp any any eq 443\n permit tcp any any eq 22\n deny   ip any any\n",
			want: []string{"interface Gi1", " no ip access-group MGMT in", " exit", "line vty 0 4", " no access-class MGMT in", " exit",
				"no ip access-list extended MGMT", "ip access-list extended MGMT", " permit tcp any any eq 443", " permit tcp any any eq 22", " deny   ip any any", " exit",
				"interface Gi1", " ip access-group MGMT in", " exit", "line vty 0 4", " access-class MGMT in", " exit"},
		},
		{
			name:    "numbered acl reorder is a rewrite",
			running: "access-list 20 permit host 1.1.1.1\naccess-list 20 deny host 2.2.2.2\n",
			desired: "access-list 20 deny host 2.2.2.2\naccess-list 20 permit host 1.1.1.1\n",
			want:    []string{"no access-list 20", "access-list 20 deny host 2.2.2.2", "access-list 20 permit host 1.1.1.1"},
		},
		{
			name:    "numbered acl appended at its end sends the new entry only",
			running: "access-list 30 permit host 1.1.1.1\n",
			desired: "access-list 30 permit host 1.1.1.1\naccess-list 30 permit host 3.3.3.3\n",
			want:    []string{"access-list 30 permit host 3.3.3.3"},
		},
		{
			name:    "certificate chain is opaque",
			running: "crypto pki certificate chain TP-self-signed-1\n certificate self-signed 01\n  3082AAAA 3082BBBB\n  3082CCCC\n  \tquit\n",
			desired: "crypto pki certificate chain TP-self-signed-1\n certificate self-signed 01\n  3082AAAA 3082BBBB\n  3082CCCC\n  \tquit\nhostname r1\n",
			want:    []string{"hostname r1"},
			never:   []string{" no 3082CCCC", "  no quit"},
		},
		{
			name:    "distribute-list out without interface is not the one with",
			running: "router ospf 1\n distribute-list 10 out\n distribute-list 20 out GigabitEthernet0/0\n",
			desired: "router ospf 1\n distribute-list 20 out GigabitEthernet0/0\n",
			want:    []string{"router ospf 1", " no distribute-list 10 out", " exit"},
		},
		{
			name:    "send-community is not send-community extended",
			running: "router bgp 1\n neighbor 1.1.1.1 send-community\n neighbor 1.1.1.1 send-community extended\n",
			desired: "router bgp 1\n neighbor 1.1.1.1 send-community extended\n",
			want:    []string{"router bgp 1", " no neighbor 1.1.1.1 send-community", " exit"},
		},
		{
			name:    "snmp traps authentication is not authentication linkdown",
			running: "snmp-server enable traps snmp authentication\nsnmp-server enable traps snmp authentication linkdown\n",
			desired: "snmp-server enable traps snmp authentication linkdown\n",
			opts:    Options{Managed: Authoritative("snmp-server enable traps")},
			want:    []string{"no snmp-server enable traps snmp authentication"},
		},
		{
			name:    "ip domain name and ip domain name vrf are two settings",
			running: "ip domain name example.net\nip domain name vrf MGMT mgmt.example.net\n",
			desired: "ip domain name example.org\nip domain name vrf MGMT mgmt.example.net\n",
			want:    []string{"ip domain name example.org"},
		},
		{
			name:    "logging buffered size and level are one line on IOS",
			running: "logging buffered informational\n",
			desired: "logging buffered 64000 informational\n",
			want:    []string{"logging buffered 64000 informational"},
		},
		{
			name:    "a partial logging buffered line resets the value it leaves out",
			running: "logging buffered 64000 informational\n",
			desired: "logging buffered warnings\n",
			want:    []string{"no logging buffered 64000 informational", "logging buffered warnings"},
		},
		{
			name:    "a new VRF membership sends the addresses again",
			running: "interface Vlan10\n ip address 10.0.0.1 255.255.255.0\n ipv6 address 2001:DB8::1/64\n",
			desired: "interface Vlan10\n ip vrf forwarding RED\n ip address 10.0.0.1 255.255.255.0\n ipv6 address 2001:DB8::1/64\n",
			want: []string{"interface Vlan10", " ip vrf forwarding RED", " ip address 10.0.0.1 255.255.255.0",
				" ipv6 address 2001:DB8::1/64", " exit"},
		},
		{
			name:    "leaving a VRF sends the addresses again",
			running: "interface Vlan10\n vrf member RED\n ip address 10.0.0.1/24\n",
			desired: "interface Vlan10\n ip address 10.0.0.1/24\n",
			want:    []string{"interface Vlan10", " no vrf member RED", " ip address 10.0.0.1/24", " exit"},
		},
		{
			name:    "priority force is not priority 2",
			running: "interface Gi1\n priority 2\n priority force\n",
			desired: "interface Gi1\n priority 5\n priority force\n",
			want:    []string{"interface Gi1", " priority 5", " exit"},
		},
		{
			name:    "rd is removed before the new one is set",
			running: "vrf definition A\n rd 65000:1\n",
			desired: "vrf definition A\n rd 65000:2\n",
			want:    []string{"vrf definition A", " no rd 65000:1", " rd 65000:2", " exit"},
		},
		{
			name:    "channel-group member leaves its bundle before joining another",
			running: "interface Gi1\n channel-group 1 mode active\n",
			desired: "interface Gi1\n channel-group 2 mode active\n",
			want:    []string{"interface Gi1", " no channel-group 1 mode active", " channel-group 2 mode active", " exit"},
		},
		{
			name:    "mixed numbered and unnumbered acl entries converge with a numbered running list",
			running: "ip access-list extended E\n 10 permit tcp any any eq 22\n 20 deny ip any any\n",
			desired: "ip access-list extended E\n 10 permit tcp any any eq 22\n deny ip any any\n",
		},
		{
			name:    "nx-os acl with numbers in running and none in desired is in sync",
			running: "ip access-list MGMT\n  10 permit ip 10.0.0.0/8 any\n  20 deny ip any any\n",
			desired: "ip access-list MGMT\n  permit ip 10.0.0.0/8 any\n  deny ip any any\n",
		},
		{
			name:    "nx-os acl with custom numbers and the same entries unnumbered is in sync",
			running: "ip access-list MGMT\n  5 permit ip 10.0.0.0/8 any\n  15 deny ip any any\n",
			desired: "ip access-list MGMT\n  permit ip 10.0.0.0/8 any\n  deny ip any any\n",
		},
		{
			name:    "numbered desired acl next to a classic unnumbered running list is in sync",
			running: "ip access-list extended E\n permit tcp any any eq 22\n deny   ip any any\n",
			desired: "ip access-list extended E\n 10 permit tcp any any eq 22\n 20 deny   ip any any\n",
		},
		{
			name:    "unnumbered entry inserted into a numbered list gets the next number",
			running: "ip access-list extended E\n 10 permit tcp any any eq 22\n 20 deny ip any any\n",
			desired: "ip access-list extended E\n 10 permit tcp any any eq 22\n permit tcp any any eq 443\n deny ip any any\n",
			want:    []string{"ip access-list extended E", " no 20", " 20 permit tcp any any eq 443", " 30 deny ip any any", " exit"},
		},
		{
			name:    "unnumbered list inserts in place between the running numbers",
			running: "ip access-list MGMT\n  10 permit tcp any any eq 22\n  20 permit udp any any eq 161\n  30 deny ip any any\n",
			desired: "ip access-list MGMT\n  permit tcp any any eq 22\n  permit udp any any eq 161\n  permit tcp any any eq 443\n  deny ip any any\n",
			want:    []string{"ip access-list MGMT", " 25 permit tcp any any eq 443", " exit"},
		},
		{
			name:    "unnumbered list drops an entry by its number",
			running: "ip access-list MGMT\n  10 permit tcp any any eq 22\n  20 permit udp any any eq 161\n  30 deny ip any any\n",
			desired: "ip access-list MGMT\n  permit tcp any any eq 22\n  deny ip any any\n",
			want:    []string{"ip access-list MGMT", " no 20", " exit"},
		},
		{
			name:    "unnumbered list with no room between numbers is renumbered by the device rule",
			running: "ip access-list MGMT\n  1 permit tcp any any eq 22\n  2 deny ip any any\n",
			desired: "ip access-list MGMT\n  permit tcp any any eq 22\n  permit tcp any any eq 443\n  deny ip any any\n",
			want:    []string{"ip access-list MGMT", " 10 permit tcp any any eq 22", " 20 permit tcp any any eq 443", " 30 deny ip any any", " no 1", " no 2", " exit"},
		},
		{
			name:    "vlan 20 next to vlan 1,10 is added once",
			running: "vlan 1,10\n",
			desired: "vlan 1,10\nvlan 20\n",
			want:    []string{"vlan 20"},
		},
		{
			name:    "inconsistent indentation does not nest mtu under no shutdown",
			running: "interface Eth1/1\n  no shutdown\n   mtu 9216\n",
			desired: "interface Eth1/1\n no shutdown\n mtu 9216\n",
		},
		{
			name:    "indented end is not a command",
			running: "hostname a\n",
			desired: "hostname a\ninterface Gi1\n description x\n end\n",
			want:    []string{"interface Gi1", " description x", " exit"},
			never:   []string{" no end", "no end"},
		},
		{
			name:    "single-line banner without delimiter",
			running: "banner motd Authorized access only\nhostname a\n",
			desired: "banner motd Authorized users only\nhostname a\n",
			want:    []string{"banner motd Authorized users only"},
		},
		{
			name:    "running no ip redirects is removed by restoring the default",
			running: "interface Gi1\n no ip redirects\n description x\n",
			desired: "interface Gi1\n description x\n",
			want:    []string{"interface Gi1", " ip redirects", " exit"},
		},
		{
			name:    "desired default-on toggle is satisfied by its absence",
			running: "interface Gi1\n description x\n",
			desired: "interface Gi1\n description x\n ip redirects\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			run, des := mustParse(t, tc.running), mustParse(t, tc.desired)
			got := Diff(run, des, tc.opts)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("Diff (-want +got):\n%s", d)
			}
			for _, bad := range tc.never {
				if slices.Contains(got, bad) {
					t.Errorf("Diff sent %q:\n%s", bad, strings.Join(got, "\n"))
				}
			}
			after, err := Apply(run, got)
			if err != nil {
				t.Fatal(err)
			}
			// Through the text, as the device would print it.
			if again := Diff(mustParse(t, after.String()), des, tc.opts); len(again) > 0 {
				t.Errorf("second diff not empty:\n%s\nafter:\n%s", strings.Join(again, "\n"), after)
			}
		})
	}
}

func TestApplyNoRemovesExactlyTheLine(t *testing.T) {
	run := mustParse(t, "router ospf 1\n distribute-list 10 out\n distribute-list 10 out GigabitEthernet0/0\n"+
		"access-list 10 permit any\naccess-list 10 deny host 1.1.1.1\nusername a password 5 x\nusername a sshkey k\n")
	got, err := Apply(run, []string{"router ospf 1", " no distribute-list 10 out", " exit",
		"no access-list 10 deny host 1.1.1.1", "no username a sshkey"})
	if err != nil {
		t.Fatal(err)
	}
	want := "router ospf 1\n distribute-list 10 out GigabitEthernet0/0\n!\nusername a password 5 x\n"
	if d := cmp.Diff(want, got.String()); d != "" {
		t.Errorf("Apply (-want +got):\n%s", d)
	}
}

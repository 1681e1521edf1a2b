package cliconf

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustParse(t testing.TB, s string) *Config {
	t.Helper()
	c, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name    string
		running string
		desired string
		opts    Options
		want    []string
	}{
		{
			name:    "removed line in declared interface gets no form",
			running: "interface Gi1/0/1\n switchport access vlan 20\n switchport mode access\n",
			desired: "interface Gi1/0/1\n switchport mode access\n",
			want:    []string{"interface Gi1/0/1", " no switchport access vlan 20", " exit"},
		},
		{
			name:    "undeclared top-level section is left alone by default",
			running: "interface Loopback5\n ip address 1.1.1.1 255.255.255.255\nhostname a\n",
			desired: "hostname a\n",
		},
		{
			name:    "authoritative section kind is removed whole",
			running: "interface Loopback5\n ip address 1.1.1.1 255.255.255.255\nhostname a\n",
			desired: "hostname a\n",
			opts: Options{Managed: func(p []string) bool {
				return DefaultManaged(p) || strings.HasPrefix(p[0], "interface Loopback")
			}},
			want: []string{"no interface Loopback5"},
		},
		{
			name:    "prefix matches whole words only",
			running: "username bob privilege 15 secret 9 x\nusernames z\n",
			desired: "",
			opts:    Options{Managed: Authoritative("username")},
			want:    []string{"no username bob"},
		},
		{
			name:    "single-valued settings are replaced without no",
			running: "hostname a\ninterface Gi1\n description old\n ip address 1.1.1.1 255.0.0.0\n ip address 2.2.2.2 255.0.0.0 secondary\n mtu 1500\n",
			desired: "hostname b\ninterface Gi1\n description new\n ip address 1.1.1.2 255.0.0.0\n ip address 2.2.2.2 255.0.0.0 secondary\n mtu 9000\n",
			want:    []string{"hostname b", "interface Gi1", " description new", " ip address 1.1.1.2 255.0.0.0", " mtu 9000", " exit"},
		},
		{
			name:    "secondary address is not the primary value",
			running: "interface Gi1\n ip address 2.2.2.2 255.0.0.0 secondary\n",
			desired: "interface Gi1\n ip address 3.3.3.3 255.0.0.0 secondary\n",
			want:    []string{"interface Gi1", " no ip address 2.2.2.2 255.0.0.0 secondary", " ip address 3.3.3.3 255.0.0.0 secondary", " exit"},
		},
		{
			name:    "no shutdown replaced by shutdown",
			running: "interface Gi1\n no shutdown\n",
			desired: "interface Gi1\n shutdown\n",
			want:    []string{"interface Gi1", " shutdown", " exit"},
		},
		{
			name:    "shutdown replaced by no shutdown",
			running: "interface Gi1\n shutdown\n",
			desired: "interface Gi1\n no shutdown\n",
			want:    []string{"interface Gi1", " no shutdown", " exit"},
		},
		{
			name:    "negated running line without a known default is left alone",
			running: "interface Gi1\n no shutdown\n no lldp foo\n description x\n",
			desired: "interface Gi1\n description x\n",
		},
		{
			name:    "negated untabled line replaced by positive form",
			running: "interface Gi1\n no lldp foo\n",
			desired: "interface Gi1\n lldp foo\n",
			want:    []string{"interface Gi1", " lldp foo", " exit"},
		},
		{
			name:    "sequenced acl entry changed is removed and re-added",
			running: "ip access-list extended A\n 10 permit tcp any any eq 22\n 20 permit tcp any any eq 23\n 30 deny ip any any\n",
			desired: "ip access-list extended A\n 10 permit tcp any any eq 22\n 20 permit tcp any any eq 443\n 25 permit icmp any any\n 30 deny ip any any\n",
			want:    []string{"ip access-list extended A", " no 20", " 20 permit tcp any any eq 443", " 25 permit icmp any any", " exit"},
		},
		{
			name:    "unsequenced acl change rewrites the list",
			running: "ip access-list extended A\n permit tcp any any eq 22\n deny ip any any\n",
			desired: "ip access-list extended A\n permit tcp any any eq 22\n permit tcp any any eq 443\n deny ip any any\n",
			want: []string{"no ip access-list extended A", "ip access-list extended A", " permit tcp any any eq 22",
				" permit tcp any any eq 443", " deny ip any any", " exit"},
		},
		{
			name:    "unsequenced acl unchanged is untouched",
			running: "ip access-list standard A\n permit 10.0.0.0 0.0.0.255\n",
			desired: "ip access-list standard A\n permit 10.0.0.0 0.0.0.255\n",
		},
		{
			name:    "route-map action change entered in place",
			running: "route-map RM deny 20\n match tag 5\n",
			desired: "route-map RM permit 20\n match tag 5\n set metric 10\n",
			want:    []string{"route-map RM permit 20", " set metric 10", " exit"},
		},
		{
			name:    "nested address family",
			running: "router bgp 1\n address-family ipv4 vrf A\n  network 10.0.0.0\n exit-address-family\n",
			desired: "router bgp 1\n address-family ipv4 vrf A\n  network 10.0.0.0\n  redistribute connected\n exit-address-family\n",
			want:    []string{"router bgp 1", " address-family ipv4 vrf A", "  redistribute connected", "  exit", " exit"},
		},
		{
			name:    "new section is sent whole",
			running: "",
			desired: "vlan 40\n name CAMERAS\n",
			want:    []string{"vlan 40", " name CAMERAS", " exit"},
		},
		{
			name:    "banner replaced by kind",
			running: "banner motd ^C\nold\n^C\n",
			desired: "banner motd #new#\n",
			want:    []string{"banner motd #new#"},
		},
		{
			name:    "banner removal",
			running: "banner login ^C\nold\n^C\n",
			desired: "",
			opts:    Options{Managed: Authoritative("banner")},
			want:    []string{"no banner login"},
		},
		{
			name:    "nx-os vlan list diffed as a set",
			running: "vlan 1,10,20-25\n",
			desired: "vlan 1,10,20-24,30\n",
			opts:    Options{Managed: Authoritative("vlan")},
			want:    []string{"no vlan 25", "vlan 30"},
		},
		{
			name:    "managed hook can protect lines inside a section",
			running: "interface Gi1\n description x\n spanning-tree portfast\n",
			desired: "interface Gi1\n description x\n",
			opts:    Options{Managed: func(p []string) bool { return len(p) > 1 && !strings.HasPrefix(p[1], "spanning-tree") }},
		},
		{
			name:    "repeated desired line is sent once",
			running: "line vty 0 4\n exec-timeout 5 0\n",
			desired: "line vty 0 4\n exec-timeout 5 0\n logging synchronous\n logging synchronous\n exec-timeout 5 0\n",
			want:    []string{"line vty 0 4", " logging synchronous", " exit"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			running, desired := mustParse(t, tc.running), mustParse(t, tc.desired)
			got := Diff(running, desired, tc.opts)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("Diff (-want +got):\n%s", d)
			}
			applied, err := Apply(running, got)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if again := Diff(applied, desired, tc.opts); len(again) != 0 {
				t.Errorf("second Diff = %q, want none; applied:\n%s", again, applied)
			}
		})
	}
}

func TestDiffNilConfigs(t *testing.T) {
	if got := Diff(nil, nil, Options{}); len(got) != 0 {
		t.Errorf("Diff(nil, nil) = %q", got)
	}
	got := Diff(nil, mustParse(t, "hostname a\n"), Options{})
	if d := cmp.Diff([]string{"hostname a"}, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

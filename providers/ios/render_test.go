package ios_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
)

func render(t *testing.T, c models.Config) string {
	t.Helper()
	got, err := ios.New().Render(&models.Device{Name: "t", Platform: "ios", Config: c})
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return got.CLI
}

func TestRenderLines(t *testing.T) {
	tests := []struct {
		name string
		cfg  models.Config
		want []string // lines that must appear, in this order
		not  []string // lines that must not appear
	}{
		{
			name: "trunk allowed list compacted and merged with vlan members",
			cfg: models.Config{
				VLANs: []models.VLAN{{ID: 25, Members: []string{"Gi0/1"}}},
				Interfaces: []models.Interface{{Name: "Gi0/1", Switchport: &models.Switchport{Mode: "trunk",
					AllowedVLANs: []models.VLANRange{{Low: 10, High: 10}, {Low: 20, High: 24}, {Low: 26, High: 30}, {Low: 40, High: 41}}}}},
			},
			want: []string{" switchport trunk allowed vlan 10,20-30,40,41", " switchport mode trunk"},
		},
		{
			name: "trunk allowing every vlan prints no allowed line",
			cfg: models.Config{Interfaces: []models.Interface{{Name: "Gi0/1", Switchport: &models.Switchport{Mode: "trunk",
				AllowedVLANs: []models.VLANRange{{Low: 1, High: 4094}}}}}},
			want: []string{"interface GigabitEthernet0/1", " switchport mode trunk"},
			not:  []string{" switchport trunk allowed vlan 1-4094"},
		},
		{
			name: "vlan member without switchport becomes an access port",
			cfg: models.Config{
				VLANs:      []models.VLAN{{ID: 30, Name: "BUILDING", Members: []string{"Fa0/1"}}},
				Interfaces: []models.Interface{{Name: "FastEthernet0/1"}},
			},
			want: []string{"vlan 30", " name BUILDING", "!", "interface FastEthernet0/1", " switchport access vlan 30", " switchport mode access", "!"},
		},
		{
			name: "access vlan 1 is the default and not printed",
			cfg:  models.Config{Interfaces: []models.Interface{{Name: "Gi0/1", Switchport: &models.Switchport{Mode: "access", AccessVLAN: 1}}}},
			want: []string{"interface GigabitEthernet0/1", " switchport mode access"},
			not:  []string{" switchport access vlan 1"},
		},
		{
			name: "prefixes become dotted masks, secondaries first",
			cfg:  models.Config{Interfaces: []models.Interface{{Name: "Vlan10", IPv4: []string{"10.0.0.1/24", "10.0.1.1/22", "10.9.9.9/32"}}}},
			want: []string{" ip address 10.0.1.1 255.255.252.0 secondary", " ip address 10.9.9.9 255.255.255.255 secondary", " ip address 10.0.0.1 255.255.255.0"},
		},
		{
			name: "routed ethernet port gets no switchport",
			cfg:  models.Config{Interfaces: []models.Interface{{Name: "Gi0/1", IPv4: []string{"192.0.2.1/30"}}}},
			want: []string{"interface GigabitEthernet0/1", " no switchport", " ip address 192.0.2.1 255.255.255.252"},
		},
		{
			name: "acl wildcards, hosts, any and port names",
			cfg: models.Config{ACLs: []models.ACL{{Name: "A", Entries: []models.ACLEntry{
				{Seq: 10, Action: "permit", Protocol: "tcp", Source: "10.0.0.0/8", Destination: "192.0.2.0/28", DestinationPort: "80"},
				{Seq: 20, Action: "permit", Protocol: "udp", Source: "0.0.0.0/0", SourcePort: "1024-65535", Destination: "192.0.2.1/32", DestinationPort: "123"},
				{Seq: 30, Action: "permit", Protocol: "tcp", Source: "192.0.2.7", Destination: "any", DestinationPort: "20-21"},
				{Seq: 40, Action: "deny", Source: "172.16.0.0/12", Destination: "any", Log: true},
			}}}},
			want: []string{
				"ip access-list extended A",
				" permit tcp 10.0.0.0 0.255.255.255 192.0.2.0 0.0.0.15 eq www",
				" permit udp any range 1024 65535 host 192.0.2.1 eq ntp",
				" permit tcp host 192.0.2.7 any range ftp-data ftp",
				" deny   ip 172.16.0.0 0.15.255.255 any log",
			},
		},
		{
			name: "syslog trap uses the most verbose severity",
			cfg: models.Config{Syslog: &models.Syslog{Hosts: []models.SyslogHost{
				{Address: "10.0.0.5", Severity: "error"}, {Address: "10.0.0.6", Severity: "debug"}, {Address: "10.0.0.7"}}}},
			want: []string{"logging trap debugging", "logging host 10.0.0.5", "logging host 10.0.0.6", "logging host 10.0.0.7"},
		},
		{
			name: "informational trap is the default and not printed",
			cfg:  models.Config{Syslog: &models.Syslog{Hosts: []models.SyslogHost{{Address: "10.0.0.5", Severity: "warning"}, {Address: "10.0.0.6"}}}},
			want: []string{"logging host 10.0.0.5", "logging host 10.0.0.6"},
			not:  []string{"logging trap informational", "logging trap warnings"},
		},
		{
			name: "port-channel created for a channel group",
			cfg:  models.Config{Interfaces: []models.Interface{{Name: "Gi0/2", PortChannel: &models.ChannelGroup{ID: 7, Mode: "passive"}}}},
			want: []string{"interface Port-channel7", "!", "interface GigabitEthernet0/2", " channel-group 7 mode passive", "!"},
		},
		{
			name: "enabled is rendered only when set",
			cfg: models.Config{Interfaces: []models.Interface{
				{Name: "Gi0/1", Enabled: ptr(true)}, {Name: "Gi0/2", Enabled: ptr(false)}, {Name: "Gi0/3", Description: "x"}}},
			want: []string{"interface GigabitEthernet0/1", " no shutdown", "interface GigabitEthernet0/2", " shutdown", "interface GigabitEthernet0/3", " description x", "!"},
		},
		{
			name: "interfaces sorted as IOS lists them",
			cfg: models.Config{Interfaces: []models.Interface{
				{Name: "Vl1"}, {Name: "Gi1/0/10"}, {Name: "Te1/1/1"}, {Name: "Gi1/0/2"}, {Name: "Po1"}, {Name: "Fa0"}, {Name: "Lo0"}, {Name: "Gi2/0/1"}}},
			want: []string{"interface Loopback0", "interface Port-channel1", "interface FastEthernet0", "interface GigabitEthernet1/0/2",
				"interface GigabitEthernet1/0/10", "interface GigabitEthernet2/0/1", "interface TenGigabitEthernet1/1/1", "interface Vlan1"},
		},
		{
			name: "reserved and default-named vlans",
			cfg:  models.Config{VLANs: []models.VLAN{{ID: 1, Name: "default"}, {ID: 1002}, {ID: 7, Name: "VLAN0007"}}},
			want: []string{"vlan 7", "!"},
			not:  []string{"vlan 1", "vlan 1002", " name VLAN0007"},
		},
		{
			name: "user privilege from role",
			cfg:  models.Config{Users: []models.User{{Name: "a", Role: "network-admin"}, {Name: "b", Role: "read-only"}, {Name: "c", Role: "network-admin", Privilege: 5}}},
			want: []string{"username a privilege 15", "username b", "username c privilege 5"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, tt.cfg)
			lines := strings.Split(got, "\n")
			at := 0
			for _, w := range tt.want {
				i := indexFrom(lines, at, w)
				if i < 0 {
					t.Fatalf("line %q not found (in order) in:\n%s", w, got)
				}
				at = i + 1
			}
			for _, n := range tt.not {
				if indexFrom(lines, 0, n) >= 0 {
					t.Errorf("line %q should not appear in:\n%s", n, got)
				}
			}
		})
	}
}

func indexFrom(lines []string, from int, s string) int {
	for i := from; i < len(lines); i++ {
		if lines[i] == s {
			return i
		}
	}
	return -1
}

func TestRenderUnsupported(t *testing.T) {
	ed25519 := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ4mJ2sA1v1z0DqKoZkA7fWnnZKVq3Hn4o7Zy8xv1Zyk x@y"
	tests := []struct {
		name          string
		cfg           models.Config
		feature, path string
	}{
		{"per-interface mtu", models.Config{Interfaces: []models.Interface{{Name: "Gi0/1"}, {Name: "Gi0/2", MTU: 9000}}},
			providers.FeatureInterfaces, "interfaces[1].mtu"},
		{"ssh key other than rsa", models.Config{Users: []models.User{{Name: "a"}, {Name: "b", SSHKeys: []string{testRSAKey, ed25519}}}},
			providers.FeatureUsers, "users[1].ssh_keys[1]"},
		{"unknown interface type", models.Config{Interfaces: []models.Interface{{Name: "mgmt0"}}},
			providers.FeatureInterfaces, "interfaces[0].name"},
		{"two spellings of one interface", models.Config{Interfaces: []models.Interface{{Name: "Gi0/1"}, {Name: "GigabitEthernet0/1"}}},
			providers.FeatureInterfaces, "interfaces[1].name"},
		{"switchport on an SVI", models.Config{Interfaces: []models.Interface{{Name: "Vlan5", Switchport: &models.Switchport{Mode: "access"}}}},
			providers.FeatureSwitchport, "interfaces[0].switchport"},
		{"renaming vlan 1", models.Config{VLANs: []models.VLAN{{ID: 5}, {ID: 1, Name: "NATIVE"}}},
			providers.FeatureVLANs, "vlans[1].name"},
		{"numbered acl", models.Config{ACLs: []models.ACL{{Name: "101", Entries: []models.ACLEntry{{Seq: 10, Action: "permit"}}}}},
			providers.FeatureACLs, "acls[0].name"},
		{"banner using every delimiter", models.Config{Banners: &models.Banners{MOTD: "^C #%&$@~|+"}},
			providers.FeatureBanners, "banners.motd"},
		{"outbound acl on a switch port", models.Config{Interfaces: []models.Interface{{Name: "Gi0/1", ACLOut: "A", Switchport: &models.Switchport{Mode: "access"}}}},
			providers.FeatureInterfaces, "interfaces[0].acl_out"},
		{"ntp source not declared", models.Config{NTP: &models.NTP{SourceInterface: "Lo0"}},
			providers.FeatureNTP, "ntp.source_interface"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ios.New().Render(&models.Device{Name: "t", Platform: "ios", Config: tt.cfg})
			var ue *providers.UnsupportedError
			if !errors.As(err, &ue) {
				t.Fatalf("Render error = %v, want *providers.UnsupportedError", err)
			}
			if ue.Feature != tt.feature || ue.Platform != "ios" || ue.Path != tt.path {
				t.Errorf("UnsupportedError{Feature %q, Platform %q, Path %q}, want {%q, ios, %q} (%v)",
					ue.Feature, ue.Platform, ue.Path, tt.feature, tt.path, err)
			}
		})
	}
}

func TestRenderWrongPlatform(t *testing.T) {
	if _, err := ios.New().Render(&models.Device{Name: "x", Platform: "nxos"}); err == nil {
		t.Error("Render of an nxos device = nil error")
	}
}

// TestRenderNeverReadsSecrets points every secret reference at a canary
// value and checks that the value appears nowhere in the result.
func TestRenderNeverReadsSecrets(t *testing.T) {
	d := richDevice()
	canaries := map[string]string{}
	set := func(ref *models.SecretRef) {
		if ref == nil {
			return
		}
		v := fmt.Sprintf("canary-%d-do-not-render", len(canaries))
		if ref.Env != "" {
			t.Setenv(ref.Env, v)
		} else {
			ref.File = t.TempDir() + "/secret"
			if err := os.WriteFile(ref.File, []byte(v), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		canaries[ref.String()] = v
	}
	for i := range d.Config.Users {
		set(d.Config.Users[i].Password)
	}
	for _, g := range d.Config.AAA.ServerGroups {
		for j := range g.Servers {
			set(g.Servers[j].Key)
		}
	}
	got, err := ios.New().Render(d)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	dump := fmt.Sprintf("%+v %#v", got, got)
	for ref, v := range canaries {
		if strings.Contains(dump, v) {
			t.Errorf("the value of %s appears in Desired", ref)
		}
		if !strings.Contains(got.CLI, ios.Placeholder(models.SecretRef{Env: strings.TrimPrefix(ref, "env:")})) &&
			!strings.Contains(got.CLI, "{{secret "+ref+"}}") {
			t.Errorf("no placeholder for %s in the CLI", ref)
		}
	}
	if len(canaries) < 3 {
		t.Fatalf("only %d secret references in the rich intent", len(canaries))
	}
}

func TestCapabilities(t *testing.T) {
	c := ios.New().Capabilities()
	if len(c.Transports) != 1 || c.Transports[0] != "cli" || c.Confirm["cli"] != providers.ConfirmReplaceTimer {
		t.Errorf("Capabilities = %+v, want cli with %s", c, providers.ConfirmReplaceTimer)
	}
	r := providers.NewRegistry()
	if err := ios.Register(r); err != nil {
		t.Fatal(err)
	}
	if err := r.CheckTransport("ios", "cli"); err != nil {
		t.Errorf("CheckTransport(ios, cli) = %v", err)
	}
}

// TestSSHKeyHash checks the pubkey-chain hash against x/crypto's MD5
// fingerprint (the same digest, written with colons in lower case).
func TestSSHKeyHash(t *testing.T) {
	pub, _, _, _, err := ssh.ParseAuthorizedKey([]byte(testRSAKey))
	if err != nil {
		t.Fatal(err)
	}
	want := "   key-hash ssh-rsa " + strings.ToUpper(strings.ReplaceAll(strings.TrimPrefix(ssh.FingerprintLegacyMD5(pub), "MD5:"), ":", ""))
	got := render(t, models.Config{Users: []models.User{{Name: "a", SSHKeys: []string{testRSAKey}}}})
	if !strings.Contains(got, "ip ssh pubkey-chain\n  username a\n"+want+"\n  quit\n!\n") {
		t.Errorf("want %q in:\n%s", want, got)
	}
}

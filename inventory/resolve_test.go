package inventory

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
)

// resolveYAML resolves a repository of one file, repo.yaml, and fails the
// test on any diagnostic.
func resolveYAML(t *testing.T, src string) *Inventory {
	t.Helper()
	inv, ds := check(map[string][]byte{"repo.yaml": []byte(src)}, ResolveOptions{})
	if len(ds) > 0 || inv == nil {
		t.Fatalf("got diagnostics:\n%s", ds)
	}
	return inv
}

func ptr[T any](v T) *T { return &v }

const precedenceDevices = `
devices:
  - name: sw1
    address: 10.0.0.1
    platform: iosxe
    labels: {role: access}
`

func TestResolveMergesLayersInPrecedenceOrder(t *testing.T) {
	tests := []struct {
		name string
		repo string
		want models.Config
	}{
		{
			name: "device beats high priority group beats low priority group beats defaults",
			repo: precedenceDevices + `
    config:
      hostname: from-device
defaults:
  config:
    hostname: from-defaults
    domain_name: defaults.example.net
    banners: {login: defaults, motd: defaults}
    syslog: {hosts: [{address: 192.0.2.9}]}
groups:
  - name: high
    priority: 20
    members: {devices: [sw1]}
    config:
      hostname: from-high
      domain_name: high.example.net
      banners: {login: high}
  - name: low
    priority: 10
    members: {devices: [sw1]}
    config:
      hostname: from-low
      domain_name: low.example.net
      banners: {login: low, motd: low}
`,
			want: models.Config{
				Hostname:   "from-device",
				DomainName: "high.example.net",
				Banners:    &models.Banners{Login: "high", MOTD: "low"},
				Syslog:     &models.Syslog{Hosts: []models.SyslogHost{{Address: "192.0.2.9"}}},
			},
		},
		{
			name: "groups at equal priority merge in declared order when they do not conflict",
			repo: precedenceDevices + `
groups:
  - name: first
    members: {devices: [sw1]}
    config:
      domain_name: example.net
      ntp: {servers: [{address: 192.0.2.1}]}
  - name: second
    members: {selector: role = access}
    config:
      domain_name: example.net
      ntp: {servers: [{address: 192.0.2.2}]}
      banners: {login: second}
`,
			want: models.Config{
				DomainName: "example.net",
				Banners:    &models.Banners{Login: "second"},
				NTP:        &models.NTP{Servers: []models.NTPServer{{Address: "192.0.2.1"}, {Address: "192.0.2.2"}}},
			},
		},
		{
			name: "keyed lists merge by key: vlan name from a group, members from the device",
			repo: precedenceDevices + `
    config:
      interfaces:
        - {name: GigabitEthernet1/0/1, description: desk}
      vlans:
        - {id: 20, members: [GigabitEthernet1/0/1]}
        - {id: 30}
groups:
  - name: access
    members: {devices: [sw1]}
    config:
      interfaces:
        - {name: GigabitEthernet1/0/1, mtu: 1600}
      vlans:
        - {id: 10, name: VOICE}
        - {id: 20, name: USERS}
      users:
        - {name: ops, role: network-admin}
`,
			want: models.Config{
				Users: []models.User{{Name: "ops", Role: "network-admin"}},
				VLANs: []models.VLAN{
					{ID: 10, Name: "VOICE"},
					{ID: 20, Name: "USERS", Members: []string{"GigabitEthernet1/0/1"}},
					{ID: 30},
				},
				Interfaces: []models.Interface{{Name: "GigabitEthernet1/0/1", Description: "desk", MTU: 1600}},
			},
		},
		{
			name: "lists of scalars merge as sets in first-seen order",
			repo: precedenceDevices + `
    config:
      dns: {servers: [192.0.2.3, 192.0.2.1]}
defaults:
  config:
    dns: {servers: [192.0.2.1]}
groups:
  - name: access
    members: {devices: [sw1]}
    config:
      dns: {servers: [192.0.2.2, 192.0.2.1]}
`,
			want: models.Config{DNS: &models.DNS{Servers: []string{"192.0.2.1", "192.0.2.2", "192.0.2.3"}}},
		},
		{
			name: "a higher priority group overrides a scalar without conflict",
			repo: precedenceDevices + `
groups:
  - name: b
    priority: 100
    members: {devices: [sw1]}
    config: {domain_name: b.example.net}
  - name: a
    priority: 101
    members: {devices: [sw1]}
    config: {domain_name: a.example.net}
`,
			want: models.Config{DomainName: "a.example.net"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := resolveYAML(t, tt.repo).Device("sw1").Intent.Config
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
		})
	}
}

func TestResolveReportsSamePriorityConflictAtBothPlaces(t *testing.T) {
	src := precedenceDevices + `
groups:
  - name: a
    members: {devices: [sw1]}
    config: {domain_name: a.example.net}
  - name: b
    members: {devices: [sw1]}
    config: {domain_name: b.example.net}
`
	inv, ds := check(map[string][]byte{"repo.yaml": []byte(src)}, ResolveOptions{})
	want := diag.Diagnostics{{
		Severity: diag.Error,
		Summary:  `group "b" and group "a" (both priority 100) set config.domain_name differently: "b.example.net" here, "a.example.net" at repo.yaml:11:27`,
		Detail:   "give one group a higher priority or set the value once (device sw1)",
		Range:    diag.Range{File: "repo.yaml", Line: 14, Col: 27},
	}}
	if diff := cmp.Diff(want, ds); diff != "" || inv != nil {
		t.Errorf("inventory %v; diagnostics (-want +got):\n%s", inv != nil, diff)
	}
}

func TestResolveRecordsWhyDevicesAreMembers(t *testing.T) {
	src := `
devices:
  - {name: a1, address: 10.0.0.1, platform: iosxe, labels: {site: ams}}
  - {name: a2, address: 10.0.0.2, platform: iosxe, labels: {site: ams}}
  - {name: f1, address: 10.0.0.3, platform: iosxe, labels: {site: fra}}
groups:
  - name: ams
    priority: 10
    members: {selector: site = ams, devices: [a1]}
  - name: fra
    members: {devices: [f1]}
  - name: europe
    priority: 5
    members: {groups: [ams, fra]}
  - name: empty
    members: {selector: site = nyc}
`
	inv, ds := check(map[string][]byte{"repo.yaml": []byte(src)}, ResolveOptions{})
	wantDiags := diag.Diagnostics{{Severity: diag.Warning, Range: diag.Range{File: "repo.yaml", Line: 16, Col: 25},
		Summary: `group "empty": selector "site = nyc" matches no device`,
		Detail:  "a typo in a label leaves the group's configuration on no device"}}
	if diff := cmp.Diff(wantDiags, ds); diff != "" || inv == nil {
		t.Fatalf("a selector matching nothing is a warning, not an error (-want +got):\n%s", diff)
	}
	if inv, ds := check(map[string][]byte{"repo.yaml": []byte(src)}, ResolveOptions{Strict: true}); inv != nil || !ds.HasErrors() {
		t.Errorf("strict: inventory %v, diagnostics %v; want the warning as an error", inv != nil, ds)
	}
	wantGroups := []*Group{
		{Name: "ams", Priority: 10, Members: []Member{
			{Device: "a1", Reasons: []string{"listed", "selector: site = ams"}},
			{Device: "a2", Reasons: []string{"selector: site = ams"}},
		}},
		{Name: "fra", Priority: DefaultPriority, Members: []Member{{Device: "f1", Reasons: []string{"listed"}}}},
		{Name: "europe", Priority: 5, Members: []Member{
			{Device: "a1", Reasons: []string{"via group: ams"}},
			{Device: "a2", Reasons: []string{"via group: ams"}},
			{Device: "f1", Reasons: []string{"via group: fra"}},
		}},
		{Name: "empty", Priority: DefaultPriority, Members: []Member{}},
	}
	if diff := cmp.Diff(wantGroups, inv.Groups); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	wantA1 := []Membership{
		{Group: "europe", Priority: 5, Reasons: []string{"via group: ams"}},
		{Group: "ams", Priority: 10, Reasons: []string{"listed", "selector: site = ams"}},
	}
	if diff := cmp.Diff(wantA1, inv.Device("a1").Groups); diff != "" {
		t.Errorf("a1 memberships in precedence order (-want +got):\n%s", diff)
	}
}

func TestResolveExpandsAuthoritativeKindsPerDeclaredEntry(t *testing.T) {
	inv := resolveYAML(t, `
devices:
  - name: sw1
    address: 10.0.0.1
    platform: iosxe
    authoritative: [vlans.members, port_channels.members]
    config:
      interfaces:
        - {name: GigabitEthernet1/0/1, channel_group: {id: 7, mode: active}}
      vlans:
        - {id: 30}
  - name: sw2
    address: 10.0.0.2
    platform: iosxe
groups:
  - name: access
    members: {devices: [sw1, sw2]}
    authoritative: [vlans.members, users, aaa.server_groups.servers]
    config:
      vlans:
        - {id: 10}
        - {id: 0x14}
      aaa:
        server_groups:
          - {name: TAC, type: tacacs}
`)
	tests := []struct {
		device string
		want   []string
	}{
		{"sw1", []string{"aaa.server_groups[TAC].servers", "port_channels[7].members", "users", "vlans[10].members", "vlans[20].members", "vlans[30].members"}},
		{"sw2", []string{"aaa.server_groups[TAC].servers", "users", "vlans[10].members", "vlans[20].members"}},
	}
	for _, tt := range tests {
		t.Run(tt.device, func(t *testing.T) {
			got := inv.Device(tt.device).Intent.Authoritative
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("authoritative (-want +got):\n%s", diff)
			}
		})
	}
}

func TestResolveAppliesDeviceDefaults(t *testing.T) {
	inv := resolveYAML(t, `
credentials:
  - {name: admin, username: admin, password: {env: PW}}
  - {name: legacy, username: admin, password: {env: PW}}
defaults:
  credentials: admin
devices:
  - {name: xe, address: 10.0.0.1, platform: iosxe}
  - {name: xr, address: 10.0.0.2, platform: iosxr, transport: gnmi}
  - {name: nx, address: "2001:db8::1", platform: nxos, transport: nxapi}
  - {name: ios, address: ios.example.net, platform: ios, credentials: legacy}
  - {name: port, address: "10.0.0.5:2222", platform: ios}
`)
	type facts struct{ Address, Transport, Credentials string }
	want := map[string]facts{
		"xe":   {"10.0.0.1:830", "netconf", "admin"},
		"xr":   {"10.0.0.2:9339", "gnmi", "admin"},
		"nx":   {"[2001:db8::1]:443", "nxapi", "admin"},
		"ios":  {"ios.example.net:22", "cli", "legacy"},
		"port": {"10.0.0.5:2222", "cli", "admin"},
	}
	got := map[string]facts{}
	for _, d := range inv.Devices {
		got[d.Name] = facts{d.Address, d.Transport, d.Credentials}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("devices (-want +got):\n%s", diff)
	}
}

func TestResolveReportsCheckPlatformErrorAtTheDevice(t *testing.T) {
	src := `devices:
  - name: old
    address: 10.0.0.1
    platform: ios
    transport: netconf
  - name: new
    address: 10.0.0.2
    platform: iosxe
`
	opts := ResolveOptions{CheckPlatform: func(platform, transport string) error {
		if platform == "ios" && transport != "cli" {
			return errors.New("platform ios supports only transport cli")
		}
		return nil
	}}
	_, ds := check(map[string][]byte{"repo.yaml": []byte(src)}, opts)
	want := "repo.yaml:5:16: error: device \"old\": platform ios supports only transport cli"
	if got := ds.String(); got != want {
		t.Errorf("got diagnostics\n%s\nwant\n%s", got, want)
	}
}

func TestResolveDoesNotModifyTheRepository(t *testing.T) {
	files := readRepo(t, "testdata/valid/layout")
	repo, ds := LoadFiles(files)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	before := make([]DeviceSpec, len(repo.Devices))
	for i, d := range repo.Devices {
		before[i] = *d
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, ds := Resolve(repo, ResolveOptions{}); len(ds) > 0 {
				t.Error(ds)
			}
		})
	}
	wg.Wait()
	for i, d := range repo.Devices {
		if d.Address != before[i].Address || d.Transport != before[i].Transport || d.Credentials != before[i].Credentials {
			t.Errorf("device %s changed: %+v, was %+v", d.Name, *d, before[i])
		}
	}
}

func TestResolveNilRepositoryDoesNotPanic(t *testing.T) {
	inv, ds := Resolve(nil, ResolveOptions{})
	if len(ds) > 0 || inv == nil || len(inv.Devices) != 0 {
		t.Errorf("got %v, %v; want an empty inventory", inv, ds)
	}
}

func TestInventoryJSONShape(t *testing.T) {
	inv, ds := check(readRepo(t, "testdata/valid/layout"), ResolveOptions{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	got, err := json.MarshalIndent(inv, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "golden", "inventory.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("inventory JSON (-want +got):\n%s", diff)
	}
	if strings.Contains(string(got), `"src"`) || strings.Contains(string(got), `"Range"`) {
		t.Error("JSON leaks loader internals")
	}
}

package diff

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/profiles"
)

func nativeTree(t *testing.T, js string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// Native subtrees diff like OpenConfig: paths start with the module-
// qualified top node (their route), entry keys are implied by the path,
// what running has and desired does not is left alone unless claimed.
func TestComputeNative(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := set.Select("iosxe", "17.18.1")
	root := p.NativeEntry()
	desired := nativeTree(t, `{"Cisco-IOS-XE-native:native": {"interface": {"GigabitEthernet": [{"name": "1/0/2", "mtu": 1600}]},
		"logging": {"trap": {"severity": "informational"}}, "ip": {"ssh": {"pubkey-chain": {"username": [{"name": "ops", "key-hash": [{"key-type": "ssh-rsa", "key-hash-value": "AB"}]}]}}}}}`)
	running := nativeTree(t, `{"Cisco-IOS-XE-native:native": {"interface": {"GigabitEthernet": [{"name": "1/0/2", "mtu": 1500, "description": "kept"}]},
		"hostname": "kept"}}`)
	d, err := ComputeNative(root, desired, running, Scope{})
	if err != nil {
		t.Fatal(err)
	}
	const x = "/Cisco-IOS-XE-native:native"
	want := []Change{
		{Op: Update, Path: x + "/interface/GigabitEthernet[name=1/0/2]/mtu", Before: float64(1500), After: float64(1600)},
		{Op: Create, Path: x + "/ip/ssh/pubkey-chain/username[name=ops]/key-hash[key-hash-value=AB][key-type=ssh-rsa]/key-hash-value", After: "AB"},
		{Op: Create, Path: x + "/ip/ssh/pubkey-chain/username[name=ops]/key-hash[key-hash-value=AB][key-type=ssh-rsa]/key-type", After: "ssh-rsa"},
		{Op: Create, Path: x + "/logging/trap/severity", After: "informational"},
	}
	if diff := cmp.Diff(want, d.Changes); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, c := range d.Changes {
		if Route(c.Path) != RouteNative {
			t.Errorf("route of %s = %s", c.Path, Route(c.Path))
		}
	}
	// Released when claimed and no longer desired: the mtu goes back to 1500.
	rel, err := ReleaseNative(root, nativeTree(t, `{}`), nativeTree(t, `{"Cisco-IOS-XE-native:native": {"interface": {"GigabitEthernet": [{"name": "1/0/2", "mtu": 1600}]}}}`),
		[]Claim{{Path: x + "/interface/GigabitEthernet[name=1/0/2]/mtu", Rev: "abc", Original: float64(1500), HadOriginal: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rel) != 1 || rel[0].Op != Update || rel[0].After != float64(1500) {
		t.Errorf("release = %+v", rel)
	}
	if Route("/system/config/hostname") != RouteOpenConfig || Route("hostname x") != RouteCLI {
		t.Error("routes of OpenConfig and CLI paths")
	}
}

// Releasing every leaf switchyard set in a native list entry the intent
// dropped deletes the entry (its key would stay on the device otherwise),
// up through an entry left with nothing else; an entry that keeps a leaf
// someone else set, or that desired still has, keeps its entry.
func TestReleaseNativeCollapsesEntries(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := set.Select("iosxr", "26.2.1")
	root := p.NativeEntry()
	const x = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server"
	host := func(addr string) string { return x + "/hosts/host[address=" + addr + "]" }
	trap := func(addr, c string) string {
		return host(addr) + "/traps/unencrypted/unencrypted-string[community-string=" + c + "]"
	}
	running := nativeTree(t, `{"Cisco-IOS-XR-um-snmp-server-cfg:snmp-server": {"hosts": {"host": [
		{"address": "10.0.0.1", "traps": {"unencrypted": {"unencrypted-string": [{"community-string": "secret-a", "version": {"v2c": {}}}]}}},
		{"address": "10.0.0.2", "traps": {"unencrypted": {"unencrypted-string": [{"community-string": "secret-a", "version": {"v2c": {}}},
			{"community-string": "secret-b", "version": {"v2c": {}}}]}}},
		{"address": "10.0.0.3", "traps": {"unencrypted": {"unencrypted-string": [{"community-string": "secret-a", "version": {"v2c": {}}, "udp-port": 1162}]}}}]}}}`)
	desired := nativeTree(t, `{"Cisco-IOS-XR-um-snmp-server-cfg:snmp-server": {"hosts": {"host": [
		{"address": "10.0.0.2", "traps": {"unencrypted": {"unencrypted-string": [{"community-string": "secret-b", "version": {"v2c": {}}}]}}}]}}}`)
	var claims []Claim
	for _, a := range []string{"10.0.0.1", "10.0.0.2", "10.0.0.3"} {
		claims = append(claims, Claim{Path: trap(a, "secret-a") + "/version/v2c", Rev: "r1"})
	}
	got, err := ReleaseNative(root, desired, running, claims)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, c := range got {
		if c.Op != Delete {
			t.Errorf("%s %s, want deletes only", c.Op, c.Path)
		}
		paths = append(paths, c.Path)
	}
	want := []string{host("10.0.0.1"), trap("10.0.0.2", "secret-a"), trap("10.0.0.3", "secret-a") + "/version/v2c"}
	if d := cmp.Diff(want, paths); d != "" {
		t.Errorf("release (-want +got):\n%s", d)
	}
}

// An empty presence container (IOS-XR's local method of a login list)
// compares as a leaf whose value is {}: created when desired alone has
// it, equal when both have it, deleted when claimed and no longer desired.
func TestComputeNativePresence(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := set.Select("iosxr", "26.2.1")
	root := p.NativeEntry()
	list := func(members string) map[string]any {
		return nativeTree(t, `{"Cisco-IOS-XR-um-aaa-cfg:aaa": {"authentication": {"login": {"authentication-list": [{"list-name": "C", `+members+`}]}}}}`)
	}
	const local = "/Cisco-IOS-XR-um-aaa-cfg:aaa/authentication/login/authentication-list[list-name=C]/local"
	withLocal := list(`"local": {}, "groups": {"group-2": {"server-group-name": "T"}}`)
	without := list(`"groups": {"group-2": {"server-group-name": "T"}}`)
	d, err := ComputeNative(root, withLocal, without, Scope{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{Op: Create, Path: local, After: map[string]any{}}}
	if diff := cmp.Diff(want, d.Changes); diff != "" {
		t.Errorf("create (-want +got):\n%s", diff)
	}
	if d, err := ComputeNative(root, withLocal, withLocal, Scope{}); err != nil || len(d.Changes) != 0 {
		t.Errorf("same trees: %+v, %v", d, err)
	}
	if d, err := ComputeNative(root, without, withLocal, Scope{}); err != nil || len(d.Changes) != 0 {
		t.Errorf("unclaimed presence container in running: %+v, %v", d, err)
	}
	rel, err := ReleaseNative(root, without, withLocal, []Claim{{Path: local, Rev: "abc"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rel) != 1 || rel[0].Op != Delete || rel[0].Path != local {
		t.Errorf("release = %+v", rel)
	}
}

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

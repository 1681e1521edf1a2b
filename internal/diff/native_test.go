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

// An empty presence container is a value of its own: created where
// running lacks it, equal where running has it (empty or not), and
// released when claimed and no longer desired (an SNMP group's level
// moving from auth to priv).
func TestComputeNativePresence(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := set.Select("iosxr", "26.2.1")
	root := p.NativeEntry()
	const g = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/groups/group[group-name=NOC]/v3"
	desired := nativeTree(t, `{"Cisco-IOS-XR-um-snmp-server-cfg:snmp-server": {"groups": {"group": [{"group-name": "NOC", "v3": {"priv": {}}}]}}}`)
	running := nativeTree(t, `{"Cisco-IOS-XR-um-snmp-server-cfg:snmp-server": {"groups": {"group": [{"group-name": "NOC", "v3": {"auth": {}}}]}}}`)
	d, err := ComputeNative(root, desired, running, Scope{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{Op: Create, Path: g + "/priv", After: map[string]any{}}}
	if diff := cmp.Diff(want, d.Changes); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if d, err := ComputeNative(root, desired, desired, Scope{}); err != nil || len(d.Changes) != 0 {
		t.Errorf("presence container on the device: changes %+v (err %v), want none", d.Changes, err)
	}
	rel, err := ReleaseNative(root, desired, running, []Claim{{Path: g + "/auth", Rev: "abc"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rel) != 1 || rel[0].Op != Delete || rel[0].Path != g+"/auth" {
		t.Errorf("release = %+v, want the delete of %s/auth", rel, g)
	}
}

// AbsentNative deletes the excluded paths running has (a container with
// its leaves as Before, or a leaf with its value), once, and skips those a
// change deletes already or running lacks; NativeStoredForms reads the
// value a native secret leaf shows.
func TestAbsentNativeAndStoredForms(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := set.Select("iosxr", "26.2.1")
	root := p.NativeEntry()
	const u = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/users/user[user-name=m]/v3"
	running := nativeTree(t, `{"Cisco-IOS-XR-um-snmp-server-cfg:snmp-server": {"users": {"user": [{"user-name": "m", "group-name": "G",
		"v3": {"auth": {"md5": {"encryption-default": "0822"}, "sha": {"encryption-default": "0933"}}}}]}}}`)
	got := AbsentNative(root, running, []string{u + "/auth/md5", u + "/auth/sha-256", u + "/priv"}, nil)
	want := []Change{{Op: Delete, Path: u + "/auth/md5", Before: map[string]any{"encryption-default": "0822"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := AbsentNative(root, running, []string{u + "/auth/md5"}, []Change{{Op: Delete, Path: u}}); len(got) != 1 {
		t.Errorf("a path below a delete is deleted again: %+v", got)
	}
	forms := NativeStoredForms(root, running, []string{u + "/auth/sha/encryption-default", u + "/auth/sha-256/encryption-default", "/system/config/hostname"})
	if diff := cmp.Diff(map[string]string{u + "/auth/sha/encryption-default": "0933"}, forms); diff != "" {
		t.Errorf("stored forms (-want +got):\n%s", diff)
	}
}

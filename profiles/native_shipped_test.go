package profiles_test

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/yangjson"
	"github.com/switchyard/switchyard/profiles"
)

// checkNative checks a native.yang-style subtree (RFC 7951 JSON) against
// the shipped profile of platform and release, as the gate does.
func checkNative(t *testing.T, platform, release string, tree map[string]any) []*profiles.Refusal {
	t.Helper()
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, err := set.Select(platform, release)
	if err != nil {
		t.Fatal(err)
	}
	elems, err := yangjson.ToXML(p, tree)
	if err != nil {
		t.Fatal(err)
	}
	return p.CheckXML(elems)
}

// IOS-XE's line vty transport input is placed by an augment inside a uses
// (Cisco-IOS-XE-line.yang, grouping line-grouping), which the generator
// applies: a native.yang block setting it passes the schema check, and a
// protocol the model does not list is refused.
func TestShippedXEVTYTransportInput(t *testing.T) {
	vty := func(protocols ...any) map[string]any {
		return map[string]any{"Cisco-IOS-XE-native:native": map[string]any{"line": map[string]any{
			"vty": []any{map[string]any{"first": float64(0), "last": float64(4),
				"transport": map[string]any{"input": map[string]any{"input": protocols}}}},
		}}}
	}
	if r := checkNative(t, "iosxe", "17.18.1", vty("ssh", "telnet")); len(r) != 0 {
		t.Errorf("transport input ssh telnet refused: %v", r)
	}
	r := checkNative(t, "iosxe", "17.18.1", vty("ssh", "carrier-pigeon"))
	if len(r) != 1 || !strings.Contains(r[0].Path, "/line/vty") || !strings.Contains(r[0].Reason, `"carrier-pigeon" is not one of`) {
		t.Errorf("an unknown protocol: %v", r)
	}
	none := map[string]any{"Cisco-IOS-XE-native:native": map[string]any{"line": map[string]any{
		"vty": []any{map[string]any{"first": float64(5), "transport": map[string]any{"input": map[string]any{"none": []any{nil}}}}},
	}}}
	if r := checkNative(t, "iosxe", "17.18.1", none); len(r) != 0 {
		t.Errorf("transport input none refused: %v", r)
	}
}

// IOS-XR's AAA unified model is in the native schema: login method lists
// with presence-only methods (local, a server type) and the line
// templates' login authentication (Cisco-IOS-XR-um-aaa-task-user-cfg).
func TestShippedXRLoginLists(t *testing.T) {
	tree := map[string]any{
		"Cisco-IOS-XR-um-aaa-cfg:aaa": map[string]any{"authentication": map[string]any{"login": map[string]any{
			"authentication-list": []any{map[string]any{"list-name": "VTY", "groups": map[string]any{
				"group-1": map[string]any{"server-group-name": "CAMPUS-TACACS"},
				"group-2": map[string]any{"local": map[string]any{}},
			}}},
		}}},
		"Cisco-IOS-XR-um-line-cfg:line": map[string]any{
			"default": map[string]any{"Cisco-IOS-XR-um-aaa-task-user-cfg:login": map[string]any{"authentication": "VTY"}},
			"console": map[string]any{"Cisco-IOS-XR-um-aaa-task-user-cfg:login": map[string]any{"authentication": "default"}},
		},
	}
	if r := checkNative(t, "iosxr", "26.2.1", tree); len(r) != 0 {
		t.Errorf("login lists refused: %v", r)
	}
}

package profiles_test

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/profiles"
)

// NX-OS 10.6(3) advertises openconfig-spanning-tree and
// openconfig-relay-agent, for which switchyard has no generated structs:
// the profile keeps them in the native schema (not the OpenConfig one),
// says why in its warnings, lists the identities their identityref
// leaves take with the namespace of the identities' module (not
// advertised), and where the deviations replace a leaf's type.
func TestShippedNXOSUnvendoredOpenConfig(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, err := set.Select("nxos", "10.6(3)")
	if err != nil {
		t.Fatal(err)
	}
	for top, mod := range map[string]string{"stp": "openconfig-spanning-tree", "relay-agent": "openconfig-relay-agent"} {
		if p.NativeTop(mod+":"+top) == nil || p.Schema.Children[top] != nil {
			t.Errorf("%s:%s is not in the native schema alone", mod, top)
		}
		found := false
		for _, w := range p.Warnings {
			found = found || strings.HasPrefix(w, mod+" (/"+top+") is kept in the native schema")
		}
		if !found {
			t.Errorf("no warning says why %s is in the native schema: %q", mod, p.Warnings)
		}
	}
	if p.IsPlatformNative() {
		t.Error("NX-OS has a platform native model")
	}
	proto := p.NativeTop("openconfig-spanning-tree:stp").Children["global"].Children["config"].Children["enabled-protocol"]
	if want := "identityref openconfig-spanning-tree-types:MSTP|openconfig-spanning-tree-types:RAPID_PVST|openconfig-spanning-tree-types:RSTP"; proto.Type != want || !proto.List {
		t.Errorf("enabled-protocol: %+v, want a leaf-list of %s", proto, want)
	}
	if p.Module("openconfig-spanning-tree-types") != nil ||
		p.IdentityNamespace("openconfig-spanning-tree-types") != "http://openconfig.net/yang/spanning-tree/types" {
		t.Errorf("identity namespaces: %v", p.Identities)
	}
	found := false
	for _, r := range p.Retyped {
		found = found || r.Path == "/openconfig-spanning-tree:stp/rapid-pvst/vlan/config/bridge-priority" &&
			strings.HasPrefix(r.Source, "cisco-nx-openconfig-spanning-tree-deviations.yang:")
	}
	if !found {
		t.Errorf("Retyped lacks rapid-pvst bridge-priority: %v", p.Retyped)
	}
	if u := p.Deviation("/stp/global/config/bpduguard-timeout-recovery"); u == nil {
		t.Error("no not-supported deviation for bpduguard-timeout-recovery")
	}
}

package yangjson

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/profiles"
)

func nx(t *testing.T) *profiles.Profile {
	t.Helper()
	return shipped(t, "nxos", "10.6(3)")
}

// Identityref leaves of an OpenConfig module NX-OS 10.6(3) advertises but
// switchyard does not vendor: RFC 7951 "module:IDENTITY" goes to XML with
// the module as prefix, declared with the namespace the profile records
// (openconfig-spanning-tree-types is not advertised), and comes back
// whatever prefix the device uses.
func TestIdentityrefRoundTrip(t *testing.T) {
	p := nx(t)
	in := tree(t, `{"openconfig-spanning-tree:stp": {
		"global": {"config": {"enabled-protocol": ["openconfig-spanning-tree-types:RAPID_PVST"]}},
		"interfaces": {"interface": [{"name": "Ethernet1/2", "config": {"name": "Ethernet1/2",
			"edge-port": "openconfig-spanning-tree-types:EDGE_ENABLE", "bpdu-guard": true}}]}}}`)
	elems, err := ToXML(p, in)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range elems {
		b.Write(xmltree.Marshal(e))
	}
	const ns = `xmlns:openconfig-spanning-tree-types="http://openconfig.net/yang/spanning-tree/types"`
	for _, want := range []string{
		`<enabled-protocol ` + ns + `>openconfig-spanning-tree-types:RAPID_PVST</enabled-protocol>`,
		`<edge-port ` + ns + `>openconfig-spanning-tree-types:EDGE_ENABLE</edge-port>`,
		`<stp xmlns="http://openconfig.net/yang/spanning-tree">`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("XML lacks %s:\n%s", want, b.String())
		}
	}
	if refused := p.CheckXML(elems); len(refused) != 0 {
		t.Errorf("the release refuses %v", refused[0])
	}
	// Parsed back from the wire, the declaration is the document's business.
	parsed, err := xmltree.Parse([]byte(`<config>` + b.String() + `</config>`))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, FromXML(p, parsed.Children)); diff != "" {
		t.Errorf("round trip (-sent +decoded):\n%s", diff)
	}
	// A device's own prefix, and a bare name, decode to the same value.
	for _, text := range []string{"oc-stp-types:MSTP", "MSTP"} {
		if got := FromText("identityref openconfig-spanning-tree-types:MSTP|openconfig-spanning-tree-types:RAPID_PVST", text); got != "openconfig-spanning-tree-types:MSTP" {
			t.Errorf("FromText(%q) = %v", text, got)
		}
	}
}

// An identity the leaf does not take is refused by the release check.
func TestIdentityrefRefused(t *testing.T) {
	p := nx(t)
	elems, err := ToXML(p, tree(t, `{"openconfig-spanning-tree:stp": {"interfaces": {"interface": [{"name": "Ethernet1/2",
		"config": {"name": "Ethernet1/2", "edge-port": "openconfig-spanning-tree-types:RAPID_PVST"}}]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	refused := p.CheckXML(elems)
	if len(refused) != 1 || !strings.Contains(refused[0].Reason, "EDGE_ENABLE") || !strings.Contains(refused[0].Path, "edge-port") {
		t.Fatalf("refusals %v, want edge-port naming the identities it takes", refused)
	}
}

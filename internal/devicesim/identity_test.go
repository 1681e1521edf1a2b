package devicesim

import (
	"strings"
	"testing"
)

// The NX-OS 10.6(3) simulator stores identities, not the sender's
// prefixes: an identityref leaf of openconfig-spanning-tree sent with any
// prefix is stored and returned with the identity's module as prefix,
// declared on the leaf; a leaf-list item is removed whatever prefix the
// removal uses; an identity the leaf does not take is refused.
func TestReleaseIdentityrefs(t *testing.T) {
	d, _ := releaseDevice(t, "nxos", "10.6(3)")
	c := dial11(t, d)
	defer c.close()
	const types = "http://openconfig.net/yang/spanning-tree/types"
	edit := func(decl, value, op string) string {
		return `<edit-config><target><candidate/></target><config><stp xmlns="http://openconfig.net/yang/spanning-tree"><global><config>` +
			`<enabled-protocol xmlns:` + decl + `="` + types + `"` + op + `>` + decl + `:` + value + `</enabled-protocol>` +
			`</config></global></stp></config></edit-config>`
	}
	got := firstError(t, c.rpc(edit("oc-stp-types", "EDGE_ENABLE", "")))
	if got.Tag != "invalid-value" || !strings.Contains(got.Message, "RAPID_PVST") {
		t.Errorf("an edge-port identity in enabled-protocol: tag %q message %q", got.Tag, got.Message)
	}
	c.ok(edit("oc-stp-types", "RAPID_PVST", ""))
	c.ok(edit("t", "MSTP", ""))
	c.ok(edit("x", "RAPID_PVST", ` xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" nc:operation="remove"`))
	data := c.rpcRaw(`<get-config><source><candidate/></source><filter type="subtree"><stp xmlns="http://openconfig.net/yang/spanning-tree"/></filter></get-config>`)
	want := `<enabled-protocol xmlns:openconfig-spanning-tree-types="` + types + `">openconfig-spanning-tree-types:MSTP</enabled-protocol>`
	if !strings.Contains(data, want) || strings.Contains(data, "RAPID_PVST") {
		t.Errorf("get-config lacks %s, or keeps RAPID_PVST:\n%s", want, data)
	}
}

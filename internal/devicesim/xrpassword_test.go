package devicesim

import (
	"encoding/xml"
	"testing"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// IOS-XR keeps "!CLEAR" in a password leaf of its unified models as its
// type 7 form and a stored form as it is; other leaves, and leaves of the
// same name outside the unified models, are left alone.
func TestStoreXRPasswords(t *testing.T) {
	const um = "http://cisco.com/ns/yang/Cisco-IOS-XR-um-snmp-server-cfg"
	leaf := func(space, text string) *xmltree.Element {
		return &xmltree.Element{Name: xml.Name{Space: space, Local: "encryption-default"}, Text: text}
	}
	clear, stored, other := leaf(um, "!auth-key"), leaf(um, "0822455D0A16"), leaf("urn:other", "!auth-key")
	root := &xmltree.Element{Name: xml.Name{Local: "config"}, Children: []*xmltree.Element{
		{Name: xml.Name{Space: um, Local: "sha"}, Children: []*xmltree.Element{clear}},
		{Name: xml.Name{Space: um, Local: "md5"}, Children: []*xmltree.Element{stored}},
		{Name: xml.Name{Space: "urn:other", Local: "x"}, Children: []*xmltree.Element{other}},
	}}
	storeSecrets(root)
	if clear.Text != Type7("auth-key") || stored.Text != "0822455D0A16" || other.Text != "!auth-key" {
		t.Errorf("stored %q, %q, %q", clear.Text, stored.Text, other.Text)
	}
	tree := map[string]any{"Cisco-IOS-XR-um-snmp-server-cfg:snmp-server": map[string]any{"users": map[string]any{"user": []any{
		map[string]any{"user-name": "u", "v3": map[string]any{"auth": map[string]any{"sha": map[string]any{"encryption-default": "!auth-key"}}}},
	}}}}
	StoreXRPasswords(tree)
	users := tree["Cisco-IOS-XR-um-snmp-server-cfg:snmp-server"].(map[string]any)["users"].(map[string]any)["user"].([]any)
	sha := users[0].(map[string]any)["v3"].(map[string]any)["auth"].(map[string]any)["sha"].(map[string]any)
	if sha["encryption-default"] != Type7("auth-key") {
		t.Errorf("JSON tree stored %v", sha["encryption-default"])
	}
}

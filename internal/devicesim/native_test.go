package devicesim

import (
	"strings"
	"testing"
)

const nsXENative = "http://cisco.com/ns/yang/Cisco-IOS-XE-native"

// The IOS-XE 17.18.1 simulator takes its native model as the release's
// native schema allows, keys its lists, returns it through a subtree
// filter, and refuses a leaf the schema lacks or a value out of range.
func TestReleaseNativeSubtrees(t *testing.T) {
	d, _ := releaseDevice(t, "iosxe", "17.18.1")
	c := dial11(t, d)
	defer c.close()
	edit := func(body string) string {
		return `<edit-config><target><running/></target><config><native xmlns="` + nsXENative + `">` + body +
			`</native></config></edit-config>`
	}
	gi := func(name, leaf string) string {
		return `<interface><GigabitEthernet><name>` + name + `</name>` + leaf + `</GigabitEthernet></interface>`
	}
	tests := []struct {
		name, body, wantTag, wantMsg string
	}{
		{"unknown native leaf", gi("1/0/1", `<no-such-leaf>1</no-such-leaf>`), "unknown-element",
			"not in the writable schema of Cisco-IOS-XE-native@2025-07-01 as iosxe 17.18.1 publishes it"},
		{"native value out of range", gi("1/0/1", `<mtu>20000</mtu>`), "invalid-value", "20000 is out of range 64..18000 for uint16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := firstError(t, c.rpc(edit(tt.body)))
			if got.Tag != tt.wantTag || got.Message != tt.wantMsg {
				t.Errorf("edit-config reply: tag %q message %q; want %q %q", got.Tag, got.Message, tt.wantTag, tt.wantMsg)
			}
		})
	}
	c.ok(edit(gi("1/0/1", `<mtu>1600</mtu>`) + `<logging><trap><severity>informational</severity></trap></logging>`))
	c.ok(edit(gi("1/0/1", `<description>desk</description>`) + gi("1/0/2", `<mtu>9000</mtu>`)))
	data := dataOf(t, c.rpc(`<get-config><source><running/></source><filter type="subtree"><native xmlns="`+nsXENative+`"><interface/></native></filter></get-config>`))
	for _, want := range []string{"<name>1/0/1</name><mtu>1600</mtu><description>desk</description>", "<name>1/0/2</name><mtu>9000</mtu>"} {
		if !strings.Contains(data, want) {
			t.Errorf("get-config of native/interface lacks %s:\n%s", want, data)
		}
	}
	if strings.Contains(data, "logging") || strings.Count(data, "<GigabitEthernet>") != 2 {
		t.Errorf("filter or list keys wrong (one entry per key, logging filtered out):\n%s", data)
	}
}

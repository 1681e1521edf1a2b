package devicesim

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGetConfigSubtreeFilter(t *testing.T) {
	const (
		ifs = `<interfaces xmlns="` + nsIf + `">`
		nis = `<network-instances xmlns="` + nsNI + `">`
	)
	tests := []struct {
		name   string
		source string
		filter string
		want   string
	}{
		{
			name:   "no filter returns everything",
			source: "running",
			want:   initialRunning,
		},
		{
			name:   "empty filter selects nothing",
			source: "running",
			filter: `<filter type="subtree"/>`,
			want:   `<data/>`,
		},
		{
			name:   "selection node returns the whole subtree",
			source: "running",
			filter: `<filter type="subtree">` + nis + `</network-instances></filter>`,
			want: `<data>` + nis + `<network-instance><name>default</name><vlans><vlan><vlan-id>10</vlan-id>` +
				`<config><vlan-id>10</vlan-id><name>users</name></config></vlan></vlans></network-instance></network-instances></data>`,
		},
		{
			name:   "content match node selects one list entry",
			source: "running",
			filter: `<filter type="subtree">` + ifs + `<interface><name>Gi2</name></interface></interfaces></filter>`,
			want: `<data>` + ifs + `<interface><name>Gi2</name><config><name>Gi2</name><mtu>1500</mtu></config>` +
				`</interface></interfaces></data>`,
		},
		{
			name:   "content match with selection node returns key and selected leaf",
			source: "running",
			filter: `<filter type="subtree">` + ifs + `<interface><name>Gi1</name><config><description/></config>` +
				`</interface></interfaces></filter>`,
			want: `<data>` + ifs + `<interface><name>Gi1</name><config><description>uplink</description></config>` +
				`</interface></interfaces></data>`,
		},
		{
			name:   "selection node across all entries",
			source: "running",
			filter: `<filter type="subtree">` + ifs + `<interface><config><mtu/></config></interface></interfaces></filter>`,
			want: `<data>` + ifs + `<interface><config><mtu>1500</mtu></config></interface>` +
				`<interface><config><mtu>1500</mtu></config></interface></interfaces></data>`,
		},
		{
			name:   "content match that fails selects nothing",
			source: "running",
			filter: `<filter type="subtree">` + ifs + `<interface><name>Gi9</name></interface></interfaces></filter>`,
			want:   `<data/>`,
		},
		{
			name:   "wrong namespace selects nothing",
			source: "running",
			filter: `<filter type="subtree"><interfaces xmlns="urn:other"/></filter>`,
			want:   `<data/>`,
		},
		{
			name:   "two content match siblings select two entries",
			source: "candidate",
			filter: `<filter type="subtree">` + ifs + `<interface><name>Gi1</name><config><mtu/></config></interface>` +
				`<interface><name>Gi2</name><config><mtu/></config></interface></interfaces></filter>`,
			want: `<data>` + ifs + `<interface><name>Gi1</name><config><mtu>1500</mtu></config></interface>` +
				`<interface><name>Gi2</name><config><mtu>1500</mtu></config></interface></interfaces></data>`,
		},
		{
			name:   "nested content match on a deeper leaf",
			source: "running",
			filter: `<filter type="subtree">` + nis + `<network-instance><vlans><vlan><config><name>users</name>` +
				`</config></vlan></vlans></network-instance></network-instances></filter>`,
			want: `<data>` + nis + `<network-instance><vlans><vlan><config><vlan-id>10</vlan-id><name>users</name>` +
				`</config></vlan></vlans></network-instance></network-instances></data>`,
		},
	}
	d, _ := testDevice(t, nil)
	c := dial11(t, d)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.rpc(`<get-config><source><` + tt.source + `/></source>` + tt.filter + `</get-config>`)
			if diff := cmp.Diff(canonData(t, tt.want), dataOf(t, r)); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGetEqualsGetConfigRunning(t *testing.T) {
	d, _ := testDevice(t, nil)
	c := dial11(t, d)
	got := dataOf(t, c.rpc(`<get/>`))
	if diff := cmp.Diff(string(d.Running()), got); diff != "" {
		t.Errorf("get (-want +got):\n%s", diff)
	}
}

func TestGetConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want errShape
	}{
		{"startup is not supported", `<get-config><source><startup/></source></get-config>`,
			errShape{Type: "protocol", Tag: "invalid-value", Severity: "error",
				Message: "datastore startup is not supported on this device", Info: map[string]string{"bad-element": "startup"}}},
		{"missing source", `<get-config/>`,
			errShape{Type: "protocol", Tag: "missing-element", Severity: "error",
				Message: "<get-config> needs <source>", Info: map[string]string{"bad-element": "source"}}},
		{"xpath filter is not supported", `<get-config><source><running/></source><filter type="xpath" select="/x"/></get-config>`,
			errShape{Type: "protocol", Tag: "operation-not-supported", Severity: "error",
				Message: "the :xpath capability is not supported"}},
	}
	d, _ := testDevice(t, nil)
	c := dial11(t, d)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, firstError(t, c.rpc(tt.body))); diff != "" {
				t.Errorf("rpc-error (-want +got):\n%s", diff)
			}
		})
	}
}

package devicesim

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// ifEdit wraps interface list entries in an edit-config of the candidate.
func ifEdit(params, entries string) string {
	return `<edit-config><target><candidate/></target>` + params +
		`<config><interfaces xmlns="` + nsIf + `" xmlns:nc="` + NSBase + `">` + entries +
		`</interfaces></config></edit-config>`
}

func TestEditConfig(t *testing.T) {
	tests := []struct {
		name       string
		edit       string
		wantErrs   []errShape
		contains   []string
		notContain []string
	}{
		{
			name:     "merge changes a leaf of an existing entry",
			edit:     ifEdit("", `<interface><name>Gi1</name><config><mtu>9000</mtu></config></interface>`),
			contains: []string{`<name>Gi1</name><mtu>9000</mtu><description>uplink</description>`},
		},
		{
			name:     "merge adds a new list entry",
			edit:     ifEdit("", `<interface><name>Gi3</name><config><name>Gi3</name></config></interface>`),
			contains: []string{`<interface><name>Gi3</name><config><name>Gi3</name></config></interface>`},
		},
		{
			name: "replace swaps the config container",
			edit: ifEdit("", `<interface><name>Gi1</name><config nc:operation="replace"><name>Gi1</name>`+
				`<mtu>9100</mtu></config></interface>`),
			contains:   []string{`<config><name>Gi1</name><mtu>9100</mtu></config>`},
			notContain: []string{"uplink"},
		},
		{
			name:     "create of a new entry succeeds",
			edit:     ifEdit("", `<interface nc:operation="create"><name>Gi4</name></interface>`),
			contains: []string{`<interface><name>Gi4</name></interface>`},
		},
		{
			name: "create of an existing entry is data-exists",
			edit: ifEdit("", `<interface nc:operation="create"><name>Gi1</name></interface>`),
			wantErrs: []errShape{{Type: "application", Tag: "data-exists", Severity: "error",
				Path: "/interfaces:interfaces/interfaces:interface[interfaces:name='Gi1']", Message: "data already exists"}},
		},
		{
			name:       "delete removes a leaf",
			edit:       ifEdit("", `<interface><name>Gi1</name><config><description nc:operation="delete"/></config></interface>`),
			notContain: []string{"uplink"},
		},
		{
			name: "delete of a missing entry is data-missing",
			edit: ifEdit("", `<interface nc:operation="delete"><name>Gi9</name></interface>`),
			wantErrs: []errShape{{Type: "application", Tag: "data-missing", Severity: "error",
				Path: "/interfaces:interfaces/interfaces:interface[interfaces:name='Gi9']", Message: "data does not exist"}},
		},
		{
			name:     "remove of a missing entry is silently ignored",
			edit:     ifEdit("", `<interface nc:operation="remove"><name>Gi9</name></interface>`),
			contains: []string{"<name>Gi2</name>"},
		},
		{
			name:       "remove deletes an existing entry",
			edit:       ifEdit("", `<interface nc:operation="remove"><name>Gi2</name></interface>`),
			notContain: []string{"<name>Gi2</name>"},
		},
		{
			name: "default-operation none leaves unmentioned leaves alone",
			edit: ifEdit(`<default-operation>none</default-operation>`,
				`<interface><name>Gi1</name><config><mtu nc:operation="replace">1400</mtu><description>x</description></config></interface>`),
			contains: []string{`<mtu>1400</mtu><description>uplink</description>`},
		},
		{
			name: "default-operation none on missing data is data-missing",
			edit: ifEdit(`<default-operation>none</default-operation>`, `<interface><name>Gi7</name><config/></interface>`),
			wantErrs: []errShape{{Type: "application", Tag: "data-missing", Severity: "error",
				Path: "/interfaces:interfaces/interfaces:interface[interfaces:name='Gi7']", Message: "data does not exist"}},
		},
		{
			name: "default-operation replace replaces the whole datastore",
			edit: ifEdit(`<default-operation>replace</default-operation>`,
				`<interface><name>Gi5</name></interface>`),
			contains:   []string{`<interfaces xmlns="` + nsIf + `"><interface><name>Gi5</name></interface></interfaces>`},
			notContain: []string{"network-instances", "Gi1"},
		},
		{
			name: "unknown operation is bad-attribute",
			edit: ifEdit("", `<interface nc:operation="frobnicate"><name>Gi1</name></interface>`),
			wantErrs: []errShape{{Type: "protocol", Tag: "bad-attribute", Severity: "error",
				Message: "unknown operation frobnicate", Info: map[string]string{"bad-attribute": "operation", "bad-element": "interface"}}},
		},
		{
			name: "list entry without key is missing-element",
			edit: ifEdit("", `<interface><config><mtu>1</mtu></config></interface>`),
			wantErrs: []errShape{{Type: "protocol", Tag: "missing-element", Severity: "error",
				Path: "/interfaces:interfaces/interfaces:interface", Message: "list entry without key name",
				Info: map[string]string{"bad-element": "name"}}},
		},
		{
			name: "stop-on-error keeps what applied before the error",
			edit: ifEdit("", `<interface><name>Gi2</name><config><mtu>1234</mtu></config></interface>`+
				`<interface nc:operation="create"><name>Gi1</name></interface>`+
				`<interface><name>Gi8</name></interface>`),
			wantErrs: []errShape{{Type: "application", Tag: "data-exists", Severity: "error",
				Path: "/interfaces:interfaces/interfaces:interface[interfaces:name='Gi1']", Message: "data already exists"}},
			contains:   []string{"<mtu>1234</mtu>"},
			notContain: []string{"Gi8"},
		},
		{
			name: "continue-on-error applies the rest and reports every error",
			edit: ifEdit(`<error-option>continue-on-error</error-option>`,
				`<interface nc:operation="create"><name>Gi1</name></interface>`+
					`<interface nc:operation="delete"><name>Gi9</name></interface>`+
					`<interface><name>Gi8</name></interface>`),
			wantErrs: []errShape{
				{Type: "application", Tag: "data-exists", Severity: "error",
					Path: "/interfaces:interfaces/interfaces:interface[interfaces:name='Gi1']", Message: "data already exists"},
				{Type: "application", Tag: "data-missing", Severity: "error",
					Path: "/interfaces:interfaces/interfaces:interface[interfaces:name='Gi9']", Message: "data does not exist"},
			},
			contains: []string{"<name>Gi8</name>"},
		},
		{
			name: "rollback-on-error keeps nothing",
			edit: ifEdit(`<error-option>rollback-on-error</error-option>`,
				`<interface><name>Gi2</name><config><mtu>1234</mtu></config></interface>`+
					`<interface nc:operation="create"><name>Gi1</name></interface>`),
			wantErrs: []errShape{{Type: "application", Tag: "data-exists", Severity: "error",
				Path: "/interfaces:interfaces/interfaces:interface[interfaces:name='Gi1']", Message: "data already exists"}},
			notContain: []string{"1234"},
		},
		{
			name:       "test-only changes nothing",
			edit:       ifEdit(`<test-option>test-only</test-option>`, `<interface><name>Gi6</name></interface>`),
			notContain: []string{"Gi6"},
		},
		{
			name: "bad default-operation is invalid-value",
			edit: ifEdit(`<default-operation>merge-ish</default-operation>`, ``),
			wantErrs: []errShape{{Type: "protocol", Tag: "invalid-value", Severity: "error",
				Message: "default-operation merge-ish is not valid", Info: map[string]string{"bad-element": "default-operation"}}},
		},
		{
			name: "running is not writable with candidate",
			edit: `<edit-config><target><running/></target><config/></edit-config>`,
			wantErrs: []errShape{{Type: "protocol", Tag: "operation-not-supported", Severity: "error",
				Message: "running is not writable on this device; edit candidate and commit", Info: map[string]string{"bad-element": "running"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := testDevice(t, nil)
			c := dial11(t, d)
			r := c.rpc(tt.edit)
			if diff := cmp.Diff(tt.wantErrs, rpcErrors(r)); diff != "" {
				t.Errorf("rpc-errors (-want +got):\n%s", diff)
			}
			if tt.wantErrs == nil && r.Child(NSBase, "ok") == nil {
				t.Errorf("want <ok/>, got %s", r)
			}
			cand := string(d.Candidate())
			for _, s := range tt.contains {
				if !strings.Contains(cand, s) {
					t.Errorf("candidate lacks %s:\n%s", s, cand)
				}
			}
			for _, s := range tt.notContain {
				if strings.Contains(cand, s) {
					t.Errorf("candidate has %s:\n%s", s, cand)
				}
			}
		})
	}
}

func TestEditConfigLeafList(t *testing.T) {
	d, _ := testDevice(t, nil)
	c := dial11(t, d)
	const sw = `<interfaces xmlns="` + nsIf + `" xmlns:nc="` + NSBase + `"><interface><name>Gi2</name>` +
		`<ethernet><switched-vlan><config>%s</config></switched-vlan></ethernet></interface></interfaces>`
	edit := func(inner string) string {
		return `<edit-config><target><candidate/></target><config>` + strings.Replace(sw, "%s", inner, 1) + `</config></edit-config>`
	}
	c.ok(edit(`<trunk-vlans>10</trunk-vlans><trunk-vlans>20</trunk-vlans>`))
	c.ok(edit(`<trunk-vlans>20</trunk-vlans><trunk-vlans>30</trunk-vlans>`))
	c.ok(edit(`<trunk-vlans nc:operation="delete">10</trunk-vlans>`))
	want := `<config><trunk-vlans>20</trunk-vlans><trunk-vlans>30</trunk-vlans></config>`
	if got := string(d.Candidate()); !strings.Contains(got, want) {
		t.Errorf("candidate lacks %s:\n%s", want, got)
	}
}

func TestEditConfigValidation(t *testing.T) {
	schema := DefaultSchema()
	schema.SetValidator(schema.RejectLeaf("config/mtu", "9999", "mtu 9999 is not supported"))
	d, _ := testDevice(t, func(c *Config) { c.Schema = schema })
	c := dial11(t, d)
	bad := `<interface><name>Gi1</name><config><mtu>9999</mtu></config></interface>`
	want := errShape{Type: "application", Tag: "invalid-value", Severity: "error",
		Path:    "/interfaces:interfaces/interfaces:interface[interfaces:name='Gi1']/interfaces:config/interfaces:mtu",
		Message: "mtu 9999 is not supported"}
	t.Run("test-then-set given explicitly rejects the edit", func(t *testing.T) {
		if diff := cmp.Diff(want, firstError(t, c.rpc(ifEdit(`<test-option>test-then-set</test-option>`, bad)))); diff != "" {
			t.Errorf("rpc-error (-want +got):\n%s", diff)
		}
	})
	t.Run("plain edit of candidate defers validation to commit", func(t *testing.T) {
		c.ok(ifEdit("", bad))
		if diff := cmp.Diff(want, firstError(t, c.rpc(`<validate><source><candidate/></source></validate>`))); diff != "" {
			t.Errorf("validate rpc-error (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, firstError(t, c.rpc(`<commit/>`))); diff != "" {
			t.Errorf("commit rpc-error (-want +got):\n%s", diff)
		}
		if strings.Contains(string(d.Running()), "9999") {
			t.Error("invalid candidate reached running")
		}
	})
	t.Run("error-path declares its prefix", func(t *testing.T) {
		raw := c.rpcRaw(`<validate><source><candidate/></source></validate>`)
		if !strings.Contains(raw, `xmlns:interfaces="`+nsIf+`"`) {
			t.Errorf("error-path does not declare prefix interfaces: %s", raw)
		}
	})
}

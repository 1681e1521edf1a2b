package devicesim

import (
	"strings"
	"testing"
)

func TestIgnoreEdits(t *testing.T) {
	const gi1Desc = "/interfaces/interface[name='Gi1']/config/description"
	tests := []struct {
		name   string
		prefix string
		edit   string
		// contains must be in the candidate after the edit; absent must not.
		contains, absent []string
	}{
		{
			name:     "merge of the ignored leaf is dropped, the rest of the edit applies",
			prefix:   gi1Desc,
			edit:     ifEdit("", `<interface><name>Gi1</name><config><mtu>9000</mtu><description>changed</description></config></interface>`),
			contains: []string{"<mtu>9000</mtu><description>uplink</description>"},
			absent:   []string{"changed"},
		},
		{
			name:     "a key predicate limits the knob to that entry",
			prefix:   gi1Desc,
			edit:     ifEdit("", `<interface><name>Gi2</name><config><description>second</description></config></interface>`),
			contains: []string{"<description>second</description>"},
		},
		{
			name:     "removal below the prefix is dropped",
			prefix:   "/interfaces/interface[name='Gi1']",
			edit:     ifEdit("", `<interface><name>Gi1</name><config><description nc:operation="remove"/></config></interface>`),
			contains: []string{"<description>uplink</description>"},
		},
		{
			name:     "removal of an ancestor of the prefix is dropped",
			prefix:   gi1Desc,
			edit:     ifEdit("", `<interface nc:operation="remove"><name>Gi1</name></interface>`),
			contains: []string{"<name>Gi1</name>", "<description>uplink</description>"},
		},
		{
			name:     "replace of an ancestor of the prefix is dropped",
			prefix:   gi1Desc,
			edit:     ifEdit("", `<interface><name>Gi1</name><config nc:operation="replace"><name>Gi1</name></config></interface>`),
			contains: []string{"<mtu>1500</mtu><description>uplink</description>"},
		},
		{
			name:     "replace of another entry applies",
			prefix:   gi1Desc,
			edit:     ifEdit("", `<interface><name>Gi2</name><config nc:operation="replace"><name>Gi2</name><mtu>9100</mtu></config></interface>`),
			contains: []string{"<mtu>9100</mtu>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := testDevice(t, nil)
			if err := d.Knobs().IgnoreEdits(tt.prefix); err != nil {
				t.Fatal(err)
			}
			c := dial11(t, d)
			c.ok(tt.edit) // accepted with <ok/>
			cand := string(d.Candidate())
			for _, s := range tt.contains {
				if !strings.Contains(cand, s) {
					t.Errorf("candidate lacks %q:\n%s", s, cand)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(cand, s) {
					t.Errorf("candidate has %q:\n%s", s, cand)
				}
			}
		})
	}
}

func TestIgnoreEditsCommitAnswersOKAndChangesNothing(t *testing.T) {
	d, _ := testDevice(t, nil)
	if err := d.Knobs().IgnoreEdits("/interfaces"); err != nil {
		t.Fatal(err)
	}
	c := dial11(t, d)
	before := string(d.Running())
	c.ok(editGi1Desc)
	c.ok(`<validate><source><candidate/></source></validate>`)
	c.ok(`<commit/>`)
	if got := string(d.Running()); got != before {
		t.Errorf("running changed by an ignored edit:\n%s", got)
	}
	d.Knobs().Reset()
	c.ok(editGi1Desc)
	c.ok(`<commit/>`)
	if string(d.Running()) == before {
		t.Error("Reset did not turn IgnoreEdits off: the edit after it was dropped")
	}
}

func TestIgnoreEditsBadPath(t *testing.T) {
	var k Knobs
	if err := k.IgnoreEdits("/interfaces/interface[name]"); err == nil || !strings.Contains(err.Error(), "ignore edits") {
		t.Errorf("IgnoreEdits with a bad predicate: err = %v", err)
	}
}

package devicesim

import (
	"bytes"
	"testing"
)

func TestLoseReplyAfter(t *testing.T) {
	d, _ := testDevice(t, nil)
	c := dial11(t, d)
	d.Knobs().LoseReplyAfter(1)
	c.ok(`<discard-changes/>`)
	before := d.Candidate()
	if err := c.write([]byte(`<rpc message-id="9" xmlns="` + NSBase + `"><edit-config><target><candidate/></target><config><interfaces xmlns="` + nsIf +
		`"><interface><name>Gi2</name><config><description>lost</description></config></interface></interfaces></config></edit-config></rpc>`)); err != nil {
		t.Fatal(err)
	}
	if err := c.waitClosed(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(d.Candidate(), []byte("lost")) || bytes.Equal(before, d.Candidate()) {
		t.Errorf("the edit whose reply was lost was not applied:\n%s", d.Candidate())
	}
	dial11(t, d).ok(`<discard-changes/>`) // knob is one-shot
}

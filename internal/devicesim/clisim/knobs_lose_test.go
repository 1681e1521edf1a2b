package clisim

import (
	"strings"
	"testing"
)

func TestLoseReplyAfter(t *testing.T) {
	d, _ := startDevice(t)
	tm := openTerm(t, d)
	tm.send("enable")
	tm.expect(`Password: ?$`)
	tm.send(testEnable)
	tm.expect(`sw1#$`)
	tm.send("configure terminal")
	tm.expect(`\(config\)#$`)
	d.Knobs().LoseReplyAfter(0)
	tm.send("hostname lost")
	if _, err := tm.r.ReadString('#'); err == nil {
		t.Error("the command whose output was lost answered with a prompt")
	}
	if !strings.Contains(d.Running(), "hostname lost") {
		t.Errorf("the command whose output was lost was not run:\n%s", d.Running())
	}
}

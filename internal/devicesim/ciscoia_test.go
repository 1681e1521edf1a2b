package devicesim

import (
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// xeDevice is the IOS-XE 17.18.1 simulator on a manual clock.
func xeDevice(t *testing.T) (*Device, *ManualClock) {
	t.Helper()
	d, _ := releaseDevice(t, "iosxe", "17.18.1")
	return d, d.cfg.Clock.(*ManualClock)
}

const ia = `xmlns="` + NSCiscoIA + `"`

func descEdit(desc string) string {
	return `<edit-config><target><running/></target><config><interfaces xmlns="` + nsIf + `">` +
		`<interface><name>Gi1</name><config><description>` + desc + `</description></config></interface></interfaces></config></edit-config>`
}

func resultText(t *testing.T, r *xmltree.Element) string {
	t.Helper()
	if errs := rpcErrors(r); len(errs) > 0 {
		t.Fatalf("rpc failed: %+v", errs[0])
	}
	e := r.Child(NSCiscoIA, "result")
	if e == nil {
		t.Fatalf("reply has no cisco-ia result: %s", r)
	}
	return e.Text
}

// checkpointFile runs checkpoint and returns the archive file it names.
func checkpointFile(t *testing.T, c *client) string {
	t.Helper()
	txt := resultText(t, c.rpc(`<checkpoint `+ia+`/>`))
	f := txt[strings.LastIndex(txt, " ")+1:]
	if !strings.HasPrefix(f, ArchivePath+"-") {
		t.Fatalf("checkpoint result %q names no archive file", txt)
	}
	return f
}

// The timed rollback as switchyard uses it: checkpoint, rollback to that
// checkpoint with a revert timer (running unchanged, timer armed), edit
// running; when the timer runs out the device restores the configuration
// from before the rollback by itself.
func TestCiscoIATimerRevertsByItself(t *testing.T) {
	d, clock := xeDevice(t)
	c := dial11(t, d)
	defer c.close()
	before := string(d.Running())
	file := checkpointFile(t, c)
	resultText(t, c.rpc(`<rollback `+ia+`><target-url>`+file+`</target-url><revert-timer>1</revert-timer></rollback>`))
	if string(d.Running()) != before {
		t.Fatal("a rollback to a checkpoint of running changed running")
	}
	deadline, ok := d.RevertTimer()
	if !ok || !deadline.Equal(clock.Now().Add(time.Minute)) {
		t.Fatalf("revert timer = %v, %v; want pending for 1 minute", deadline, ok)
	}
	c.ok(descEdit("changed"))
	if !strings.Contains(string(d.Running()), "changed") {
		t.Fatal("edit of running did not apply")
	}
	clock.Advance(59 * time.Second)
	if !strings.Contains(string(d.Running()), "changed") {
		t.Fatal("reverted before the timer ran out")
	}
	clock.Advance(time.Second)
	if got := string(d.Running()); got != before {
		t.Fatalf("after the timer: running\n%s\nwant the configuration before the rollback\n%s", got, before)
	}
	if _, ok := d.RevertTimer(); ok {
		t.Error("timer still pending after it ran out")
	}
}

func TestCiscoIARevert(t *testing.T) {
	d, clock := xeDevice(t)
	c := dial11(t, d)
	defer c.close()
	before := string(d.Running())
	arm := func() {
		file := checkpointFile(t, c)
		resultText(t, c.rpc(`<rollback `+ia+`><target-url>`+file+`</target-url><revert-timer>2</revert-timer></rollback>`))
		c.ok(descEdit("changed"))
	}
	t.Run("timer resets the timer", func(t *testing.T) {
		arm()
		clock.Advance(time.Minute)
		resultText(t, c.rpc(`<revert `+ia+`><timer>5</timer></revert>`))
		clock.Advance(4 * time.Minute)
		if !strings.Contains(string(d.Running()), "changed") {
			t.Fatal("reverted before the reset timer ran out")
		}
		clock.Advance(time.Minute)
		if string(d.Running()) != before {
			t.Fatal("not reverted when the reset timer ran out")
		}
	})
	t.Run("now restores at once and cancels the timer", func(t *testing.T) {
		arm()
		resultText(t, c.rpc(`<revert `+ia+`><now/></revert>`))
		if string(d.Running()) != before {
			t.Fatal("revert now did not restore running")
		}
		if clock.Pending() != 0 {
			t.Errorf("%d timers still pending", clock.Pending())
		}
	})
	t.Run("nothing pending", func(t *testing.T) {
		got := firstError(t, c.rpc(`<revert `+ia+`/>`))
		if got.Tag != TagOperationFailed || !strings.Contains(got.Message, "No Rollback Confirmed Change pending") {
			t.Errorf("revert with nothing pending: %+v", got)
		}
	})
}

// The shapes and limits of cisco-ia.yang: target-url is mandatory,
// revert-timer/timer/idle are 1..120, one timed rollback at a time.
func TestCiscoIAInputChecks(t *testing.T) {
	d, _ := xeDevice(t)
	c := dial11(t, d)
	defer c.close()
	file := checkpointFile(t, c)
	tests := []struct{ name, body, tag, msg string }{
		{"no target-url", `<rollback ` + ia + `><revert-timer>1</revert-timer></rollback>`, TagMissingElement, "target-url"},
		{"revert-timer 0", `<rollback ` + ia + `><target-url>` + file + `</target-url><revert-timer>0</revert-timer></rollback>`, TagInvalidValue, "1..120"},
		{"revert-timer 121", `<rollback ` + ia + `><target-url>` + file + `</target-url><revert-timer>121</revert-timer></rollback>`, TagInvalidValue, "1..120"},
		{"unknown file", `<rollback ` + ia + `><target-url>flash:nope</target-url></rollback>`, TagOperationFailed, "File not found"},
		{"revert timer 500", `<revert ` + ia + `><timer>500</timer></revert>`, TagInvalidValue, "1..120"},
		{"unknown rpc", `<save-everything ` + ia + `/>`, TagOperationNotSupported, "not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := firstError(t, c.rpc(tt.body))
			if got.Tag != tt.tag || !strings.Contains(got.Message, tt.msg) {
				t.Errorf("reply %+v, want tag %s with %q", got, tt.tag, tt.msg)
			}
		})
	}
	resultText(t, c.rpc(`<rollback `+ia+`><target-url>`+file+`</target-url><revert-timer>120</revert-timer></rollback>`))
	if got := firstError(t, c.rpc(`<rollback `+ia+`><target-url>`+file+`</target-url><revert-timer>1</revert-timer></rollback>`)); got.Tag != TagInUse {
		t.Errorf("second timed rollback while one is pending: %+v, want in-use", got)
	}
	// Another session's lock on running keeps a rollback out.
	resultText(t, c.rpc(`<revert `+ia+`><now/></revert>`))
	c.ok(`<lock><target><running/></target></lock>`)
	c2 := dial11(t, d)
	defer c2.close()
	if got := firstError(t, c2.rpc(`<rollback `+ia+`><target-url>`+file+`</target-url><revert-timer>1</revert-timer></rollback>`)); got.Tag != TagInUse {
		t.Errorf("rollback while another session locks running: %+v, want in-use", got)
	}
}

// Only a release whose hello advertises cisco-ia answers its rpcs.
func TestCiscoIAOnlyWhereAdvertised(t *testing.T) {
	d, _ := testDevice(t, nil)
	c := dial11(t, d)
	defer c.close()
	if got := firstError(t, c.rpc(`<checkpoint `+ia+`/>`)); got.Tag != TagOperationNotSupported {
		t.Errorf("checkpoint on a device without cisco-ia: %+v", got)
	}
}

func TestCiscoIABrokenTimerKnob(t *testing.T) {
	d, clock := xeDevice(t)
	d.Knobs().BreakRevertTimer(true)
	c := dial11(t, d)
	defer c.close()
	file := checkpointFile(t, c)
	resultText(t, c.rpc(`<rollback `+ia+`><target-url>`+file+`</target-url><revert-timer>1</revert-timer></rollback>`))
	c.ok(descEdit("kept"))
	clock.Advance(time.Minute)
	if !strings.Contains(string(d.Running()), "kept") {
		t.Error("with the timer broken, the change was reverted anyway")
	}
	if _, ok := d.RevertTimer(); ok {
		t.Error("a broken timer still shows as pending")
	}
}

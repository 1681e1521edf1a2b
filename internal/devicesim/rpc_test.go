package devicesim

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestReplyEchoesRPCAttributes(t *testing.T) {
	d, _ := testDevice(t, nil)
	c := dial11(t, d)
	msg := `<rpc message-id="abc-1" xmlns="` + NSBase + `" xmlns:ex="http://example.net/content/1.0" ex:user-id="fred"><get/></rpc>`
	if err := c.write([]byte(msg)); err != nil {
		t.Fatal(err)
	}
	raw, err := c.read()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`message-id="abc-1"`, `xmlns:ex="http://example.net/content/1.0"`, `ex:user-id="fred"`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("reply lacks %s: %.300s", want, raw)
		}
	}
}

func TestRPCErrorShapes(t *testing.T) {
	tests := []struct {
		name   string
		msg    string
		base11 bool
		want   errShape
	}{
		{"missing message-id is missing-attribute", `<rpc xmlns="` + NSBase + `"><get/></rpc>`, true,
			errShape{Type: "rpc", Tag: "missing-attribute", Severity: "error", Message: "<rpc> has no message-id attribute",
				Info: map[string]string{"bad-attribute": "message-id", "bad-element": "rpc"}}},
		{"unknown operation is operation-not-supported", `<rpc message-id="1" xmlns="` + NSBase + `"><reboot/></rpc>`, true,
			errShape{Type: "protocol", Tag: "operation-not-supported", Severity: "error",
				Message: "operation reboot is not supported", Info: map[string]string{"bad-element": "reboot"}}},
		{"foreign namespace operation is operation-not-supported", `<rpc message-id="1" xmlns="` + NSBase + `"><x xmlns="urn:y"/></rpc>`, true,
			errShape{Type: "protocol", Tag: "operation-not-supported", Severity: "error",
				Message: "operation x in namespace urn:y is not supported", Info: map[string]string{"bad-element": "x"}}},
		{"malformed XML is malformed-message in base 1.1", `<rpc message-id="1"><get></rpc>`, true,
			errShape{Type: "rpc", Tag: "malformed-message", Severity: "error"}},
		{"malformed XML is operation-failed in base 1.0", `<rpc message-id="1"><get></rpc>`, false,
			errShape{Type: "rpc", Tag: "operation-failed", Severity: "error"}},
		{"non-rpc element is unknown-element", `<foo xmlns="` + NSBase + `"/>`, true,
			errShape{Type: "rpc", Tag: "unknown-element", Severity: "error",
				Message: "expected <rpc> in " + NSBase, Info: map[string]string{"bad-element": "foo"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := testDevice(t, nil)
			c := dial(t, d, dialOpts{base11: tt.base11})
			r, err := c.roundTrip([]byte(tt.msg))
			if err != nil {
				t.Fatal(err)
			}
			got := firstError(t, r)
			if strings.HasPrefix(got.Message, "malformed XML") {
				got.Message = ""
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rpc-error (-want +got):\n%s", diff)
			}
			c.ok(`<discard-changes/>`) // the session survives
		})
	}
}

func TestWritableRunningProfile(t *testing.T) {
	d, _ := testDevice(t, func(c *Config) { c.Profile = ProfileWritableRunning })
	c := dial11(t, d)
	c.ok(`<edit-config><target><running/></target><config><interfaces xmlns="` + nsIf +
		`"><interface><name>Gi1</name><config><mtu>9000</mtu></config></interface></interfaces></config></edit-config>`)
	if !strings.Contains(string(d.Running()), "<mtu>9000</mtu>") {
		t.Errorf("edit of running did not apply:\n%s", d.Running())
	}
	if d.Candidate() != nil {
		t.Error("writable-running device has a candidate")
	}
	tests := []struct{ name, body, tag string }{
		{"commit", `<commit/>`, TagOperationNotSupported},
		{"confirmed commit", confirmed, TagOperationNotSupported},
		{"cancel-commit", `<cancel-commit/>`, TagOperationNotSupported},
		{"discard-changes", `<discard-changes/>`, TagOperationNotSupported},
		{"edit candidate", `<edit-config><target><candidate/></target><config/></edit-config>`, TagInvalidValue},
		{"lock candidate", lockCand, TagInvalidValue},
		{"get-config candidate", `<get-config><source><candidate/></source></get-config>`, TagInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := firstError(t, c.rpc(tt.body)); got.Tag != tt.tag {
				t.Errorf("tag = %s (%s), want %s", got.Tag, got.Message, tt.tag)
			}
		})
	}
	t.Run("lock on running blocks edits from others", func(t *testing.T) {
		c.ok(lockRun)
		other := dial11(t, d)
		got := firstError(t, other.rpc(`<edit-config><target><running/></target><config/></edit-config>`))
		if got.Tag != TagInUse {
			t.Errorf("tag = %s, want in-use", got.Tag)
		}
	})
	t.Run("validation runs on edits of running", func(t *testing.T) {
		schema := DefaultSchema()
		schema.SetValidator(schema.RejectLeaf("config/mtu", "1", "mtu too small"))
		d2, _ := testDevice(t, func(c *Config) { c.Profile = ProfileWritableRunning; c.Schema = schema })
		before := d2.Running()
		got := firstError(t, dial11(t, d2).rpc(`<edit-config><target><running/></target><config><interfaces xmlns="`+nsIf+
			`"><interface><name>Gi1</name><config><mtu>1</mtu></config></interface></interfaces></config></edit-config>`))
		if got.Tag != TagInvalidValue || string(before) != string(d2.Running()) {
			t.Errorf("invalid edit: tag %s, running changed %v", got.Tag, string(before) != string(d2.Running()))
		}
	})
}

func TestKnobs(t *testing.T) {
	t.Run("fail next commit", func(t *testing.T) {
		d, _ := testDevice(t, nil)
		c := dial11(t, d)
		c.ok(editGi1Desc)
		d.Knobs().FailNextCommit("commit failed: platform busy")
		want := errShape{Type: "application", Tag: "operation-failed", Severity: "error", Message: "commit failed: platform busy"}
		if diff := cmp.Diff(want, firstError(t, c.rpc(`<commit/>`))); diff != "" {
			t.Errorf("rpc-error (-want +got):\n%s", diff)
		}
		c.ok(`<commit/>`) // only the next one fails
	})
	t.Run("reject path", func(t *testing.T) {
		d, _ := testDevice(t, nil)
		c := dial11(t, d)
		const p = "/interfaces/interface[name='Gi1']/config/description"
		if err := d.Knobs().RejectPath(p, "description is not supported on this platform"); err != nil {
			t.Fatal(err)
		}
		want := errShape{Type: "application", Tag: "operation-failed", Severity: "error", Path: p,
			Message: "description is not supported on this platform"}
		if diff := cmp.Diff(want, firstError(t, c.rpc(editGi1Desc))); diff != "" {
			t.Errorf("rpc-error (-want +got):\n%s", diff)
		}
		c.ok(`<edit-config><target><candidate/></target><config><interfaces xmlns="` + nsIf +
			`"><interface><name>Gi2</name><config><description>ok</description></config></interface></interfaces></config></edit-config>`)
	})
	t.Run("drop connection after n messages", func(t *testing.T) {
		d, _ := testDevice(t, nil)
		c := dial11(t, d)
		d.Knobs().DropConnectionAfter(1)
		c.ok(lockCand)
		if err := c.write([]byte(`<rpc message-id="9" xmlns="` + NSBase + `"><get/></rpc>`)); err != nil {
			t.Fatal(err)
		}
		if err := c.waitClosed(); err != nil {
			t.Fatal(err)
		}
		eventually(t, "lock released after drop", func() bool { return len(d.LockHolders()) == 0 })
		dial11(t, d).ok(lockCand) // knob is one-shot
	})
	t.Run("latency", func(t *testing.T) {
		d, _ := testDevice(t, nil)
		c := dial11(t, d)
		d.Knobs().SetLatency(50 * time.Millisecond)
		start := time.Now()
		c.ok(`<discard-changes/>`)
		if el := time.Since(start); el < 50*time.Millisecond {
			t.Errorf("rpc took %v, want at least the 50ms latency", el)
		}
		d.Knobs().Reset()
	})
}

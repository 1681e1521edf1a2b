package devicesim

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCommitDiscardCopy(t *testing.T) {
	d, _ := testDevice(t, nil)
	c := dial11(t, d)
	before := d.Running()
	c.ok(editGi1Desc)
	if !bytes.Equal(before, d.Running()) {
		t.Fatal("edit of candidate changed running")
	}
	c.ok(`<discard-changes/>`)
	if !bytes.Equal(before, d.Candidate()) {
		t.Fatal("discard-changes did not reset the candidate")
	}
	c.ok(editGi1Desc)
	c.ok(`<validate><source><candidate/></source></validate>`)
	c.ok(`<commit/>`)
	if !strings.Contains(string(d.Running()), "changed") {
		t.Fatalf("commit did not reach running:\n%s", d.Running())
	}
	d.SetRunning(d.RunningTree()) // out-of-band no-op keeps candidate equal
	c.ok(`<edit-config><target><candidate/></target><default-operation>replace</default-operation><config/></edit-config>`)
	c.ok(`<copy-config><target><candidate/></target><source><running/></source></copy-config>`)
	if !bytes.Equal(d.Running(), d.Candidate()) {
		t.Fatal("copy-config running to candidate left them different")
	}
	t.Run("copy to running is not supported with candidate", func(t *testing.T) {
		got := firstError(t, c.rpc(`<copy-config><target><running/></target><source><candidate/></source></copy-config>`))
		if got.Tag != TagOperationNotSupported {
			t.Errorf("tag = %s, want operation-not-supported", got.Tag)
		}
	})
}

const confirmed = `<commit><confirmed/><confirm-timeout>60</confirm-timeout></commit>`

func TestConfirmedCommitTimeoutRevertsExactly(t *testing.T) {
	d, clock := testDevice(t, nil)
	c := dial11(t, d)
	before := d.Running()
	c.ok(editGi1Desc)
	c.ok(confirmed)
	if !d.ConfirmedCommitPending() || bytes.Equal(before, d.Running()) {
		t.Fatal("confirmed commit did not apply or is not pending")
	}
	clock.Advance(59 * time.Second)
	if !d.ConfirmedCommitPending() {
		t.Fatal("reverted before the timeout")
	}
	clock.Advance(time.Second)
	if d.ConfirmedCommitPending() {
		t.Fatal("still pending after the timeout")
	}
	if diff := cmp.Diff(string(before), string(d.Running())); diff != "" {
		t.Errorf("running after revert (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(string(before), string(d.Candidate())); diff != "" {
		t.Errorf("candidate after revert (-want +got):\n%s", diff)
	}
}

func TestConfirmedCommitFollowUpExtendsTimer(t *testing.T) {
	d, clock := testDevice(t, nil)
	c := dial11(t, d)
	before := d.Running()
	c.ok(editGi1Desc)
	c.ok(confirmed)
	clock.Advance(50 * time.Second)
	c.ok(`<edit-config><target><candidate/></target><config><interfaces xmlns="` + nsIf +
		`"><interface><name>Gi2</name><config><mtu>9000</mtu></config></interface></interfaces></config></edit-config>`)
	c.ok(`<commit><confirmed/><confirm-timeout>30</confirm-timeout></commit>`)
	clock.Advance(20 * time.Second) // 70s after the first: the first timer would have fired
	if !d.ConfirmedCommitPending() || !strings.Contains(string(d.Running()), "9000") {
		t.Fatal("follow-up confirmed commit did not extend the timer")
	}
	clock.Advance(10 * time.Second)
	if diff := cmp.Diff(string(before), string(d.Running())); diff != "" {
		t.Errorf("revert must restore the state before the first confirmed commit (-want +got):\n%s", diff)
	}
}

func TestConfirmingCommit(t *testing.T) {
	d, clock := testDevice(t, nil)
	c := dial11(t, d)
	c.ok(editGi1Desc)
	c.ok(confirmed)
	c.ok(`<commit/>`)
	if d.ConfirmedCommitPending() {
		t.Fatal("confirming commit left the commit pending")
	}
	after := d.Running()
	clock.Advance(time.Hour)
	if !bytes.Equal(after, d.Running()) {
		t.Error("running changed after confirmation")
	}
}

func TestPersistConfirmedCommitAcrossSessions(t *testing.T) {
	d, clock := testDevice(t, nil)
	a := dial11(t, d)
	a.ok(editGi1Desc)
	a.ok(`<commit><confirmed/><persist>tok-1</persist></commit>`)
	a.close()
	eventually(t, "first session gone", func() bool { return d.SessionCount() == 0 })
	if !d.ConfirmedCommitPending() {
		t.Fatal("persist confirmed commit reverted on session close")
	}
	b := dial11(t, d)
	tests := []struct {
		name, body string
		want       errShape
	}{
		{"wrong persist-id is invalid-value", `<commit><persist-id>nope</persist-id></commit>`,
			errShape{Type: "protocol", Tag: "invalid-value", Severity: "error",
				Message: "persist-id does not match the pending confirmed commit", Info: map[string]string{"bad-element": "persist-id"}}},
		{"commit without persist-id is in-use", `<commit/>`,
			errShape{Type: "protocol", Tag: "in-use", Severity: "error",
				Message: "a persistent confirmed commit is pending; give its persist-id", Info: map[string]string{"session-id": "0"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, firstError(t, b.rpc(tt.body))); diff != "" {
				t.Errorf("rpc-error (-want +got):\n%s", diff)
			}
		})
	}
	b.ok(`<commit><persist-id>tok-1</persist-id></commit>`)
	if d.ConfirmedCommitPending() {
		t.Fatal("confirming commit with persist-id did not confirm")
	}
	clock.Advance(time.Hour)
	if !strings.Contains(string(d.Running()), "changed") {
		t.Error("confirmed change was reverted")
	}
}

func TestCancelCommit(t *testing.T) {
	tests := []struct {
		name    string
		commit  string
		cancel  string
		fromNew bool
		wantErr string
	}{
		{name: "same session cancels a plain confirmed commit", commit: confirmed, cancel: `<cancel-commit/>`},
		{name: "another session cancels with persist-id", commit: `<commit><confirmed/><persist>p1</persist></commit>`,
			cancel: `<cancel-commit><persist-id>p1</persist-id></cancel-commit>`, fromNew: true},
		{name: "another session without persist is in-use", commit: confirmed, cancel: `<cancel-commit/>`,
			fromNew: true, wantErr: TagInUse},
		{name: "wrong persist-id is invalid-value", commit: `<commit><confirmed/><persist>p1</persist></commit>`,
			cancel: `<cancel-commit><persist-id>p2</persist-id></cancel-commit>`, fromNew: true, wantErr: TagInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := testDevice(t, nil)
			a := dial11(t, d)
			before := d.Running()
			a.ok(editGi1Desc)
			a.ok(tt.commit)
			canceler := a
			if tt.fromNew {
				canceler = dial11(t, d)
			}
			r := canceler.rpc(tt.cancel)
			if tt.wantErr != "" {
				if got := firstError(t, r).Tag; got != tt.wantErr {
					t.Fatalf("tag = %s, want %s", got, tt.wantErr)
				}
				if !d.ConfirmedCommitPending() {
					t.Error("failed cancel ended the confirmed commit")
				}
				return
			}
			if r.Child(NSBase, "ok") == nil {
				t.Fatalf("cancel-commit: %s", r)
			}
			if diff := cmp.Diff(string(before), string(d.Running())); diff != "" {
				t.Errorf("running after cancel (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("nothing pending is operation-failed", func(t *testing.T) {
		d, _ := testDevice(t, nil)
		if got := firstError(t, dial11(t, d).rpc(`<cancel-commit/>`)).Tag; got != TagOperationFailed {
			t.Errorf("tag = %s, want operation-failed", got)
		}
	})
}

func TestSessionCloseRevertsNonPersistConfirmedCommit(t *testing.T) {
	for _, how := range []string{"close-session", "drop", "kill-session"} {
		t.Run(how, func(t *testing.T) {
			d, _ := testDevice(t, nil)
			a, other := dial11(t, d), dial11(t, d)
			before := d.Running()
			a.ok(editGi1Desc)
			a.ok(confirmed)
			switch how {
			case "close-session":
				a.ok(`<close-session/>`)
			case "drop":
				a.close()
			case "kill-session":
				other.ok(`<kill-session><session-id>` + strconv.FormatUint(uint64(a.sessionID), 10) + `</session-id></kill-session>`)
			}
			eventually(t, "revert", func() bool { return !d.ConfirmedCommitPending() })
			if diff := cmp.Diff(string(before), string(d.Running())); diff != "" {
				t.Errorf("running after session end (-want +got):\n%s", diff)
			}
		})
	}
}

func TestConfirmedCommitFromOtherSessionIsInUse(t *testing.T) {
	d, _ := testDevice(t, nil)
	a, b := dial11(t, d), dial11(t, d)
	a.ok(editGi1Desc)
	a.ok(confirmed)
	id := strconv.FormatUint(uint64(a.sessionID), 10)
	want := errShape{Type: "protocol", Tag: "in-use", Severity: "error",
		Message: "a confirmed commit from session " + id + " is pending", Info: map[string]string{"session-id": id}}
	if diff := cmp.Diff(want, firstError(t, b.rpc(`<commit/>`))); diff != "" {
		t.Errorf("rpc-error (-want +got):\n%s", diff)
	}
	if got := firstError(t, b.rpc(`<commit><confirmed/><confirm-timeout>0</confirm-timeout></commit>`)).Tag; got != TagInvalidValue {
		t.Errorf("zero confirm-timeout tag = %s, want invalid-value", got)
	}
}

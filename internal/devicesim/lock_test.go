package devicesim

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	lockCand    = `<lock><target><candidate/></target></lock>`
	unlockCand  = `<unlock><target><candidate/></target></unlock>`
	lockRun     = `<lock><target><running/></target></lock>`
	editGi1Desc = `<edit-config><target><candidate/></target><config><interfaces xmlns="` + nsIf +
		`"><interface><name>Gi1</name><config><description>changed</description></config></interface></interfaces></config></edit-config>`
)

func TestLockContention(t *testing.T) {
	d, _ := testDevice(t, nil)
	a, b := dial11(t, d), dial11(t, d)
	a.ok(lockCand)
	a.ok(lockRun)
	holder := strconv.FormatUint(uint64(a.sessionID), 10)
	tests := []struct {
		name string
		body string
		want errShape
	}{
		{"second lock is lock-denied naming the holder", lockCand,
			errShape{Type: "protocol", Tag: "lock-denied", Severity: "error",
				Message: "candidate is already locked by session " + holder, Info: map[string]string{"session-id": holder}}},
		{"edit of a locked candidate is in-use", editGi1Desc,
			errShape{Type: "protocol", Tag: "in-use", Severity: "error",
				Message: "candidate is locked by session " + holder, Info: map[string]string{"session-id": holder}}},
		{"commit while running is locked is in-use", `<commit/>`,
			errShape{Type: "protocol", Tag: "in-use", Severity: "error",
				Message: "running is locked by session " + holder, Info: map[string]string{"session-id": holder}}},
		{"discard of a locked candidate is in-use", `<discard-changes/>`,
			errShape{Type: "protocol", Tag: "in-use", Severity: "error",
				Message: "candidate is locked by session " + holder, Info: map[string]string{"session-id": holder}}},
		{"unlock by another session is lock-denied", unlockCand,
			errShape{Type: "protocol", Tag: "lock-denied", Severity: "error",
				Message: "candidate is locked by session " + holder, Info: map[string]string{"session-id": holder}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, firstError(t, b.rpc(tt.body))); diff != "" {
				t.Errorf("rpc-error (-want +got):\n%s", diff)
			}
		})
	}
	want := map[string]uint32{Candidate: a.sessionID, Running: a.sessionID}
	if diff := cmp.Diff(want, d.LockHolders()); diff != "" {
		t.Errorf("lock holders (-want +got):\n%s", diff)
	}
	t.Run("relocking by the holder is lock-denied too", func(t *testing.T) {
		if got := firstError(t, a.rpc(lockCand)).Tag; got != TagLockDenied {
			t.Errorf("tag = %s, want lock-denied", got)
		}
	})
	t.Run("holder edits and unlocks", func(t *testing.T) {
		a.ok(editGi1Desc)
		a.ok(unlockCand)
		if _, held := d.LockHolders()[Candidate]; held {
			t.Error("candidate still locked")
		}
	})
}

func TestLockDeniedOnCandidateModifiedByOthers(t *testing.T) {
	d, _ := testDevice(t, nil)
	a, b := dial11(t, d), dial11(t, d)
	a.ok(editGi1Desc)
	id := strconv.FormatUint(uint64(a.sessionID), 10)
	want := errShape{Type: "protocol", Tag: "lock-denied", Severity: "error",
		Message: "candidate has uncommitted changes from session " + id, Info: map[string]string{"session-id": id}}
	if diff := cmp.Diff(want, firstError(t, b.rpc(lockCand))); diff != "" {
		t.Errorf("rpc-error (-want +got):\n%s", diff)
	}
	a.ok(lockCand) // the modifier itself may lock
	a.ok(`<discard-changes/>`)
	a.ok(unlockCand)
	b.ok(lockCand) // after discard the candidate is clean
}

func TestLocksReleasedWhenSessionEnds(t *testing.T) {
	tests := []struct {
		name string
		end  func(t *testing.T, holder, other *client)
	}{
		{"close-session", func(t *testing.T, holder, _ *client) { holder.ok(`<close-session/>`) }},
		{"connection drop", func(t *testing.T, holder, _ *client) { holder.close() }},
		{"kill-session from another session", func(t *testing.T, holder, other *client) {
			other.ok(`<kill-session><session-id>` + strconv.FormatUint(uint64(holder.sessionID), 10) + `</session-id></kill-session>`)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := testDevice(t, nil)
			holder, other := dial11(t, d), dial11(t, d)
			holder.ok(lockCand)
			tt.end(t, holder, other)
			eventually(t, "lock released", func() bool { return len(d.LockHolders()) == 0 })
			eventually(t, "one session left", func() bool { return d.SessionCount() == 1 })
			other.ok(lockCand)
			if err := holder.waitClosed(); err != nil {
				t.Errorf("holder session not closed: %v", err)
			}
		})
	}
}

func TestKillSessionErrors(t *testing.T) {
	d, _ := testDevice(t, nil)
	c := dial11(t, d)
	self := strconv.FormatUint(uint64(c.sessionID), 10)
	tests := []struct {
		name, id, msg string
	}{
		{"own session", self, "a session cannot kill itself; use close-session"},
		{"unknown session", "999", "no session 999"},
		{"not a number", "x", "session-id x is not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := errShape{Type: "protocol", Tag: "invalid-value", Severity: "error", Message: tt.msg,
				Info: map[string]string{"bad-element": "session-id"}}
			got := firstError(t, c.rpc(`<kill-session><session-id>`+tt.id+`</session-id></kill-session>`))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rpc-error (-want +got):\n%s", diff)
			}
		})
	}
}

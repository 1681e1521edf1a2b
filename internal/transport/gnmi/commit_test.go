package gnmi_test

import (
	"testing"
	"time"

	"github.com/openconfig/ygot/ygot"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/transport/gnmi"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

// commitHostname is a confirmed commit changing the hostname and adding a
// VLAN.
func commitHostname(id string, rollback time.Duration) gnmi.SetRequest {
	return gnmi.SetRequest{
		Updates: []gnmi.Update{
			{Path: "/system/config/hostname", Value: "leaf1-new"},
			{Path: "/network-instances/network-instance[name=DEFAULT]/vlans/vlan[vlan-id=30]/config", Value: map[string]any{"vlan-id": 30, "name": "voice"}},
		},
		Deletes: []string{"/interfaces/interface[name=Ethernet1/1]/config/description"},
		Commit:  &gnmi.CommitOptions{ID: id, Rollback: rollback},
	}
}

// committed is baseDevice after commitHostname.
func committed(t *testing.T) *oc.Device {
	d := baseDevice(t)
	d.GetSystem().Hostname = ygot.String("leaf1-new")
	d.GetNetworkInstance("DEFAULT").GetOrCreateVlan(30).Name = ygot.String("voice")
	d.GetInterface("Ethernet1/1").Description = nil
	return d
}

func TestCommitConfirmedFromAnotherClient(t *testing.T) {
	e := startTarget(t)
	first, second := e.dial(t), e.dial(t)
	if err := first.Set(t.Context(), commitHostname("txn-1", time.Minute)); err != nil {
		t.Fatalf("commit: %v", err)
	}
	if !e.target.CommitPending() {
		t.Fatal("CommitPending() = false after a confirmed commit")
	}
	assertSame(t, committed(t), e.target.Running())
	if err := first.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := second.Confirm(t.Context(), "txn-1"); err != nil {
		t.Fatalf("Confirm from a second client: %v", err)
	}
	if e.target.CommitPending() {
		t.Error("CommitPending() = true after Confirm")
	}
	e.clock.Advance(time.Hour)
	assertSame(t, committed(t), e.target.Running())
}

func TestCommitCancelRestores(t *testing.T) {
	e := startTarget(t)
	c := e.dial(t)
	if err := c.Set(t.Context(), commitHostname("txn-2", time.Minute)); err != nil {
		t.Fatalf("commit: %v", err)
	}
	if err := c.Cancel(t.Context(), "txn-2"); err != nil {
		t.Fatalf("Cancel: %v", err)
	}
	if e.target.CommitPending() {
		t.Error("CommitPending() = true after Cancel")
	}
	assertSame(t, baseDevice(t), e.target.Running())
	if got := e.clock.Pending(); got != 0 {
		t.Errorf("%d timers still pending after Cancel", got)
	}
}

func TestCommitTimerExpiryRestores(t *testing.T) {
	e := startTarget(t)
	c := e.dial(t)
	before := e.target.Running()
	if err := c.Set(t.Context(), commitHostname("txn-3", 2*time.Minute)); err != nil {
		t.Fatalf("commit: %v", err)
	}
	e.clock.Advance(2*time.Minute - time.Second)
	if !e.target.CommitPending() {
		t.Fatal("commit rolled back before its rollback duration")
	}
	assertSame(t, committed(t), e.target.Running())
	e.clock.Advance(time.Second)
	if e.target.CommitPending() {
		t.Fatal("commit still pending after its rollback duration")
	}
	assertSame(t, before, e.target.Running())
	if err := c.Confirm(t.Context(), "txn-3"); status.Code(err) != codes.FailedPrecondition {
		t.Errorf("Confirm after rollback: %v, want FailedPrecondition", err)
	}
}

func TestExtendRollback(t *testing.T) {
	e := startTarget(t)
	c := e.dial(t)
	if err := c.Set(t.Context(), commitHostname("txn-4", time.Minute)); err != nil {
		t.Fatalf("commit: %v", err)
	}
	e.clock.Advance(50 * time.Second)
	if err := c.ExtendRollback(t.Context(), "txn-4", 5*time.Minute); err != nil {
		t.Fatalf("ExtendRollback: %v", err)
	}
	e.clock.Advance(4 * time.Minute)
	if !e.target.CommitPending() {
		t.Fatal("commit rolled back before its extended rollback duration")
	}
	e.clock.Advance(time.Minute)
	if e.target.CommitPending() {
		t.Fatal("commit still pending after its extended rollback duration")
	}
	assertSame(t, baseDevice(t), e.target.Running())
}

func TestCommitDefaultRollbackIsTenMinutes(t *testing.T) {
	e := startTarget(t)
	c := e.dial(t)
	if err := c.Set(t.Context(), commitHostname("txn-5", 0)); err != nil {
		t.Fatalf("commit: %v", err)
	}
	e.clock.Advance(10*time.Minute - time.Second)
	if !e.target.CommitPending() {
		t.Fatal("commit rolled back before 10 minutes")
	}
	e.clock.Advance(time.Second)
	if e.target.CommitPending() {
		t.Fatal("commit still pending after 10 minutes")
	}
}

func TestCommitErrors(t *testing.T) {
	e := startTarget(t)
	c := e.dial(t)
	ctx := t.Context()
	if err := c.Confirm(ctx, "nothing"); status.Code(err) != codes.FailedPrecondition {
		t.Errorf("Confirm with nothing pending: %v, want FailedPrecondition", err)
	}
	if err := c.Set(ctx, commitHostname("txn-6", time.Minute)); err != nil {
		t.Fatalf("commit: %v", err)
	}
	afterCommit := e.target.Running()
	tests := []struct {
		name string
		call func() error
		want codes.Code
	}{
		{"second commit", func() error {
			return c.Set(ctx, gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/system/config/hostname", Value: "x"}},
				Commit: &gnmi.CommitOptions{ID: "txn-7"}})
		}, codes.FailedPrecondition},
		{"plain set while pending", func() error {
			return c.Set(ctx, gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/system/config/hostname", Value: "x"}}})
		}, codes.FailedPrecondition},
		{"confirm with another id", func() error { return c.Confirm(ctx, "txn-other") }, codes.InvalidArgument},
		{"cancel with another id", func() error { return c.Cancel(ctx, "txn-other") }, codes.InvalidArgument},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if got := status.Code(err); got != tc.want {
				t.Fatalf("code %v (%v), want %v", got, err, tc.want)
			}
			if !e.target.CommitPending() {
				t.Error("the pending commit is gone")
			}
			assertSame(t, afterCommit, e.target.Running())
		})
	}
}

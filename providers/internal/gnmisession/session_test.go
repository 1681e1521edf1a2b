package gnmisession_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

func TestApplyConvergesAndIsConfirmed(t *testing.T) {
	e := start(t)
	results := rollout.Apply(t.Context(), []rollout.Unit{e.unit()}, rollout.Config{ConfirmTimeout: time.Minute})
	r := results[0]
	if r.Status != rollout.Applied {
		t.Fatalf("status %s: %v", r.Status, r.Err)
	}
	if c, u, d := diff.Count(r.Changes); c == 0 || u == 0 || d == 0 {
		t.Errorf("pushed %d creates, %d updates, %d deletes; the test wants some of each", c, u, d)
	}
	if r.Txn == nil || r.Txn.Kind != providers.ConfirmGNMI || r.Txn.Transport != "gnmi" || r.Txn.ID == "" {
		t.Errorf("txn = %+v, want a gnmi commit with an id", r.Txn)
	}
	if e.sim.CommitPending() {
		t.Error("a confirmed commit is still pending after apply")
	}
	e.clock.Advance(time.Hour) // a confirmed commit does not revert
	running, left := e.changes(t, e.connect(t))
	if len(left) > 0 {
		t.Errorf("second observe still has %d change(s), first %s %s", len(left), left[0].Op, left[0].Path)
	}
	assertSame(t, e.sim.Running(), running.Tree)
	if tr := running.Tree; tr.Acl == nil || tr.DefinedSets == nil || tr.Lacp == nil || tr.System == nil ||
		len(tr.Interface) == 0 || len(tr.NetworkInstance) == 0 {
		t.Error("the intent should reach every managed top-level path")
	}
}

func TestObserveMissingPathsAreEmpty(t *testing.T) {
	e := start(t)
	if err := e.sim.SetRunning(nil); err != nil {
		t.Fatal(err)
	}
	running, err := e.connect(t).Observe(t.Context())
	if err != nil {
		t.Fatalf("Observe of an empty device: %v", err)
	}
	assertSame(t, &oc.Device{}, running.Tree)
	want, err := plan.Digest(&oc.Device{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if running.Digest != want {
		t.Errorf("digest %s, want %s (of an empty tree)", running.Digest, want)
	}

	// Factory has /system, /interfaces and /network-instances only.
	if err := e.sim.SetRunning(e.factory); err != nil {
		t.Fatal(err)
	}
	running, err = e.connect(t).Observe(t.Context())
	if err != nil {
		t.Fatalf("Observe of the factory configuration: %v", err)
	}
	assertSame(t, e.factory, running.Tree)
}

func TestCancelFromNewSessionRestoresExactly(t *testing.T) {
	e := start(t)
	before := e.sim.Running()
	s := e.connect(t)
	_, changes := e.changes(t, s)
	txn, err := s.Begin(t.Context(), e.desired, changes, time.Minute)
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	if _, left := e.changes(t, s); len(left) > 0 {
		t.Fatalf("after Begin %d change(s) are left, first %s %s", len(left), left[0].Op, left[0].Path)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := e.connect(t).Cancel(t.Context(), txn); err != nil {
		t.Fatalf("Cancel from a new session: %v", err)
	}
	if e.sim.CommitPending() {
		t.Error("commit still pending after Cancel")
	}
	assertSame(t, before, e.sim.Running())
}

func TestRejectedSetNamesDeviceAndPathAndChangesNothing(t *testing.T) {
	const rejected = "/interfaces/interface[name=GigabitEthernet1/0/48]/config/mtu"
	e := start(t)
	if err := e.sim.Knobs().RejectPath(rejected, "mtu is not configurable on this linecard"); err != nil {
		t.Fatal(err)
	}
	before := e.sim.Running()
	r := rollout.Apply(t.Context(), []rollout.Unit{e.unit()}, rollout.Config{ConfirmTimeout: time.Minute})[0]
	if r.Status != rollout.Failed || r.Err == nil {
		t.Fatalf("status %s (%v), want failed", r.Status, r.Err)
	}
	for _, want := range []string{deviceName, rejected, "not configurable"} {
		if !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error %q does not name %s", r.Err, want)
		}
	}
	if strings.Contains(r.Err.Error(), testPassword) {
		t.Errorf("error %q holds the password", r.Err)
	}
	if e.sim.CommitPending() {
		t.Error("a commit is pending after a refused Set")
	}
	assertSame(t, before, e.sim.Running())
}

func TestUnconfirmedCommitRevertsAtDeadline(t *testing.T) {
	e := start(t)
	before := e.sim.Running()
	s := e.connect(t)
	_, changes := e.changes(t, s)
	const timeout = 2 * time.Minute
	began := time.Now()
	txn, err := s.Begin(t.Context(), e.desired, changes, timeout)
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	if d := txn.Deadline.Sub(began); d < timeout || d > timeout+time.Minute {
		t.Errorf("deadline %s after Begin, want about %s", d, timeout)
	}
	_ = s.Close() // the agent dies without confirming
	e.clock.Advance(timeout - time.Second)
	if !e.sim.CommitPending() {
		t.Fatal("the commit reverted before its confirm timeout")
	}
	e.clock.Advance(time.Second)
	if e.sim.CommitPending() {
		t.Fatal("the commit is still pending after its confirm timeout")
	}
	assertSame(t, before, e.sim.Running())
}

func TestConfirmFromSecondSession(t *testing.T) {
	e := start(t)
	first := e.connect(t)
	_, changes := e.changes(t, first)
	txn, err := first.Begin(t.Context(), e.desired, changes, time.Minute)
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	if err := first.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	// The txn survives a restart as JSON.
	b, err := json.Marshal(txn)
	if err != nil {
		t.Fatal(err)
	}
	var restored providers.Txn
	if err := json.Unmarshal(b, &restored); err != nil {
		t.Fatal(err)
	}
	second := e.connect(t)
	if err := second.Confirm(t.Context(), &restored); err != nil {
		t.Fatalf("Confirm from a second session: %v", err)
	}
	if e.sim.CommitPending() {
		t.Error("commit still pending after Confirm")
	}
	e.clock.Advance(time.Hour)
	if _, left := e.changes(t, second); len(left) > 0 {
		t.Errorf("after Confirm and the deadline %d change(s) are left, first %s %s", len(left), left[0].Op, left[0].Path)
	}
}

func TestConfirmAndCancelRefuseForeignTxn(t *testing.T) {
	e := start(t)
	s := e.connect(t)
	for name, txn := range map[string]*providers.Txn{
		"nil":        nil,
		"netconf":    {Device: deviceName, Transport: "netconf", Kind: providers.ConfirmNETCONF, ID: "x"},
		"without id": {Device: deviceName, Transport: "gnmi", Kind: providers.ConfirmGNMI},
	} {
		t.Run(name, func(t *testing.T) {
			if err := s.Confirm(t.Context(), txn); err == nil || !strings.Contains(err.Error(), deviceName) {
				t.Errorf("Confirm: %v, want an error naming %s", err, deviceName)
			}
			if err := s.Cancel(t.Context(), txn); err == nil || !strings.Contains(err.Error(), deviceName) {
				t.Errorf("Cancel: %v, want an error naming %s", err, deviceName)
			}
		})
	}
}

func TestBeginRefusesBadArguments(t *testing.T) {
	e := start(t)
	s := e.connect(t)
	_, changes := e.changes(t, s)
	before := e.sim.Running()
	if _, err := s.Begin(t.Context(), e.desired, changes, 0); err == nil {
		t.Error("Begin with a zero confirm timeout succeeded")
	}
	if _, err := s.Begin(t.Context(), e.desired, nil, time.Minute); err == nil {
		t.Error("Begin without changes succeeded")
	}
	if e.sim.CommitPending() {
		t.Error("a commit is pending")
	}
	assertSame(t, before, e.sim.Running())
}

func TestVerificationFailureCancelsFromTheVerifyingSession(t *testing.T) {
	e := start(t)
	before := e.sim.Running()
	// Between Begin and verification, part of the change goes missing on
	// the device (as if it had dropped part of the Set).
	onTxn := func(_ string, txn *providers.Txn) {
		if txn == nil {
			return
		}
		partial := e.sim.Running()
		partial.GetSystem().Hostname = before.GetSystem().Hostname
		if err := e.sim.SetRunning(partial); err != nil {
			t.Error(err)
		}
	}
	r := rollout.Apply(t.Context(), []rollout.Unit{e.unit()}, rollout.Config{ConfirmTimeout: time.Minute, OnTxn: onTxn})[0]
	if r.Status != rollout.RolledBack {
		t.Fatalf("status %s (%v), want rolled-back", r.Status, r.Err)
	}
	if !strings.Contains(r.Err.Error(), "/system/config/hostname") {
		t.Errorf("error %q does not name the path that differs", r.Err)
	}
	if e.sim.CommitPending() {
		t.Error("the commit is still pending; verification should have cancelled it")
	}
	assertSame(t, before, e.sim.Running())
}

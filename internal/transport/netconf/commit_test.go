package netconf

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// editMTU sets Gi2's mtu in the candidate through s.
func editMTU(t *testing.T, s *Session, mtu string) {
	t.Helper()
	if err := s.EditConfig(t.Context(), Candidate,
		[]*xmltree.Element{ifConfig("Gi2", xmltree.NewLeaf(nsIf, "mtu", mtu))}, EditOptions{}); err != nil {
		t.Fatalf("edit mtu %s: %v", mtu, err)
	}
}

func TestConfirmedCommitPersistConfirmedFromNewSession(t *testing.T) {
	d, clock := startDevice(t, nil)
	a := dial(t, d)
	ctx := t.Context()
	editMTU(t, a, "9100")
	const token = `change-42 <&> "x"`
	if err := a.Commit(ctx, CommitOptions{Confirmed: true, Timeout: 90 * time.Second, Persist: token}); err != nil {
		t.Fatalf("confirmed commit: %v", err)
	}
	if !d.ConfirmedCommitPending() || !strings.Contains(runningOf(d), "9100") {
		t.Fatal("confirmed commit did not apply")
	}
	// The issuing session goes away; a persistent commit survives it.
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b := dial(t, d)
	if err := b.Commit(ctx, CommitOptions{PersistID: "wrong"}); !HasErrorTag(err, TagInvalidValue) {
		t.Errorf("confirm with a wrong persist-id: %v, want invalid-value", err)
	}
	if err := b.Commit(ctx, CommitOptions{PersistID: token}); err != nil {
		t.Fatalf("confirming commit with persist-id: %v", err)
	}
	if d.ConfirmedCommitPending() {
		t.Error("confirmed commit still pending after the confirming commit")
	}
	clock.Advance(time.Hour)
	if !strings.Contains(runningOf(d), "9100") {
		t.Error("confirmed change was reverted after confirmation")
	}
}

func TestConfirmedCommitCanceledFromNewSession(t *testing.T) {
	d, _ := startDevice(t, nil)
	before := runningOf(d)
	a := dial(t, d)
	ctx := t.Context()
	editMTU(t, a, "9100")
	if err := a.Commit(ctx, CommitOptions{Confirmed: true, Timeout: time.Minute, Persist: "p1"}); err != nil {
		t.Fatal(err)
	}
	b := dial(t, d)
	if err := b.CancelCommit(ctx, ""); !IsInUse(err) && !HasErrorTag(err, TagInvalidValue) {
		t.Errorf("cancel-commit without the persist-id: %v, want an rpc-error", err)
	}
	if err := b.CancelCommit(ctx, "p1"); err != nil {
		t.Fatalf("cancel-commit: %v", err)
	}
	if d.ConfirmedCommitPending() || runningOf(d) != before {
		t.Errorf("cancel-commit did not revert running:\n%s", runningOf(d))
	}
}

func TestConfirmedCommitTimesOut(t *testing.T) {
	d, clock := startDevice(t, nil)
	before := runningOf(d)
	s := dial(t, d)
	ctx := t.Context()
	editMTU(t, s, "9100")
	if err := s.Commit(ctx, CommitOptions{Confirmed: true, Timeout: 1500 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second) // the timeout was rounded up to 2 s
	if !d.ConfirmedCommitPending() {
		t.Fatal("confirmed commit expired before its (rounded-up) timeout")
	}
	clock.Advance(time.Second)
	if d.ConfirmedCommitPending() || runningOf(d) != before {
		t.Fatalf("confirm timeout did not revert running:\n%s", runningOf(d))
	}
	got, err := s.GetConfig(ctx, Running, ifConfig("Gi2"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(marshalAll(got), "9100") {
		t.Errorf("get-config still shows the reverted change: %s", marshalAll(got))
	}
}

func TestConfirmedCommitConfirmedBySameSession(t *testing.T) {
	d, clock := startDevice(t, nil)
	s := dial(t, d)
	ctx := t.Context()
	editMTU(t, s, "9100")
	if err := s.Commit(ctx, CommitOptions{Confirmed: true, Timeout: time.Minute}); err != nil {
		t.Fatal(err)
	}
	other := dial(t, d)
	if err := other.Commit(ctx, CommitOptions{}); !IsInUse(err) {
		t.Errorf("confirming another session's commit: %v, want in-use", err)
	}
	if err := s.Commit(ctx, CommitOptions{}); err != nil {
		t.Fatalf("confirming commit: %v", err)
	}
	clock.Advance(time.Hour)
	if !strings.Contains(runningOf(d), "9100") {
		t.Error("confirmed change was reverted")
	}
}

func TestCommitOptionsChecked(t *testing.T) {
	d, _ := startDevice(t, nil)
	s := dial(t, d)
	for name, o := range map[string]CommitOptions{
		"timeout without confirmed": {Timeout: time.Minute},
		"persist without confirmed": {Persist: "x"},
		"negative timeout":          {Confirmed: true, Timeout: -time.Second},
	} {
		if err := s.Commit(t.Context(), o); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: %v, want ErrInvalidArgument", name, err)
		}
	}
}

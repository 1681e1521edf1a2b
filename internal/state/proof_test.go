package state

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestProofsSurviveReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ps, err := s.Proofs(); err != nil || len(ps) != 0 {
		t.Fatalf("new store: proofs %v, %v; want none", ps, err)
	}
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	want := Proof{Device: "xe1", Mechanism: "cisco-ia-revert-timer", Release: "iosxe 17.18.1", OK: true, At: at, Timer: time.Minute, Detail: "reverted"}
	if err := s.SetProof(Proof{Device: "xe1", Mechanism: "cisco-ia-revert-timer", OK: false, At: at}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetProof(want); err != nil {
		t.Fatal(err)
	}
	if err := s.SetProof(Proof{}); err == nil {
		t.Error("a proof without a device was recorded")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ps, err := s.Proofs()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]Proof{"xe1": want}, ps); diff != "" {
		t.Errorf("proofs after reopen (-want +got):\n%s", diff)
	}
	p := ps["xe1"]
	if !p.Covers("cisco-ia-revert-timer", "iosxe 17.18.1") || p.Covers("cisco-ia-revert-timer", "iosxe 26.1.1") || p.Covers("netconf-confirmed-commit", "iosxe 17.18.1") {
		t.Error("Covers does not follow mechanism and release")
	}
}

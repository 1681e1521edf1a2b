package nxos_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/nxos"
)

// TestNameServerSwitchyardAddedIsRemoved: a name server switchyard added
// to the one "ip name-server" line and the intent dropped is removed with
// "no ip name-server" (NX-OS adds servers to the line, never replaces
// it); one a person added stays.
func TestNameServerSwitchyardAddedIsRemoved(t *testing.T) {
	des := &providers.Desired{Device: "nx", Platform: "nxos", CLI: "ip name-server 10.0.0.1 10.0.0.2\n",
		Owned: &providers.Ownership{Claims: []diff.Claim{{Path: "ip name-server 10.0.0.1 10.0.0.2", Rev: "rev-b", Values: []any{"10.0.0.3"}}}}}
	run := &providers.Running{CLI: "ip name-server 10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.9\n"}
	got, err := nxos.New().Diff(des, run)
	if err != nil {
		t.Fatal(err)
	}
	want := []providers.Change{{Op: diff.Update, Path: "ip name-server 10.0.0.1 10.0.0.2",
		Before: "ip name-server 10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.9", After: "ip name-server 10.0.0.1 10.0.0.2 10.0.0.9",
		Reason: "remove: no longer in intent, set by switchyard at rev-b"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("changes (-want +got):\n%s", d)
	}
}

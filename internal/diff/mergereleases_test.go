package diff

import "testing"

// A deletion inside an entry a release deletes whole is left out (the
// entry's removal takes it); a release inside an entry the changes delete
// is left out too; the rest is kept.
func TestMergeReleasesDropsWhatAnEntryDeletionCovers(t *testing.T) {
	const entry = "/openconfig-relay-agent:relay-agent/dhcp/interfaces/interface[id=Ethernet1/1]"
	changes := []Change{
		{Op: Delete, Path: entry + "/config/helper-address", Before: []any{"10.10.0.67"}},
		{Op: Update, Path: "/openconfig-spanning-tree:stp/global/config/enabled-protocol", After: []any{"x:MSTP"}},
		{Op: Delete, Path: "/openconfig-spanning-tree:stp/rapid-pvst/vlan[vlan-id=20]"},
	}
	rel := []Change{
		{Op: Delete, Path: entry, Reason: ReasonDelete},
		{Op: Delete, Path: "/openconfig-spanning-tree:stp/rapid-pvst/vlan[vlan-id=20]/config/bridge-priority", Reason: ReasonDelete},
	}
	got := map[string]bool{}
	for _, c := range MergeReleases(changes, rel) {
		got[c.Path] = true
	}
	want := map[string]bool{entry: true, "/openconfig-spanning-tree:stp/global/config/enabled-protocol": true,
		"/openconfig-spanning-tree:stp/rapid-pvst/vlan[vlan-id=20]": true}
	if len(got) != len(want) {
		t.Fatalf("MergeReleases = %v, want %v", got, want)
	}
	for p := range want {
		if !got[p] {
			t.Errorf("MergeReleases lacks %s: %v", p, got)
		}
	}
}

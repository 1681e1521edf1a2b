package diff

import (
	"testing"

	"github.com/openconfig/ygot/ygot"

	oc "github.com/switchyard/switchyard/models/openconfig"
)

// BenchmarkCompute diffs a 48-port access switch with 20 VLANs and 50 ACL
// entries against a running tree that differs in about 1% of its leaves.
func BenchmarkCompute(b *testing.B) {
	vlans := make([]uint16, 20)
	for i := range vlans {
		vlans[i] = uint16(10 * (i + 1))
	}
	desired := campusSwitch(vlans, 50)
	running := campusSwitch(vlans, 50)
	running.GetInterface("GigabitEthernet1/0/3").Description = ygot.String("changed by hand")
	running.GetInterface("GigabitEthernet1/0/7").GetEthernet().GetSwitchedVlan().AccessVlan = ygot.Uint16(999)
	vlan(running, 999, "rogue")
	aclEntry(running, "MGMT-IN", 250, false)
	running.GetAcl().GetAclSet("MGMT-IN", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4).DeleteAclEntry(120)
	scope := Scope{
		Owned:       []OwnedList{{Path: vlanList, Keep: keepReserved}, {Path: aclEntries}},
		OwnedLeaves: []OwnedLeaf{{Path: accessVLAN, Value: 20}, {Path: trunkVLANs, Value: 20}},
	}
	d, err := Compute(desired, running, scope)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compute(desired, running, scope); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(d.Changes)), "changes")
}

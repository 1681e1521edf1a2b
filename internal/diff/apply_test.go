package diff

import (
	"testing"

	"github.com/openconfig/ygot/ygot"

	oc "github.com/switchyard/switchyard/models/openconfig"
)

func TestApply(t *testing.T) {
	running := tree(func(d *oc.Device) {
		user(d, "bob", "read-only")
		access(d, "Gi1", 20)
		vlan(d, 30, "old")
	})
	d := &Delta{Changes: []Change{
		{Op: Delete, Path: userList + "[username=bob]"},
		{Op: Delete, Path: "/interfaces/interface[name=Gi1]/ethernet/switched-vlan/config/access-vlan"},
		{Op: Create, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=10]/actions/config/forwarding-action", After: "openconfig-acl:ACCEPT"},
		{Op: Update, Path: vlanList + "[vlan-id=30]/config/name", After: "new"},
		{Op: Create, Path: trunkVLANs[:len("/interfaces/interface")] + "[name=Gi2]/ethernet/switched-vlan/config/trunk-vlans", After: []any{10.0, "20..30"}},
	}}
	got, err := Apply(running, d)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	want := tree(func(d *oc.Device) {
		d.GetOrCreateInterface("Gi1").GetOrCreateEthernet().GetOrCreateSwitchedVlan().InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_ACCESS
		trunk(d, "Gi2", 10, "20..30")
		vlan(d, 30, "new")
		d.GetOrCreateAcl().GetOrCreateAclSet("A", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4).GetOrCreateAclEntry(10).GetOrCreateActions().ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_ACCEPT
		d.GetOrCreateSystem().GetOrCreateAaa().GetOrCreateAuthentication()
	})
	n, err := ygot.Diff(want, got)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.GetUpdate())+len(n.GetDelete()) != 0 {
		t.Errorf("Apply result differs from want: %v", n)
	}
	if running.GetSystem().GetAaa().GetAuthentication().GetUser("bob") == nil {
		t.Error("Apply modified its running argument")
	}
}

func TestApplyErrors(t *testing.T) {
	for _, c := range []Change{
		{Op: "replace", Path: "/system/config/hostname", After: "x"},
		{Op: Create, Path: "/system/config/hostname"},
		{Op: Create, Path: "system", After: "x"},
		{Op: Create, Path: "/system/config/no-such-leaf", After: "x"},
		{Op: Update, Path: "/system/config/hostname", After: []any{"x", 1.0}},
	} {
		if _, err := Apply(nil, &Delta{Changes: []Change{c}}); err == nil {
			t.Errorf("Apply(%+v) succeeded, want an error", c)
		}
	}
}

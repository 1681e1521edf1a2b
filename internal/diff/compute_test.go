package diff

import (
	"errors"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

func tree(build ...func(d *oc.Device)) *oc.Device {
	d := &oc.Device{}
	for _, b := range build {
		b(d)
	}
	return d
}

func keepReserved(keys map[string]string) bool {
	id, err := strconv.Atoi(keys["vlan-id"])
	return err == nil && models.IsReservedVLAN(id)
}

func TestCompute(t *testing.T) {
	const gi1 = "/interfaces/interface[name=GigabitEthernet1/0/1]"
	vlanMembers := func(id int) Scope {
		return Scope{OwnedLeaves: []OwnedLeaf{{Path: accessVLAN, Value: id}, {Path: trunkVLANs, Value: id}}}
	}
	tests := []struct {
		name    string
		desired *oc.Device
		running *oc.Device
		scope   Scope
		want    []Change
	}{{
		name:    "equal trees have no changes",
		desired: campusSwitch([]uint16{10, 20}, 4),
		running: campusSwitch([]uint16{10, 20}, 4),
	}, {
		name: "new interface creates its leaves without the key leaf",
		desired: tree(func(d *oc.Device) {
			d.GetOrCreateInterface("GigabitEthernet1/0/1").Description = ygot.String("desk")
		}),
		running: tree(),
		want: []Change{
			{Op: Create, Path: gi1 + "/config/description", After: "desk"},
			{Op: Create, Path: gi1 + "/config/name", After: "GigabitEthernet1/0/1"},
		},
	}, {
		name:    "changed leaf is an update",
		desired: tree(func(d *oc.Device) { d.GetOrCreateSystem().Hostname = ygot.String("new") }),
		running: tree(func(d *oc.Device) { d.GetOrCreateSystem().Hostname = ygot.String("old") }),
		want:    []Change{{Op: Update, Path: "/system/config/hostname", Before: "old", After: "new"}},
	}, {
		name:    "unmanaged running leaves and entries are untouched",
		desired: tree(func(d *oc.Device) { d.GetOrCreateInterface("GigabitEthernet1/0/1").Enabled = ygot.Bool(false) }),
		running: tree(func(d *oc.Device) {
			i := d.GetOrCreateInterface("GigabitEthernet1/0/1")
			i.Enabled = ygot.Bool(true)
			i.Description = ygot.String("set by hand")
			i.Mtu = ygot.Uint16(9000)
			d.GetOrCreateInterface("GigabitEthernet1/0/2").Description = ygot.String("other")
			d.GetOrCreateSystem().Hostname = ygot.String("sw1")
			user(d, "local", "read-only")
		}),
		want: []Change{{Op: Update, Path: gi1 + "/config/enabled", Before: true, After: false}},
	}, {
		name:    "unowned list keeps extra entries",
		desired: tree(func(d *oc.Device) { user(d, "alice", "network-admin") }),
		running: tree(func(d *oc.Device) { user(d, "bob", "read-only") }),
		want: []Change{
			{Op: Create, Path: userList + "[username=alice]/config/role", After: "network-admin"},
			{Op: Create, Path: userList + "[username=alice]/config/username", After: "alice"},
		},
	}, {
		name:    "owned list deletes extra entries whole",
		desired: tree(func(d *oc.Device) { user(d, "alice", "network-admin") }),
		running: tree(func(d *oc.Device) {
			user(d, "alice", "read-only")
			user(d, "bob", "read-only")
			user(d, "carol", "network-operator")
		}),
		scope: Scope{Owned: []OwnedList{{Path: userList}}},
		want: []Change{
			{Op: Update, Path: userList + "[username=alice]/config/role", Before: "read-only", After: "network-admin"},
			{Op: Delete, Path: userList + "[username=bob]", Before: map[string]any{"config/role": "read-only", "config/username": "bob"}},
			{Op: Delete, Path: userList + "[username=carol]", Before: map[string]any{"config/role": "network-operator", "config/username": "carol"}},
		},
	}, {
		name:    "owned list empties when desired has no entry",
		desired: tree(func(d *oc.Device) { d.GetOrCreateSystem().Hostname = ygot.String("sw1") }),
		running: tree(func(d *oc.Device) { d.GetOrCreateSystem().Hostname = ygot.String("sw1"); user(d, "bob", "read-only") }),
		scope:   Scope{Owned: []OwnedList{{Path: userList}}},
		want:    []Change{{Op: Delete, Path: userList + "[username=bob]", Before: map[string]any{"config/role": "read-only", "config/username": "bob"}}},
	}, {
		name:    "match restricts which extra entries are deleted",
		desired: tree(func(d *oc.Device) { user(d, "alice", "network-admin") }),
		running: tree(func(d *oc.Device) {
			user(d, "alice", "network-admin")
			user(d, "bob", "read-only")
			user(d, "emergency", "local-only")
		}),
		scope: Scope{Owned: []OwnedList{{Path: userList, Match: func(e Entry) bool {
			return slices.Contains(models.Roles, e.Leaves["config/role"].(string))
		}}}},
		want: []Change{{Op: Delete, Path: userList + "[username=bob]", Before: map[string]any{"config/role": "read-only", "config/username": "bob"}}},
	}, {
		name:    "owned vlans keep reserved vlans",
		desired: tree(func(d *oc.Device) { vlan(d, 10, "users"); vlan(d, 20, "voice") }),
		running: tree(func(d *oc.Device) {
			for _, id := range []uint16{1, 10, 30, 1002, 1003, 1004, 1005} {
				vlan(d, id, "v"+strconv.Itoa(int(id)))
			}
		}),
		scope: Scope{Owned: []OwnedList{{Path: vlanList, Keep: keepReserved}}},
		want: []Change{
			{Op: Update, Path: vlanList + "[vlan-id=10]/config/name", Before: "v10", After: "users"},
			{Op: Create, Path: vlanList + "[vlan-id=20]/config/name", After: "voice"},
			{Op: Create, Path: vlanList + "[vlan-id=20]/config/vlan-id", After: 20.0},
			{Op: Delete, Path: vlanList + "[vlan-id=30]", Before: map[string]any{"config/name": "v30", "config/vlan-id": 30.0}},
		},
	}, {
		name:    "owned list with keys leaves other parents alone",
		desired: tree(func(d *oc.Device) { tacacs(d, "CAMPUS-TACACS", "192.0.2.1") }),
		running: tree(func(d *oc.Device) {
			tacacs(d, "CAMPUS-TACACS", "192.0.2.1", "192.0.2.2")
			tacacs(d, "OTHER", "198.51.100.1")
		}),
		scope: Scope{Owned: []OwnedList{{Path: "/system/aaa/server-groups/server-group[name=CAMPUS-TACACS]/servers/server"}}},
		want: []Change{{
			Op:     Delete,
			Path:   "/system/aaa/server-groups/server-group[name=CAMPUS-TACACS]/servers/server[address=192.0.2.2]",
			Before: map[string]any{"config/address": "192.0.2.2"},
		}},
	}, {
		name:    "authoritative vlan membership removes access vlan of extra ports",
		desired: tree(func(d *oc.Device) { access(d, "GigabitEthernet1/0/1", 20); access(d, "GigabitEthernet1/0/4", 30) }),
		running: tree(func(d *oc.Device) {
			access(d, "GigabitEthernet1/0/1", 20)
			access(d, "GigabitEthernet1/0/2", 20)
			access(d, "GigabitEthernet1/0/3", 30)
			access(d, "GigabitEthernet1/0/4", 20)
		}),
		scope: vlanMembers(20),
		want: []Change{
			{Op: Delete, Path: "/interfaces/interface[name=GigabitEthernet1/0/2]/ethernet/switched-vlan/config/access-vlan", Before: 20.0},
			{Op: Update, Path: "/interfaces/interface[name=GigabitEthernet1/0/4]/ethernet/switched-vlan/config/access-vlan", Before: 20.0, After: 30.0},
		},
	}, {
		name:    "authoritative vlan membership removes the vlan from trunks",
		desired: tree(func(d *oc.Device) { trunk(d, "Te1/1/4", 20) }),
		running: tree(func(d *oc.Device) {
			trunk(d, "Te1/1/1", 10, 20)
			trunk(d, "Te1/1/2", "1..100")
			trunk(d, "Te1/1/3", 20)
			trunk(d, "Te1/1/4", 30)
			trunk(d, "Te1/1/5", 10, "21..30")
		}),
		scope: vlanMembers(20),
		want: []Change{
			{Op: Update, Path: "/interfaces/interface[name=Te1/1/1]/ethernet/switched-vlan/config/trunk-vlans", Before: []any{10.0, 20.0}, After: []any{10.0}},
			{Op: Update, Path: "/interfaces/interface[name=Te1/1/2]/ethernet/switched-vlan/config/trunk-vlans", Before: []any{"1..100"}, After: []any{"1..19", "21..100"}},
			{Op: Delete, Path: "/interfaces/interface[name=Te1/1/3]/ethernet/switched-vlan/config/trunk-vlans", Before: []any{20.0}},
			{Op: Update, Path: "/interfaces/interface[name=Te1/1/4]/ethernet/switched-vlan/config/trunk-vlans", Before: []any{30.0}, After: []any{30.0, 20.0}},
		},
	}, {
		name: "acl entries sort by sequence number",
		desired: tree(func(d *oc.Device) {
			for _, s := range []uint32{100, 5, 20, 1000} {
				d.GetOrCreateAcl().GetOrCreateAclSet("A", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4).GetOrCreateAclEntry(s).Description = ygot.String("e")
			}
		}),
		running: tree(func(d *oc.Device) {
			d.GetOrCreateAcl().GetOrCreateAclSet("A", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4).Description = ygot.String("x")
		}),
		want: []Change{
			{Op: Create, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=5]/config/description", After: "e"},
			{Op: Create, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=5]/config/sequence-id", After: 5.0},
			{Op: Create, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=20]/config/description", After: "e"},
			{Op: Create, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=20]/config/sequence-id", After: 20.0},
			{Op: Create, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=100]/config/description", After: "e"},
			{Op: Create, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=100]/config/sequence-id", After: 100.0},
			{Op: Create, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=1000]/config/description", After: "e"},
			{Op: Create, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=1000]/config/sequence-id", After: 1000.0},
		},
	}, {
		name:    "owned acl entries: extra entry deleted, identity values qualified",
		desired: tree(func(d *oc.Device) { aclEntry(d, "A", 10, true) }),
		running: tree(func(d *oc.Device) { aclEntry(d, "A", 10, false); aclEntry(d, "A", 20, true) }),
		scope:   Scope{Owned: []OwnedList{{Path: aclEntries}}},
		want: []Change{
			{Op: Update, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=10]/actions/config/forwarding-action", Before: "openconfig-acl:DROP", After: "openconfig-acl:ACCEPT"},
			{Op: Delete, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=20]", Before: map[string]any{
				"actions/config/forwarding-action": "openconfig-acl:ACCEPT",
				"config/sequence-id":               20.0,
				"ipv4/config/source-address":       "10.20.0.0/16",
			}},
		},
	}, {
		name:    "leaf-list merges when not owned",
		desired: tree(func(d *oc.Device) { prefixes(d, "MGMT", "10.0.0.0/8") }),
		running: tree(func(d *oc.Device) { prefixes(d, "MGMT", "192.0.2.0/24") }),
		want: []Change{{
			Op: Update, Path: "/defined-sets/ipv4-prefix-sets/ipv4-prefix-set[name=MGMT]/config/prefix",
			Before: []any{"192.0.2.0/24"}, After: []any{"192.0.2.0/24", "10.0.0.0/8"},
		}},
	}, {
		name:    "owned leaf-list is replaced",
		desired: tree(func(d *oc.Device) { prefixes(d, "MGMT", "10.0.0.0/8", "192.0.2.0/24") }),
		running: tree(func(d *oc.Device) { prefixes(d, "MGMT", "192.0.2.0/24", "198.51.100.0/24") }),
		scope:   Scope{Owned: []OwnedList{{Path: "/defined-sets/ipv4-prefix-sets/ipv4-prefix-set/config/prefix"}}},
		want: []Change{{
			Op: Update, Path: "/defined-sets/ipv4-prefix-sets/ipv4-prefix-set[name=MGMT]/config/prefix",
			Before: []any{"192.0.2.0/24", "198.51.100.0/24"}, After: []any{"192.0.2.0/24", "10.0.0.0/8"},
		}},
	}, {
		name:    "owned trunk-vlans keep what Keep spares",
		desired: tree(func(d *oc.Device) { trunk(d, "Te1/1/1", 10) }),
		running: tree(func(d *oc.Device) { trunk(d, "Te1/1/1", 1, 10, 30) }),
		scope: Scope{Owned: []OwnedList{{Path: trunkVLANs, Keep: func(k map[string]string) bool {
			id, err := strconv.Atoi(k["value"])
			return err == nil && models.IsReservedVLAN(id)
		}}}},
		want: []Change{{
			Op: Update, Path: "/interfaces/interface[name=Te1/1/1]/ethernet/switched-vlan/config/trunk-vlans",
			Before: []any{1.0, 10.0, 30.0}, After: []any{1.0, 10.0},
		}},
	}, {
		name:    "leaf-list with ranges compares as a set",
		desired: tree(func(d *oc.Device) { trunk(d, "Te1/1/1", 12, 10, "11..11", 13) }),
		running: tree(func(d *oc.Device) { trunk(d, "Te1/1/1", "10..13") }),
		scope:   Scope{Owned: []OwnedList{{Path: trunkVLANs}}},
	}, {
		name: "ordered-by-user leaf-list is replaced in order",
		desired: tree(func(d *oc.Device) {
			d.GetOrCreateSystem().GetOrCreateDns().Search = []string{"b.example", "a.example"}
		}),
		running: tree(func(d *oc.Device) {
			d.GetOrCreateSystem().GetOrCreateDns().Search = []string{"a.example", "b.example", "c.example"}
		}),
		want: []Change{{
			Op: Update, Path: "/system/dns/config/search",
			Before: []any{"a.example", "b.example", "c.example"}, After: []any{"b.example", "a.example"},
		}},
	}, {
		name: "ordered-by-user list entries are created",
		desired: tree(func(d *oc.Device) {
			if _, err := d.GetOrCreateSystem().GetOrCreateDns().AppendNewServer("192.0.2.53"); err != nil {
				panic(err)
			}
		}),
		running: nil,
		want:    []Change{{Op: Create, Path: "/system/dns/servers/server[address=192.0.2.53]/config/address", After: "192.0.2.53"}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Compute(tc.desired, tc.running, tc.scope)
			if err != nil {
				t.Fatalf("Compute: %v", err)
			}
			if diff := cmp.Diff(tc.want, got.Changes); diff != "" {
				t.Errorf("Compute (-want +got):\n%s", diff)
			}
			if got.IsEmpty() != (len(tc.want) == 0) {
				t.Errorf("IsEmpty() = %v with %d changes", got.IsEmpty(), len(got.Changes))
			}
			applied, err := Apply(tc.running, got)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			again, err := Compute(tc.desired, applied, tc.scope)
			if err != nil {
				t.Fatalf("Compute after Apply: %v", err)
			}
			if !again.IsEmpty() {
				t.Errorf("Compute after Apply is not empty (-want +got):\n%s", cmp.Diff([]Change(nil), again.Changes))
			}
		})
	}
}

func tacacs(d *oc.Device, group string, addrs ...string) {
	sg := d.GetOrCreateSystem().GetOrCreateAaa().GetOrCreateServerGroup(group)
	for _, a := range addrs {
		sg.GetOrCreateServer(a)
	}
}

func prefixes(d *oc.Device, set string, ps ...string) {
	d.GetOrCreateDefinedSets().GetOrCreateIpv4PrefixSet(set).Prefix = ps
}

func TestComputeErrors(t *testing.T) {
	if _, err := Compute(nil, &oc.Device{}, Scope{}); !errors.Is(err, ErrNoTree) {
		t.Errorf("Compute(nil desired) error = %v, want ErrNoTree", err)
	}
	for _, s := range []Scope{
		{Owned: []OwnedList{{Path: "system/aaa"}}},
		{Owned: []OwnedList{{Path: "/a[b=c"}}},
		{OwnedLeaves: []OwnedLeaf{{Path: accessVLAN}}},
	} {
		if _, err := Compute(&oc.Device{}, nil, s); err == nil {
			t.Errorf("Compute with scope %+v succeeded, want an error", s)
		}
	}
}

func TestComputeDoesNotModifyInputs(t *testing.T) {
	desired := campusSwitch([]uint16{10, 20}, 4)
	running := campusSwitch([]uint16{10, 30}, 6)
	wantD, wantR := campusSwitch([]uint16{10, 20}, 4), campusSwitch([]uint16{10, 30}, 6)
	d, err := Compute(desired, running, Scope{Owned: []OwnedList{{Path: vlanList}, {Path: aclEntries}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(running, d); err != nil {
		t.Fatal(err)
	}
	for name, pair := range map[string][2]*oc.Device{"desired": {wantD, desired}, "running": {wantR, running}} {
		n, err := ygot.Diff(pair[0], pair[1])
		if err != nil {
			t.Fatal(err)
		}
		if len(n.GetUpdate())+len(n.GetDelete()) != 0 {
			t.Errorf("%s tree was modified: %v", name, n)
		}
	}
}

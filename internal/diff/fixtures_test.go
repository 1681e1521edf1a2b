package diff

import (
	"fmt"

	"github.com/openconfig/ygot/ygot"

	oc "github.com/switchyard/switchyard/models/openconfig"
)

// Helpers that build OpenConfig trees for the tests and the benchmark.

const (
	accessVLAN = "/interfaces/interface/ethernet/switched-vlan/config/access-vlan"
	trunkVLANs = "/interfaces/interface/ethernet/switched-vlan/config/trunk-vlans"
	vlanList   = "/network-instances/network-instance[name=default]/vlans/vlan"
	userList   = "/system/aaa/authentication/users/user"
	aclEntries = "/acl/acl-sets/acl-set/acl-entries/acl-entry"
)

func access(d *oc.Device, port string, vlan uint16) {
	sv := d.GetOrCreateInterface(port).GetOrCreateEthernet().GetOrCreateSwitchedVlan()
	sv.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_ACCESS
	sv.AccessVlan = ygot.Uint16(vlan)
}

func trunk(d *oc.Device, port string, vlans ...any) {
	sv := d.GetOrCreateInterface(port).GetOrCreateEthernet().GetOrCreateSwitchedVlan()
	sv.TrunkVlans = nil
	for _, v := range vlans {
		switch x := v.(type) {
		case int:
			sv.TrunkVlans = append(sv.TrunkVlans, oc.UnionUint16(x))
		case string:
			sv.TrunkVlans = append(sv.TrunkVlans, oc.UnionString(x))
		}
	}
}

func vlan(d *oc.Device, id uint16, name string) {
	v := d.GetOrCreateNetworkInstance("default").GetOrCreateVlan(id)
	v.Name = ygot.String(name)
}

func user(d *oc.Device, name, role string) {
	u := d.GetOrCreateSystem().GetOrCreateAaa().GetOrCreateAuthentication().GetOrCreateUser(name)
	u.Role = oc.UnionString(role)
}

func aclEntry(d *oc.Device, set string, seq uint32, accept bool) {
	e := d.GetOrCreateAcl().GetOrCreateAclSet(set, oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4).GetOrCreateAclEntry(seq)
	e.GetOrCreateIpv4().SourceAddress = ygot.String(fmt.Sprintf("10.%d.0.0/16", seq%256))
	e.GetOrCreateActions().ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_DROP
	if accept {
		e.GetOrCreateActions().ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_ACCEPT
	}
}

// campusSwitch builds a 48-port access switch with the given VLANs and a
// management ACL with aclN entries: ports are spread over the VLANs, the
// two uplinks trunk all of them.
func campusSwitch(vlans []uint16, aclN int) *oc.Device {
	d := &oc.Device{}
	sys := d.GetOrCreateSystem()
	sys.Hostname = ygot.String("access1")
	sys.DomainName = ygot.String("campus.example.net")
	sys.GetOrCreateNtp().GetOrCreateServer("192.0.2.123").Iburst = ygot.Bool(true)
	user(d, "ops", "network-admin")
	for _, id := range vlans {
		vlan(d, id, fmt.Sprintf("VLAN%04d", id))
	}
	for p := 1; p <= 48; p++ {
		name := fmt.Sprintf("GigabitEthernet1/0/%d", p)
		i := d.GetOrCreateInterface(name)
		i.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
		i.Enabled = ygot.Bool(true)
		i.Description = ygot.String(fmt.Sprintf("desk %d", p))
		access(d, name, vlans[p%len(vlans)])
	}
	for p := 1; p <= 2; p++ {
		name := fmt.Sprintf("TenGigabitEthernet1/1/%d", p)
		d.GetOrCreateInterface(name).Description = ygot.String("uplink")
		var all []any
		for _, id := range vlans {
			all = append(all, int(id))
		}
		trunk(d, name, all...)
	}
	for i := 1; i <= aclN; i++ {
		aclEntry(d, "MGMT-IN", uint32(i*10), i%2 == 0)
	}
	return d
}

package simfleet

import (
	"github.com/openconfig/ygot/ygot"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

// Factory returns the configuration a device of platform has out of the
// box, for the interfaces desired declares: the same interfaces, enabled
// with no description, access ports in VLAN 1, a default "cisco" admin
// user, an NTP server left over from staging, and the platform's default
// hostname. A first plan against it has work to do, including removals
// where the intent is authoritative.
func Factory(desired *oc.Device, platform string) *oc.Device {
	f := &oc.Device{}
	sys := f.GetOrCreateSystem()
	sys.Hostname = ygot.String(map[string]string{"iosxr": "ios", "nxos": "switch"}[platform])
	if *sys.Hostname == "" {
		sys.Hostname = ygot.String("Switch")
	}
	u := sys.GetOrCreateAaa().GetOrCreateAuthentication().GetOrCreateUser("cisco")
	u.Role = oc.OpenconfigAaaTypes_SYSTEM_DEFINED_ROLES_SYSTEM_ROLE_ADMIN
	sys.GetOrCreateNtp().GetOrCreateServer("192.0.2.123")
	ni := f.GetOrCreateNetworkInstance("default")
	ni.Type = oc.OpenconfigNetworkInstanceTypes_NETWORK_INSTANCE_TYPE_DEFAULT_INSTANCE
	if desired == nil {
		return f
	}
	hasVLANs := false
	for _, ni := range desired.NetworkInstance {
		hasVLANs = hasVLANs || len(ni.Vlan) > 0
	}
	if hasVLANs {
		ni.GetOrCreateVlan(1).Name = ygot.String("default")
	}
	for name, di := range desired.Interface {
		fi := f.GetOrCreateInterface(name)
		fi.Type = di.Type
		fi.Enabled = ygot.Bool(true)
		if sv := di.GetEthernet().GetSwitchedVlan(); sv != nil && sv.AccessVlan != nil {
			fsv := fi.GetOrCreateEthernet().GetOrCreateSwitchedVlan()
			fsv.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_ACCESS
			fsv.AccessVlan = ygot.Uint16(1)
		}
	}
	return f
}

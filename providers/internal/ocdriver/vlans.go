package ocdriver

import (
	"regexp"
	"strconv"
	"strings"

	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/vlanuse"
)

// vlanEntry matches the path of a VLAN list entry.
var vlanEntry = regexp.MustCompile(`^/network-instances/network-instance\[name=[^\]]+\]/vlans/vlan\[vlan-id=(\d+)\]$`)

// checkVLANsInUse refuses (vlanuse.Check) changes that delete a VLAN while a port keeps
// it as its access VLAN, native VLAN or in its trunk list: the port would
// point at a VLAN that no longer exists. A port whose VLAN leaf the
// changes also touch is not counted (the plan moves it).
func checkVLANsInUse(device string, running *oc.Device, changes []providers.Change) error {
	deleted := map[uint16]bool{}
	touched := map[string]bool{}
	for _, c := range changes {
		if m := vlanEntry.FindStringSubmatch(c.Path); m != nil && c.Op == "delete" {
			n, _ := strconv.Atoi(m[1])
			deleted[uint16(n)] = true
		}
		if i := strings.Index(c.Path, "/switched-vlan"); i > 0 {
			touched[c.Path[:i]] = true
		}
	}
	if len(deleted) == 0 {
		return nil
	}
	users := map[uint16][]string{}
	for name, itf := range running.Interface {
		for kind, sv := range switchedVLANs(itf) {
			if touched["/interfaces/interface[name="+name+"]/"+kind] {
				continue
			}
			for _, v := range sv {
				if deleted[v] {
					users[v] = append(users[v], name)
				}
			}
		}
	}
	return vlanuse.Check(device, deleted, users)
}

// switchedVLANs returns the VLANs each switched-vlan container of itf
// uses (access, native and trunk), by container ("ethernet", "aggregation").
func switchedVLANs(itf *oc.Interface) map[string][]uint16 {
	out := map[string][]uint16{}
	if sv := itf.GetEthernet().GetSwitchedVlan(); sv != nil {
		out["ethernet"] = vlanIDs(sv.AccessVlan, sv.NativeVlan, trunkEthernet(sv.TrunkVlans))
	}
	if sv := itf.GetAggregation().GetSwitchedVlan(); sv != nil {
		out["aggregation"] = vlanIDs(sv.AccessVlan, sv.NativeVlan, trunkAggregate(sv.TrunkVlans))
	}
	return out
}

func vlanIDs(access, native *uint16, trunk []uint16) []uint16 {
	var out []uint16
	for _, p := range []*uint16{access, native} {
		if p != nil {
			out = append(out, *p)
		}
	}
	return append(out, trunk...)
}

func trunkEthernet(vs []oc.Interface_Ethernet_SwitchedVlan_TrunkVlans_Union) []uint16 {
	var out []uint16
	for _, v := range vs {
		if u, ok := v.(oc.UnionUint16); ok {
			out = append(out, uint16(u))
		}
	}
	return out
}

func trunkAggregate(vs []oc.Interface_Aggregation_SwitchedVlan_TrunkVlans_Union) []uint16 {
	var out []uint16
	for _, v := range vs {
		if u, ok := v.(oc.UnionUint16); ok {
			out = append(out, uint16(u))
		}
	}
	return out
}

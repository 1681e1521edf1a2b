package ocrender

import (
	"fmt"
	"slices"

	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// vlans renders the VLAN database of the default network-instance and the
// switched-vlan configuration that VLAN membership implies, then writes
// all switched-vlan intent to the tree.
func (s *render) vlans() {
	defer s.flushL2()
	for i, v := range s.cfg.VLANs {
		p := fmt.Sprintf("vlans[%d]", i)
		if !s.supports(providers.FeatureVLANs, p) {
			continue
		}
		if v.ID < 1 || v.ID > 4094 {
			// Left for YANG validation to reject with the device name.
			s.defaultInstance().GetOrCreateVlan(uint16(v.ID))
			continue
		}
		ov := s.defaultInstance().GetOrCreateVlan(uint16(v.ID))
		ov.Status = oc.OpenconfigVlan_Vlan_Status_ACTIVE
		if v.Name != "" {
			ov.Name = ygot.String(v.Name)
		}
		for j, m := range v.Members {
			s.member(fmt.Sprintf("%s.members[%d]", p, j), m, v.ID)
		}
	}
}

// member makes interface name a member of VLAN id: an access port gets
// access-vlan id; a trunk gets id added to trunk-vlans unless its allowed
// list already has it. A trunk without allowed_vlans carries every VLAN
// and is left as it is: adding one id would prune all the others.
func (s *render) member(path, name string, id int) {
	ref := s.lookup(name)
	if ref == nil {
		s.errs = append(s.errs, fmt.Errorf("%s: interface %q is not declared in interfaces", path, name))
		return
	}
	if !s.supports(providers.FeatureSwitchport, path) || !s.switchable(ref, path) {
		return
	}
	if len(ref.in.IPv4) > 0 {
		s.unsupported(providers.FeatureSwitchport, path, "%s is routed (has ipv4 addresses) and cannot be a VLAN member", ref.name)
		return
	}
	l := s.l2For(ref.name)
	switch l.mode {
	case oc.OpenconfigVlanTypes_VlanModeType_TRUNK:
		if len(l.trunk) > 0 && !slices.ContainsFunc(l.trunk, func(r models.VLANRange) bool { return r.Contains(id) }) {
			l.trunk = append(l.trunk, models.VLANRange{Low: id, High: id})
		}
	default:
		if l.access != 0 && int(l.access) != id {
			s.errs = append(s.errs, fmt.Errorf("%s: access port %s is already in VLAN %d", path, ref.name, l.access))
			return
		}
		l.mode, l.access = oc.OpenconfigVlanTypes_VlanModeType_ACCESS, uint16(id)
	}
}

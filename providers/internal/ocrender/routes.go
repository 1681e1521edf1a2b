package ocrender

import (
	"fmt"

	"github.com/openconfig/ygot/ygot"

	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// staticRoutes renders static routes under the STATIC protocol of their
// network-instance: the default instance for VRF "" or "default", an L3VRF
// instance named after the VRF otherwise. A next hop's index is its
// address; its distance becomes the preference.
func (s *render) staticRoutes() {
	for i, r := range s.cfg.StaticRoutes {
		p := fmt.Sprintf("static_routes[%d]", i)
		if !s.supports(providers.FeatureStaticRoutes, p) {
			continue
		}
		var ni *oc.NetworkInstance
		if r.VRF == "" || r.VRF == "default" {
			ni = s.defaultInstance()
		} else {
			ni = s.tree.GetOrCreateNetworkInstance(r.VRF)
			ni.Type = oc.OpenconfigNetworkInstanceTypes_NETWORK_INSTANCE_TYPE_L3VRF
		}
		proto := ni.GetOrCreateProtocol(oc.OpenconfigPolicyTypes_INSTALL_PROTOCOL_TYPE_STATIC, s.p.StaticProtocol)
		st := proto.GetOrCreateStatic(r.Prefix)
		for _, nh := range r.NextHops {
			o := st.GetOrCreateNextHop(nh.Address)
			o.NextHop = oc.UnionString(nh.Address)
			if nh.Distance != 0 {
				o.Preference = ygot.Uint32(uint32(nh.Distance))
			}
		}
	}
}

package iosxr

import (
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/ocdriver"
	"github.com/switchyard/switchyard/providers/internal/ocrender"
)

// Platform is the inventory name of the platform.
const Platform = "iosxr"

// Driver renders intent for IOS-XR: the OpenConfig driver with the
// IOS-XR platform. It holds no mutable state and is safe for concurrent use.
type Driver struct {
	*ocdriver.Driver
}

var (
	_ providers.Provider  = (*Driver)(nil)
	_ providers.Connector = (*Driver)(nil)
	_ providers.Differ    = (*Driver)(nil)
)

// New returns the IOS-XR driver.
func New() *Driver {
	return &Driver{ocdriver.New(ocdriver.Platform{Render: profile(),
		Transports: []string{"netconf", "gnmi"},
		Confirm:    map[string]string{"netconf": providers.ConfirmNETCONF, "gnmi": providers.ConfirmGNMI},
	})}
}

// Register adds the IOS-XR driver to r.
func Register(r *providers.Registry) error { return r.Register(New()) }

// l2Reason explains why VLANs and switchports are unsupported.
const l2Reason = "IOS-XR routers switch through l2vpn bridge domains, which switchyard does not model"

func profile() ocrender.Profile {
	const eth = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	return ocrender.Profile{
		Platform: Platform,
		Features: []string{
			providers.FeatureHostname, providers.FeatureDomainName, providers.FeatureBanners,
			providers.FeatureNTP, providers.FeatureDNS, providers.FeatureSyslog,
			providers.FeatureUsers, providers.FeatureAAA,
			providers.FeatureInterfaces, providers.FeaturePortChannels,
			providers.FeatureStaticRoutes, providers.FeatureACLs, providers.FeatureObjectGroups,
		},
		Reasons: map[string]string{
			providers.FeatureVLANs:      l2Reason,
			providers.FeatureSwitchport: l2Reason,
		},
		Interfaces: []ocrender.InterfaceKind{
			{Name: "GigabitEthernet", Aliases: []string{"gi"}, Type: eth},
			{Name: "TenGigE", Aliases: []string{"te"}, Type: eth},
			{Name: "TwentyFiveGigE", Aliases: []string{"tf"}, Type: eth},
			{Name: "FortyGigE", Aliases: []string{"fo"}, Type: eth},
			{Name: "HundredGigE", Aliases: []string{"hu"}, Type: eth},
			{Name: "FourHundredGigE", Aliases: []string{"fh"}, Type: eth},
			{Name: "MgmtEth", Aliases: []string{"mg"}, Type: eth},
			{Name: "Bundle-Ether", Aliases: []string{"be"}, Type: oc.IETFInterfaces_InterfaceType_ieee8023adLag},
			{Name: "Loopback", Aliases: []string{"lo"}, Type: oc.IETFInterfaces_InterfaceType_softwareLoopback},
		},
		AggregatePrefix: "Bundle-Ether",
		DefaultInstance: "default",
		StaticProtocol:  "DEFAULT",
		Roles:           map[string]string{"network-operator": "operator", "read-only": "operator"},
	}
}

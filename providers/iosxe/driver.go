package iosxe

import (
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/ocdriver"
	"github.com/switchyard/switchyard/providers/internal/ocrender"
)

// Platform is the inventory name of the platform.
const Platform = "iosxe"

// Driver renders intent for IOS-XE: the OpenConfig driver with the
// IOS-XE platform. It holds no mutable state and is safe for concurrent use.
type Driver struct {
	*ocdriver.Driver
}

var (
	_ providers.Provider  = (*Driver)(nil)
	_ providers.Connector = (*Driver)(nil)
	_ providers.Differ    = (*Driver)(nil)
)

// New returns the IOS-XE driver.
func New() *Driver {
	return &Driver{ocdriver.New(ocdriver.Platform{Render: profile(),
		Transports: []string{"netconf", "gnmi"},
		Confirm:    map[string]string{"netconf": providers.ConfirmNETCONF, "gnmi": providers.ConfirmGNMI},
	})}
}

// Register adds the IOS-XE driver to r.
func Register(r *providers.Registry) error { return r.Register(New()) }

func profile() ocrender.Profile {
	const eth = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	return ocrender.Profile{
		Platform: Platform,
		Features: []string{
			providers.FeatureHostname, providers.FeatureDomainName, providers.FeatureBanners,
			providers.FeatureNTP, providers.FeatureDNS, providers.FeatureSyslog,
			providers.FeatureUsers, providers.FeatureAAA, providers.FeatureVLANs,
			providers.FeatureInterfaces, providers.FeatureSwitchport, providers.FeaturePortChannels,
			providers.FeatureStaticRoutes, providers.FeatureACLs, providers.FeatureObjectGroups,
		},
		Interfaces: []ocrender.InterfaceKind{
			{Name: "GigabitEthernet", Aliases: []string{"gi", "g"}, Type: eth},
			{Name: "TenGigabitEthernet", Aliases: []string{"te"}, Type: eth},
			{Name: "FastEthernet", Aliases: []string{"fa"}, Type: eth},
			{Name: "TwoGigabitEthernet", Aliases: []string{"tw"}, Type: eth},
			{Name: "FiveGigabitEthernet", Aliases: []string{"fi"}, Type: eth},
			{Name: "TwentyFiveGigE", Aliases: []string{"twe"}, Type: eth},
			{Name: "FortyGigabitEthernet", Aliases: []string{"fo"}, Type: eth},
			{Name: "HundredGigE", Aliases: []string{"hu"}, Type: eth},
			{Name: "AppGigabitEthernet", Aliases: []string{"ap"}, Type: eth},
			{Name: "Port-channel", Aliases: []string{"po"}, Type: oc.IETFInterfaces_InterfaceType_ieee8023adLag},
			{Name: "Loopback", Aliases: []string{"lo"}, Type: oc.IETFInterfaces_InterfaceType_softwareLoopback},
			{Name: "Vlan", Aliases: []string{"vl"}, Type: oc.IETFInterfaces_InterfaceType_l3ipvlan},
		},
		AggregatePrefix: "Port-channel",
		DefaultInstance: "default",
		StaticProtocol:  "DEFAULT",
		Roles:           map[string]string{"network-operator": "network-operator", "read-only": "read-only"},
	}
}

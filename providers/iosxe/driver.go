package iosxe

import (
	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/ocdriver"
	"github.com/switchyard/switchyard/providers/internal/ocrender"
)

// Platform is the inventory name of the platform.
const Platform = "iosxe"

// Driver renders intent for IOS-XE. It holds no mutable state and is safe
// for concurrent use.
type Driver struct {
	ocdriver.Base
	r *ocrender.Renderer
}

var (
	_ providers.Provider  = (*Driver)(nil)
	_ providers.Connector = (*Driver)(nil)
	_ providers.Differ    = (*Driver)(nil)
)

// New returns the IOS-XE driver.
func New() *Driver {
	r := ocrender.MustNew(profile())
	return &Driver{Base: ocdriver.Base{Renderer: r, Platform: Platform}, r: r}
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

// Name returns "iosxe".
func (d *Driver) Name() string { return Platform }

// Capabilities returns a fresh copy of what the driver can do: NETCONF
// (preferred) and gNMI, each with its confirmed-commit kind.
func (d *Driver) Capabilities() providers.Capabilities {
	return providers.Capabilities{
		Transports: []string{"netconf", "gnmi"},
		Confirm:    map[string]string{"netconf": providers.ConfirmNETCONF, "gnmi": providers.ConfirmGNMI},
		Features:   d.r.Features(),
	}
}

// Render maps d to IOS-XE OpenConfig. It is pure and does not modify d;
// see package ocrender for the mapping and its errors.
func (d *Driver) Render(dev *models.Device) (*providers.Desired, error) { return d.r.Render(dev) }

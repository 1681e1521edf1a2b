package nxos

import (
	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/ocdriver"
	"github.com/switchyard/switchyard/providers/internal/ocrender"
)

// Platform is the inventory name of the platform.
const Platform = "nxos"

// Driver renders intent for NX-OS. It holds no mutable state and is safe
// for concurrent use.
type Driver struct {
	*ocdriver.Driver
	opts options
}

var (
	_ providers.Provider  = (*Driver)(nil)
	_ providers.Connector = (*Driver)(nil)
	_ providers.Differ    = (*Driver)(nil)
)

// New returns the NX-OS driver; opts tune its NX-API sessions.
func New(opts ...Option) *Driver {
	d := &Driver{Driver: ocdriver.New(ocdriver.Platform{Render: profile(),
		Transports: []string{"netconf", "gnmi", "nxapi"},
		Confirm: map[string]string{
			"netconf": providers.ConfirmNETCONF,
			"gnmi":    providers.ConfirmGNMI,
			"nxapi":   providers.ConfirmCheckpoint,
		},
	})}
	for _, o := range opts {
		o(&d.opts)
	}
	return d
}

// Register adds the NX-OS driver to r.
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
			{Name: "Ethernet", Aliases: []string{"eth", "e"}, Type: eth},
			{Name: "mgmt", Type: eth},
			{Name: "port-channel", Aliases: []string{"po"}, Type: oc.IETFInterfaces_InterfaceType_ieee8023adLag},
			{Name: "loopback", Aliases: []string{"lo"}, Type: oc.IETFInterfaces_InterfaceType_softwareLoopback},
			{Name: "Vlan", Type: oc.IETFInterfaces_InterfaceType_l3ipvlan},
		},
		AggregatePrefix: "port-channel",
		DefaultInstance: "default",
		StaticProtocol:  "DEFAULT",
		Roles:           map[string]string{"network-operator": "network-operator", "read-only": "network-operator"},
		Check:           check,
	}
}

// Render maps d to NX-OS OpenConfig (Desired.Tree, for NETCONF and gNMI)
// and to NX-OS CLI text in show running-config form (Desired.CLI, for
// NX-API). It is pure and does not modify d; see package ocrender for the
// OpenConfig mapping and its errors, and the package documentation for the
// CLI conventions. Desired.Secrets holds the bindings of both forms.
func (d *Driver) Render(dev *models.Device) (*providers.Desired, error) {
	out, err := d.Renderer.Render(dev)
	if err != nil {
		return nil, err
	}
	cli, secrets, managed, err := renderCLI(d.Renderer, dev)
	if err != nil {
		return nil, err
	}
	out.CLI = cli
	out.CLIManaged = managed
	out.Secrets = append(out.Secrets, secrets...)
	return out, nil
}

// check reports the intent NX-OS cannot take: a login banner (NX-OS has
// only the MOTD banner).
func check(c *models.Config) []*providers.UnsupportedError {
	if c.Banners != nil && c.Banners.Login != "" {
		return []*providers.UnsupportedError{{
			Feature:  providers.FeatureBanners,
			Platform: Platform,
			Path:     "banners.login",
			Reason:   "NX-OS has no login banner, only banners.motd",
		}}
	}
	return nil
}

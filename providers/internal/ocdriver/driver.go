package ocdriver

import (
	"maps"
	"slices"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/ocrender"
)

// Platform is what makes one OpenConfig platform: how its intent maps to
// OpenConfig (interface names, roles, features) and the transports that
// reach it with their confirmed-commit kinds. Routes per path come from
// the device's release profile at Render time, not from here.
type Platform struct {
	Render ocrender.Profile
	// Transports reach the platform, preferred first.
	Transports []string
	// Confirm maps each transport to its confirmed-commit kind.
	Confirm map[string]string
}

// Driver is the one driver of the OpenConfig platforms (iosxe, iosxr,
// nxos), parameterised by Platform; platform packages embed it and add
// only what is theirs. It holds no mutable state and is safe for
// concurrent use.
type Driver struct {
	Base
	transports []string
	confirm    map[string]string
}

var (
	_ providers.Provider  = (*Driver)(nil)
	_ providers.Connector = (*Driver)(nil)
	_ providers.Differ    = (*Driver)(nil)
)

// New returns the driver of p; it panics when p.Render is invalid (a
// programming error the platform package's tests catch).
func New(p Platform) *Driver {
	r := ocrender.MustNew(p.Render)
	return &Driver{Base: Base{Renderer: r, Platform: p.Render.Platform},
		transports: slices.Clone(p.Transports), confirm: maps.Clone(p.Confirm)}
}

// Name is the platform's inventory name.
func (d *Driver) Name() string { return d.Platform }

// Capabilities returns a fresh copy of what the driver can do.
func (d *Driver) Capabilities() providers.Capabilities {
	return providers.Capabilities{
		Transports: slices.Clone(d.transports),
		Confirm:    maps.Clone(d.confirm),
		Features:   d.Renderer.Features(),
	}
}

// Render maps dev to the platform's OpenConfig, with native subtrees where
// the device's release takes a part only through its native model. It is
// pure and does not modify dev; see package ocrender.
func (d *Driver) Render(dev *models.Device) (*providers.Desired, error) {
	return d.Renderer.Render(dev)
}

package ios

import (
	"slices"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// Platform is the platform name of this provider.
const Platform = "ios"

// Driver is the classic IOS provider. It holds no state and is safe for
// concurrent use; the zero value is ready to use.
type Driver struct{}

var _ providers.Provider = (*Driver)(nil)

// New returns a Driver.
func New() *Driver { return &Driver{} }

// Register adds the ios provider to r.
func Register(r *providers.Registry) error { return r.Register(New()) }

// Name returns "ios".
func (*Driver) Name() string { return Platform }

// Capabilities reports SSH CLI with configure-replace timers and every
// intent feature (with the exceptions Render reports as unsupported).
func (*Driver) Capabilities() providers.Capabilities {
	return providers.Capabilities{
		Transports: []string{"cli"},
		Confirm:    map[string]string{"cli": providers.ConfirmReplaceTimer},
		Features: []string{
			providers.FeatureHostname, providers.FeatureDomainName, providers.FeatureBanners,
			providers.FeatureNTP, providers.FeatureDNS, providers.FeatureSyslog,
			providers.FeatureUsers, providers.FeatureAAA, providers.FeatureVLANs,
			providers.FeatureInterfaces, providers.FeatureSwitchport, providers.FeaturePortChannels,
			providers.FeatureStaticRoutes, providers.FeatureACLs, providers.FeatureObjectGroups,
		},
	}
}

// Render returns the running-configuration text of d (see the package
// documentation for its conventions). It does no I/O and never reads a
// secret: d's secret references become placeholders and Desired.Secrets.
// Intent IOS cannot express is an *providers.UnsupportedError with the
// intent path; d is not modified.
func (*Driver) Render(d *models.Device) (*providers.Desired, error) {
	if d.Platform != "" && d.Platform != Platform {
		return nil, &providers.UnsupportedError{Feature: "platform " + d.Platform, Platform: Platform,
			Reason: "device " + d.Name + " is not a classic IOS device"}
	}
	r := &renderer{cfg: &d.Config}
	if err := r.render(); err != nil {
		return nil, err
	}
	return &providers.Desired{
		Device:        d.Name,
		Platform:      Platform,
		CLI:           r.w.String(),
		Authoritative: slices.Clone(d.Authoritative),
		Secrets:       r.secrets,
	}, nil
}

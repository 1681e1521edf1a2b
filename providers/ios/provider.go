package ios

import (
	"slices"

	"github.com/switchyard/switchyard/internal/credentials"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// Platform is the platform name of this provider.
const Platform = "ios"

// Driver is the classic IOS provider. It holds only its options and is
// safe for concurrent use; the zero value is ready to use (replace mode,
// secrets read from the environment and files).
type Driver struct {
	merge   bool
	secrets credentials.Source
}

var (
	_ providers.Provider  = (*Driver)(nil)
	_ providers.Connector = (*Driver)(nil)
	_ providers.Differ    = (*Driver)(nil)
)

// Option configures a Driver.
type Option func(*Driver)

// WithMerge pushes changes as configuration commands, line by line, after
// saving the running configuration to flash (restored with configure
// replace when a command fails), instead of the default configure replace
// with a rollback timer. A merged change has no device-side timer: it is
// final once pushed, and verification can only report.
func WithMerge() Option { return func(d *Driver) { d.merge = true } }

// WithSecrets sets where the values of secret references (user
// passwords, server keys) are read at push time; the zero Source reads
// the environment and files.
func WithSecrets(s credentials.Source) Option { return func(d *Driver) { d.secrets = s } }

// New returns a Driver with opts applied.
func New(opts ...Option) *Driver {
	d := &Driver{}
	for _, o := range opts {
		o(d)
	}
	return d
}

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
		CLIManaged:    r.managed,
	}, nil
}

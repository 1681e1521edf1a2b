package providers

import (
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/profiles"
)

// Confirm kinds: how a platform makes a change revert by itself unless it is
// confirmed.
const (
	// ConfirmNETCONF is RFC 6241 confirmed commit (with persist-id).
	ConfirmNETCONF = "netconf-confirmed-commit"
	// ConfirmGNMI is the gNMI commit-confirmed extension.
	ConfirmGNMI = "gnmi-commit-confirmed"
	// ConfirmReplaceTimer is IOS `configure replace ... time N`.
	ConfirmReplaceTimer = "configure-replace-timer"
	// ConfirmCheckpoint is an NX-OS checkpoint with an agent-side timer.
	ConfirmCheckpoint = "nxos-checkpoint"
	// ConfirmCiscoIA is IOS-XE's cisco-ia timed rollback over NETCONF:
	// rpc checkpoint, rpc rollback with a revert-timer of 1 to 120
	// minutes, rpc revert (see providers/internal/ncsession).
	ConfirmCiscoIA = "cisco-ia-revert-timer"
	// ConfirmNone is a device with no device-side rollback timer: a change
	// pushed to it is final at once.
	ConfirmNone = "none"
)

// HasDeviceTimer reports whether the mechanism kind makes the device revert
// a change by itself when switchyard dies before confirming it. The NX-OS
// checkpoint's timer runs in switchyard, not on the device.
func HasDeviceTimer(kind string) bool {
	switch kind {
	case ConfirmNETCONF, ConfirmGNMI, ConfirmReplaceTimer, ConfirmCiscoIA:
		return true
	}
	return false
}

// Capabilities describe what a provider can do.
type Capabilities struct {
	// Transports are the protocols that reach the platform, preferred first.
	Transports []string `json:"transports"`
	// Confirm maps each transport to its confirmed-commit kind.
	Confirm map[string]string `json:"confirm"`
	// Features are the intent features the provider renders (Feature*).
	Features []string `json:"features"`
}

// Provider is a platform driver. Implementations are safe for concurrent
// use; Render does no I/O.
type Provider interface {
	// Name is the platform name used in the inventory.
	Name() string
	// Capabilities describes the platform.
	Capabilities() Capabilities
	// Render turns intent into the platform's desired configuration. Intent
	// the platform cannot express is an *UnsupportedError, never dropped.
	Render(d *models.Device) (*Desired, error)
}

// Desired is a device's desired configuration in its platform's form.
type Desired struct {
	Device   string `json:"device"`
	Platform string `json:"platform"`
	// Tree is the OpenConfig form, for platforms managed through OpenConfig.
	Tree *openconfig.Device `json:"-"`
	// Native are the subtrees of the platform's own YANG model, module-
	// qualified RFC 7951 JSON ("Cisco-IOS-XE-native:native": {...}): the
	// intent parts the release's OpenConfig cannot take (native routes)
	// and the native.yang blocks. Profile describes them; nil when none.
	Native map[string]any `json:"-"`
	// Profile is the release the payload was rendered for (nil when the
	// platform has no profile); its native schema types Native.
	Profile *profiles.Profile `json:"-"`
	// NativeOrigins say which intent value each native path comes from
	// (routes and native.yang blocks), for errors and conflicts.
	NativeOrigins []NativeOrigin `json:"-"`
	// NativeOwned are the native list paths owned whole (authoritative
	// native.yang): running entries the desired subtrees lack are removed.
	NativeOwned []string `json:"native_owned,omitempty"`
	// NativeAbsent are native paths (containers or leaves) the device must
	// not have: the alternatives to what the intent chose (another
	// authentication protocol of an SNMPv3 user). Diff deletes those
	// running has.
	NativeAbsent []string `json:"native_absent,omitempty"`
	// CLI is native configuration text, for what OpenConfig cannot express
	// on the platform (or for CLI-only platforms).
	CLI string `json:"cli,omitempty"`
	// Authoritative are the list selectors owned whole (from the intent).
	Authoritative []string `json:"authoritative,omitempty"`
	// Secrets are the values that come from secret references: Render never
	// sees secret values, so the tree leaves them out and the apply step
	// fills them in at push time. Plans show the reference, never a value.
	Secrets []SecretBinding `json:"secrets,omitempty"`
	// SecretKeyed are the native lists of the release whose key is a
	// secret, and KeyRefs the references behind the placeholders
	// (KeyPlaceholder) the rendering wrote as such keys: see
	// AliasSecretKeys. KeyAlias names a key value in plans (set from the
	// state directory's fingerprint key; nil: a per-process key).
	SecretKeyed []SecretKeyed               `json:"-"`
	KeyRefs     map[string]models.SecretRef `json:"-"`
	KeyAlias    func(value string) string   `json:"-"`
	keyValues   map[string]string
	// CLIManaged are the CLI settings the intent declares whole, as line
	// paths joined by " > " ("spanning-tree vlan", "interface Ethernet1/1 >
	// speed"): a running line with that prefix (in that section) is managed
	// even where desired renders none, because the declared value is the
	// device default, which the device does not print.
	CLIManaged []string `json:"cli_managed,omitempty"`
	// NoRoute is the intent that Tree cannot carry (no OpenConfig path for
	// it): a platform that also renders CLI carries it there, so it is
	// refused only for devices managed over NETCONF or gNMI (by the gate,
	// naming platform and release). Empty when Tree carries everything.
	NoRoute []*UnsupportedError `json:"-"`
	// Owned is what switchyard set on the device (from state), set by the
	// caller before Diff; nil owns nothing beyond the intent.
	Owned *Ownership `json:"-"`
}

// NativeOrigin is the intent value (an intent path such as
// "users[1].ssh_keys" or "native.yang[0]") that a native path comes from.
type NativeOrigin struct {
	Path   string
	Intent string
}

// SecretBinding says that the configuration value at Path (a gNMI-style
// path such as /system/aaa/server-groups/server-group[name=X]/...) is the
// secret that Ref points at. Prefix, when set, goes before the value in
// the push (IOS-XR's password types take a clear-text value as "!VALUE");
// it is no part of the secret's fingerprint.
type SecretBinding struct {
	Path   string           `json:"path"`
	Ref    models.SecretRef `json:"ref"`
	Prefix string           `json:"prefix,omitempty"`
}

// Intent feature names, as used in Capabilities.Features and
// UnsupportedError.Feature.
const (
	FeatureHostname     = "hostname"
	FeatureDomainName   = "domain_name"
	FeatureBanners      = "banners"
	FeatureNTP          = "ntp"
	FeatureDNS          = "dns"
	FeatureSyslog       = "syslog"
	FeatureUsers        = "users"
	FeatureAAA          = "aaa"
	FeatureVLANs        = "vlans"
	FeatureInterfaces   = "interfaces"
	FeatureSwitchport   = "switchport"
	FeaturePortChannels = "port_channels"
	FeatureStaticRoutes = "static_routes"
	FeatureACLs         = "acls"
	FeatureObjectGroups = "object_groups"
	FeatureSNMP         = "snmp"
	FeatureSpanningTree = "spanning_tree"
	FeatureVRFs         = "vrfs"
	FeatureLines        = "lines"
	FeatureLogging      = "logging"
)

package providers

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/identity"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/profiles"
)

// Target is everything needed to reach one device. Secrets are resolved
// (late, by the caller) but stay wrapped in models.Secret.
type Target struct {
	Name      string
	Platform  string
	Transport string
	Address   string
	Username  string
	Password  models.Secret
	// EnablePassword is for platforms with an enable mode (classic IOS).
	EnablePassword models.Secret
	// PrivateKeyFile authenticates with an SSH key instead of a password.
	PrivateKeyFile string
	// KnownHostsFile verifies SSH host keys; required unless
	// InsecureIgnoreHostKey is set.
	KnownHostsFile string
	// InsecureIgnoreHostKey turns host key verification off (loudly). Over
	// gNMI it turns TLS certificate verification off instead, and cannot be
	// combined with CAFile.
	InsecureIgnoreHostKey bool
	// CAFile is the CA certificate file for gNMI/NX-API TLS verification
	// (PEM); required for gNMI unless InsecureIgnoreHostKey is set.
	CAFile string
	// Timeout bounds each protocol operation; zero means 30 s.
	Timeout time.Duration
	// Secrets reads the secret references of the intent (user passwords,
	// AAA keys) when a push needs their values; the zero value reads the
	// process environment and files.
	Secrets credentials.Source
	// Profile is the release the intent says the device runs; drivers
	// compare the device's hello with it at connect. nil: not compared.
	Profile *profiles.Profile
	// Identity shares the parsed known_hosts, private key and CA files of
	// a run between its connections; nil reads them for every connection.
	Identity *identity.Cache
	// AllowWithoutDeviceTimer lets a driver push to a device that turns out
	// (at connect) to have no device-side rollback timer; without it the
	// driver refuses, pushing nothing. From the inventory's
	// allow_without_device_timer.
	AllowWithoutDeviceTimer bool
	Logger                  *slog.Logger
}

// Running is a device's running configuration in its platform's form.
type Running struct {
	Tree *openconfig.Device
	// Native are the native subtrees read (see Desired.Native).
	Native map[string]any
	CLI    string
	// Digest identifies the configuration as read (sha256 hex of its
	// canonical form), so a saved plan can tell that the device changed.
	Digest string
	// Warnings are things a reviewer must know about how a change to this
	// device will be pushed (for example: no device-side rollback timer).
	Warnings []string
}

// Change is one leaf or list-entry change (see internal/diff). Paths are
// gNMI path strings for OpenConfig platforms and hierarchical command paths
// for CLI platforms.
type Change = diff.Change

// Txn is a change in flight on one device: pushed with a confirmed commit
// that reverts unless confirmed. It serialises to JSON so that another
// process can confirm or cancel it after a restart.
type Txn struct {
	Device    string `json:"device"`
	Transport string `json:"transport"`
	// Kind is the Confirm* constant of the mechanism used.
	Kind string `json:"kind"`
	// ID is the mechanism's handle: the NETCONF persist-id, the gNMI commit
	// id, the NX-OS checkpoint name.
	ID string `json:"id"`
	// Deadline is when the device reverts by itself if not confirmed. Zero
	// when the device has no rollback timer (the change is already final).
	Deadline time.Time `json:"deadline,omitzero"`
	// Extra is mechanism-specific state.
	Extra json.RawMessage `json:"extra,omitempty"`
}

// Session is an open management session to one device. A Session is used
// by one goroutine at a time.
type Session interface {
	// Observe reads the running configuration.
	Observe(ctx context.Context) (*Running, error)
	// Begin pushes the changes that turn running into desired with a
	// confirmed commit that reverts after confirmTimeout. The device is
	// locked for the duration of Begin only. An error with a nil Txn means
	// nothing was committed. An error with a non-nil Txn means the commit
	// may have reached the device (its answer was lost): the caller treats
	// the Txn as pending and settles it (verify, then confirm or cancel)
	// from a new session.
	Begin(ctx context.Context, desired *Desired, changes []Change, confirmTimeout time.Duration) (*Txn, error)
	// Confirm makes txn permanent. It may be called on a different session
	// (and process) than the one that began it.
	Confirm(ctx context.Context, txn *Txn) error
	// Cancel reverts txn now.
	Cancel(ctx context.Context, txn *Txn) error
	// Close ends the session.
	Close() error
}

// TxnPreparer is implemented by sessions that can name a confirmed commit
// before sending it. The caller records the prepared Txn first, so that an
// agent killed while the device takes the commit still knows the id, and
// the next run resolves it. The following Begin on the same session uses
// the prepared id.
type TxnPreparer interface {
	PrepareTxn(confirmTimeout time.Duration) *Txn
}

// Connector is implemented by providers that can manage devices: it opens a
// session over the target's transport.
type Connector interface {
	Connect(ctx context.Context, t Target) (Session, error)
}

// Differ is implemented by providers: Diff returns the changes that turn
// running into desired, within the scope the intent manages (paths it
// declares, plus extra entries of authoritative lists, never reserved
// VLANs).
type Differ interface {
	Diff(desired *Desired, running *Running) ([]Change, error)
}

// RunningGuard is implemented by sessions whose Begin can check, under the
// device's own arbiter (datastore lock, checkpoint, staged file) or just
// before the commit where the device has none, that the running
// configuration still has the digest the changes were computed from. The
// caller calls ExpectRunning before Begin; Begin then fails with
// ErrConflict, pushing nothing, when running changed since.
type RunningGuard interface {
	ExpectRunning(digest string)
}

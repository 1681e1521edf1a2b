package providers

import (
	"errors"
	"fmt"
)

// ErrUnknownPlatform is returned (wrapped) by Registry.Get for a platform no
// provider is registered for; the message lists the known ones.
var ErrUnknownPlatform = errors.New("unknown platform")

// ErrDuplicate is returned by Registry.Register when a provider with the
// same name is already registered.
var ErrDuplicate = errors.New("provider already registered")

// ErrNotPending is returned (wrapped) by Session.Confirm and Session.Cancel
// when the device answers that nothing is pending under the txn's id: the
// change was already confirmed, or its timer already reverted it. Either
// way the txn needs nothing more.
var ErrNotPending = errors.New("nothing pending on the device under this id")

// UnsupportedError says that a platform cannot express an intent feature.
// Path, when set, names the intent value (for example "vlans[2]").
type UnsupportedError struct {
	Feature  string
	Platform string
	Path     string
	Reason   string
}

// Error names the feature, the platform and why.
func (e *UnsupportedError) Error() string {
	msg := fmt.Sprintf("%s is not supported on %s", e.Feature, e.Platform)
	if e.Path != "" {
		msg = e.Path + ": " + msg
	}
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// ErrBusy is returned (wrapped) by Session.Begin when another writer has a
// change in flight on the device (a pending confirmed commit, a datastore
// lock, another run's checkpoint or staged file): nothing was pushed.
var ErrBusy = errors.New("another change is in flight on the device")

// ErrConflict is returned (wrapped) by Session.Begin when the running
// configuration changed since it was read (another writer got there
// first; nothing was pushed), and by Session.Cancel when running is no
// longer what the txn pushed: the other writer's change is left alone and
// the txn is over.
var ErrConflict = errors.New("another writer changed the device")

// ErrNoDeviceTimer is returned (wrapped) by Session.Begin when the device
// turns out to have no device-side rollback timer and its target does not
// opt in (Target.AllowWithoutDeviceTimer): nothing was pushed.
var ErrNoDeviceTimer = errors.New("the device has no device-side rollback timer")

// ErrVLANInUse is returned (wrapped) by Differ.Diff, on every platform,
// when the changes would delete a VLAN that ports of the device still use
// after them; the error names the VLANs and the ports. Nothing is pushed
// to that device.
var ErrVLANInUse = errors.New("VLAN still in use")

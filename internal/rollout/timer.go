package rollout

import (
	"errors"
	"fmt"

	"github.com/switchyard/switchyard/providers"
)

// NoTimerError says that a device's rollback mechanism has no device-side
// timer and the device did not opt in to pushes without one.
type NoTimerError struct {
	Device    string
	Mechanism string
}

// Error names the device, its mechanism and the opt-in.
func (e *NoTimerError) Error() string {
	return fmt.Sprintf("%s: %s has no device-side rollback timer (a pushed change is final at once; nothing reverts it if switchyard dies); set allow_without_device_timer: true on the device or its group to push to it anyway",
		e.Device, e.Mechanism)
}

// Unwrap makes errors.Is(err, providers.ErrNoDeviceTimer) hold.
func (e *NoTimerError) Unwrap() error { return providers.ErrNoDeviceTimer }

// CheckDeviceTimer returns a *NoTimerError for a unit whose mechanism has
// no device-side timer and that did not opt in, else nil. An unknown
// mechanism ("") passes: the driver then checks the device's hello at
// push time and refuses there (providers.ErrNoDeviceTimer).
func CheckDeviceTimer(u *Unit) error {
	if u.Confirm == "" || providers.HasDeviceTimer(u.Confirm) || u.Target.AllowWithoutDeviceTimer {
		return nil
	}
	return &NoTimerError{Device: u.Name, Mechanism: u.Confirm}
}

// CheckDeviceTimers checks every unit with CheckDeviceTimer, without
// contacting any device, and joins the refusals.
func CheckDeviceTimers(units []Unit) error {
	var errs []error
	for i := range units {
		if err := CheckDeviceTimer(&units[i]); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

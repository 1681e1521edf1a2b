package inventory

// TimerOptIn is a device's allow_without_device_timer: whether switchyard
// may push to it although its rollback mechanism has no device-side timer
// (a change is then final at once, and nothing reverts it if switchyard
// dies), and where that is declared.
type TimerOptIn struct {
	Allowed bool `json:"allowed"`
	// Declared is "device", "group NAME" or "defaults".
	Declared string `json:"declared"`
}

// AllowsWithoutDeviceTimer reports whether the device opted in to pushes
// without a device-side rollback timer.
func (d *Device) AllowsWithoutDeviceTimer() bool {
	return d.AllowWithoutDeviceTimer != nil && d.AllowWithoutDeviceTimer.Allowed
}

// timerOptIn resolves allow_without_device_timer like os_version: the
// device's own, else the highest-precedence group's that sets it, else
// the defaults'. mine is in precedence order (last wins).
func (r *resolver) timerOptIn(d *DeviceSpec, mine []*groupState) *TimerOptIn {
	if v := d.AllowWithoutDeviceTimer; v != nil {
		return &TimerOptIn{Allowed: *v, Declared: "device"}
	}
	for i := len(mine) - 1; i >= 0; i-- {
		if v := mine[i].spec.AllowWithoutDeviceTimer; v != nil {
			return &TimerOptIn{Allowed: *v, Declared: "group " + mine[i].spec.Name}
		}
	}
	if def := r.repo.Defaults; def != nil && def.AllowWithoutDeviceTimer != nil {
		return &TimerOptIn{Allowed: *def.AllowWithoutDeviceTimer, Declared: "defaults"}
	}
	return nil
}

package daemon

import (
	"slices"
	"time"

	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/inventory"
)

// baseStatus is what the intent says about a device: platform, transport,
// release, groups and rollback mechanism.
func (d *Daemon) baseStatus(dev *inventory.Device) DeviceStatus {
	ds := DeviceStatus{Name: dev.Name, Platform: dev.Platform, Transport: dev.Transport, Groups: groupsOf(dev), State: StateUnknown}
	if dev.Release != nil {
		ds.Release = dev.Release.OSVersion
	}
	ds.DriftPolicy, _ = d.policy(dev)
	if p := dev.Profile(); p != nil && dev.Transport == "netconf" {
		ds.Rollback = p.Rollback.NETCONF
	} else if prov, err := d.opts.Registry.Get(dev.Platform); err == nil {
		ds.Rollback = prov.Capabilities().Confirm[dev.Transport]
	}
	if s := d.suspendedBy(dev); s != nil {
		ds.Suspended = s.String()
	}
	return ds
}

// restoreStatus fills the status of every managed device from the state
// directory, so that a restarted daemon shows the fleet as it last saw it
// until its first pass observes the devices again.
func (d *Daemon) restoreStatus(l *loaded) {
	list := make([]DeviceStatus, 0, len(l.devices))
	counts := map[string]int{}
	for _, dev := range l.devices {
		ds := d.baseStatus(dev)
		st, err := d.store.Get(dev.Name)
		if err == nil {
			fillFromState(&ds, &st)
			ds.State, ds.Reason = restoredState(l, &st)
		} else {
			ds.Reason = "never observed"
		}
		counts[ds.State]++
		list = append(list, ds)
	}
	slices.SortFunc(list, func(a, b DeviceStatus) int { return compareNames(a.Name, b.Name) })
	d.mu.Lock()
	defer d.mu.Unlock()
	d.status.Devices, d.status.Counts = list, counts
}

func compareNames(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// restoredState is a device's state as state remembers it, with a reason
// saying it is from before the restart.
func restoredState(l *loaded, st *state.DeviceState) (string, string) {
	since := ""
	if !st.LastObservedAt.IsZero() {
		since = " (last observed " + st.LastObservedAt.UTC().Format(time.RFC3339) + ", before a restart)"
	}
	switch {
	case st.InFlight != nil:
		return StateInFlight, "a confirmed commit is not resolved yet" + since
	case st.LastResult == "failed" || st.LastResult == "rolled-back":
		return StateFailed, st.LastError + since
	case len(st.DriftPaths) > 0:
		return StateDrifted, "drifted" + since
	case st.LastAppliedRevision == l.rev.Hash:
		return StateInSync, "restored from state" + since
	case st.LastAppliedRevision != "":
		return StateHeld, "revision " + short(st.LastAppliedRevision) + " applied; " + l.rev.ShortHash + " not yet" + since
	}
	return StateUnknown, "not observed yet"
}

func short(h string) string { return h[:min(7, len(h))] }

// fillFromState copies what state remembers of a device into its status.
func fillFromState(ds *DeviceStatus, st *state.DeviceState) {
	ds.LastAppliedRevision, ds.LastAppliedAt, ds.LastObservedAt = st.LastAppliedRevision, st.LastAppliedAt, st.LastObservedAt
	ds.LastResult, ds.LastError, ds.InFlight = st.LastResult, st.LastError, st.InFlight
}

// setDeviceLive replaces one device's entry in the published status (and
// the counts) while a rollout runs, so that the status and the dashboard
// show each device as it is now, not as it was before the pass.
func (d *Daemon) setDeviceLive(name string, edit func(*DeviceStatus)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	i := slices.IndexFunc(d.status.Devices, func(ds DeviceStatus) bool { return ds.Name == name })
	if i < 0 {
		return
	}
	// Copy on write: Status() hands out shallow copies of the slice.
	list := slices.Clone(d.status.Devices)
	edit(&list[i])
	counts := map[string]int{}
	for _, ds := range list {
		counts[ds.State]++
	}
	d.status.Devices, d.status.Counts = list, counts
}

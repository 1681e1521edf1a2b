package daemon

import (
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/switchyard/switchyard/inventory"
)

// syncRequest is what the pending sync requests ask for: the whole fleet,
// or some devices and groups. Requests made before the loop takes them
// merge. A nil *syncRequest is the whole fleet.
type syncRequest struct {
	all     bool
	devices map[string]bool
	groups  map[string]bool
}

// isAll reports whether the request covers the whole fleet.
func (s *syncRequest) isAll() bool {
	return s == nil || s.all || (len(s.devices) == 0 && len(s.groups) == 0)
}

// covers reports whether dev is in the request.
func (s *syncRequest) covers(dev *inventory.Device) bool {
	if s.isAll() {
		return true
	}
	return s.devices[dev.Name] || slices.ContainsFunc(dev.Groups, func(m inventory.Membership) bool { return s.groups[m.Group] })
}

// merge adds o to s.
func (s *syncRequest) merge(o syncRequest) {
	s.all = s.all || o.all
	for k := range o.devices {
		if s.devices == nil {
			s.devices = map[string]bool{}
		}
		s.devices[k] = true
	}
	for k := range o.groups {
		if s.groups == nil {
			s.groups = map[string]bool{}
		}
		s.groups[k] = true
	}
}

// maxSyncTargets bounds the devices and groups one pending request names;
// past it the request becomes a sync of the whole fleet.
const maxSyncTargets = 1000

// requestSync records req and wakes the loop. It never blocks.
func (d *Daemon) requestSync(req syncRequest) {
	d.mu.Lock()
	if d.syncPending == nil {
		d.syncPending = &syncRequest{}
	}
	d.syncPending.merge(req)
	if len(d.syncPending.devices)+len(d.syncPending.groups) > maxSyncTargets {
		d.syncPending.all = true
	}
	d.mu.Unlock()
	select {
	case d.syncCh <- struct{}{}:
	default:
	}
}

// takeSync returns and clears the pending request.
func (d *Daemon) takeSync() *syncRequest {
	d.mu.Lock()
	defer d.mu.Unlock()
	req := d.syncPending
	d.syncPending = nil
	if req == nil {
		req = &syncRequest{all: true}
	}
	return req
}

// SyncDevice asks the loop to observe one device against the enforced
// revision now (after fetching the followed ref) and push what policy,
// windows and suspensions allow. It never blocks.
func (d *Daemon) SyncDevice(name string) {
	d.requestSync(syncRequest{devices: map[string]bool{name: true}})
}

// SyncGroup is SyncDevice for every member of a group.
func (d *Daemon) SyncGroup(name string) {
	d.requestSync(syncRequest{groups: map[string]bool{name: true}})
}

// errUnknownTarget is returned by syncTarget for a device or group the
// enforced revision does not manage.
var errUnknownTarget = errors.New("not managed by the daemon in the enforced revision")

// syncTarget checks a sync's ?device= and ?group= against the devices the
// daemon manages in the enforced revision (anything goes before there is
// one: the loop then syncs the fleet).
func (d *Daemon) syncTarget(device, group string) (scope, name string, err error) {
	switch {
	case device != "" && group != "":
		return "", "", errors.New("give device or group, not both")
	case device == "" && group == "":
		return ScopeFleet, "", nil
	case len(device) > 200 || len(group) > 200:
		return "", "", errors.New("name too long")
	}
	l := d.publishedRevision()
	req := syncRequest{devices: map[string]bool{device: device != ""}, groups: map[string]bool{group: group != ""}}
	if l == nil || slices.ContainsFunc(l.devices, req.covers) {
		if device != "" {
			return ScopeDevice, device, nil
		}
		return ScopeGroup, group, nil
	}
	return "", "", fmt.Errorf("%s%s: %w", device, group, errUnknownTarget)
}

func syncErrCode(err error) int {
	if errors.Is(err, errUnknownTarget) {
		return http.StatusNotFound
	}
	return http.StatusBadRequest
}

// startSync requests a sync of a checked target.
func (d *Daemon) startSync(scope, name string) {
	switch scope {
	case ScopeDevice:
		d.SyncDevice(name)
	case ScopeGroup:
		d.SyncGroup(name)
	default:
		d.Sync()
	}
}

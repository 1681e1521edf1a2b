package daemon

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/inventory"
)

// suspendFile holds the suspensions in the state directory, so they
// survive a restart.
const suspendFile = "suspended.json"

// maxSuspensions bounds the list an API caller can grow.
const maxSuspensions = 1000

// Suspension scopes.
const (
	ScopeFleet  = "fleet"
	ScopeGroup  = "group"
	ScopeDevice = "device"
)

// Suspension stops the daemon from pushing to the fleet, the members of a
// group, or one device: they are still observed (drift is recorded and
// reported) but nothing is pushed, not even drift remediation. Confirmed
// commits already in flight are still confirmed or cancelled.
type Suspension struct {
	Scope string `json:"scope"`
	// Name is the group or device; "" for the fleet.
	Name string    `json:"name,omitempty"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

func (s Suspension) String() string {
	what := s.Scope
	if s.Name != "" {
		what += " " + s.Name
	}
	return fmt.Sprintf("%s suspended by %s at %s", what, s.By, s.At.UTC().Format(time.RFC3339))
}

func readSuspensions(dir string) ([]Suspension, error) {
	raw, err := os.ReadFile(filepath.Join(dir, suspendFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var list []Suspension
	if err == nil {
		err = json.Unmarshal(raw, &list)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", suspendFile, err)
	}
	return list, nil
}

// loadSuspensions puts the persisted suspensions in the status.
func (d *Daemon) loadSuspensions() error {
	suspended, err := readSuspensions(d.cfg.StateDir)
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.status.Suspended = suspended
	d.mu.Unlock()
	return nil
}

// setSuspension adds (on) or removes (off) the suspension of scope and
// name, persists the list and records it in the audit log. It reports
// whether anything changed.
func (d *Daemon) setSuspension(s Suspension, on bool) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	i := slices.IndexFunc(d.status.Suspended, func(o Suspension) bool { return o.Scope == s.Scope && o.Name == s.Name })
	list := slices.Clone(d.status.Suspended)
	switch {
	case on && i >= 0, !on && i < 0:
		return false, nil
	case on && len(list) >= maxSuspensions:
		return false, fmt.Errorf("too many suspensions (%d)", maxSuspensions)
	case on:
		list = append(list, s)
	default:
		list = slices.Delete(list, i, i+1)
	}
	raw, err := json.MarshalIndent(list, "", "  ")
	if err == nil {
		err = writeAtomic(filepath.Join(d.cfg.StateDir, suspendFile), raw)
	}
	if err != nil {
		return false, err
	}
	d.status.Suspended = list
	result := "resumed"
	if on {
		result = "suspended"
	}
	d.log.Info(result, "scope", s.Scope, "name", s.Name, "by", s.By)
	if d.audit != nil {
		rec := state.Record{Time: s.At, Operator: "api:" + s.By, Result: result, Summary: s.Scope + " " + s.Name}
		if s.Scope == ScopeDevice {
			rec.Device = s.Name
		}
		if err := d.audit.Append(rec); err != nil {
			d.log.Error("audit record of a suspension not written", "err", err)
		}
	}
	return true, nil
}

// suspendedBy returns the suspension that covers dev, fleet first, or nil.
func (d *Daemon) suspendedBy(dev *inventory.Device) *Suspension {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, scope := range []string{ScopeFleet, ScopeGroup, ScopeDevice} {
		for _, s := range d.status.Suspended {
			if s.Scope != scope {
				continue
			}
			if scope == ScopeFleet || (scope == ScopeDevice && s.Name == dev.Name) ||
				(scope == ScopeGroup && slices.ContainsFunc(dev.Groups, func(m inventory.Membership) bool { return m.Group == s.Name })) {
				return &s
			}
		}
	}
	return nil
}

// serveSuspend handles POST /api/v1/suspend and /api/v1/resume:
// ?device=NAME, ?group=NAME, or neither for the whole fleet.
func (d *Daemon) serveSuspend(on bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		s := Suspension{Scope: ScopeFleet, By: callerOf(r), At: d.clock.Now().UTC()}
		switch dev, grp := q.Get("device"), q.Get("group"); {
		case dev != "" && grp != "":
			http.Error(w, "give device or group, not both", http.StatusBadRequest)
			return
		case dev != "":
			s.Scope, s.Name = ScopeDevice, dev
		case grp != "":
			s.Scope, s.Name = ScopeGroup, grp
		}
		if len(s.Name) > 200 {
			http.Error(w, "name too long", http.StatusBadRequest)
			return
		}
		changed, err := d.setSuspension(s, on)
		d.refreshSuspended()
		if err != nil {
			d.log.Error("suspension not saved", "err", err)
			http.Error(w, "cannot save the suspension", http.StatusInternalServerError)
			return
		}
		if !changed && !on {
			http.Error(w, "no such suspension", http.StatusNotFound)
			return
		}
		writeJSON(w, d.Status().Suspended)
	}
}

// refreshSuspended updates the Suspended field of every device in the
// status after a suspension changed, without waiting for the next pass.
func (d *Daemon) refreshSuspended() {
	l := d.publishedRevision()
	if l == nil {
		return
	}
	for _, ds := range d.Status().Devices {
		dev := l.inv.Device(ds.Name)
		if dev == nil {
			continue
		}
		text := ""
		if s := d.suspendedBy(dev); s != nil {
			text = s.String()
		}
		if text != ds.Suspended {
			d.setDeviceLive(ds.Name, func(live *DeviceStatus) { live.Suspended = text })
		}
	}
}

package plan

import (
	"time"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/providers"
)

// Version is the plan file format version this package writes and reads.
const Version = 1

// Plan is the set of changes for a fleet at one revision. A Plan is a
// value: it is not modified by Save or the renderers and is safe for
// concurrent reads.
type Plan struct {
	// Version is the file format version (Version).
	Version int `json:"version"`
	// Revision is the Git revision of the intent, or "worktree".
	Revision string `json:"revision"`
	// Author and Message describe the revision; both are optional.
	Author  string `json:"author,omitempty"`
	Message string `json:"message,omitempty"`
	// CreatedAt is when the plan was made.
	CreatedAt time.Time `json:"created_at"`
	// Summary counts the devices and changes; New and Summarize compute it.
	Summary Summary `json:"summary"`
	// Devices are the per-device plans, in plan order.
	Devices []DevicePlan `json:"devices"`
}

// DevicePlan is the plan for one device.
type DevicePlan struct {
	Name      string `json:"name"`
	Platform  string `json:"platform"`
	Transport string `json:"transport,omitempty"`
	// Changes are the device's changes, in the order they are sent.
	Changes []diff.Change `json:"changes"`
	// Secrets name the values filled in from secret references at push
	// time; the plan shows the reference in their place.
	Secrets []providers.SecretBinding `json:"secrets,omitempty"`
	// Rollback is how a change to the device reverts by itself, and its
	// proof; nil when not known.
	Rollback *Rollback `json:"rollback,omitempty"`
	// Warnings are things a reviewer should know ("no candidate
	// datastore: changes apply immediately, no device-side rollback
	// timer").
	Warnings []string `json:"warnings,omitempty"`
	// IntentDigest and RunningDigest are Digest of the desired and the
	// running configuration when the plan was made: apply refuses the plan
	// when the device no longer runs what was planned against.
	IntentDigest  string `json:"intent_digest,omitempty"`
	RunningDigest string `json:"running_digest,omitempty"`
	// OwnedGeneration is the generation of the device's ownership record
	// (what switchyard set on it, in the state directory) the plan was
	// made against; apply refuses the plan when the state's differs (it
	// was lost, or another push changed it since).
	OwnedGeneration uint64 `json:"owned_generation,omitempty"`
	// ChangedBy and ChangedAt say, in a drift report for a device that
	// drifted, who changed the device and when as the device records it
	// (Attribution has the session, host and record), or ChangedBy
	// "unknown" when the device does not say: never the intent's Git
	// author. Empty in plans.
	ChangedBy   string                 `json:"changed_by,omitempty"`
	ChangedAt   time.Time              `json:"changed_at,omitzero"`
	Attribution *providers.Attribution `json:"attribution,omitempty"`
	// Error says why the device could not be planned; "" when it was.
	Error string `json:"error"`
}

// Attribute sets who changed the drifted device d (a nil a: unknown).
func (d *DevicePlan) Attribute(a *providers.Attribution) {
	d.ChangedBy, d.Attribution = a.ChangedBy(), a
	if a != nil {
		d.ChangedAt = a.At
	}
}

// Status is a device's planning outcome.
type Status string

// Device statuses.
const (
	StatusChanges   Status = "changes"
	StatusNoChanges Status = "no changes"
	StatusFailed    Status = "failed"
)

// Status returns the device's planning outcome.
func (d *DevicePlan) Status() Status {
	switch {
	case d.Error != "":
		return StatusFailed
	case len(d.Changes) > 0:
		return StatusChanges
	}
	return StatusNoChanges
}

// Summary counts a plan's devices by status and its changes by op.
type Summary struct {
	Devices   int `json:"devices"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
	Creates   int `json:"creates"`
	Updates   int `json:"updates"`
	Deletes   int `json:"deletes"`
}

// Summarize counts devs.
func Summarize(devs []DevicePlan) Summary {
	s := Summary{Devices: len(devs)}
	for i := range devs {
		switch devs[i].Status() {
		case StatusFailed:
			s.Failed++
		case StatusChanges:
			s.Changed++
		default:
			s.Unchanged++
		}
		c, u, d := diff.Count(devs[i].Changes)
		s.Creates += c
		s.Updates += u
		s.Deletes += d
	}
	return s
}

// HasChanges reports whether any device has changes (exit code 2).
func (p *Plan) HasChanges() bool {
	for i := range p.Devices {
		if len(p.Devices[i].Changes) > 0 {
			return true
		}
	}
	return false
}

// New returns a plan of devs for revision, made at now (stored in UTC,
// truncated to the second), with its Summary computed.
func New(revision string, now time.Time, devs ...DevicePlan) *Plan {
	return &Plan{
		Version:   Version,
		Revision:  revision,
		CreatedAt: now.UTC().Truncate(time.Second),
		Summary:   Summarize(devs),
		Devices:   devs,
	}
}

package daemon

import (
	"time"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/providers"
)

// Status is what GET /api/v1/status returns: the fleet and each device.
type Status struct {
	Ready bool `json:"ready"`
	// Source is the followed repository (sanitised).
	Source string `json:"source"`
	// Head is the newest revision seen on the followed ref.
	Head *HeadStatus `json:"head,omitempty"`
	// Enforced is the revision the daemon enforces: the last revision that
	// loaded, validated and passed the signature gate.
	Enforced *gitsource.Revision `json:"enforced,omitempty"`
	// SourceError is the last fetch failure, "" after a good fetch.
	SourceError        string         `json:"source_error,omitempty"`
	LastSync           time.Time      `json:"last_sync,omitzero"`
	LastSuccessfulSync time.Time      `json:"last_successful_sync,omitzero"`
	NextDriftCheck     time.Time      `json:"next_drift_check,omitzero"`
	Windows            []WindowStatus `json:"maintenance_windows,omitempty"`
	Counts             map[string]int `json:"counts"`
	Devices            []DeviceStatus `json:"devices"`
	Warnings           []string       `json:"warnings,omitempty"`
	// Suspended lists the suspensions in force (see Suspension).
	Suspended    []Suspension     `json:"suspended,omitempty"`
	LatestReport *ReportReference `json:"latest_report,omitempty"`
}

// HeadStatus is the newest revision and why it is not enforced, if not.
type HeadStatus struct {
	gitsource.Revision
	// Accepted is true when the head is (or is being) enforced.
	Accepted bool `json:"accepted"`
	// Problem says why the head is not enforced.
	Problem string `json:"problem,omitempty"`
	// Diagnostics are the load and validation problems, each with its
	// file:line:col.
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
}

// Diagnostic is a diag.Diagnostic in JSON form.
type Diagnostic struct {
	Severity string `json:"severity"`
	Location string `json:"location,omitempty"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail,omitempty"`
	// Message is the whole diagnostic as the CLI prints it.
	Message string `json:"message"`
}

func diagnostics(ds diag.Diagnostics, prefix string) []Diagnostic {
	var out []Diagnostic
	for _, d := range ds {
		if d.Range.File != "" && prefix != "" {
			d.Range.File = prefix + "/" + d.Range.File
		}
		out = append(out, Diagnostic{Severity: d.Severity.String(), Location: d.Range.String(),
			Summary: d.Summary, Detail: d.Detail, Message: d.String()})
	}
	return out
}

// WindowStatus is a maintenance window now.
type WindowStatus struct {
	Name     string    `json:"name"`
	Open     bool      `json:"open"`
	ClosesAt time.Time `json:"closes_at,omitzero"`
	NextOpen time.Time `json:"next_open,omitzero"`
	Groups   []string  `json:"groups,omitempty"`
}

// DeviceStatus is one device as the daemon last saw it.
type DeviceStatus struct {
	Name     string `json:"name"`
	Platform string `json:"platform,omitempty"`
	// Transport is the protocol the daemon reaches the device with.
	Transport string `json:"transport,omitempty"`
	// Release is the device's os_version (its platform profile); "" for a
	// platform without profiles.
	Release string `json:"release,omitempty"`
	// Groups are the device's groups in precedence order.
	Groups []string `json:"groups,omitempty"`
	// Rollback is how a pushed change reverts by itself on this device
	// (the release's NETCONF mechanism, or the transport's confirmed-commit
	// kind).
	Rollback string `json:"rollback,omitempty"`
	// State is in-sync, drifted, held, failed, in-flight or unknown.
	State string `json:"state"`
	// Reason explains held, drifted and failed.
	Reason string `json:"reason,omitempty"`
	// PendingChanges counts the changes not yet on the device.
	PendingChanges int `json:"pending_changes"`
	// DriftPolicy is report or remediate, as the groups decide.
	DriftPolicy         string         `json:"drift_policy"`
	LastAppliedRevision string         `json:"last_applied_revision,omitempty"`
	LastAppliedAt       time.Time      `json:"last_applied_at,omitzero"`
	LastObservedAt      time.Time      `json:"last_observed_at,omitzero"`
	LastResult          string         `json:"last_result,omitempty"`
	LastError           string         `json:"last_error,omitempty"`
	InFlight            *providers.Txn `json:"in_flight,omitempty"`
	Drift               *DriftEvent    `json:"drift,omitempty"`
	// Suspended says which suspension stops pushes to the device.
	Suspended string `json:"suspended,omitempty"`
}

// DriftEvent is an out-of-band change: a device that no longer shows the
// intent last applied to it.
type DriftEvent struct {
	// Revision is the intent the device departed from.
	Revision  string    `json:"revision"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	// Changes are what it would take to put the device back: Before is the
	// device's value now, After the intent's. Secrets are redacted.
	Changes []providers.Change `json:"changes"`
	// LastChangedBy and LastChangedAt are the device's own record of who
	// changed its configuration last since the daemon's last push (the
	// NETCONF netconf-config-change replay, the IOS archive log, the IOS-XR
	// commit list, the NX-OS accounting log), else ChangedByUnknown and no
	// time: never the Git author of the intent. LastChangedDetail is the
	// device's whole account (session, source host, record).
	LastChangedBy     string    `json:"last_changed_by,omitempty"`
	LastChangedAt     time.Time `json:"last_changed_at,omitzero"`
	LastChangedDetail string    `json:"last_changed_detail,omitempty"`
	// Remediated says whether the daemon put the device back.
	Remediated bool `json:"remediated"`
}

// ChangedByUnknown is the changer of a drift the device does not
// attribute.
const ChangedByUnknown = providers.ChangedByUnknown

// ReportReference names the newest dry-run report.
type ReportReference struct {
	Window    string    `json:"window,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	Revision  string    `json:"revision"`
	// Replaces is the revision of the earlier report for the same window
	// opening, when the enforced revision changed after it.
	Replaces string   `json:"replaces,omitempty"`
	Files    []string `json:"files"`
}

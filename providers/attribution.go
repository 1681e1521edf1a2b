package providers

import (
	"context"
	"strings"
	"time"
)

// ChangedByUnknown is the changer of a drift the device does not
// attribute: never the Git author of the intent.
const ChangedByUnknown = "unknown"

// Attribution is who changed a device's configuration and when, as the
// device itself records it (a NETCONF netconf-config-change notification,
// the IOS archive log, the IOS-XR commit list, the NX-OS accounting log).
type Attribution struct {
	// User is the login the device names.
	User string `json:"user"`
	// Session is the device's name for the session or line the change came
	// from (a NETCONF session-id, "vty0"), Host its source address; empty
	// when the device does not say.
	Session string `json:"session,omitempty"`
	Host    string `json:"host,omitempty"`
	// Commit is the device's id of the change (an IOS-XR commit id).
	Commit string `json:"commit,omitempty"`
	// At is when the device says the change was made; zero when it does
	// not say.
	At time.Time `json:"at,omitzero"`
	// Source names the device record: "netconf-config-change",
	// "archive log", "commit list", "accounting log".
	Source string `json:"source"`
}

// String is "alice (session 12, from 10.0.0.5) at 2026-12-04T18:55:25Z
// (netconf-config-change)", leaving out what the device did not say.
func (a *Attribution) String() string {
	if a == nil || a.User == "" {
		return ChangedByUnknown
	}
	var b strings.Builder
	b.WriteString(a.User)
	var where []string
	if a.Session != "" {
		where = append(where, "session "+a.Session)
	}
	if a.Commit != "" {
		where = append(where, "commit "+a.Commit)
	}
	if a.Host != "" {
		where = append(where, "from "+a.Host)
	}
	if len(where) > 0 {
		b.WriteString(" (" + strings.Join(where, ", ") + ")")
	}
	if !a.At.IsZero() {
		b.WriteString(" at " + a.At.UTC().Format(time.RFC3339))
	}
	if a.Source != "" {
		b.WriteString(" [" + a.Source + "]")
	}
	return b.String()
}

// ChangedBy is the user of a, or ChangedByUnknown.
func (a *Attribution) ChangedBy() string {
	if a == nil || a.User == "" {
		return ChangedByUnknown
	}
	return a.User
}

// ChangeAttributor is implemented by sessions that can ask the device who
// changed its running configuration.
type ChangeAttributor interface {
	// LastChange returns the newest change of the running configuration
	// made after since (zero: any time) by a login other than the session's
	// own (Target.Username: switchyard's pushes are not a hand change), as
	// the device records it. It returns nil, nil when the device keeps no
	// such record, has none in that window, or does not say who.
	LastChange(ctx context.Context, since time.Time) (*Attribution, error)
}

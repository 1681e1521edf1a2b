package plan

import (
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/internal/diff"
)

// Risk is a coarse review hint for a device's changes.
type Risk int

// Risk levels, from none to high.
const (
	RiskNone Risk = iota
	RiskLow
	RiskMedium
	RiskHigh
)

// String returns "none", "low", "medium" or "high".
func (r Risk) String() string {
	switch r {
	case RiskLow:
		return "low"
	case RiskMedium:
		return "medium"
	case RiskHigh:
		return "high"
	}
	return "none"
}

// Risk assesses the device's changes for a reviewer and says why, most
// serious reason first. It is a hint, not a guarantee:
//   - high: whole list entries are removed, authentication or
//     authorisation (/system/aaa) changes, or interfaces are shut down;
//   - medium: existing values change or are removed, or the device has
//     warnings (for example no device-side rollback);
//   - low: configuration is only added;
//   - none: no changes (or the device failed to plan).
func (d *DevicePlan) Risk() (Risk, []string) {
	if d.Status() != StatusChanges {
		return RiskNone, nil
	}
	var entries, values, updates, aaa, shut int
	for _, c := range d.Changes {
		switch {
		case c.Op == diff.Delete && strings.HasSuffix(c.Path, "]"):
			entries++
		case c.Op == diff.Delete:
			values++
		case c.Op == diff.Update:
			updates++
		}
		if strings.HasPrefix(c.Path, "/system/aaa/") {
			aaa++
		}
		if strings.HasPrefix(c.Path, "/interfaces/") && strings.HasSuffix(c.Path, "]/config/enabled") && c.After == false {
			shut++
		}
	}
	r := RiskLow
	var why []string
	add := func(level Risk, n int, one, many string) {
		if n == 0 {
			return
		}
		r = max(r, level)
		why = append(why, fmt.Sprintf(plural(n, one, many), n))
	}
	add(RiskHigh, entries, "removes %d whole list entry", "removes %d whole list entries")
	add(RiskHigh, aaa, "%d change to login or authorisation settings: a mistake can lock out management access",
		"%d changes to login or authorisation settings: a mistake can lock out management access")
	add(RiskHigh, shut, "shuts down %d interface", "shuts down %d interfaces")
	add(RiskMedium, values, "removes %d setting", "removes %d settings")
	add(RiskMedium, updates, "changes %d existing setting", "changes %d existing settings")
	add(RiskMedium, len(d.Warnings), "%d warning", "%d warnings")
	if len(why) == 0 {
		why = append(why, "only adds configuration")
	}
	return r, why
}

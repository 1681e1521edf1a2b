package daemon

import (
	"time"

	"github.com/switchyard/switchyard/providers"
)

// driftSince tells the observation which devices to ask who changed them:
// those whose last applied revision is the enforced one (a difference is
// drift), since the daemon's last push there.
func (d *Daemon) driftSince(l *loaded) func(string) (time.Time, bool) {
	return func(name string) (time.Time, bool) {
		st, err := d.store.Get(name)
		if err != nil || st.LastAppliedRevision != l.rev.Hash {
			return time.Time{}, false
		}
		return st.LastAppliedAt, true
	}
}

// changedAt is when the device says it was changed; zero when it does not.
func changedAt(a *providers.Attribution) time.Time {
	if a == nil {
		return time.Time{}
	}
	return a.At
}

// changedDetail is the device's account of a change; "" when it has none.
func changedDetail(a *providers.Attribution) string {
	if a == nil {
		return ""
	}
	return a.String()
}

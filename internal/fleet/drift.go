package fleet

import (
	"fmt"
	"time"

	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
)

// LastPush is when switchyard last pushed to device, as the state
// directory records it, and true: rollout.Config.AttributeSince for a
// drift check, which asks who changed the device since. Zero when it
// never did (or the record cannot be read): any change counts.
func (j *Journal) LastPush(device string) (time.Time, bool) {
	st, err := j.store.Get(device)
	if err != nil {
		j.log.Warn("cannot read the device record", "device", device, "err", err)
		return time.Time{}, true
	}
	return st.LastAppliedAt, true
}

// RecordDrift writes a drift-detected audit record for every device that
// differs from the intent, naming who changed it as the device says, or
// "unknown": never the Git author of the intent.
func (j *Journal) RecordDrift(results []rollout.Result) {
	for i := range results {
		r := &results[i]
		if r.Status != rollout.Changes {
			continue
		}
		rec := state.Record{Revision: j.rev.Hash, Device: r.Device, Result: "drift-detected",
			ChangedBy:    r.ChangedBy.ChangedBy(),
			Summary:      fmt.Sprintf("%d path(s) differ from the intent", len(r.Changes)),
			Changes:      state.Summarize(r.Changes),
			BeforeDigest: r.Digest}
		if r.ChangedBy != nil {
			rec.ChangedAt, rec.ChangedDetail = r.ChangedBy.At, r.ChangedBy.String()
		}
		j.append(rec)
	}
}

// AttributeDrift fills who changed each drifted device of p (a plan made
// from results by Plan) from the results: the device's own record, or
// "unknown".
func AttributeDrift(p *plan.Plan, results []rollout.Result) {
	byName := make(map[string]*rollout.Result, len(results))
	for i := range results {
		byName[results[i].Device] = &results[i]
	}
	for i := range p.Devices {
		d := &p.Devices[i]
		if r := byName[d.Name]; r != nil && r.Status == rollout.Changes && d.Error == "" {
			d.Attribute(r.ChangedBy)
		}
	}
}

package daemon

import (
	"context"
	"slices"

	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
)

// coveredByPush returns, for each unit to push, the revisions the push
// brings to the device: the enforced one and those held since the device's
// last applied revision (see gitsource.Source.Since). A device with no
// applied revision yet, or already on the enforced one (a drift
// remediation), gets none.
func (d *Daemon) coveredByPush(ctx context.Context, l *loaded, units []rollout.Unit) map[string][]state.CoveredRevision {
	out := map[string][]state.CoveredRevision{}
	byFrom := map[string][]state.CoveredRevision{}
	for _, u := range units {
		st, err := d.store.Get(u.Name)
		from := st.LastAppliedRevision
		if err != nil || from == "" || from == l.rev.Hash {
			continue
		}
		covers, ok := byFrom[from]
		if !ok {
			revs, _, err := d.src.Since(ctx, l.rev, from, 0)
			if err != nil {
				d.log.Warn("cannot list the revisions a push brings", "device", u.Name, "err", err)
			}
			covers = coveredRevisions(revs)
			byFrom[from] = covers
		}
		if len(covers) > 0 {
			out[u.Name] = slices.Clone(covers)
		}
	}
	return out
}

func coveredRevisions(revs []gitsource.Revision) []state.CoveredRevision {
	var out []state.CoveredRevision
	for _, r := range revs {
		out = append(out, state.CoveredRevision{Revision: r.Hash, PullRequest: r.PullRequest, Authors: state.People(r.Authors)})
	}
	return out
}

package providers

import "github.com/switchyard/switchyard/internal/diff"

// Ownership is what switchyard set on a device, as the state directory
// remembers it: the input that lets Diff remove (or restore) what the
// intent stopped declaring. The caller (fleet, from the state shared by
// the CLI and the daemon) sets Desired.Owned before any Diff, so that
// plan, apply, its verification and drift see the same changes.
type Ownership struct {
	// Claims are the paths switchyard set (see diff.Claim).
	Claims []diff.Claim
	// Generation is the state record's generation (0: no record yet);
	// plans carry it, so that a saved plan made against other ownership
	// is refused.
	Generation uint64
	// Rotated are the secret paths whose value behind the reference
	// changed since switchyard last pushed it (by keyed fingerprint), and
	// Changed those whose stored form on the device is no longer the one
	// it showed after the push. Diff adds a change for each (no value).
	Rotated []string
	Changed []string
}

// claims returns o's claims; nil for a nil o.
func (o *Ownership) claims() []diff.Claim {
	if o == nil {
		return nil
	}
	return o.Claims
}

// Merge merges the releases of o's claims (computed by release)
// and o's secret re-sends into changes: see diff.MergeReleases. A nil o
// adds nothing.
func (o *Ownership) Merge(changes []Change, release func([]diff.Claim) ([]Change, error)) ([]Change, error) {
	if o == nil {
		return changes, nil
	}
	rel, err := release(o.claims())
	if err != nil {
		return nil, err
	}
	out := diff.MergeReleases(changes, rel)
	return diff.MergeSecrets(out, o.Rotated, o.Changed), nil
}

// RotatedPaths returns o.Rotated; nil for a nil o.
func (o *Ownership) RotatedPaths() []string {
	if o == nil {
		return nil
	}
	return o.Rotated
}

// ChangedPaths returns o.Changed; nil for a nil o.
func (o *Ownership) ChangedPaths() []string {
	if o == nil {
		return nil
	}
	return o.Changed
}

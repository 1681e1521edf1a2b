package providers

import (
	"slices"

	"github.com/switchyard/switchyard/internal/diff"
)

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
	// Forms are the keyed fingerprints of the forms the device showed for
	// its secrets after switchyard pushed them (by secret path), and
	// FormSum computes such a fingerprint of a form read now: see
	// FormsChanged. The state never holds a form itself.
	Forms   map[string]string
	FormSum func(path, form string) string
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

// SecretFormer is implemented by drivers whose devices show a stored form
// (a hash, an encryption) of the secrets switchyard pushes. SecretForms
// returns, for each secret binding of desired that running shows, the
// form running shows for it, by binding path; a binding whose entry or
// line running lacks is left out. The forms are not the values but may
// reveal them (type 7 is reversible): never log or show them.
type SecretFormer interface {
	SecretForms(desired *Desired, running *Running) map[string]string
}

// FormsChanged returns, sorted, the secret paths whose form in seen (see
// SecretFormer) is not the one the device showed after switchyard last
// pushed the secret (o.Forms, compared by o.FormSum). A path without a
// remembered form, or that seen lacks, is not reported. A nil o, or one
// without FormSum, reports nothing.
func (o *Ownership) FormsChanged(seen map[string]string) []string {
	if o == nil || o.FormSum == nil {
		return nil
	}
	var out []string
	for p, want := range o.Forms {
		if got, ok := seen[p]; ok && want != "" && o.FormSum(p, got) != want {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

package fleet

import (
	"strings"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/providers"
)

// fingerprint returns the keyed fingerprint of the value behind b for u's
// device, or "" when the reference cannot be read now (the push reports
// that, naming the reference).
func fingerprint(fp *state.Fingerprinter, u *rollout.Unit, b providers.SecretBinding) string {
	v, err := u.Target.Secrets.Value(b.Ref)
	if err != nil {
		return ""
	}
	return fp.Sum(u.Name, b.Path, []byte(v.Reveal()))
}

// rotated returns the secret paths of u whose value behind the reference
// is no longer the one switchyard last pushed (or adopted), by keyed
// fingerprint. A path with no mark has no baseline yet and is not
// reported.
func rotated(fp *state.Fingerprinter, u *rollout.Unit, marks map[string]state.SecretMark) []string {
	var out []string
	for _, b := range u.Desired.Secrets {
		m, ok := marks[b.Path]
		if !ok {
			continue
		}
		if f := fingerprint(fp, u, b); f != "" && f != m.Fingerprint {
			out = append(out, b.Path)
		}
	}
	return out
}

// formSuffix separates, in the message a device form's fingerprint is
// computed over, the form from the value fingerprinted at the same path.
const formSuffix = "#device-form"

// formSum returns the function that fingerprints the stored form a
// device shows for a secret at a path (providers.Ownership.FormSum).
func formSum(fp *state.Fingerprinter, device string) func(path, form string) string {
	return func(path, form string) string { return fp.Sum(device, path+formSuffix, []byte(form)) }
}

// forms returns the device-form fingerprints of marks, by path.
func forms(marks map[string]state.SecretMark) map[string]string {
	out := map[string]string{}
	for p, m := range marks {
		if m.DeviceForm != "" {
			out[p] = m.DeviceForm
		}
	}
	return out
}

// markSecrets returns the marks after result r: the fingerprint of every
// secret the push sent (a new entry's secret, a rotation, a re-send of a
// secret changed on the device), the fingerprint of the form the device
// showed for each secret after a push, and a baseline for secrets with no
// mark (or no form) yet. Marks of bindings the intent dropped go.
func markSecrets(fp *state.Fingerprinter, u *rollout.Unit, r *rollout.Result, prev map[string]state.SecretMark) map[string]state.SecretMark {
	out := map[string]state.SecretMark{}
	sum := formSum(fp, u.Name)
	for _, b := range u.Desired.Secrets {
		m, ok := prev[b.Path]
		if !ok || pushed(r, b.Path) {
			f := fingerprint(fp, u, b)
			if f == "" {
				continue
			}
			m = state.SecretMark{Fingerprint: f}
		}
		// After a confirmed push every form shown is switchyard's (a
		// device changed by another writer since the read is refused), so
		// it is remembered even where the push changed it without
		// re-sending the secret by path (a CLI user line created anew).
		if form, seen := r.SecretForms[b.Path]; seen && (m.DeviceForm == "" || r.Status == rollout.Applied) {
			m.DeviceForm = sum(b.Path, form)
		}
		out[b.Path] = m
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// pushed reports whether an applied result sent the secret at path: it
// re-sent it (rotation), or created the entry (or line) that holds it.
func pushed(r *rollout.Result, path string) bool {
	if r.Status != rollout.Applied {
		return false
	}
	entry := path
	if i := strings.LastIndex(path, "]"); i >= 0 && strings.HasPrefix(path, "/") {
		entry = path[:i+1]
	}
	for _, c := range r.Changes {
		if c.Path == path || (c.Op == diff.Create && (c.Path == entry || diff.IsBelow(c.Path, entry))) {
			return true
		}
	}
	return false
}

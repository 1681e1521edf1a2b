package inventory

import (
	"fmt"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
)

// Release is the platform release a device runs and the profile that
// describes it.
type Release struct {
	// OSVersion is the release as declared ("17.18.1"), or the profile's
	// release when the intent declares none.
	OSVersion string `json:"os_version"`
	// Declared says where os_version comes from: "device", "group NAME",
	// "defaults", or "newest profile" when nothing declares it.
	Declared string `json:"declared"`
	// Profile is where the profile comes from: "shipped" or its file.
	Profile string `json:"profile"`

	profile *profiles.Profile
}

// Profile returns the device's platform profile, or nil for a platform
// switchyard has no profile of (classic IOS).
func (d *Device) Profile() *profiles.Profile {
	if d.Release == nil {
		return nil
	}
	return d.Release.profile
}

// release decides the device's os_version (device < highest-precedence
// group < defaults) and selects its profile. mine is in precedence order.
func (r *resolver) release(d *DeviceSpec, mine []*groupState) (*Release, []diag.Diagnostic) {
	version, declared, rng := d.OSVersion, "device", at(d.src, "os_version")
	var ds []diag.Diagnostic
	if version == "" {
		var from *groupState
		for i := len(mine) - 1; i >= 0 && from == nil; i-- {
			if mine[i].spec.OSVersion != "" {
				from = mine[i]
			}
		}
		if from != nil {
			version, declared, rng = from.spec.OSVersion, "group "+from.spec.Name, at(from.spec.src, "os_version")
			for _, gs := range mine {
				if gs != from && gs.layer.priority == from.layer.priority && gs.spec.OSVersion != "" && gs.spec.OSVersion != version {
					ds = append(ds, diag.Diagnostic{Severity: diag.Error, Range: rng,
						Summary: fmt.Sprintf("device %q: groups %q and %q have the same priority and set os_version differently (%s, %s)", d.Name, gs.spec.Name, from.spec.Name, gs.spec.OSVersion, version),
						Detail:  "give one group a higher priority, or set os_version on the device"})
				}
			}
		}
	}
	if version == "" && r.repo.Defaults != nil && r.repo.Defaults.OSVersion != "" {
		version, declared, rng = r.repo.Defaults.OSVersion, "defaults", at(r.repo.Defaults.src, "os_version")
	}
	if version == "" {
		declared = "newest profile"
	}
	set := r.opts.Profiles
	if set == nil {
		return nil, ds
	}
	p, err := set.Select(d.Platform, version)
	if err != nil {
		return nil, append(ds, diag.Diagnostic{Severity: diag.Error, Range: rng, Summary: fmt.Sprintf("device %q: %v", d.Name, err)})
	}
	if p == nil {
		return nil, ds
	}
	return &Release{OSVersion: p.Release, Declared: declared, Profile: p.Origin, profile: p}, ds
}

// checkIntent runs the caller's check of a resolved device and places each
// problem at the intent value it names.
func (r *resolver) checkIntent(dev *Device, d *DeviceSpec, merged *value) []diag.Diagnostic {
	if r.opts.CheckDevice == nil {
		return nil
	}
	var ds []diag.Diagnostic
	for _, fe := range r.opts.CheckDevice(dev) {
		rng := d.src.pos()
		if merged != nil && fe.Path != "" {
			rng = merged.lookup(fe.Path)
		}
		msg := fe.Message
		if fe.Path != "" {
			msg = fe.Path + ": " + msg
		}
		ds = append(ds, diag.Diagnostic{Severity: diag.Error, Range: rng, Summary: msg})
	}
	return ds
}

// CheckFunc checks a resolved device beyond the intent model's own rules
// (rendering it for its platform release, for example). Each FieldError's
// Path is an intent path relative to config ("users[0].ssh_keys"), or ""
// for the device as a whole.
type CheckFunc func(d *Device) []models.FieldError

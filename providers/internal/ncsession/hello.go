package ncsession

import (
	"fmt"
	"slices"
	"strings"

	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/profiles"
)

// ours reports whether switchyard's OpenConfig model has module.
func ours(module string) bool { _, ok := oc.YANGModules[module]; return ok }

// compareHello checks the device's hello against its profile: the
// OpenConfig modules switchyard writes (profiles.Profile.CompareModules),
// and :confirmed-commit:1.1 as the profile has it. It
// returns how many modules it compared and a *profiles.MismatchError, or nil.
func compareHello(device string, p *profiles.Profile, modules map[string]string, caps []string) (int, error) {
	problems, compared := p.CompareModules(modules, ours)
	// :candidate is not compared: IOS-XE enables its candidate datastore by
	// configuration (netconf-yang feature candidate-datastore), so a device
	// of the release may or may not advertise it.
	for _, c := range []string{"urn:ietf:params:netconf:capability:confirmed-commit:1.1"} {
		has := slices.ContainsFunc(caps, func(s string) bool { b, _, _ := strings.Cut(s, "?"); return b == c })
		if has != p.HasCapability(c) {
			problems = append(problems, fmt.Sprintf("%s: device %t, profile %t", strings.TrimPrefix(c, "urn:ietf:params:netconf:capability:"), has, !has))
		}
	}
	if len(problems) > 0 {
		return compared, &profiles.MismatchError{Device: device, Profile: p.ID(), Problems: problems}
	}
	return compared, nil
}

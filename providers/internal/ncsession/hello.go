package ncsession

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/profiles"
)

// ReleaseMismatchError says that a device's hello does not match the
// profile of the release its intent declares: another release, other
// hardware, or a missing module.
type ReleaseMismatchError struct {
	Device  string
	Profile string
	// Problems lists each difference, in module order.
	Problems []string
}

// Error names the device, the profile and every difference.
func (e *ReleaseMismatchError) Error() string {
	return fmt.Sprintf("%s does not say what %s says: %s; set os_version to the release the device runs, or import its profile (switchyard profiles import)",
		e.Device, e.Profile, strings.Join(e.Problems, "; "))
}

// advertised maps module name to revision for every module capability.
func advertised(caps []string) map[string]string {
	out := map[string]string{}
	for _, c := range caps {
		_, query, ok := strings.Cut(c, "?")
		if !ok {
			continue
		}
		q, err := url.ParseQuery(query)
		if err != nil || q.Get("module") == "" {
			continue
		}
		out[q.Get("module")] = q.Get("revision")
	}
	return out
}

// compareHello checks the device's hello against its profile: every
// OpenConfig module that holds writable data in the profile and that
// switchyard's model knows must be
// advertised at the profile's revision, and the confirmed-commit
// capability must be as the profile says. It returns what it compared (for
// the debug log) and a *ReleaseMismatchError, or nil.
func compareHello(device string, p *profiles.Profile, caps []string) (int, error) {
	got := advertised(caps)
	var problems []string
	compared := 0
	for _, name := range p.DataModules() {
		m := p.Module(name)
		if _, ours := oc.YANGModules[name]; !ours || m == nil {
			continue
		}
		compared++
		rev, ok := got[m.Name]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("the device does not advertise %s (the profile has %s)", m.Name, revision(m.Name, m.Revision)))
		case rev != m.Revision && rev != "" && m.Revision != "":
			problems = append(problems, fmt.Sprintf("the device advertises %s, the profile %s", revision(m.Name, rev), revision(m.Name, m.Revision)))
		}
	}
	for _, c := range []string{"urn:ietf:params:netconf:capability:confirmed-commit:1.1", "urn:ietf:params:netconf:capability:candidate:1.0"} {
		has := slices.ContainsFunc(caps, func(s string) bool { b, _, _ := strings.Cut(s, "?"); return b == c })
		if has != p.HasCapability(c) {
			problems = append(problems, fmt.Sprintf("%s: device %t, profile %t", strings.TrimPrefix(c, "urn:ietf:params:netconf:capability:"), has, !has))
		}
	}
	if len(problems) > 0 {
		return compared, &ReleaseMismatchError{Device: device, Profile: p.ID(), Problems: problems}
	}
	return compared, nil
}

func revision(module, rev string) string {
	if rev == "" {
		return module
	}
	return module + "@" + rev
}

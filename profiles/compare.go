package profiles

import (
	"fmt"
	"strings"
)

// MismatchError says that what a device advertises does not match the
// profile of the release its intent declares: another release, other
// hardware, or a missing module.
type MismatchError struct {
	Device  string
	Profile string
	// Problems lists each difference, in module order.
	Problems []string
}

// Error names the device, the profile and every difference.
func (e *MismatchError) Error() string {
	return fmt.Sprintf("%s does not say what %s says: %s; set os_version to the release the device runs, or import its profile (switchyard profiles import)",
		e.Device, e.Profile, strings.Join(e.Problems, "; "))
}

// CompareModules checks the modules a device advertises (name to
// revision; an empty revision is not compared) against the profile: every
// module that holds writable data in the profile and that uses reports
// switchyard writes must be advertised, at the profile's revision. It
// returns the differences and how many modules it compared.
func (p *Profile) CompareModules(got map[string]string, uses func(module string) bool) (problems []string, compared int) {
	for _, name := range p.DataModules() {
		m := p.Module(name)
		if m == nil || !uses(name) {
			continue
		}
		compared++
		rev, ok := got[name]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("the device does not advertise %s (the profile has %s)", name, revision(name, m.Revision)))
		case rev != m.Revision && rev != "" && m.Revision != "":
			problems = append(problems, fmt.Sprintf("the device advertises %s, the profile %s", revision(name, rev), revision(name, m.Revision)))
		}
	}
	return problems, compared
}

func revision(module, rev string) string {
	if rev == "" {
		return module
	}
	return module + "@" + rev
}

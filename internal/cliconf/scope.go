package cliconf

import "strings"

// Options tunes Diff. The zero value is the default scope.
type Options struct {
	// Managed reports whether a line present in running but absent from
	// desired is managed by desired and must therefore be removed. path is
	// the line's context: the exact lines from the top level down to and
	// including the line itself; Managed must not retain it.
	//
	// nil means DefaultManaged: lines nested in a section that desired
	// declares are removed, top-level lines are left alone.
	Managed func(path []string) bool
}

func (o Options) managed(path []string) bool {
	if o.Managed == nil {
		return DefaultManaged(path)
	}
	return o.Managed(path)
}

// DefaultManaged is the default scope: a line is managed when it sits
// inside a section (len(path) > 1). Diff only descends into sections that
// desired declares, so this removes everything desired does not repeat
// inside the sections it declares, and nothing at the top level.
func DefaultManaged(path []string) bool { return len(path) > 1 }

// Authoritative returns a Managed function that extends DefaultManaged with
// top-level kinds desired owns completely: a top-level line is managed when
// it starts with one of prefixes followed by a space (or equals it), so
// Authoritative("username", "vlan", "ntp server") removes every user, VLAN
// and NTP server that desired does not list. Safe for concurrent use.
func Authoritative(prefixes ...string) func(path []string) bool {
	ps := append([]string(nil), prefixes...)
	return func(path []string) bool {
		if len(path) != 1 {
			return DefaultManaged(path)
		}
		line := path[0]
		for _, p := range ps {
			if hasWordPrefix(line, p) || strings.HasPrefix(line, p+"\t") {
				return true
			}
		}
		return false
	}
}

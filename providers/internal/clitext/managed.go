package clitext

import "strings"

// DeclaredManaged reports whether path (section lines, then the line) is
// covered by one of the declared settings: paths of line prefixes joined
// by " > " (see providers.Desired.CLIManaged). The sections must match
// exactly; the line must equal the last prefix or continue it after a
// space.
func DeclaredManaged(declared []string, path []string) bool {
	if len(path) == 0 {
		return false
	}
	for _, d := range declared {
		parts := strings.Split(d, " > ")
		if len(parts) != len(path) {
			continue
		}
		ok := true
		for i := range len(parts) - 1 {
			if parts[i] != path[i] {
				ok = false
				break
			}
		}
		last, p := path[len(path)-1], parts[len(parts)-1]
		if ok && (last == p || strings.HasPrefix(last, p+" ")) {
			return true
		}
	}
	return false
}

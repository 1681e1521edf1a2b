package clitext

import (
	"regexp"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
)

// placeholderStart begins every secret placeholder ("{{secret REF}}").
const placeholderStart = "{{secret "

// storedSecret matches what IOS prints where a secret was configured: an
// optional encryption type and one word ("5 $1$...", "7 0822455D0A16",
// "cisco").
var storedSecret = regexp.MustCompile(`^(?:[0-9] )?\S+$`)

// AlignSecrets makes running lines that hold a secret compare equal to the
// desired lines with a placeholder in the same place: IOS prints its own
// (hashed or encrypted) form, which cannot be compared with the secret
// value, so a secret line matches when everything but the secret matches.
// A changed secret value is therefore not detected. Matching running
// lines are rewritten (run is modified) to the desired text.
//
// stored, when not nil, receives each desired line so aligned with the
// running line it replaced (the device's stored form), so that a push
// that does not rotate that secret sends the stored form back rather than
// the value, which the device would store anew (a new salt). only, when
// not nil, limits the alignment to the desired lines it accepts.
func AlignSecrets(run, des *cliconf.Node, stored map[string]string, only func(line string) bool) {
	if run == nil {
		return
	}
	for _, dn := range des.Children {
		if i := strings.Index(dn.Line, placeholderStart); i >= 0 && (only == nil || only(dn.Line)) {
			end := strings.Index(dn.Line[i:], "}}")
			if end < 0 {
				continue
			}
			prefix, suffix := dn.Line[:i], dn.Line[i+end+2:]
			for _, rn := range run.Children {
				if rn.Line == dn.Line {
					break
				}
				if len(rn.Line) > len(prefix)+len(suffix) && strings.HasPrefix(rn.Line, prefix) &&
					strings.HasSuffix(rn.Line, suffix) &&
					storedSecret.MatchString(rn.Line[len(prefix):len(rn.Line)-len(suffix)]) {
					if stored != nil {
						stored[dn.Line] = rn.Line
					}
					rn.Line = dn.Line
					break
				}
			}
		}
		if len(dn.Children) > 0 {
			AlignSecrets(run.Child(dn.Line), dn, stored, only)
		}
	}
}

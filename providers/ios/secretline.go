package ios

import (
	"regexp"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
)

// placeholderStart begins every secret placeholder (see Placeholder).
const placeholderStart = "{{secret "

// storedSecret matches what IOS prints where a secret was configured: an
// optional encryption type and one word ("5 $1$...", "7 0822455D0A16",
// "cisco").
var storedSecret = regexp.MustCompile(`^(?:[0-9] )?\S+$`)

// alignSecrets makes running lines that hold a secret compare equal to the
// desired lines with a placeholder in the same place: IOS prints its own
// (hashed or encrypted) form, which cannot be compared with the secret
// value, so a secret line matches when everything but the secret matches.
// A changed secret value is therefore not detected. Matching running
// lines are rewritten (run is modified) to the desired text.
//
// stored, when not nil, receives each desired line so aligned with the
// running line it replaced (the device's stored form), so that a push
// that does not rotate that secret sends the stored form back rather than
// the value, which the device would store anew (a new salt).
func alignSecrets(run, des *cliconf.Node, stored map[string]string) {
	if run == nil {
		return
	}
	for _, dn := range des.Children {
		if i := strings.Index(dn.Line, placeholderStart); i >= 0 {
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
			alignSecrets(child(run, dn.Line), dn, stored)
		}
	}
}

// dropSatisfiedNegations removes from des the "no X" lines (Render's
// "X must be absent", such as "no shutdown") whose X is absent from run:
// IOS does not print most negations, so they are satisfied, not missing.
func dropSatisfiedNegations(run, des *cliconf.Node) {
	kept := des.Children[:0]
	for _, dn := range des.Children {
		if x, ok := strings.CutPrefix(dn.Line, "no "); ok && len(dn.Children) == 0 &&
			child(run, x) == nil && child(run, dn.Line) == nil {
			continue
		}
		if len(dn.Children) > 0 {
			dropSatisfiedNegations(child(run, dn.Line), dn)
		}
		kept = append(kept, dn)
	}
	clear(des.Children[len(kept):])
	des.Children = kept
}

// child returns n's child with exactly line, or nil (also for a nil n).
func child(n *cliconf.Node, line string) *cliconf.Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Line == line {
			return c
		}
	}
	return nil
}

// secretWords are the keywords whose value is a credential.
var secretWords = regexp.MustCompile(`\b(secret|password|key|community)( [0-9])? (\S+)`)

// redactLine hides credential values (hashed, encrypted or plain) in a
// configuration line; placeholders, which name a reference, stay.
func redactLine(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range secretWords.FindAllStringSubmatchIndex(s, -1) {
		if m[0] >= 2 && s[m[0]-2:m[0]] == "{{" {
			continue // the word "secret" inside a placeholder
		}
		val := s[m[6]:m[7]]
		if strings.HasPrefix(val, "{{") {
			continue
		}
		b.WriteString(s[last:m[6]])
		b.WriteString("(redacted)")
		last = m[7]
	}
	b.WriteString(s[last:])
	return b.String()
}

package ios

import (
	"regexp"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/providers/internal/clitext"
)

// placeholderStart begins every secret placeholder (see Placeholder).
const placeholderStart = "{{secret "

// alignSecrets is clitext.AlignSecrets for every line: IOS prints its own
// (hashed or encrypted) form of a secret, which cannot be compared with
// the secret value, so a secret line matches when everything but the
// secret matches. A changed secret value is therefore not detected.
func alignSecrets(run, des *cliconf.Node, stored map[string]string) {
	clitext.AlignSecrets(run, des, stored, nil)
}

// dropSatisfiedNegations removes from des the "no X" lines (Render's
// "X must be absent", such as "no shutdown") whose X is absent from run:
// IOS does not print most negations, so they are satisfied, not missing.
func dropSatisfiedNegations(run, des *cliconf.Node) {
	kept := des.Children[:0]
	for _, dn := range des.Children {
		if x, ok := strings.CutPrefix(dn.Line, "no "); ok && len(dn.Children) == 0 &&
			run.Child(x) == nil && run.Child(dn.Line) == nil {
			continue
		}
		if len(dn.Children) > 0 {
			dropSatisfiedNegations(run.Child(dn.Line), dn)
		}
		kept = append(kept, dn)
	}
	clear(des.Children[len(kept):])
	des.Children = kept
}

// secretWords are the keywords whose value is a credential.
var secretWords = regexp.MustCompile(`\b(secret|password|key|community)( [0-9])? (\S+)`)

// trapCommunity matches the community of a trap host line ("snmp-server
// host ADDR [traps|informs] [version 1|2c] COMMUNITY ...").
var trapCommunity = regexp.MustCompile(`^snmp-server host \S+ (?:(?:traps|informs) )?(?:version (?:1|2c) )?(\S+)`)

// redactLine hides credential values (hashed, encrypted or plain) in a
// configuration line; placeholders, which name a reference, stay.
func redactLine(s string) string {
	if m := trapCommunity.FindStringSubmatchIndex(s); m != nil && !strings.HasPrefix(s[m[2]:], "{{") {
		s = s[:m[2]] + "(redacted)" + s[m[3]:]
	}
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

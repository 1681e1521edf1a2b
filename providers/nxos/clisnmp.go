package nxos

import (
	"regexp"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/providers"
)

// isCommunityLine reports whether a line names an SNMP community
// ("snmp-server community C ...", "snmp-server host A ... 2c C").
func isCommunityLine(line string) bool {
	return strings.HasPrefix(line, "snmp-server community ") ||
		strings.HasPrefix(line, "snmp-server host ") && strings.Contains(line, " 2c ")
}

// communityRE matches the community of a community line.
var communityRE = regexp.MustCompile(`^(snmp-server community |snmp-server host \S+ .*\b2c )(\{\{secret [^}]*\}\}|\S+)`)

// redactCommunities hides the community strings of changes (plans and
// reports show "(secret)"); the commands keep them, the device needs them.
func redactCommunities(changes []providers.Change) {
	red := func(s string) string {
		parts := strings.Split(s, PathSeparator)
		for i, p := range parts {
			parts[i] = communityRE.ReplaceAllString(p, "${1}"+MaskedSecret)
		}
		return strings.Join(parts, PathSeparator)
	}
	for i := range changes {
		c := &changes[i]
		c.Path = red(c.Path)
		if s, ok := c.Before.(string); ok {
			c.Before = red(s)
		}
		if s, ok := c.After.(string); ok {
			c.After = red(s)
		}
	}
}

// maskSNMP masks the keys of "snmp-server user NAME ROLE auth PROTO KEY
// priv [aes-128] KEY [localizedkey]" (the localizedkey flag NX-OS adds to
// the stored form is dropped).
func maskSNMP(line string, f []string) string {
	var at []int
	switch f[1] {
	case "user":
		f = slices.DeleteFunc(slices.Clone(f), func(w string) bool { return w == "localizedkey" })
		if i := slices.Index(f, "auth"); i > 0 && i+2 < len(f) {
			at = append(at, i+2)
		}
		if i := slices.Index(f, "priv"); i > 0 && i+1 < len(f) {
			if f[i+1] == "aes-128" {
				i++
			}
			if i+1 < len(f) {
				at = append(at, i+1)
			}
		}
	}
	if len(at) == 0 {
		return line
	}
	var out []string
	for i := 0; i < len(f); i++ {
		if !slices.Contains(at, i) {
			out = append(out, f[i])
			continue
		}
		out = append(out, MaskedSecret)
		if strings.HasPrefix(f[i], "{{secret") && i+1 < len(f) {
			i++ // a placeholder is two words
		}
	}
	return strings.Join(out, " ")
}

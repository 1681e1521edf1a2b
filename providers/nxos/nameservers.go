package nxos

import (
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/providers"
)

// mergeNameServers keeps, in the desired name-server line, the servers the
// device has that the intent does not own, as NX-OS adds name servers to
// one line.
func mergeNameServers(run, des *cliconf.Config, claimed []string) {
	var want []string
	for _, n := range des.Root.Children {
		if rest, ok := strings.CutPrefix(n.Line, "ip name-server "); ok {
			want = append(want, strings.Fields(rest)...)
		}
	}
	var have []string
	for _, n := range run.Root.Children {
		if rest, ok := strings.CutPrefix(n.Line, "ip name-server "); ok {
			for _, s := range strings.Fields(rest) {
				// A server switchyard set and the intent dropped goes.
				if !slices.Contains(claimed, s) || slices.Contains(want, s) {
					have = append(have, s)
				}
			}
		}
	}
	for _, n := range des.Root.Children {
		if rest, ok := strings.CutPrefix(n.Line, "ip name-server "); ok && len(have) > 0 {
			merged := slices.Clone(have)
			for _, s := range strings.Fields(rest) {
				if !slices.Contains(merged, s) {
					merged = append(merged, s)
				}
			}
			n.Line = "ip name-server " + strings.Join(merged, " ")
		}
	}
}

// removeNameServers adds, before a command that sets the name-server
// line, "no ip name-server" with the servers running has and the line
// lacks: NX-OS adds the servers of an "ip name-server" command to those it
// has, so only a "no" removes one.
func removeNameServers(run *cliconf.Config, commands []string) []string {
	var have []string
	for _, n := range run.Root.Children {
		if rest, ok := strings.CutPrefix(n.Line, "ip name-server "); ok {
			have = append(have, strings.Fields(rest)...)
		}
	}
	out := make([]string, 0, len(commands))
	for _, c := range commands {
		if rest, ok := strings.CutPrefix(c, "ip name-server "); ok {
			want := strings.Fields(rest)
			gone := slices.DeleteFunc(slices.Clone(have), func(s string) bool { return slices.Contains(want, s) })
			if len(gone) > 0 {
				out = append(out, "no ip name-server "+strings.Join(gone, " "))
			}
		}
		out = append(out, c)
	}
	return out
}

// claimedNameServers returns the name servers switchyard set: those of
// the "ip name-server" lines it claims, and those it added to them.
func claimedNameServers(o *providers.Ownership) []string {
	if o == nil {
		return nil
	}
	var out []string
	for _, c := range o.Claims {
		if rest, ok := strings.CutPrefix(c.Path, "ip name-server "); ok {
			out = append(out, strings.Fields(rest)...)
			for _, v := range c.Values { // servers later added to the line
				if s, ok := v.(string); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// Package cliown releases, on CLI platforms (classic IOS over SSH, NX-OS
// over NX-API), what switchyard set and the intent no longer declares: the
// line-path form of diff.Release. A claim's path is a CLI change path
// ("vlan 40 > name users"); its original is the line it replaced.
package cliown

import (
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/internal/diff"
)

// Sep joins the mode lines of a CLI change path.
const Sep = " > "

// Release returns the configuration-mode commands that release the claims
// desired no longer declares, to be sent after the regular diff's commands
// (intended is running with those applied), and the reason of each change
// they make, by change path. A claimed line desired lacks is negated
// ("no LINE", releasing the lines below it too); a claimed line that had
// an original gets the original back when nothing desired declares is
// displaced by it. norm gives a line as change paths spell it (secret
// values redacted); an original holding a redacted secret is not restored.
func Release(intended, desired *cliconf.Config, claims []diff.Claim, norm func(string) string, redacted string) ([]string, map[string]string) {
	sorted := slices.Clone(claims)
	slices.SortFunc(sorted, func(a, b diff.Claim) int { return strings.Compare(a.Path, b.Path) })
	var (
		cmds    []string
		reasons = map[string]string{}
		gone    []string
	)
	for _, c := range sorted {
		if slices.ContainsFunc(gone, func(g string) bool { return diff.IsBelow(c.Path, g) }) {
			continue
		}
		segs := strings.Split(c.Path, Sep)
		if find(desired.Root, segs, norm) != nil {
			continue
		}
		parents, ok := lines(intended.Root, segs[:len(segs)-1], norm)
		if !ok {
			continue
		}
		if !c.HadOriginal {
			n := find(intended.Root, segs, norm)
			if n == nil {
				continue
			}
			cmds = append(cmds, enter(parents, "no "+negation(n.Line, norm, redacted))...)
			reasons[c.Path] = diff.ReleaseReason(c)
			gone = append(gone, c.Path)
			continue
		}
		orig, _ := c.Original.(string)
		if orig == "" || strings.Contains(orig, redacted) || find(intended.Root, append(segs[:len(segs)-1:len(segs)-1], orig), norm) != nil {
			continue
		}
		cmd := enter(parents, orig)
		if displaces(intended, desired, parents, cmd) {
			continue
		}
		cmds = append(cmds, cmd...)
		reasons[strings.Join(append(segs[:len(segs)-1:len(segs)-1], orig), Sep)] = diff.ReleaseReason(c)
	}
	return cmds, reasons
}

// negation is what follows "no" to remove line: the line, or for a line
// holding a secret its first two words ("username bob"), so that no
// secret (nor its placeholder) is sent to remove it.
func negation(line string, norm func(string) string, redacted string) string {
	if !strings.Contains(norm(line), redacted) && !strings.Contains(line, "{{") {
		return line
	}
	f := strings.Fields(line)
	return strings.Join(f[:min(2, len(f))], " ")
}

// find returns the node at the line path segs (each compared through
// norm), or nil. The last segment may name a line by its first words
// (NX-OS changes name a replaced setting by its key: "description").
func find(root *cliconf.Node, segs []string, norm func(string) string) *cliconf.Node {
	n := root
	for k, s := range segs {
		last := k == len(segs)-1
		i := slices.IndexFunc(n.Children, func(c *cliconf.Node) bool {
			l := norm(c.Line)
			return l == s || (last && strings.HasPrefix(l, s+" "))
		})
		if i < 0 {
			return nil
		}
		n = n.Children[i]
	}
	return n
}

// Reason returns the reason reasons gives for the change at path: the
// reason of the same path, or of a line path path names by its first
// words.
func Reason(reasons map[string]string, path string) string {
	if r, ok := reasons[path]; ok {
		return r
	}
	for k, r := range reasons {
		if strings.HasPrefix(k, path+" ") {
			return r
		}
	}
	return ""
}

// lines returns the configuration lines of the mode path segs.
func lines(root *cliconf.Node, segs []string, norm func(string) string) ([]string, bool) {
	out := make([]string, 0, len(segs))
	n := root
	for _, s := range segs {
		i := slices.IndexFunc(n.Children, func(c *cliconf.Node) bool { return norm(c.Line) == s })
		if i < 0 {
			return nil, false
		}
		n = n.Children[i]
		out = append(out, n.Line)
	}
	return out, true
}

// enter returns the commands that enter the modes parents and send line.
func enter(parents []string, line string) []string {
	out := make([]string, 0, len(parents)+1)
	for i, p := range parents {
		out = append(out, strings.Repeat(" ", i)+p)
	}
	return append(out, strings.Repeat(" ", len(parents))+line)
}

// displaces reports whether sending cmd to intended removes a line desired
// declares in that mode (the original would replace what the intent sets
// now).
func displaces(intended, desired *cliconf.Config, parents, cmd []string) bool {
	after, err := cliconf.Apply(intended, cmd)
	if err != nil {
		return true
	}
	want := desired.Find(parents...)
	have := after.Find(parents...)
	if want == nil {
		return false
	}
	for _, w := range want.Children {
		if have == nil || !slices.ContainsFunc(have.Children, func(c *cliconf.Node) bool { return c.Line == w.Line }) {
			if intended.Find(append(slices.Clone(parents), w.Line)...) != nil {
				return true
			}
		}
	}
	return false
}

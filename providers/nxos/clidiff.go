package nxos

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/cliown"
	"github.com/switchyard/switchyard/providers/internal/clitext"
	"github.com/switchyard/switchyard/providers/internal/vlanuse"
)

// MaskedSecret replaces secret values (placeholders in the desired text,
// encrypted forms in the running text) in CLI changes: secret-bearing
// lines are compared without their secret, so a device's "password 5
// $5$..." matches the intent's placeholder. A changed secret value is
// therefore not detected; the secret is set when its line is created or
// another part of the line changes.
const MaskedSecret = "(secret)"

// PathSeparator joins the mode lines of a CLI change path:
// "interface Ethernet1/10 > switchport mode".
const PathSeparator = " > "

// cliDelta is the CLI difference of one device.
type cliDelta struct {
	commands []string          // cliconf.Diff output, masked
	original map[string]string // masked desired line -> desired line
	changes  []providers.Change
}

// diffCLI compares the desired CLI with the running text within the
// intent's scope.
func diffCLI(desired *providers.Desired, running string) (*cliDelta, error) {
	run, err := cliconf.Parse(running)
	if err != nil {
		return nil, fmt.Errorf("parse running configuration of %s: %w", desired.Device, err)
	}
	des, err := cliconf.Parse(desired.CLI)
	if err != nil {
		return nil, fmt.Errorf("parse desired configuration of %s: %w", desired.Device, err)
	}
	out := &cliDelta{original: map[string]string{}}
	// SNMP communities are the identity of their lines, shown in clear:
	// aligned like IOS secrets (a running line matches a desired line with
	// a placeholder when the rest matches), not masked.
	clitext.AlignSecrets(run.Root, des.Root, nil, isCommunityLine)
	mask(run.Root, nil)
	mask(des.Root, out.original)
	sc := newCLIScope(desired.Authoritative, desired.CLIManaged, des)
	if !sc.prefixes["ip name-server"] {
		mergeNameServers(run, des, claimedNameServers(desired.Owned))
	}
	sc.releaseMembers(run, des)
	out.commands = cliconf.Diff(run, des, cliconf.Options{Managed: sc.managed})
	reasons, err := out.release(run, des, desired)
	if err != nil {
		return nil, err
	}
	out.changes = toChanges(run, out.commands)
	out.commands = removeNameServers(run, out.commands) // part of the line's update
	intended, err := cliconf.Apply(run, out.commands)
	if err != nil {
		return nil, fmt.Errorf("apply the diff of %s: %w", desired.Device, err)
	}
	if err := vlanuse.CheckCLI(desired.Device, run, intended); err != nil {
		return nil, err
	}
	redactCommunities(out.changes)
	for i := range out.changes {
		out.changes[i].Reason = cliown.Reason(reasons, out.changes[i].Path)
	}
	if desired.Owned != nil {
		diff.MarkValueRemovals(out.changes, desired.Owned.Claims)
	}
	out.changes = diff.MergeSecrets(out.changes, desired.Owned.RotatedPaths(), desired.Owned.ChangedPaths())
	out.resend(des, desired)
	return out, nil
}

// resend adds, after the commands the changes describe, the desired line
// of every secret whose value rotated (or changed on the device), so the
// push sends it again with the value read from its reference. Only
// top-level lines (username, tacacs-server host) hold secrets on NX-OS.
func (out *cliDelta) resend(des *cliconf.Config, desired *providers.Desired) {
	paths := append(slices.Clone(desired.Owned.RotatedPaths()), desired.Owned.ChangedPaths()...)
	for _, p := range paths {
		i := slices.IndexFunc(desired.Secrets, func(b providers.SecretBinding) bool { return b.Path == p })
		if i < 0 {
			continue
		}
		ph, key := Placeholder(desired.Secrets[i].Ref), between(p, "[", "]")
		for _, n := range des.Root.Children {
			orig := out.original[n.Line]
			if strings.Contains(orig, ph) && strings.Contains(orig+" ", " "+key+" ") && !slices.Contains(out.commands, n.Line) {
				out.commands = append(out.commands, n.Line)
			}
		}
	}
}

// between returns the text of s between the first open and the next
// close, or "".
func between(s, open, close string) string {
	_, rest, ok := strings.Cut(s, open)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, close)
	return v
}

// release adds the commands that release what switchyard set and desired
// no longer declares (cliown.Release; secrets are masked on both sides)
// and returns the reasons of the changes they make.
func (out *cliDelta) release(run, des *cliconf.Config, desired *providers.Desired) (map[string]string, error) {
	if desired.Owned == nil || len(desired.Owned.Claims) == 0 {
		return nil, nil
	}
	intended, err := cliconf.Apply(run, out.commands)
	if err != nil {
		return nil, fmt.Errorf("apply the diff of %s: %w", desired.Device, err)
	}
	rel, reasons := cliown.Release(intended, des, desired.Owned.Claims, func(s string) string { return s }, MaskedSecret)
	out.commands = append(out.commands, rel...)
	return reasons, nil
}

// mask replaces secret values under n; originals, when given, records the
// unmasked form of every changed line.
func mask(n *cliconf.Node, originals map[string]string) {
	for _, c := range n.Children {
		if m := maskLine(c.Line); m != c.Line {
			if originals != nil {
				originals[m] = c.Line
			}
			c.Line = m
		}
		mask(c, originals)
	}
}

// maskLine masks the value after "password" in username lines and after
// "key" in server lines: a placeholder ("{{secret REF}}", two words), an
// encrypted form with its type ("5 $5$...", `7 "..."`) or a clear value.
func maskLine(line string) string {
	f := strings.Fields(line)
	word := ""
	switch {
	case len(f) > 2 && f[0] == "snmp-server":
		return maskSNMP(line, f)
	case len(f) > 2 && f[0] == "username":
		word = "password"
	case len(f) > 3 && (f[0] == "tacacs-server" || f[0] == "radius-server") && f[1] == "host":
		word = "key"
	default:
		return line
	}
	i := slices.Index(f, word)
	if i < 0 || i+1 >= len(f) {
		return line
	}
	j := i + 2
	switch {
	case strings.HasPrefix(f[i+1], "{{secret") && i+2 < len(f):
		j = i + 3
	case (f[i+1] == "0" || f[i+1] == "5" || f[i+1] == "6" || f[i+1] == "7") && i+2 < len(f):
		j = i + 3
	}
	return strings.Join(slices.Concat(f[:i+1], []string{MaskedSecret}, f[j:]), " ")
}

// toChanges describes commands as changes with hierarchical paths: one
// change per command, a new section as one create whose After is the
// whole block.
func toChanges(run *cliconf.Config, commands []string) []providers.Change {
	type frame struct {
		line string
		node *cliconf.Node // nil for a section being created
	}
	var stack []frame
	var out []providers.Change
	for i := 0; i < len(commands); i++ {
		depth, body := splitIndent(commands[i])
		stack = stack[:min(depth, len(stack))]
		if body == "exit" {
			continue
		}
		parent := run.Root
		ctx := make([]string, len(stack))
		for k, f := range stack {
			ctx[k] = f.line
			parent = f.node
		}
		if parent == nil {
			continue // inside a created section: part of its After
		}
		hasKids := i+1 < len(commands) && indentOf(commands[i+1]) > depth
		if x, ok := strings.CutPrefix(body, "no "); ok {
			out = append(out, providers.Change{Op: diff.Delete, Path: joinPath(ctx, x), Before: removed(parent, x)})
			continue
		}
		if node := parent.Child(body); hasKids {
			if node == nil {
				out = append(out, providers.Change{Op: diff.Create, Path: joinPath(ctx, body), After: block(commands, i)})
			}
			stack = append(stack, frame{body, node})
			continue
		}
		if old := replaced(parent, body, depth == 0); old != "" {
			out = append(out, providers.Change{Op: diff.Update, Path: joinPath(ctx, commonWords(old, body)), Before: old, After: body})
			continue
		}
		out = append(out, providers.Change{Op: diff.Create, Path: joinPath(ctx, body), After: body})
	}
	return out
}

func joinPath(ctx []string, last string) string {
	return strings.Join(append(slices.Clone(ctx), firstLine(last)), PathSeparator)
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func splitIndent(s string) (int, string) {
	b := strings.TrimLeft(s, " ")
	return len(s) - len(b), b
}

func indentOf(s string) int {
	n, _ := splitIndent(s)
	return n
}

// block returns the section that commands[i] opens, as text, without the
// exit lines.
func block(commands []string, i int) string {
	base := indentOf(commands[i])
	lines := []string{strings.TrimLeft(commands[i], " ")}
	for _, c := range commands[i+1:] {
		d, body := splitIndent(c)
		if d <= base {
			break
		}
		if body != "exit" {
			lines = append(lines, strings.Repeat(cliIndent, d-base)+body)
		}
	}
	return strings.Join(lines, "\n")
}

// removed returns the running lines under n that "no x" removes.
func removed(n *cliconf.Node, x string) any {
	var ls []string
	for _, c := range n.Children {
		if c.Line == x || strings.HasPrefix(c.Line, x+" ") {
			ls = append(ls, c.Line)
		}
	}
	if len(ls) == 0 {
		return nil
	}
	return strings.Join(ls, "\n")
}

// replaced returns the running line under n that body replaces, if any:
// per cliconf.Apply's keyed lines, or at the top level NX-OS's per-name
// lines (username, ntp server, ...).
func replaced(n *cliconf.Node, body string, top bool) string {
	if top {
		if k := topKey(body); k != "" {
			for _, c := range n.Children {
				if topKey(c.Line) == k {
					return c.Line
				}
			}
		}
	}
	tmp := &cliconf.Config{Root: &cliconf.Node{Children: n.Children}}
	after, err := cliconf.Apply(tmp, []string{body})
	if err != nil {
		return ""
	}
	for _, c := range n.Children {
		if after.Root.Child(c.Line) == nil {
			return c.Line
		}
	}
	return ""
}

// topKey names the setting of top-level lines NX-OS replaces per name.
func topKey(line string) string {
	f := strings.Fields(line)
	switch {
	case len(f) >= 3 && f[0] == "username" && f[2] == "sshkey":
		return "username " + f[1] + " sshkey"
	case len(f) >= 2 && f[0] == "username":
		return "username " + f[1]
	case len(f) >= 3 && (f[0] == "ntp" || f[0] == "logging") && f[1] == "server",
		len(f) >= 3 && (f[0] == "tacacs-server" || f[0] == "radius-server") && f[1] == "host":
		return strings.Join(f[:3], " ")
	case len(f) >= 2 && (f[0] == "ntp" && f[1] == "source-interface" || f[0] == "ip" && f[1] == "name-server"):
		return f[0] + " " + f[1]
	}
	return ""
}

// commonWords returns the words a and b start with, or b.
func commonWords(a, b string) string {
	fa, fb := strings.Fields(firstLine(a)), strings.Fields(firstLine(b))
	n := 0
	for n < len(fa) && n < len(fb) && fa[n] == fb[n] {
		n++
	}
	if n == 0 {
		return b
	}
	return strings.Join(fb[:n], " ")
}

// errNoCLI is returned by Diff when the desired state has no CLI form.
var errNoCLI = errors.New("diff: the desired state has no NX-OS CLI text")

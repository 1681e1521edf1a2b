package ios

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/cliown"
	"github.com/switchyard/switchyard/providers/internal/vlanuse"
)

var _ providers.Differ = (*Driver)(nil)

// delta is what turns a device's running configuration into the desired
// one: the running hierarchy (secret lines aligned with desired), the
// configuration-mode commands, and the configuration they produce.
type delta struct {
	run      *cliconf.Config
	cmds     []string
	intended *cliconf.Config
	// reasons are the reasons of the changes that release claims (see
	// cliown.Release), by change path.
	reasons map[string]string
	// stored maps a desired secret line to the device's stored form of it
	// (see alignSecrets).
	stored map[string]string
}

// computeDelta diffs desired against running text (see Diff).
func computeDelta(desired *providers.Desired, running string) (*delta, error) {
	if desired == nil {
		return nil, fmt.Errorf("diff: no desired configuration")
	}
	run, err := cliconf.Parse(running)
	if err != nil {
		return nil, fmt.Errorf("parse running configuration: %w", err)
	}
	des, err := cliconf.Parse(desired.CLI)
	if err != nil {
		return nil, fmt.Errorf("parse desired configuration of %s: %w", desired.Device, err)
	}
	stored := map[string]string{}
	alignSecrets(run.Root, des.Root, stored)
	dropSatisfiedNegations(run.Root, des.Root)
	memberSections(run, des, desired.Authoritative)
	cmds := cliconf.Diff(run, des, cliconf.Options{Managed: managed(desired.Authoritative, desired.CLIManaged)})
	intended, err := cliconf.Apply(run, cmds)
	if err != nil {
		return nil, fmt.Errorf("apply the diff of %s: %w", desired.Device, err)
	}
	d := &delta{run: run, cmds: cmds, intended: intended, stored: stored}
	if desired.Owned != nil {
		rel, reasons := cliown.Release(intended, des, desired.Owned.Claims, redactLine, "(redacted)")
		if len(rel) > 0 {
			if d.intended, err = cliconf.Apply(run, append(cmds, rel...)); err != nil {
				return nil, fmt.Errorf("apply the releases of %s: %w", desired.Device, err)
			}
			d.cmds, d.reasons = append(cmds, rel...), reasons
		}
	}
	return d, nil
}

// Diff returns the changes that turn running (Running.CLI, as show
// running-config prints it) into desired, hierarchically, within the
// intent's scope: lines inside the sections desired declares are managed
// in full; at the top level only the lists the intent marks authoritative
// (users, vlans, ntp.servers, ...) lose entries desired does not list, and
// never reserved VLANs. Lines that carry a secret compare by the presence
// of the binding, not by value: a changed secret value is not detected.
// Change paths read "interface GigabitEthernet1/0/1 > switchport access
// vlan 20"; Before and After are line texts with credential values
// redacted (placeholders are kept). Pure; safe for concurrent use.
func (*Driver) Diff(desired *providers.Desired, running *providers.Running) ([]providers.Change, error) {
	if running == nil {
		return nil, fmt.Errorf("diff: no running configuration")
	}
	d, err := computeDelta(desired, running.CLI)
	if err != nil {
		return nil, err
	}
	if err := vlanuse.CheckCLI(desired.Device, d.run, d.intended); err != nil {
		return nil, err
	}
	changes := changesOf(d)
	for i := range changes {
		changes[i].Reason = cliown.Reason(d.reasons, changes[i].Path)
	}
	return diff.MergeSecrets(changes, desired.Owned.RotatedPaths(), desired.Owned.ChangedPaths()), nil
}

// changesOf turns the commands of d into one Change per line: a section
// that is entered but exists is context, not a change.
func changesOf(d *delta) []providers.Change {
	var (
		out     []providers.Change
		stack   []string
		depths  []int
		removed = map[string]bool{} // "path\x00line" of sections deleted by a "no"
	)
	key := func(path []string, line string) string { return strings.Join(path, "\x00") + "\x00" + line }
	for i, c := range d.cmds {
		ind, body := splitIndent(c)
		for len(depths) > 0 && depths[len(depths)-1] >= ind {
			stack, depths = stack[:len(stack)-1], depths[:len(depths)-1]
		}
		if body == "exit" || body == "quit" || body == "no quit" {
			continue
		}
		runParent := d.run.Find(stack...)
		afterParent := d.intended.Find(stack...)
		if r, neg := strings.CutPrefix(body, "no "); neg {
			if afterParent.Child(body) != nil { // a negated toggle replaced its positive form
				out = append(out, change(diff.Update, stack, body, r, body))
				continue
			}
			for _, rn := range childrenOf(runParent) {
				if wordPrefix(rn.Line, r) {
					out = append(out, change(diff.Delete, stack, rn.Line, rn.Line, ""))
					removed[key(stack, rn.Line)] = true
				}
			}
			continue
		}
		if i+1 < len(d.cmds) && indentOf(d.cmds[i+1]) > ind { // enters a section
			if runParent.Child(body) == nil || removed[key(stack, body)] {
				out = append(out, change(diff.Create, stack, body, "", body))
			}
			stack, depths = append(stack, body), append(depths, ind)
			continue
		}
		if before := replaced(d.run, stack, body); before != "" {
			out = append(out, change(diff.Update, stack, body, before, body))
		} else {
			out = append(out, change(diff.Create, stack, body, "", body))
		}
	}
	return out
}

// replaced returns the running line that body, sent in the mode at path,
// replaces in place (a single-valued setting such as "description" or
// "switchport access vlan", a toggle): the line that applying body alone
// to running removes.
func replaced(run *cliconf.Config, path []string, body string) string {
	parent := run.Find(path...)
	if parent == nil {
		return ""
	}
	cmds := make([]string, 0, len(path)+1)
	for i, p := range path {
		cmds = append(cmds, strings.Repeat(" ", i)+p)
	}
	after, err := cliconf.Apply(run, append(cmds, strings.Repeat(" ", len(path))+body))
	if err != nil {
		return ""
	}
	ap := after.Find(path...)
	for _, rn := range parent.Children {
		if ap.Child(rn.Line) == nil {
			return rn.Line
		}
	}
	return ""
}

func change(op diff.Op, path []string, line, before, after string) providers.Change {
	p := make([]string, 0, len(path)+1)
	for _, s := range path {
		p = append(p, redactLine(s))
	}
	p = append(p, redactLine(firstLine(line)))
	c := providers.Change{Op: op, Path: strings.Join(p, " > ")}
	if before != "" {
		c.Before = redactLine(before)
	}
	if after != "" {
		c.After = redactLine(after)
	}
	return c
}

func childrenOf(n *cliconf.Node) []*cliconf.Node {
	if n == nil {
		return nil
	}
	return n.Children
}

func splitIndent(s string) (int, string) {
	t := strings.TrimLeft(s, " ")
	return len(s) - len(t), strings.TrimRight(t, " ")
}

func indentOf(s string) int { i, _ := splitIndent(s); return i }

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// digest is the sha256 (hex) of the canonical form of a running
// configuration: parsed and printed back, so headers, "!" lines and
// spacing do not count.
func digest(running string) (string, error) {
	c, err := cliconf.Parse(running)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(c.String()))
	return hex.EncodeToString(sum[:]), nil
}

// keepStored returns text with every aligned secret line whose secret is
// not re-sent (rotated, changed on the device) back in the device's stored
// form: a replace then leaves those lines as they are, byte for byte.
func keepStored(desired *providers.Desired, d *delta, text string) string {
	resent := map[string]bool{}
	for _, p := range append(desired.Owned.RotatedPaths(), desired.Owned.ChangedPaths()...) {
		for _, b := range desired.Secrets {
			if b.Path == p {
				resent[Placeholder(b.Ref)] = true
			}
		}
	}
	var b strings.Builder
	for line := range strings.Lines(text) {
		body := strings.TrimRight(line, "\n")
		trimmed := strings.TrimLeft(body, " ")
		if st, ok := d.stored[trimmed]; ok && !reSent(trimmed, resent) {
			line = body[:len(body)-len(trimmed)] + st + "\n"
		}
		b.WriteString(line)
	}
	return b.String()
}

func reSent(line string, resent map[string]bool) bool {
	for ph := range resent {
		if strings.Contains(line, ph) {
			return true
		}
	}
	return false
}

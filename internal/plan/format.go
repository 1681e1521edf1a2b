package plan

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/switchyard/switchyard/internal/diff"
)

// Helpers shared by the renderers.

// clean makes s safe to print on a terminal or in a one-line context:
// control characters (including newlines, ESC and the C1 controls) become
// \xNN or \uNNNN escapes.
func clean(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unicode.IsControl(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// value formats a change value on one line: JSON, without HTML escaping,
// control characters escaped; placeholders (redacted values) unquoted.
func value(v any) string {
	if s, ok := v.(string); ok && (s == Redacted || strings.HasPrefix(s, "(secret from ")) {
		return clean(s)
	}
	b, err := marshal(v)
	if err != nil {
		return clean(fmt.Sprint(v))
	}
	return clean(string(b))
}

// counts describes creates, updates and deletes in words.
func counts(c, u, d int) string {
	return fmt.Sprintf("%d to create, %d to update, %d to delete", c, u, d)
}

// opSymbol is the one-character marker of an op.
func opSymbol(op diff.Op) string {
	switch op {
	case diff.Create:
		return "+"
	case diff.Delete:
		return "-"
	case diff.Update:
		return "~"
	}
	return "?"
}

// changeLines renders one change as text lines without colour: the first
// line is "<sym> <path> ...", a deleted entry's leaves follow indented.
func changeLines(c diff.Change) []string {
	lines := changeValueLines(c)
	if c.Reason != "" {
		lines[0] += " (" + clean(c.Reason) + ")"
	}
	if diff.Route(c.Path) == diff.RouteNative {
		lines[0] += routeMark(c.Path)
	}
	return lines
}

// routeMark marks a change that travels as a module-qualified subtree:
// "[native route]", or "[openconfig, profile schema]" for an OpenConfig
// module switchyard has no generated structs for (NX-OS
// openconfig-spanning-tree), which travels the same way, typed by the
// profile.
func routeMark(path string) string {
	if strings.HasPrefix(path, "/openconfig-") {
		return " [openconfig, profile schema]"
	}
	return " [native route]"
}

func changeValueLines(c diff.Change) []string {
	sym, p := opSymbol(c.Op), clean(c.Path)
	switch {
	case c.Before == nil && c.After == nil:
		return []string{sym + " " + p}
	case c.Op == diff.Create:
		return []string{fmt.Sprintf("%s %s = %s", sym, p, value(c.After))}
	case c.Op == diff.Update:
		return []string{fmt.Sprintf("%s %s: %s -> %s", sym, p, value(c.Before), value(c.After))}
	}
	m, isEntry := c.Before.(map[string]any)
	if !isEntry {
		if c.Before == nil {
			return []string{sym + " " + p}
		}
		return []string{fmt.Sprintf("%s %s (was %s)", sym, p, value(c.Before))}
	}
	lines := []string{sym + " " + p}
	for _, k := range sortedKeys(m) {
		lines = append(lines, fmt.Sprintf("    %s: %s", clean(k), value(m[k])))
	}
	return lines
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// deviceHeadline is "N to create, ..." or the device's status.
func deviceHeadline(d *DevicePlan) string {
	switch d.Status() {
	case StatusFailed:
		return "error: " + clean(d.Error)
	case StatusNoChanges:
		return "no changes"
	}
	return counts(diff.Count(d.Changes))
}

// summaryLine describes the plan's summary.
func summaryLine(s Summary) string {
	return fmt.Sprintf("%d %s: %d to change, %d unchanged, %d failed; %s.",
		s.Devices, plural(s.Devices, "device", "devices"), s.Changed, s.Unchanged, s.Failed,
		counts(s.Creates, s.Updates, s.Deletes))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

package cliconf

import (
	"strconv"
	"strings"
)

// maxVLAN bounds VLAN lists so hostile input cannot allocate without limit.
const maxVLAN = 4095

// isVLANList reports whether arg is a VLAN list with more than one element
// written as ranges or commas ("1,10,20-30"), as NX-OS prints them.
func isVLANList(arg string) bool {
	if !strings.ContainsAny(arg, ",-") {
		return false
	}
	_, ok := parseVLANs(arg)
	return ok
}

// parseVLANs parses "1,10,20-30" into a set of VLAN ids.
func parseVLANs(arg string) ([]bool, bool) {
	set := make([]bool, maxVLAN+1)
	for part := range strings.SplitSeq(arg, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil || a < 1 || a > maxVLAN || !isDigits(lo) {
			return nil, false
		}
		b := a
		if isRange {
			b, err = strconv.Atoi(hi)
			if err != nil || b < a || b > maxVLAN || !isDigits(hi) {
				return nil, false
			}
		}
		for v := a; v <= b; v++ {
			set[v] = true
		}
	}
	return set, true
}

// formatVLANs writes a set as NX-OS does: ascending, runs of three or more
// as ranges ("1,10,20-30"); "" for an empty set.
func formatVLANs(set []bool) string {
	var parts []string
	for v := 1; v < len(set); v++ {
		if !set[v] {
			continue
		}
		w := v
		for w+1 < len(set) && set[w+1] {
			w++
		}
		switch {
		case w == v:
			parts = append(parts, strconv.Itoa(v))
		case w == v+1:
			parts = append(parts, strconv.Itoa(v), strconv.Itoa(w))
		default:
			parts = append(parts, strconv.Itoa(v)+"-"+strconv.Itoa(w))
		}
		v = w
	}
	return strings.Join(parts, ",")
}

// vlanDelta returns the VLANs in b but not in a, formatted.
func vlanDelta(a, b []bool) string {
	out := make([]bool, len(b))
	for v := range b {
		out[v] = b[v] && !a[v]
	}
	return formatVLANs(out)
}

// vlanArg returns the argument of a `vlan ARG` line.
func vlanArg(line string) (string, bool) {
	return strings.CutPrefix(line, "vlan ")
}

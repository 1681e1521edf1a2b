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

// vlanLeaf reports whether n is a top-level leaf `vlan LIST` line.
func vlanLeaf(n *Node) bool {
	if len(n.Children) > 0 {
		return false
	}
	arg, ok := vlanArg(n.Line)
	if !ok {
		return false
	}
	_, ok = parseVLANs(arg)
	return ok
}

// normaliseVLANs returns the top-level children of run and des with every
// leaf `vlan X` line folded into one `vlan LIST` line (at the first one's
// place) when either side prints VLANs as a list (NX-OS `vlan 1,10,20-30`),
// so that a desired `vlan 20` next to a running `vlan 1,10` is compared as
// the set it belongs to. Otherwise the children are returned as they are.
func normaliseVLANs(run, des []*Node) ([]*Node, []*Node) {
	hasList := false
	for _, kids := range [2][]*Node{run, des} {
		for _, k := range kids {
			if a, ok := vlanArg(k.Line); ok && len(k.Children) == 0 && isVLANList(a) {
				hasList = true
			}
		}
	}
	if !hasList {
		return run, des
	}
	return foldVLANs(run), foldVLANs(des)
}

func foldVLANs(kids []*Node) []*Node {
	var (
		out  []*Node
		set  []bool
		line *Node
	)
	for _, k := range kids {
		if !vlanLeaf(k) {
			out = append(out, k)
			continue
		}
		a, _ := vlanArg(k.Line)
		s, _ := parseVLANs(a)
		if line == nil {
			set = s
			line = &Node{LineNo: k.LineNo}
			out = append(out, line)
			continue
		}
		for v := range s {
			set[v] = set[v] || s[v]
		}
	}
	if line != nil {
		line.Line = "vlan " + formatVLANs(set)
	}
	return out
}

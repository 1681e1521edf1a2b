package cliconf

import (
	"strconv"
	"strings"
)

// numberedACL returns N for a classic numbered access-list line
// (`access-list N permit ...`).
func numberedACL(line string) (string, bool) {
	f := strings.Fields(line)
	if len(f) < 3 || f[0] != "access-list" || !isDigits(f[1]) {
		return "", false
	}
	return f[1], true
}

// aclGroups collects the top-level numbered access-list lines by number,
// in order.
func aclGroups(kids []*Node) map[string][]string {
	var g map[string][]string
	for _, k := range kids {
		if n, ok := numberedACL(k.Line); ok {
			if g == nil {
				g = map[string][]string{}
			}
			g[n] = append(g[n], k.Line)
		}
	}
	return g
}

// numberedACLs diffs the numbered access list N as the ordered list it is.
// On classic IOS any `no access-list N ...` deletes the whole list, and a
// new entry is appended at its end. So: a list that only grows at its end
// gets the new entries; any other change rewrites it whole, after
// detaching it from the interfaces and lines that apply it (an undefined
// list filters nothing) and re-attaching it afterwards, so that no
// interface ever filters with a half-written list and its implicit deny.
func (d *differ) numberedACL(n string, run, des *Node, runLines, desLines []string) []string {
	same := len(runLines) <= len(desLines)
	for i := 0; same && i < len(runLines); i++ {
		same = runLines[i] == desLines[i]
	}
	if same {
		return desLines[len(runLines):]
	}
	users := aclUsers(n, run, des)
	var out []string
	for _, u := range users {
		out = append(out, u.section, " no "+u.line, " exit")
	}
	out = append(out, "no access-list "+n)
	out = append(out, desLines...)
	for _, u := range users {
		out = append(out, u.section, " "+u.line, " exit")
	}
	return out
}

// aclUser is a section that applies a numbered list and keeps applying it.
type aclUser struct{ section, line string }

// aclUsers returns the running sections (interfaces, lines) that apply
// list n with `ip access-group n in|out` or `access-class n in|out` and
// will still do so: desired does not declare the section, or declares the
// same line in it.
func aclUsers(n string, run, des *Node) []aclUser {
	var out []aclUser
	for _, s := range run.Children {
		for _, c := range s.Children {
			f := strings.Fields(c.Line)
			applies := len(f) == 4 && f[0] == "ip" && f[1] == "access-group" && f[2] == n ||
				len(f) == 3 && f[0] == "access-class" && f[1] == n
			if !applies {
				continue
			}
			if ds := des.child(s.Line); ds != nil && ds.child(c.Line) == nil {
				continue // desired changes this section's filter itself
			}
			out = append(out, aclUser{s.Line, c.Line})
		}
	}
	return out
}

// normaliseSeqs returns the desired access list des as the device will
// print it next to running list run: when run numbers all its entries,
// desired entries without a number get the number the device gives an
// appended entry (highest so far + 10); when run numbers none, numbers
// are dropped from a desired list that mixes both. Otherwise des as is.
func normaliseSeqs(run, des *Node) *Node {
	runAll, runNone := true, true
	for _, c := range run.Children {
		if isEntry(c.Line) {
			_, ok := seqOf(c.Line)
			runAll, runNone = runAll && ok, runNone && !ok
		}
	}
	desAll, desNone := true, true
	for _, c := range des.Children {
		if isEntry(c.Line) {
			_, ok := seqOf(c.Line)
			desAll, desNone = desAll && ok, desNone && !ok
		}
	}
	if desAll || runAll == runNone || runNone && desNone {
		return des // nothing to normalise, or running is empty or mixed itself
	}
	out := &Node{Line: des.Line, LineNo: des.LineNo}
	high := 0
	for _, c := range des.Children {
		line := c.Line
		if isEntry(line) {
			s, numbered := seqOf(line)
			switch {
			case runNone && numbered:
				line = strings.TrimPrefix(line, s+" ")
			case runAll && numbered:
				if v, err := strconv.Atoi(s); err == nil && v > high {
					high = v
				}
			case runAll:
				high += 10
				line = strconv.Itoa(high) + " " + line
			}
		}
		out.Children = append(out.Children, &Node{Line: line, Children: c.Children, LineNo: c.LineNo})
	}
	return out
}

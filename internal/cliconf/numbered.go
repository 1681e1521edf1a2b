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
// list n (a number or a name) with `ip access-group n in|out`,
// `access-class n in|out` or `ipv6 traffic-filter n in|out` and will still
// do so: desired does not declare the section, or declares the same line
// in it.
func aclUsers(n string, run, des *Node) []aclUser {
	var out []aclUser
	for _, s := range run.Children {
		for _, c := range s.Children {
			f := strings.Fields(c.Line)
			applies := len(f) == 4 && (f[0] == "ip" && f[1] == "access-group" || f[0] == "ipv6" && f[1] == "traffic-filter") && f[2] == n ||
				len(f) == 3 && f[0] == "access-class" && f[1] == n ||
				len(f) == 4 && f[0] == "ip" && f[1] == "access-class" && f[2] == n
			if !applies {
				continue
			}
			if ds := des.Child(s.Line); ds != nil && ds.Child(c.Line) == nil {
				continue // desired changes this section's filter itself
			}
			out = append(out, aclUser{s.Line, c.Line})
		}
	}
	return out
}

// normaliseSeqs returns the desired access list des as the device will
// print it next to running list run, so that sequence numbers alone never
// cause a rewrite:
//   - a desired list with unnumbered entries whose entries equal the
//     running ones once numbers are ignored is in sync (run is returned);
//   - when run numbers all its entries (IOS-XE, NX-OS), a desired entry
//     without a number gets the one the device gives an appended entry
//     (highest so far + 10);
//   - when run numbers none (classic IOS prints no numbers), desired
//     numbers are dropped.
//
// Otherwise, and when run has no entries, des is returned as is.
func normaliseSeqs(run, des *Node) *Node {
	runAll, runNone := numbering(run)
	desAll, desNone := numbering(des)
	switch {
	case runAll && runNone: // running has no entries
		return des
	case !desAll && sameEntries(run, des):
		return run
	case runAll && desNone:
		if n := renumber(run, des); n != nil {
			return n
		}
	case runAll && !desAll, runNone && !desNone:
	default:
		return des
	}
	return appendNumbers(des, runNone)
}

// appendNumbers numbers des's unnumbered entries as the device numbers
// appended entries (highest so far + 10), or drops every number when
// strip is set.
func appendNumbers(des *Node, strip bool) *Node {
	runNone := strip
	out := &Node{Line: des.Line, LineNo: des.LineNo}
	high := 0
	for _, c := range des.Children {
		line := c.Line
		if isEntry(line) {
			s, numbered := seqOf(line)
			switch {
			case runNone && numbered:
				line = strings.TrimPrefix(line, s+" ")
			case numbered:
				if v, err := strconv.Atoi(s); err == nil && v > high {
					high = v
				}
			default:
				high += 10
				line = strconv.Itoa(high) + " " + line
			}
		}
		out.Children = append(out.Children, &Node{Line: line, Children: c.Children, LineNo: c.LineNo})
	}
	return out
}

// numbering reports whether every entry of an access list has a sequence
// number and whether none has (both when it has no entries).
func numbering(n *Node) (all, none bool) {
	all, none = true, true
	for _, c := range n.Children {
		if isEntry(c.Line) {
			_, ok := seqOf(c.Line)
			all, none = all && ok, none && !ok
		}
	}
	return all, none
}

// sameEntries reports whether two access lists hold the same lines in the
// same order once sequence numbers are ignored.
func sameEntries(a, b *Node) bool {
	if len(a.Children) != len(b.Children) {
		return false
	}
	for i := range a.Children {
		if stripSeq(a.Children[i].Line) != stripSeq(b.Children[i].Line) {
			return false
		}
	}
	return true
}

func stripSeq(line string) string {
	if s, ok := seqOf(line); ok && isEntry(line) {
		return strings.TrimPrefix(line, s+" ")
	}
	return line
}

// renumber gives an unnumbered desired list the running numbers of the
// entries it keeps (longest common subsequence of the entries' text) and,
// to each entry it inserts, a free number between its kept neighbours, so
// that an insertion is sent as one numbered entry in place and a removal
// as `no N`, never as a rewrite of the entries around them. nil when
// there is no room between two kept numbers.
func renumber(run, des *Node) *Node {
	var rs []*Node
	for _, c := range run.Children {
		if isEntry(c.Line) {
			rs = append(rs, c)
		}
	}
	var ds []*Node
	for _, c := range des.Children {
		if isEntry(c.Line) {
			ds = append(ds, c)
		}
	}
	match := lcs(rs, ds) // match[j] = index in rs of ds[j], or -1
	nums := make([]int, len(ds))
	for j, i := range match {
		nums[j] = -1
		if i >= 0 {
			s, _ := seqOf(rs[i].Line)
			nums[j], _ = strconv.Atoi(s)
		}
	}
	lo := 0
	for j := 0; j < len(ds); {
		if nums[j] >= 0 {
			lo = nums[j]
			j++
			continue
		}
		k := j
		for k < len(ds) && nums[k] < 0 {
			k++
		}
		hi := lo + 10*(k-j+1)
		if k < len(ds) {
			hi = nums[k]
		}
		step := (hi - lo) / (k - j + 1)
		if step < 1 {
			return nil
		}
		for m := j; m < k; m++ {
			nums[m] = lo + step*(m-j+1)
		}
		j = k
	}
	out := &Node{Line: des.Line, LineNo: des.LineNo}
	j := 0
	for _, c := range des.Children {
		line := c.Line
		if isEntry(line) {
			line = strconv.Itoa(nums[j]) + " " + line
			j++
		}
		out.Children = append(out.Children, &Node{Line: line, Children: c.Children, LineNo: c.LineNo})
	}
	return out
}

// lcs matches the desired entries ds to running entries rs (by text with
// the number ignored) along a longest common subsequence.
func lcs(rs, ds []*Node) []int {
	n, m := len(rs), len(ds)
	t := make([][]int, n+1)
	for i := range t {
		t[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if stripSeq(rs[i].Line) == ds[j].Line {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	match := make([]int, m)
	for j := range match {
		match[j] = -1
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case stripSeq(rs[i].Line) == ds[j].Line:
			match[j] = i
			i++
			j++
		case t[i+1][j] >= t[i][j+1]:
			i++
		default:
			j++
		}
	}
	return match
}

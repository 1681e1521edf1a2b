package cliconf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Apply returns a copy of running with commands applied the way a device in
// configuration mode would, following the conventions Diff writes:
//
//   - a command's leading spaces give its mode depth; a command enters the
//     mode of the nearest preceding command with less indentation (as in
//     Parse), `exit` (and `exit-address-family` etc.) leaves the current
//     sub-mode and `end` returns to the top level; blank and `!` lines are
//     ignored;
//   - `no X` removes the line X (with its children); when there is none
//     and X is a head IOS removes by (`no username bob`, `no interface
//     Loopback5`, `no 10`, `no access-list 10`), every line that starts
//     with X and a space; any `no access-list N ...` removes list N whole,
//     as classic IOS does; when X is a toggle (`shutdown`, `ip redirects`,
//     ...) or a bare single-valued command (`no ip address`), `no X`
//     replaces the line it negates and stays in the configuration; when
//     nothing matched, `no X` is kept. A default-on toggle X (`ip
//     redirects`) removes `no X` and is not stored, as IOS does not print
//     it;
//   - a keyed line (a single-valued setting, a toggle, a route-map entry, a
//     banner) replaces the line with the same key in place, keeping its
//     children; otherwise a new line is added at the end of its mode,
//     except numbered ACL entries, which are inserted in sequence order;
//   - at the top level, when a VLAN list line (`vlan 1,10,20-30`) exists,
//     `vlan X` and `no vlan X` edit the list as a set.
//
// running is not modified; a nil running is empty. The error wraps
// ErrBadCommand and names the command's index and text.
func Apply(running *Config, commands []string) (*Config, error) {
	out := running.Clone()
	type frame struct {
		n      *Node
		indent int
	}
	stack := []frame{{out.Root, -1}}
	for i, cmd := range commands {
		ind, body := splitIndent(trimRight(cmd))
		if body == "" || body[0] == '!' {
			continue
		}
		for len(stack) > 1 && stack[len(stack)-1].indent >= ind {
			stack = stack[:len(stack)-1]
		}
		switch {
		case body == "end":
			stack = stack[:1]
			continue
		case skipLine(body):
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		cur := stack[len(stack)-1].n
		n, err := exec(cur, body, len(stack) == 1, nextIndent(commands, i) > ind)
		if err != nil {
			return nil, fmt.Errorf("command %d %q: %w", i+1, firstLine(body), err)
		}
		if n != nil {
			stack = append(stack, frame{n, ind})
		}
	}
	return out, nil
}

// nextIndent returns the indentation of the next significant command after
// commands[i], or -1.
func nextIndent(commands []string, i int) int {
	for _, c := range commands[i+1:] {
		ind, body := splitIndent(trimRight(c))
		if body != "" && body[0] != '!' {
			return ind
		}
	}
	return -1
}

// exec applies one command in mode cur and returns the node it entered.
func exec(cur *Node, body string, top, hasKids bool) (*Node, error) {
	if r, neg := strings.CutPrefix(body, "no "); neg || body == "no" {
		if strings.TrimSpace(r) == "" || body == "no" {
			return nil, ErrBadCommand
		}
		negate(cur, body, r, top)
		return nil, nil
	}
	if n := cur.Child(body); n != nil {
		return n, nil
	}
	if defaultOn[body] && !hasKids {
		// Back to the default, which IOS does not display.
		cur.Children = slices.DeleteFunc(cur.Children, func(c *Node) bool { return c.Line == "no "+body })
		return nil, nil
	}
	if top {
		if arg, ok := vlanArg(body); ok {
			if l := vlanListLine(cur); l != nil && editVLANList(cur, l, arg, true) && !hasKids {
				return nil, nil
			}
		}
	}
	inACL := isACL(cur.Line)
	switch k, kind := lineKey(body, inACL, top); kind {
	case replaceKey:
		if n := findKey(cur, k, inACL, top); n != nil {
			n.Line = body
			return n, nil
		}
	case readdKey:
		if n := findKey(cur, k, inACL, top); n != nil {
			if inACL {
				return nil, fmt.Errorf("%w: duplicate sequence number", ErrBadCommand)
			}
			n.Line = body
			return n, nil
		}
		if inACL {
			return insertSeq(cur, body), nil
		}
	}
	if n := cur.Child("no " + body); n != nil {
		n.Line = body
		return n, nil
	}
	n := &Node{Line: body}
	cur.Children = append(cur.Children, n)
	return n, nil
}

// negate applies `no r` (body) in mode cur.
func negate(cur *Node, body, r string, top bool) {
	if top {
		if arg, ok := vlanArg(r); ok {
			if l := vlanListLine(cur); l != nil && editVLANList(cur, l, arg, false) {
				return
			}
		}
	}
	if toggles[r] || slices.Contains(singleValued, r) {
		k, _ := lineKey(r, false, top)
		if n := findKey(cur, k, false, top); n != nil {
			n.Line, n.Children = body, nil
			return
		}
		if cur.Child(body) == nil {
			cur.Children = append(cur.Children, &Node{Line: body})
		}
		return
	}
	if f := strings.Fields(r); top && len(f) >= 2 && f[0] == "access-list" && isDigits(f[1]) {
		r = "access-list " + f[1] // classic IOS: any `no access-list N ...` deletes list N
	}
	exact := cur.Child(r) != nil
	prefix := !exact && prefixRemoval(r)
	kept := cur.Children[:0]
	removed := false
	for _, c := range cur.Children {
		if c.Line == r || prefix && hasWordPrefix(c.Line, r) {
			removed = true
			continue
		}
		kept = append(kept, c)
	}
	clear(cur.Children[len(kept):])
	cur.Children = kept
	if !removed && cur.Child(body) == nil {
		cur.Children = append(cur.Children, &Node{Line: body})
	}
}

func findKey(cur *Node, k string, inACL, top bool) *Node {
	for _, c := range cur.Children {
		if ck, kind := lineKey(c.Line, inACL, top); kind != noKey && ck == k {
			return c
		}
	}
	return nil
}

// insertSeq adds an ACL entry before the first entry with a higher number.
func insertSeq(cur *Node, body string) *Node {
	s, _ := seqOf(body)
	seq, _ := strconv.Atoi(s)
	n := &Node{Line: body}
	at := len(cur.Children)
	for i, c := range cur.Children {
		if cs, ok := seqOf(c.Line); ok {
			if v, _ := strconv.Atoi(cs); v > seq {
				at = i
				break
			}
		}
	}
	cur.Children = slices.Insert(cur.Children, at, n)
	return n
}

// vlanListLine returns the top-level VLAN list line, if any.
func vlanListLine(root *Node) *Node {
	for _, c := range root.Children {
		if arg, ok := vlanArg(c.Line); ok && len(c.Children) == 0 && isVLANList(arg) {
			return c
		}
	}
	return nil
}

// editVLANList adds (or removes) the VLANs in arg to the list line l and
// reports whether arg was a VLAN list. An emptied list line is removed, and
// removed VLANs lose their `vlan N` sections.
func editVLANList(root, l *Node, arg string, add bool) bool {
	set, ok := parseVLANs(arg)
	if !ok {
		return false
	}
	la, _ := vlanArg(l.Line)
	cur, _ := parseVLANs(la)
	for v, in := range set {
		if in {
			cur[v] = add
		}
	}
	f := formatVLANs(cur)
	root.Children = slices.DeleteFunc(root.Children, func(c *Node) bool {
		if c == l {
			return f == ""
		}
		a, ok := vlanArg(c.Line)
		v, err := strconv.Atoi(a)
		return !add && ok && err == nil && isDigits(a) && v <= maxVLAN && set[v]
	})
	l.Line = "vlan " + f
	return true
}

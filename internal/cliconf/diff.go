package cliconf

import (
	"slices"
	"strconv"
	"strings"
)

// Diff returns the configuration-mode commands that turn running into
// desired within the scope of opts. Nil configs are empty.
//
// Commands are written as a configuration file would be: a line's leading
// spaces are its mode depth; entering a sub-mode is the section's own line
// (`interface Gi1/0/1`), and the commands of a sub-mode are followed by an
// `exit` line at the sub-mode's depth. Within one mode, removals come
// first (in running order), then additions and changes (in desired order).
// Apply(running, Diff(running, desired, opts)) yields a configuration whose
// Diff against desired is empty. Safe for concurrent use; running and
// desired are not modified.
func Diff(running, desired *Config, opts Options) []string {
	d := differ{opts: opts, run: rootOf(running), des: rootOf(desired)}
	d.section(d.run, d.des, 0)
	return d.out
}

type differ struct {
	opts     Options
	run, des *Node // the top levels, for the sections that apply an access list
	path     []string
	out      []string
}

// indent returns n spaces.
func indent(n int) string {
	const spaces = "                                "
	if n <= len(spaces) {
		return spaces[:n]
	}
	return strings.Repeat(" ", n)
}

// section appends the commands that turn run's children into des's; depth
// is the depth of those children.
func (d *differ) section(run, des *Node, depth int) {
	var runACL, desACL map[string][]string
	if depth == 0 {
		rk, dk := normaliseVLANs(run.Children, des.Children)
		run, des = &Node{Children: rk}, &Node{Children: dk}
		runACL, desACL = aclGroups(run.Children), aclGroups(des.Children)
	}
	inACL := isACL(des.Line)
	m := newMatcher(run.Children, inACL, depth == 0)
	pre := indent(depth)
	var removals []string
	var changes []string
	for _, dn := range des.Children {
		if n, ok := numberedACL(dn.Line); ok && depth == 0 {
			if desACL[n] != nil {
				changes = append(changes, d.numberedACL(n, run, des, runACL[n], desACL[n])...)
				desACL[n] = nil // the whole list is handled at its first line
			}
			continue
		}
		if i := m.take(m.exact, dn.Line); i >= 0 {
			d.matched(run.Children[i], dn, depth, &removals, &changes)
			continue
		}
		if m.duplicate(dn.Line) {
			continue // a mode holds a line once; repeating it changes nothing
		}
		k, kind := nodeKey(dn, inACL, depth == 0)
		if kind != noKey {
			if i := m.takeKey(k); i >= 0 {
				rn := run.Children[i]
				switch kind {
				case readdKey:
					removals = append(removals, pre+removal(rn.Line, inACL))
					changes = d.full(changes, dn, depth)
				case vlanListKey:
					removals, changes = d.vlanList(rn, dn, des, depth, removals, changes)
				default:
					changes = append(changes, pre+dn.Line)
					changes = d.sub(changes, rn, dn, depth)
				}
				continue
			}
		}
		if body, neg := strings.CutPrefix(dn.Line, "no "); neg {
			m.take(m.exact, body)
		} else if m.take(m.exact, "no "+dn.Line) < 0 && defaultOn[dn.Line] && len(dn.Children) == 0 {
			continue // the default is on and running does not turn it off
		}
		changes = d.full(changes, dn, depth)
	}
	if inACL {
		// Entries are added before the ones that go are removed: the list
		// is never shorter than both the old and the new one.
		d.out = append(d.out, removals...)
		d.out = append(d.out, changes...)
		d.out = append(d.out, d.unmatched(run, des, m, depth, runACL, desACL, nil)...)
		return
	}
	removals = d.unmatched(run, des, m, depth, runACL, desACL, removals)
	if depth > 0 {
		changes = resendAddresses(removals, changes, des, pre)
	}
	d.out = append(d.out, removals...)
	d.out = append(d.out, changes...)
}

// isVRFMember reports whether a command sets or removes the VRF
// membership of an interface.
func isVRFMember(cmd string) bool {
	body := strings.TrimPrefix(strings.TrimSpace(cmd), "no ")
	return hasWordPrefix(body, "ip vrf forwarding") || hasWordPrefix(body, "vrf forwarding") ||
		hasWordPrefix(body, "vrf member")
}

// resendAddresses appends desired's addresses to changes when the VRF
// membership changes: the device drops an interface's addresses when it
// moves to another VRF, so they are sent again after the membership.
func resendAddresses(removals, changes []string, des *Node, pre string) []string {
	if !slices.ContainsFunc(removals, isVRFMember) && !slices.ContainsFunc(changes, isVRFMember) {
		return changes
	}
	for _, dn := range des.Children {
		isAddr := hasWordPrefix(dn.Line, "ip address") || hasWordPrefix(dn.Line, "ipv6 address")
		if isAddr && !slices.Contains(changes, pre+dn.Line) {
			changes = append(changes, pre+dn.Line)
		}
	}
	return changes
}

// unmatched appends the removals of the running lines desired has no
// counterpart for, within scope.
func (d *differ) unmatched(run, des *Node, m *matcher, depth int, runACL, desACL map[string][]string, removals []string) []string {
	pre := indent(depth)
	inACL := isACL(des.Line)
	for i, rn := range run.Children {
		if m.used[i] {
			continue
		}
		d.path = append(d.path, rn.Line)
		managed := d.opts.managed(d.path)
		d.path = d.path[:len(d.path)-1]
		body, neg := strings.CutPrefix(rn.Line, "no ")
		switch {
		case !managed:
		case neg:
			if defaultOn[body] {
				removals = append(removals, pre+body) // restore the default
			}
		case depth == 0 && isNumberedACLLine(rn.Line):
			n, _ := numberedACL(rn.Line)
			if _, kept := desACL[n]; !kept && runACL[n] != nil {
				removals = append(removals, pre+"no access-list "+n)
				runACL[n] = nil
			}
		case depth == 0 && userKept(rn.Line, des):
			// The user stays: an attribute line goes on its own, and the
			// main line is replaced by desired's, never `no username NAME`.
			if k, _ := lineKey(rn.Line, false, true); k != "" && strings.Count(k, " ") == 2 {
				removals = append(removals, removal(rn.Line, false))
			} else if f := strings.Fields(rn.Line); len(f) >= 4 && f[2] == "role" {
				removals = append(removals, removal(rn.Line, false))
			}
		default:
			r := pre + removal(rn.Line, inACL)
			if f := strings.Fields(rn.Line); depth == 0 && len(f) >= 2 && f[0] == "username" {
				r = "no username " + f[1] // the whole user goes, once
			}
			if !slices.Contains(removals, r) || !strings.HasPrefix(r, "no username ") {
				removals = append(removals, r)
			}
		}
	}
	return removals
}

func isNumberedACLLine(line string) bool {
	_, ok := numberedACL(line)
	return ok
}

// userKept reports whether line is a `username NAME ...` line and desired
// still declares NAME.
func userKept(line string, des *Node) bool {
	f := strings.Fields(line)
	if len(f) < 2 || f[0] != "username" {
		return false
	}
	for _, c := range des.Children {
		if g := strings.Fields(c.Line); len(g) >= 2 && g[0] == "username" && g[1] == f[1] {
			return true
		}
	}
	return false
}

// nodeKey is lineKey for a node: at the top level a leaf `vlan N` is part
// of the VLAN set when the VLANs are printed as a list.
func nodeKey(n *Node, inACL, top bool) (string, keyKind) {
	if top && vlanLeaf(n) {
		return "vlan list", vlanListKey
	}
	return lineKey(n.Line, inACL, top)
}

// rewriteACL replaces an ordered access list whole, detached from the
// interfaces and lines that apply it meanwhile (see numberedACL): no
// interface filters with a half-written list.
func (d *differ) rewriteACL(out []string, rn, dn *Node, depth int) []string {
	var users []aclUser
	if depth == 0 {
		f := strings.Fields(rn.Line)
		users = aclUsers(f[len(f)-1], d.run, d.des)
	}
	for _, u := range users {
		out = append(out, u.section, " no "+u.line, " exit")
	}
	out = append(out, indent(depth)+removal(rn.Line, false))
	out = d.full(out, dn, depth)
	for _, u := range users {
		out = append(out, u.section, " "+u.line, " exit")
	}
	return out
}

// matched handles a desired line found verbatim in running.
func (d *differ) matched(rn, dn *Node, depth int, removals, changes *[]string) {
	if len(rn.Children) == 0 && len(dn.Children) == 0 {
		return
	}
	if isACL(dn.Line) {
		dn = normaliseSeqs(rn, dn)
	}
	if isACL(dn.Line) && !seqMode(rn, dn) {
		if !nodeEqual(rn, dn) {
			*changes = d.rewriteACL(*changes, rn, dn, depth)
		}
		return
	}
	n := len(*changes)
	*changes = append(*changes, indent(depth)+dn.Line)
	if c := d.sub(*changes, rn, dn, depth); len(c) > n+1 {
		*changes = c
	} else {
		*changes = (*changes)[:n]
	}
}

// sub appends, to out, the commands for the children of a section already
// entered, followed by `exit` if there were any.
func (d *differ) sub(out []string, rn, dn *Node, depth int) []string {
	if len(rn.Children) == 0 && len(dn.Children) == 0 {
		return out
	}
	saved := d.out
	d.out = out
	d.path = append(d.path, dn.Line)
	n := len(d.out)
	d.section(rn, dn, depth+1)
	d.path = d.path[:len(d.path)-1]
	if len(d.out) > n {
		d.out = append(d.out, indent(depth+1)+"exit")
	}
	out, d.out = d.out, saved
	return out
}

// full appends the commands that create n and everything under it.
func (d *differ) full(out []string, n *Node, depth int) []string {
	out = append(out, indent(depth)+n.Line)
	for _, c := range n.Children {
		out = d.full(out, c, depth+1)
	}
	if len(n.Children) > 0 {
		out = append(out, indent(depth+1)+"exit")
	}
	return out
}

// vlanList diffs two NX-OS VLAN list lines as sets. VLANs that desired
// creates with their own `vlan N` section are not added twice.
func (d *differ) vlanList(rn, dn, des *Node, depth int, removals, changes []string) ([]string, []string) {
	ra, _ := vlanArg(rn.Line)
	da, _ := vlanArg(dn.Line)
	rs, _ := parseVLANs(ra)
	ds, _ := parseVLANs(da)
	added := make([]bool, len(ds))
	for v := range ds {
		added[v] = ds[v] && !rs[v]
	}
	for _, c := range des.Children {
		if a, ok := vlanArg(c.Line); ok && len(c.Children) > 0 && isDigits(a) {
			if v, err := strconv.Atoi(a); err == nil && v < len(added) {
				added[v] = false
			}
		}
	}
	if add := formatVLANs(added); add != "" {
		changes = append(changes, indent(depth)+"vlan "+add)
	}
	d.path = append(d.path, rn.Line)
	if del := vlanDelta(ds, rs); del != "" && d.opts.managed(d.path) {
		removals = append(removals, indent(depth)+"no vlan "+del)
	}
	d.path = d.path[:len(d.path)-1]
	return removals, changes
}

// seqMode reports whether every entry of both access lists carries a
// sequence number, so entries are compared by number rather than as an
// ordered list.
func seqMode(a, b *Node) bool {
	for _, n := range [2]*Node{a, b} {
		for _, c := range n.Children {
			if isEntry(c.Line) {
				if _, ok := seqOf(c.Line); !ok {
					return false
				}
			}
		}
	}
	return true
}

// matcher finds unused running children by exact line or by key.
type matcher struct {
	kids  []*Node
	inACL bool
	top   bool
	exact map[string][]int
	keys  map[string][]int
	used  []bool
	added map[string]bool
}

// duplicate reports whether line was already matched or added in this
// mode, and records it as added otherwise.
func (m *matcher) duplicate(line string) bool {
	if _, ok := m.exact[line]; ok || m.added[line] {
		return true
	}
	if m.added == nil {
		m.added = map[string]bool{}
	}
	m.added[line] = true
	return false
}

func newMatcher(kids []*Node, inACL, top bool) *matcher {
	m := &matcher{kids: kids, inACL: inACL, top: top, used: make([]bool, len(kids)),
		exact: make(map[string][]int, len(kids))}
	for i, k := range kids {
		m.exact[k.Line] = append(m.exact[k.Line], i)
	}
	return m
}

// take returns and marks the first unused index stored under s, or -1.
func (m *matcher) take(idx map[string][]int, s string) int {
	is := idx[s]
	for len(is) > 0 && m.used[is[0]] {
		is = is[1:]
	}
	if len(is) == 0 {
		return -1
	}
	m.used[is[0]] = true
	idx[s] = is[1:]
	return is[0]
}

func (m *matcher) takeKey(k string) int {
	if m.keys == nil {
		m.keys = map[string][]int{}
		for i, n := range m.kids {
			if kk, kind := nodeKey(n, m.inACL, m.top); kind != noKey {
				m.keys[kk] = append(m.keys[kk], i)
			}
		}
	}
	return m.take(m.keys, k)
}

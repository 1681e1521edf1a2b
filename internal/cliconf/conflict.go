package cliconf

// Conflict is a line of one configuration that sets, at the same place,
// what another configuration sets differently (same command key, other
// text): two sources of intent for one setting.
type Conflict struct {
	// Path is the parent sections of the line, from the top.
	Path []string
	// Line is the line of extra; Other is the line of base it conflicts with.
	Line, Other string
	// LineNo is Line's line in extra's source text.
	LineNo int
}

// Conflicts returns the lines of extra that base also sets under another
// text, by the same keys Diff uses to pair lines (so `hostname a` and
// `hostname b` conflict, `logging host 1.1.1.1` and `logging host 2.2.2.2`
// do not). Sections present in both are compared line by line below.
func Conflicts(base, extra *Config) []Conflict {
	if base == nil || base.Root == nil || extra == nil || extra.Root == nil {
		return nil
	}
	var out []Conflict
	var walk func(b, e *Node, path []string, top bool)
	walk = func(b, e *Node, path []string, top bool) {
		keys := map[string]*Node{}
		for _, n := range b.Children {
			keys[identity(n, top)] = n
		}
		for _, n := range e.Children {
			other := keys[identity(n, top)]
			switch {
			case other == nil:
			case other.Line != n.Line:
				out = append(out, Conflict{Path: append([]string(nil), path...), Line: n.Line, Other: other.Line, LineNo: n.LineNo})
			case len(n.Children) > 0:
				walk(other, n, append(path, n.Line), false)
			}
		}
	}
	walk(base.Root, extra.Root, nil, true)
	return out
}

// identity is the key of a keyed line, else the line's exact text.
func identity(n *Node, top bool) string {
	if k, kind := nodeKey(n, false, top); kind != noKey {
		return "key\x00" + k
	}
	return "line\x00" + n.Line
}

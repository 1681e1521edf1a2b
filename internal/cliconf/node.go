package cliconf

import "strings"

// Node is one configuration line and the lines nested under it.
//
// Line is the command text without its indentation and without trailing
// whitespace; a multi-line banner is one Node whose Line holds every line of
// the banner joined with "\n". LineNo is the 1-based line of the source text
// the node was parsed from (0 for nodes made by Apply); it takes no part in
// comparisons. The root of a Config has an empty Line.
type Node struct {
	Line     string
	Children []*Node
	LineNo   int
}

// Config is a parsed configuration: Root's children are the top-level lines.
// A nil *Config or nil Root is an empty configuration.
type Config struct {
	Root *Node
}

// String formats c the way IOS prints it: one space of indentation per
// level and a `!` line after each top-level section that has children.
// Parse(c.String()) yields a Config equal to c (ignoring LineNo).
func (c *Config) String() string {
	if c == nil || c.Root == nil {
		return ""
	}
	var b strings.Builder
	for _, n := range c.Root.Children {
		writeNode(&b, n, 0)
		if len(n.Children) > 0 {
			b.WriteString("!\n")
		}
	}
	return b.String()
}

func writeNode(b *strings.Builder, n *Node, depth int) {
	for range depth {
		b.WriteByte(' ')
	}
	b.WriteString(n.Line)
	b.WriteByte('\n')
	for _, c := range n.Children {
		writeNode(b, c, depth+1)
	}
}

// Find returns the node reached by following path, one exact Line per
// level from the root, or nil if there is none.
func (c *Config) Find(path ...string) *Node {
	if c == nil || c.Root == nil {
		return nil
	}
	n := c.Root
	for _, p := range path {
		n = n.Child(p)
		if n == nil {
			return nil
		}
	}
	return n
}

// Clone returns a deep copy of c; a nil c gives an empty Config.
func (c *Config) Clone() *Config {
	if c == nil || c.Root == nil {
		return &Config{Root: &Node{}}
	}
	return &Config{Root: c.Root.clone()}
}

func (n *Node) clone() *Node {
	out := &Node{Line: n.Line, LineNo: n.LineNo}
	if len(n.Children) > 0 {
		out.Children = make([]*Node, len(n.Children))
		for i, c := range n.Children {
			out.Children[i] = c.clone()
		}
	}
	return out
}

// Child returns n's child whose line is exactly line, or nil when there is
// none or n is nil.
func (n *Node) Child(line string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Line == line {
			return c
		}
	}
	return nil
}

// Equal reports whether c and other have the same lines in the same hierarchy
// and order; LineNo is ignored.
func (c *Config) Equal(other *Config) bool {
	return nodeEqual(rootOf(c), rootOf(other))
}

func rootOf(c *Config) *Node {
	if c == nil || c.Root == nil {
		return &Node{}
	}
	return c.Root
}

func nodeEqual(a, b *Node) bool {
	if a.Line != b.Line || len(a.Children) != len(b.Children) {
		return false
	}
	for i := range a.Children {
		if !nodeEqual(a.Children[i], b.Children[i]) {
			return false
		}
	}
	return true
}

package nxapisim

import (
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
)

// format prints c as NX-OS prints show running-config (without the comment
// header): two spaces per mode level, a blank line around top-level
// sections.
func format(c *cliconf.Config) string {
	var b strings.Builder
	prevSection := false
	for _, n := range rootOf(c).Children {
		section := len(n.Children) > 0
		if section || prevSection {
			b.WriteByte('\n')
		}
		writeNode(&b, n, 0)
		prevSection = section
	}
	return b.String()
}

func writeNode(b *strings.Builder, n *cliconf.Node, depth int) {
	for range depth {
		b.WriteString("  ")
	}
	b.WriteString(n.Line)
	b.WriteByte('\n')
	for _, c := range n.Children {
		writeNode(b, c, depth+1)
	}
}

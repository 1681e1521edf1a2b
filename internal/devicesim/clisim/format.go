package clisim

import (
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
)

// format prints c as show running-config does, from the first line to
// "end": one space of indentation per level, "!" after each section, the
// ip ssh pubkey-chain users at two and three spaces, each closed by
// "  quit".
func format(c *cliconf.Config) string {
	var b strings.Builder
	b.WriteString("!\n")
	for _, n := range c.Root.Children {
		if n.Line == "ip ssh pubkey-chain" {
			b.WriteString(n.Line + "\n")
			for _, u := range n.Children {
				b.WriteString("  " + u.Line + "\n")
				for _, k := range u.Children {
					b.WriteString("   " + k.Line + "\n")
				}
				b.WriteString("  quit\n")
			}
			b.WriteString("!\n")
			continue
		}
		writeNode(&b, n, 0)
		if len(n.Children) > 0 {
			b.WriteString("!\n")
		}
	}
	b.WriteString("end\n")
	return b.String()
}

func writeNode(b *strings.Builder, n *cliconf.Node, depth int) {
	b.WriteString(strings.Repeat(" ", depth))
	b.WriteString(n.Line)
	b.WriteByte('\n')
	for _, c := range n.Children {
		writeNode(b, c, depth+1)
	}
}

// crlf turns "\n" line ends into the terminal's "\r\n".
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

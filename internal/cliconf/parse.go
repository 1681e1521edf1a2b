package cliconf

import (
	"strings"
	"unicode/utf8"
)

// Parse reads Cisco-style configuration text (IOS, IOS-XE, NX-OS `show
// running-config`) into a hierarchy. A line's parent is the nearest
// preceding line with less indentation (spaces and tabs count one column
// each). Blank lines, `!` lines (including NX-OS `!Command:` and `!Time:`),
// `exit`, `exit-address-family` and similar mode-exit lines are dropped, as
// are, at top level only, `end`, "Building configuration..." and
// "Current configuration : N bytes". Multi-line banners become one Node.
//
// Parse never panics; the only error is a *ParseError wrapping
// ErrUnterminatedBanner.
func Parse(text string) (*Config, error) {
	p := parser{lines: strings.Split(text, "\n")}
	root := &Node{}
	type frame struct {
		n      *Node
		indent int
	}
	stack := []frame{{root, -1}}
	for p.i < len(p.lines) {
		lineNo := p.i + 1
		raw := trimRight(p.lines[p.i])
		p.i++
		indent, body := splitIndent(raw)
		if skipLine(body) {
			continue
		}
		if body == "end" {
			stack = stack[:1] // an indented end still ends the configuration mode
			continue
		}
		for len(stack) > 1 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		// A leaf-only line (no X, a toggle, a single-valued setting)
		// never opens a mode: deeper lines are its siblings.
		for len(stack) > 1 && isLeafOnly(stack[len(stack)-1].n.Line) {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 1 && skipTopLevel(body) {
			continue
		}
		if delim, rest, ok := bannerStart(body); ok && !strings.Contains(rest, delim) && !isAlnum(delim) {
			text, ok := p.bannerBody(body, delim)
			if !ok {
				return nil, &ParseError{Line: lineNo, Err: ErrUnterminatedBanner}
			}
			body = text
		} else if len(stack) > 1 && isCertificate(body) {
			body = p.opaqueBody(body, indent)
		}
		n := &Node{Line: body, LineNo: lineNo}
		parent := stack[len(stack)-1].n
		parent.Children = append(parent.Children, n)
		stack = append(stack, frame{n, indent})
	}
	mergeSections(root)
	return &Config{Root: root}, nil
}

// mergeSections folds a re-entered section into its first occurrence, as
// IOS does when the same mode is entered twice (`interface Gi1` opened in
// two places, `router bgp` from two templates), recursively. Lines inside
// access lists are order-significant entries and are left as they are.
func mergeSections(n *Node) {
	if len(n.Children) < 2 || isACL(n.Line) {
		for _, c := range n.Children {
			mergeSections(c)
		}
		return
	}
	first := make(map[string]*Node, len(n.Children))
	kept := n.Children[:0]
	for _, c := range n.Children {
		if f := first[c.Line]; f != nil && (len(f.Children) > 0 || len(c.Children) > 0) {
			f.Children = append(f.Children, c.Children...)
			continue
		}
		if _, seen := first[c.Line]; !seen {
			first[c.Line] = c
		}
		kept = append(kept, c)
	}
	clear(n.Children[len(kept):])
	n.Children = kept
	for _, c := range n.Children {
		mergeSections(c)
	}
}

// isLeafOnly reports whether a line can never open a sub-mode: negations,
// toggles and single-valued settings.
func isLeafOnly(line string) bool {
	if strings.HasPrefix(line, "no ") || toggles[line] {
		return true
	}
	first, _, _ := strings.Cut(line, " ")
	switch first {
	case "description", "shutdown", "mtu", "speed", "duplex", "bandwidth", "switchport", "channel-group":
		return true
	}
	return strings.HasPrefix(line, "ip address ")
}

// isCertificate reports whether a line opens a certificate in a `crypto
// pki certificate chain`: `certificate [self-signed|ca|rollover] SERIAL`.
func isCertificate(body string) bool {
	f := strings.Fields(body)
	if len(f) < 2 || len(f) > 3 || f[0] != "certificate" {
		return false
	}
	return len(f) == 2 || f[1] == "self-signed" || f[1] == "ca" || f[1] == "rollover"
}

// opaqueBody consumes the hex lines of a certificate up to and including
// its `quit` (or up to the first line not indented deeper than the
// certificate line) and returns the block as one line: certificates are
// compared and sent whole, never line by line.
func (p *parser) opaqueBody(first string, indent int) string {
	var b strings.Builder
	b.WriteString(first)
	for p.i < len(p.lines) {
		l := trimRight(p.lines[p.i])
		ind, body := splitIndent(l)
		if body == "" {
			p.i++
			continue
		}
		if ind <= indent && body != "quit" {
			break
		}
		p.i++
		b.WriteByte('\n')
		b.WriteString(l)
		if body == "quit" {
			break
		}
	}
	return b.String()
}

func isAlnum(s string) bool {
	return len(s) == 1 && (s[0] >= '0' && s[0] <= '9' || s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

type parser struct {
	lines []string
	i     int
}

// bannerBody consumes lines up to and including the one holding delim and
// returns the banner's full text.
func (p *parser) bannerBody(first, delim string) (string, bool) {
	var b strings.Builder
	b.WriteString(first)
	for p.i < len(p.lines) {
		l := trimRight(p.lines[p.i])
		p.i++
		b.WriteByte('\n')
		b.WriteString(l)
		if strings.Contains(l, delim) {
			return b.String(), true
		}
	}
	return "", false
}

func trimRight(s string) string { return strings.TrimRight(s, " \t\r\v\f") }

func splitIndent(s string) (int, string) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i, s[i:]
}

// skipLine reports whether a line carries no configuration at any depth.
func skipLine(body string) bool {
	if body == "" || body[0] == '!' {
		return true
	}
	switch body {
	case "exit", "exit-address-family", "exit-peer-policy", "exit-peer-session",
		"exit-service-insertion", "exit-vrf", "exit-af-interface", "exit-af-topology",
		"exit-sf-interface", "exit-sf-topology":
		return true
	}
	return false
}

// skipTopLevel reports whether a top-level line is a show-command header.
func skipTopLevel(body string) bool {
	return strings.HasPrefix(body, "Building configuration") ||
		strings.HasPrefix(body, "Current configuration :")
}

// bannerKinds are the words that may follow `banner` before the delimiter.
var bannerKinds = map[string]bool{
	"motd": true, "login": true, "exec": true, "incoming": true,
	"slip-ppp": true, "prompt-timeout": true, "config-save": true,
}

// bannerStart recognises `banner [kind] <delim>text...`: delim is "^C"
// when written as those two characters, otherwise the first character after
// the kind (0x03, '#', ...). rest is the text after the opening delimiter.
func bannerStart(body string) (delim, rest string, ok bool) {
	s, found := strings.CutPrefix(body, "banner")
	if !found || s == "" || (s[0] != ' ' && s[0] != '\t') {
		return "", "", false
	}
	s = strings.TrimLeft(s, " \t")
	if w, after, _ := strings.Cut(s, " "); bannerKinds[w] {
		s = strings.TrimLeft(after, " \t")
	}
	if s == "" {
		return "", "", false
	}
	if strings.HasPrefix(s, "^C") {
		return "^C", s[2:], true
	}
	size := 1
	if s[0] >= 0x80 {
		_, size = utf8.DecodeRuneInString(s)
	}
	return s[:size], s[size:], true
}

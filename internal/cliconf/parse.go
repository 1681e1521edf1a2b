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
		for len(stack) > 1 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 1 && skipTopLevel(body) {
			continue
		}
		if delim, rest, ok := bannerStart(body); ok && !strings.Contains(rest, delim) {
			text, ok := p.bannerBody(body, delim)
			if !ok {
				return nil, &ParseError{Line: lineNo, Err: ErrUnterminatedBanner}
			}
			body = text
		}
		n := &Node{Line: body, LineNo: lineNo}
		parent := stack[len(stack)-1].n
		parent.Children = append(parent.Children, n)
		stack = append(stack, frame{n, indent})
	}
	return &Config{Root: root}, nil
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
	return body == "end" ||
		strings.HasPrefix(body, "Building configuration") ||
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

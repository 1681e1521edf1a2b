package netconf

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// parsedHello is what parseHello reads from a server hello.
type parsedHello struct {
	caps []string
	// hasID: the hello has a session-id element; id is its value ("" if
	// it is not a session-id). When idPlain, its text is one run without
	// references, bytes [idStart, idEnd) of the hello.
	hasID, idPlain bool
	id             string
	idStart, idEnd int
}

// parseHello reads a server hello (RFC 6241 §8.1) without regular
// expressions or encoding/xml: the text of every
// hello/capabilities/capability element in order, trimmed, with entity
// and character references decoded (text with an undefined reference is
// kept as sent, trimmed), empty ones left out, and the session-id text.
// Elements are matched by local name, whatever their prefix; unknown
// elements are skipped. The XML must be well formed as far as the scanner
// sees it: tags balanced, one root named hello, no DOCTYPE.
func parseHello(b []byte) (*parsedHello, error) {
	p := &helloScanner{b: b, out: &parsedHello{}}
	if bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		p.i = 3 // a UTF-8 byte order mark
	}
	if err := p.scan(); err != nil {
		return nil, fmt.Errorf("parse server hello: %w", err)
	}
	if !p.rooted {
		return nil, errors.New("parse server hello: no <hello> element")
	}
	return p.out, nil
}

// helloScanner walks the hello's markup once.
type helloScanner struct {
	b      []byte
	i      int
	stack  []string // qualified names of the open elements
	rooted bool     // the root element was seen
	// in names the capability or session-id element being read ("" when
	// none), opened at depth inDepth; text collects its character data,
	// which starts at byte start and came in runs pieces.
	in      string
	inDepth int
	text    []byte
	start   int
	runs    int
	out     *parsedHello
}

func (p *helloScanner) scan() error {
	for p.i < len(p.b) {
		if p.b[p.i] != '<' {
			j := bytes.IndexByte(p.b[p.i:], '<')
			if j < 0 {
				j = len(p.b) - p.i
			}
			if err := p.chars(p.b[p.i:p.i+j], p.i); err != nil {
				return err
			}
			p.i += j
			continue
		}
		if err := p.markup(); err != nil {
			return err
		}
	}
	if len(p.stack) > 0 {
		return fmt.Errorf("<%s> is not closed", p.stack[len(p.stack)-1])
	}
	return nil
}

// markup reads the construct starting with '<' at p.i.
func (p *helloScanner) markup() error {
	rest := p.b[p.i:]
	switch {
	case bytes.HasPrefix(rest, []byte("<?")):
		return p.skip("?>", "processing instruction")
	case bytes.HasPrefix(rest, []byte("<!--")):
		return p.skip("-->", "comment")
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		end := bytes.Index(rest, []byte("]]>"))
		if end < 0 {
			return errors.New("CDATA section is not closed")
		}
		p.runs++ // CDATA is never one plain run with its neighbours
		if p.in != "" {
			p.text = append(p.text, rest[len("<![CDATA["):end]...)
		} else if len(bytes.TrimSpace(rest[len("<![CDATA["):end])) > 0 && len(p.stack) == 0 {
			return errors.New("text outside the hello element")
		}
		p.i += end + len("]]>")
		return nil
	case bytes.HasPrefix(rest, []byte("<!")):
		return errors.New("DOCTYPE or other declaration in a hello")
	case bytes.HasPrefix(rest, []byte("</")):
		return p.endTag()
	}
	return p.startTag()
}

// skip moves past the next end marker of a comment or instruction.
func (p *helloScanner) skip(end, what string) error {
	j := bytes.Index(p.b[p.i:], []byte(end))
	if j < 0 {
		return fmt.Errorf("%s is not closed", what)
	}
	p.i += j + len(end)
	return nil
}

// startTag reads <name attr="v" ...> or <name .../>.
func (p *helloScanner) startTag() error {
	j := p.i + 1
	for j < len(p.b) && !isSpace(p.b[j]) && p.b[j] != '>' && p.b[j] != '/' {
		j++
	}
	name := string(p.b[p.i+1 : j])
	if name == "" {
		return fmt.Errorf("malformed tag at byte %d", p.i)
	}
	var quote byte
	for ; j < len(p.b); j++ {
		c := p.b[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			empty := p.b[j-1] == '/'
			p.i = j + 1
			return p.open(name, empty)
		}
	}
	return fmt.Errorf("tag <%s> is not closed", name)
}

// open enters element name (and leaves it at once when empty).
func (p *helloScanner) open(name string, empty bool) error {
	if p.in != "" {
		return fmt.Errorf("element <%s> inside <%s>", name, p.in)
	}
	local := localName(name)
	switch {
	case len(p.stack) == 0 && p.rooted:
		return fmt.Errorf("second root element <%s>", name)
	case len(p.stack) == 0 && local != "hello":
		return fmt.Errorf("root element is <%s>, want <hello>", name)
	case len(p.stack) == 0:
		p.rooted = true
	case len(p.stack) == 2 && local == "capability" && localName(p.stack[1]) == "capabilities",
		len(p.stack) == 1 && local == "session-id":
		p.in, p.inDepth, p.text, p.start, p.runs = local, len(p.stack), p.text[:0], p.i, 0
	}
	if empty {
		p.close()
		return nil
	}
	p.stack = append(p.stack, name)
	return nil
}

// endTag reads </name> and checks it closes the open element.
func (p *helloScanner) endTag() error {
	j := bytes.IndexByte(p.b[p.i:], '>')
	if j < 0 {
		return errors.New("end tag is not closed")
	}
	name := string(bytes.TrimRight(p.b[p.i+2:p.i+j], " \t\r\n"))
	if len(p.stack) == 0 || p.stack[len(p.stack)-1] != name {
		return fmt.Errorf("unexpected </%s>", name)
	}
	end := p.i
	p.i += j + 1
	p.stack = p.stack[:len(p.stack)-1]
	if p.in != "" && len(p.stack) == p.inDepth {
		p.closeAt(end)
	}
	return nil
}

// close ends an element that had no content.
func (p *helloScanner) close() { p.closeAt(p.i) }

// closeAt ends the capability or session-id element being read, whose
// content ended at byte end.
func (p *helloScanner) closeAt(end int) {
	if p.in == "" {
		return
	}
	text := decodeText(p.text)
	switch p.in {
	case "capability":
		if text != "" {
			p.out.caps = append(p.out.caps, text)
		}
	case "session-id":
		if !p.out.hasID {
			p.out.hasID = true
			p.out.id = sessionID(text)
			if p.runs <= 1 && !bytes.ContainsAny(p.b[p.start:end], "&<") {
				p.out.idPlain, p.out.idStart, p.out.idEnd = true, p.start, end
			}
		}
	}
	p.in = ""
}

// chars handles character data at byte at.
func (p *helloScanner) chars(s []byte, at int) error {
	if p.in != "" {
		p.text = append(p.text, s...)
		p.runs++
		return nil
	}
	if len(p.stack) == 0 && len(bytes.TrimSpace(s)) > 0 {
		return fmt.Errorf("text outside the hello element at byte %d", at)
	}
	return nil
}

// sessionID returns s if it is a session-id (RFC 6241: a uint32 other
// than 0), "" otherwise, as scrapligo ignored what it could not read.
func sessionID(s string) string {
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || n == 0 {
		return ""
	}
	return s
}

// localName is name without its namespace prefix.
func localName(name string) string {
	if i := strings.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

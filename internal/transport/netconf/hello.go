package netconf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"strings"

	"github.com/switchyard/switchyard/internal/identity"
)

// serverHello is what a server's hello says apart from its session-id.
// It is shared, read-only, by the sessions of a run whose hellos differ in
// nothing else (identity.Cache.Shared), so that a fleet of one release
// parses its hello once.
type serverHello struct {
	// caps are the capability URIs in the order sent (see parseHello).
	caps []string
	// exact holds caps; bare the URIs without their query, of those
	// that have one.
	exact, bare map[string]bool
	// modules maps module name to revision (see moduleOf).
	modules        map[string]string
	base10, base11 bool
}

// newServerHello indexes caps.
func newServerHello(caps []string) *serverHello {
	h := &serverHello{caps: caps, exact: make(map[string]bool, len(caps)), bare: map[string]bool{},
		modules: map[string]string{}}
	for _, c := range caps {
		h.exact[c] = true
		if base, _, ok := strings.Cut(c, "?"); ok {
			h.bare[base] = true
		}
		if name, rev, ok := moduleOf(c); ok {
			h.modules[name] = rev
		}
	}
	h.base10, h.base11 = h.exact[CapBase10], h.exact[CapBase11]
	return h
}

// has reports whether the hello advertises capability: exactly, or, for a
// capability given without a query, as the URI of one with a query.
func (h *serverHello) has(capability string) bool {
	return h.exact[capability] || (!strings.Contains(capability, "?") && h.bare[capability])
}

// helloKind names the hellos identity.Cache.Shared keeps.
const helloKind = "netconf-hello"

// cachedHello is what the shared parse of a hello found.
type cachedHello struct {
	hello *serverHello
	// spanOK: the parse found the session-id where the quick scan did,
	// so the parse holds for every hello with the same key.
	spanOK bool
}

// readHello parses the server hello b, sharing the parse through ids
// between hellos that differ only in their session-id text. It returns
// the hello and the session-id ("" when there is none).
func readHello(b []byte, ids *identity.Cache) (*serverHello, string, error) {
	start, end, ok := quickIDSpan(b)
	if ok {
		v, err := ids.Shared(helloKind, helloKey(b, start, end), func() (any, error) {
			p, err := parseHello(b)
			if err != nil {
				return nil, err
			}
			same := (p.idPlain && p.idStart == start && p.idEnd == end) || (start < 0 && !p.hasID)
			return &cachedHello{hello: newServerHello(p.caps), spanOK: same}, nil
		})
		if err != nil {
			return nil, "", err
		}
		if c := v.(*cachedHello); c.spanOK {
			if start < 0 {
				return c.hello, "", nil
			}
			return c.hello, sessionID(strings.TrimSpace(string(b[start:end]))), nil
		}
	}
	p, err := parseHello(b)
	if err != nil {
		return nil, "", err
	}
	return newServerHello(p.caps), p.id, nil
}

// quickIDSpan finds, without parsing, where the text of the hello's
// session-id is: after the first "<session-id>" (any prefix), up to the
// next '<'. start is -1 when b does not mention session-id at all; ok is
// false when the text is not plain (entities) or the tag has attributes,
// and the hello is then not shared.
func quickIDSpan(b []byte) (start, end int, ok bool) {
	const tag = "session-id"
	if !bytes.Contains(b, []byte(tag)) {
		return -1, -1, true
	}
	for from := 0; ; {
		i := bytes.Index(b[from:], []byte(tag+">"))
		if i < 0 {
			return 0, 0, false
		}
		i += from
		if i > 0 && (b[i-1] == '<' || b[i-1] == ':') {
			start = i + len(tag) + 1
			break
		}
		from = i + 1
	}
	j := bytes.IndexByte(b[start:], '<')
	if j < 0 || bytes.IndexByte(b[start:start+j], '&') >= 0 {
		return 0, 0, false
	}
	return start, start + j, true
}

// helloKey is the SHA-256 of b without the bytes [start, end), with start
// in front so that different cuts never give the same key.
func helloKey(b []byte, start, end int) [sha256.Size]byte {
	h := sha256.New()
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(int64(start)))
	h.Write(n[:])
	if start < 0 {
		h.Write(b)
	} else {
		h.Write(b[:start])
		h.Write(b[end:])
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// errNoBase is returned (wrapped) when a hello has no base capability.
var errNoBase = errors.New("the server's hello advertises neither " + CapBase10 + " nor " + CapBase11)

// scrapligoHello is the hello scrapligo reads in place of the server's:
// only the base capabilities the server advertised (from which scrapligo
// chooses the framing, base:1.1 when both) and the session-id, so that its
// regular expressions run over a few hundred bytes instead of the whole
// hello.
func scrapligoHello(h *serverHello, id string) ([]byte, error) {
	if !h.base10 && !h.base11 {
		return nil, errNoBase
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities>`)
	for _, c := range []string{CapBase10, CapBase11} {
		if h.exact[c] {
			b.WriteString("<capability>" + c + "</capability>")
		}
	}
	b.WriteString("</capabilities>")
	if id != "" {
		b.WriteString("<session-id>" + id + "</session-id>")
	}
	b.WriteString("</hello>")
	return b.Bytes(), nil
}

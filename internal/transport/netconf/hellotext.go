package netconf

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// decodeText turns the character data of a capability or session-id into
// its value: carriage returns dropped (as scrapligo's channel drops them),
// entity and character references decoded, surrounding white space
// trimmed. Text with a reference XML does not define is kept as it is,
// trimmed, as encoding/xml's failure left it before.
func decodeText(raw []byte) string {
	s := string(raw)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r", "")
	}
	if strings.IndexByte(s, '&') < 0 {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for rest := s; ; {
		i := strings.IndexByte(rest, '&')
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		j := strings.IndexByte(rest[i:], ';')
		if j < 0 {
			return strings.TrimSpace(s)
		}
		r, ok := entity(rest[i+1 : i+j])
		if !ok {
			return strings.TrimSpace(s)
		}
		b.WriteString(r)
		rest = rest[i+j+1:]
	}
	return strings.TrimSpace(b.String())
}

// entity decodes the reference &name; (name without & and ;).
func entity(name string) (string, bool) {
	switch name {
	case "amp":
		return "&", true
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "quot":
		return `"`, true
	case "apos":
		return "'", true
	}
	num, ok := strings.CutPrefix(name, "#")
	if !ok || num == "" {
		return "", false
	}
	base := 10
	if hex, ok := strings.CutPrefix(num, "x"); ok {
		num, base = hex, 16
	}
	n, err := strconv.ParseUint(num, base, 32)
	if err != nil || n > utf8.MaxRune {
		return "", false
	}
	// string(rune) turns a surrogate into U+FFFD, as encoding/xml does.
	s := string(rune(n))
	if r, _ := utf8.DecodeRuneInString(s); !validChar(r) {
		return "", false
	}
	return s, true
}

// validChar reports whether r is an XML Char (XML 1.0 §2.2).
func validChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= utf8.MaxRune)
}

// moduleOf reads a YANG module capability (RFC 6020 §5.6.4:
// NAMESPACE?module=NAME&revision=DATE&...): the module name and revision.
// It agrees with url.ParseQuery, whose first value of each key it takes,
// and skips a capability whose query does not parse, as ParseQuery's
// error did; queries without escapes are split by hand.
func moduleOf(c string) (name, revision string, ok bool) {
	_, query, found := strings.Cut(c, "?")
	if !found || !strings.Contains(query, "module=") {
		return "", "", false
	}
	if strings.ContainsAny(query, "%+;") {
		q, err := url.ParseQuery(query)
		if err != nil || q.Get("module") == "" {
			return "", "", false
		}
		return q.Get("module"), q.Get("revision"), true
	}
	var haveName, haveRev bool
	for pair := range strings.SplitSeq(query, "&") {
		k, v, _ := strings.Cut(pair, "=")
		switch {
		case k == "module" && !haveName:
			name, haveName = v, true
		case k == "revision" && !haveRev:
			revision, haveRev = v, true
		}
	}
	return name, revision, name != ""
}

// ModulesOf maps module name to revision for every YANG module capability
// in caps, as Session.Modules does for a session's hello.
func ModulesOf(caps []string) map[string]string {
	return newServerHello(caps).modules
}

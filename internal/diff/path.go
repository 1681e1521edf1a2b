package diff

import (
	"fmt"
	"slices"
	"strings"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
)

// elem is one element of a data path: a node name and, for a list entry,
// its keys sorted by key name.
type elem struct {
	name string
	keys []keyVal
}

type keyVal struct{ k, v string }

// path is a data path from the device root, as elements.
type path []elem

// child returns p extended by e without aliasing p's backing array.
func (p path) child(e elem) path {
	return append(p[:len(p):len(p)], e)
}

// String formats p as a gNMI path string: /a/b[k=v]/c. In key values, `\`
// and `]` are escaped with a backslash.
func (p path) String() string {
	var b strings.Builder
	for _, e := range p {
		b.WriteByte('/')
		b.WriteString(e.name)
		for _, kv := range e.keys {
			b.WriteByte('[')
			b.WriteString(kv.k)
			b.WriteByte('=')
			for i := 0; i < len(kv.v); i++ { // bytes: invalid UTF-8 passes through
				if c := kv.v[i]; c == '\\' || c == ']' {
					b.WriteByte('\\')
				}
				b.WriteByte(kv.v[i])
			}
			b.WriteByte(']')
		}
	}
	if len(p) == 0 {
		return "/"
	}
	return b.String()
}

// keyMap returns e's keys as a map (nil when e has none).
func (e elem) keyMap() map[string]string {
	if len(e.keys) == 0 {
		return nil
	}
	m := make(map[string]string, len(e.keys))
	for _, kv := range e.keys {
		m[kv.k] = kv.v
	}
	return m
}

// parsePath parses a gNMI path string as written by path.String. Slashes
// inside key values need no escaping; `\` escapes the next character.
func parsePath(s string) (path, error) {
	if !strings.HasPrefix(s, "/") {
		return nil, fmt.Errorf("path %q: does not start with /", s)
	}
	var p path
	rest := s[1:]
	for rest != "" {
		e, n, err := parseElem(rest)
		if err != nil {
			return nil, fmt.Errorf("path %q: %w", s, err)
		}
		p = append(p, e)
		rest = rest[n:]
		if rest == "" {
			break
		}
		if rest[0] != '/' {
			return nil, fmt.Errorf("path %q: unexpected %q after element %q", s, rest[0], e.name)
		}
		rest = rest[1:]
		if rest == "" {
			return nil, fmt.Errorf("path %q: trailing /", s)
		}
	}
	return p, nil
}

// parseElem parses one element at the start of s and returns it and the
// number of bytes consumed.
func parseElem(s string) (elem, int, error) {
	i := strings.IndexAny(s, "/[")
	if i < 0 {
		i = len(s)
	}
	e := elem{name: s[:i]}
	if e.name == "" {
		return elem{}, 0, fmt.Errorf("empty element name")
	}
	for i < len(s) && s[i] == '[' {
		kv, n, err := parseKey(s[i+1:])
		if err != nil {
			return elem{}, 0, fmt.Errorf("element %q: %w", e.name, err)
		}
		if slices.ContainsFunc(e.keys, func(o keyVal) bool { return o.k == kv.k }) {
			return elem{}, 0, fmt.Errorf("element %q: duplicate key %q", e.name, kv.k)
		}
		e.keys = append(e.keys, kv)
		i += 1 + n
	}
	slices.SortFunc(e.keys, func(a, b keyVal) int { return strings.Compare(a.k, b.k) })
	return e, i, nil
}

// parseKey parses "k=v]" at the start of s (after the opening bracket).
func parseKey(s string) (keyVal, int, error) {
	eq := strings.IndexByte(s, '=')
	if eq <= 0 || strings.ContainsAny(s[:eq], "]/[") {
		return keyVal{}, 0, fmt.Errorf("key without a name")
	}
	var v strings.Builder
	for i := eq + 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 == len(s) {
				return keyVal{}, 0, fmt.Errorf("key %q: trailing escape", s[:eq])
			}
			i++
			v.WriteByte(s[i])
		case ']':
			return keyVal{k: s[:eq], v: v.String()}, i + 1, nil
		default:
			v.WriteByte(s[i])
		}
	}
	return keyVal{}, 0, fmt.Errorf("key %q: missing ]", s[:eq])
}

// gnmiPath converts p for ytypes.
func (p path) gnmiPath() *gpb.Path {
	gp := &gpb.Path{Elem: make([]*gpb.PathElem, len(p))}
	for i, e := range p {
		gp.Elem[i] = &gpb.PathElem{Name: e.name, Key: e.keyMap()}
	}
	return gp
}

// comparePaths orders paths element by element: names lexically, list
// entries by their keys in natural order (so sequence-id 20 sorts before
// 100), and a path before the paths below it.
func comparePaths(a, b path) int {
	for i := range min(len(a), len(b)) {
		if c := strings.Compare(a[i].name, b[i].name); c != 0 {
			return c
		}
		if c := compareKeys(a[i].keys, b[i].keys); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

func compareKeys(a, b []keyVal) int {
	for i := range min(len(a), len(b)) {
		if c := strings.Compare(a[i].k, b[i].k); c != 0 {
			return c
		}
		if c := naturalCompare(a[i].v, b[i].v); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

// naturalCompare compares strings with runs of decimal digits compared as
// numbers: "Gi1/0/2" < "Gi1/0/10", "20" < "100". Strings that compare equal
// that way ("01" and "1") fall back to byte order, so the order is total.
func naturalCompare(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if isDigit(ca) && isDigit(cb) {
			ei, ej := digitsEnd(a, i), digitsEnd(b, j)
			na := strings.TrimLeft(a[i:ei], "0")
			nb := strings.TrimLeft(b[j:ej], "0")
			if len(na) != len(nb) {
				return len(na) - len(nb)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			i, j = ei, ej
			continue
		}
		if ca != cb {
			return int(ca) - int(cb)
		}
		i++
		j++
	}
	if c := (len(a) - i) - (len(b) - j); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// pattern is a parsed path pattern: element names must be equal; keys
// named in the pattern must be equal unless the pattern value is "*"; keys
// the pattern does not name match anything.
type pattern path

func parsePattern(s string) (pattern, error) {
	p, err := parsePath(s)
	if err != nil {
		return nil, err
	}
	return pattern(p), nil
}

func (pt pattern) elemMatches(i int, e elem) bool {
	pe := pt[i]
	if pe.name != e.name {
		return false
	}
	for _, kv := range pe.keys {
		if kv.v == "*" {
			continue
		}
		j := slices.IndexFunc(e.keys, func(o keyVal) bool { return o.k == kv.k })
		if j < 0 || e.keys[j].v != kv.v {
			return false
		}
	}
	return true
}

// matches reports whether p is matched by the whole pattern.
func (pt pattern) matches(p path) bool {
	if len(p) != len(pt) {
		return false
	}
	return pt.prefixMatches(p)
}

// prefixMatches reports whether p matches the pattern's first len(p)
// elements, that is whether something at or below p may match.
func (pt pattern) prefixMatches(p path) bool {
	if len(p) > len(pt) {
		return false
	}
	for i, e := range p {
		if !pt.elemMatches(i, e) {
			return false
		}
	}
	return true
}

// CanonicalPath returns s in the form Compute writes paths in (keys sorted
// by name, `\` and `]` escaped in key values), so that paths written by
// hand or by another component compare equal to Change.Path.
func CanonicalPath(s string) (string, error) {
	p, err := parsePath(s)
	if err != nil {
		return "", err
	}
	return p.String(), nil
}

package devicesim

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// pathStep is one step of a data path: an element name and, for a list
// entry, its key values in key order.
type pathStep struct {
	name xml.Name
	keys []keyValue
}

type keyValue struct{ name, value string }

// stepFor builds the path step of e, whose full name path (e last) is names.
func stepFor(schema Schema, names []xml.Name, e *xmltree.Element) pathStep {
	st := pathStep{name: e.Name}
	for _, k := range schema.ListKeys(names) {
		if k == LeafListKey {
			st.keys = append(st.keys, keyValue{name: k, value: e.Text})
			continue
		}
		if c := e.Child(e.Name.Space, k); c != nil {
			st.keys = append(st.keys, keyValue{name: k, value: c.Text})
		}
	}
	return st
}

// elementPath renders the XPath of the element path elems (from the first
// level below the root), with key predicates from schema.
func elementPath(schema Schema, elems []*xmltree.Element) (string, map[string]string) {
	steps := make([]pathStep, len(elems))
	names := make([]xml.Name, 0, len(elems))
	for i, e := range elems {
		names = append(names, e.Name)
		steps[i] = stepFor(schema, names, e)
	}
	return xpath(steps)
}

// xpath renders steps as an absolute XPath with namespace prefixes derived
// from the namespace URIs, and returns the prefix declarations it used.
func xpath(steps []pathStep) (string, map[string]string) {
	ns := map[string]string{}
	byURI := map[string]string{}
	prefix := func(uri string) string {
		if uri == "" {
			return ""
		}
		if p, ok := byURI[uri]; ok {
			return p + ":"
		}
		p := prefixFor(uri)
		for i := 2; ns[p] != ""; i++ {
			p = fmt.Sprintf("%s%d", prefixFor(uri), i)
		}
		ns[p], byURI[uri] = uri, p
		return p + ":"
	}
	var b strings.Builder
	for _, st := range steps {
		p := prefix(st.name.Space)
		b.WriteString("/" + p + st.name.Local)
		for _, k := range st.keys {
			if k.name == LeafListKey {
				fmt.Fprintf(&b, "[.=%s]", quote(k.value))
				continue
			}
			fmt.Fprintf(&b, "[%s%s=%s]", p, k.name, quote(k.value))
		}
	}
	if len(ns) == 0 {
		ns = nil
	}
	return b.String(), ns
}

// prefixFor derives a readable prefix from the last segment of a namespace URI.
func prefixFor(uri string) string {
	seg := uri[strings.LastIndexAny(uri, "/:")+1:]
	var b strings.Builder
	for i, r := range seg {
		ok := r == '_' || r == '-' || r == '.' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') ||
			('0' <= r && r <= '9')
		first := r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
		if ok && (i > 0 || first) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 || strings.HasPrefix(strings.ToLower(b.String()), "xml") {
		return "ns"
	}
	return b.String()
}

// quote renders s as an XPath string literal.
func quote(s string) string {
	if !strings.Contains(s, "'") {
		return "'" + s + "'"
	}
	return `"` + s + `"`
}

// localPath is a parsed knob path: local names with optional key predicates.
type localPath []localStep

type localStep struct {
	local string
	keys  map[string]string
}

// parseLocalPath parses "/a/b[k='v'][k2='v2']/c"; prefixes are ignored.
func parseLocalPath(s string) (localPath, error) {
	var out localPath
	for _, part := range splitPath(strings.Trim(s, "/")) {
		st := localStep{local: part}
		if i := strings.IndexByte(part, '['); i >= 0 {
			st.local = part[:i]
			st.keys = map[string]string{}
			for _, pred := range strings.Split(strings.TrimSuffix(part[i+1:], "]"), "][") {
				k, v, ok := strings.Cut(pred, "=")
				if !ok {
					return nil, fmt.Errorf("bad predicate %q in path %q", pred, s)
				}
				st.keys[stripPrefix(strings.TrimSpace(k))] = strings.Trim(strings.TrimSpace(v), `'"`)
			}
		}
		st.local = stripPrefix(st.local)
		if st.local == "" {
			return nil, fmt.Errorf("empty step in path %q", s)
		}
		out = append(out, st)
	}
	return out, nil
}

// splitPath splits on slashes outside predicates.
func splitPath(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case r == '/' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

func stripPrefix(s string) string {
	if _, after, ok := strings.Cut(s, ":"); ok {
		return after
	}
	return s
}

// isPrefixOf reports whether lp is a prefix of the data path steps.
func (lp localPath) isPrefixOf(steps []pathStep) bool {
	if len(lp) > len(steps) {
		return false
	}
	for i, ls := range lp {
		if steps[i].name.Local != ls.local {
			return false
		}
		for k, v := range ls.keys {
			if !hasKey(steps[i].keys, k, v) {
				return false
			}
		}
	}
	return true
}

func hasKey(keys []keyValue, name, value string) bool {
	for _, kv := range keys {
		if kv.name == name && kv.value == value {
			return true
		}
	}
	return false
}

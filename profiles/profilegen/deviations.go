package profilegen

import (
	"slices"
	"strings"

	"github.com/openconfig/goyang/pkg/yang"

	"github.com/switchyard/switchyard/profiles"
)

// collectUnsupported records every `deviate not-supported` of the deviation
// module name that targets an OpenConfig module, with its file and line.
func (s *schema) collectUnsupported(ms *yang.Modules, name string) {
	m, ok := ms.Modules[name]
	if !ok {
		return
	}
	for _, d := range m.Deviation {
		notSupported, retyped := false, false
		for _, dv := range d.Deviate {
			switch {
			case dv.Name == "not-supported":
				notSupported = true
			case dv.Name == "replace" && dv.Type != nil:
				retyped = true
			}
		}
		if retyped {
			s.collectRetyped(qualify(d.Name, m, ms), d)
		}
		if !notSupported {
			continue
		}
		path := qualify(d.Name, m, ms)
		top, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), ":")
		if !s.isTarget(top) || isState(path) || (s.isNative && !onRoot(s.roots, localPath(path))) {
			continue
		}
		s.unsupported = append(s.unsupported, profiles.Unsupported{Path: path, Source: location(d.Source)})
	}
}

// qualify rewrites a deviation target ("/oc-sys:system/oc-sys:ntp") into a
// schema path with module names where the module changes
// ("/openconfig-system:system/ntp").
func qualify(target string, m *yang.Module, ms *yang.Modules) string {
	var b strings.Builder
	prev := ""
	for seg := range strings.SplitSeq(strings.Trim(target, "/"), "/") {
		prefix, local, ok := strings.Cut(seg, ":")
		if !ok {
			prefix, local = "", seg
		}
		mod := prefixModule(prefix, m, ms)
		b.WriteByte('/')
		if mod != prev {
			b.WriteString(mod + ":")
			prev = mod
		}
		b.WriteString(local)
	}
	return b.String()
}

// prefixModule resolves an import prefix of m to a module name.
func prefixModule(prefix string, m *yang.Module, ms *yang.Modules) string {
	if prefix == "" || (m.Prefix != nil && prefix == m.Prefix.Name) {
		return m.Name
	}
	for _, im := range m.Import {
		if im.Prefix != nil && im.Prefix.Name == prefix {
			return im.Name
		}
	}
	return prefix
}

// isState reports whether path is under a state container: operational
// data, which no edit can touch, so the profile need not keep it.
func isState(path string) bool {
	for seg := range strings.SplitSeq(path, "/") {
		if _, local, ok := strings.Cut(seg, ":"); ok {
			seg = local
		}
		if seg == "state" {
			return true
		}
	}
	return false
}

// localPath strips module prefixes: "/a:x/y/b:z" becomes "/x/y/z".
func localPath(p string) string {
	parts := strings.Split(p, "/")
	for i, seg := range parts {
		if _, local, ok := strings.Cut(seg, ":"); ok {
			parts[i] = local
		}
	}
	return strings.Join(parts, "/")
}

// collectRetyped records a deviation replacing the type of a leaf of an
// unvendored OpenConfig module (see Options.UnvendoredOpenConfig).
func (s *schema) collectRetyped(path string, d *yang.Deviation) {
	top, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), ":")
	if isState(path) || !slices.Contains(s.unvendored, top) {
		return
	}
	s.retyped = append(s.retyped, profiles.Unsupported{Path: path, Source: location(d.Source)})
}

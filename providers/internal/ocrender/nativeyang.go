package ocrender

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/yangjson"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
)

// nativeYANG merges the native.yang blocks into the native subtrees, in
// order (a later block's leaf wins). A block leaf that the structured
// intent also sets (through a native route, or over OpenConfig where the
// two models name the same setting) is an error naming both.
func (s *render) nativeYANG() {
	n := s.cfg.Native
	if n == nil || len(n.YANG) == 0 {
		return
	}
	if s.prof == nil || s.prof.Native == nil {
		release := "its release"
		if s.prof != nil {
			release = s.prof.ID()
		}
		s.unsupported("native.yang", "native.yang", "%s has no native YANG schema in switchyard's profiles, so native.yang blocks cannot be checked or pushed", release)
		return
	}
	routed := slices.Clone(s.origins)
	for i, block := range n.YANG {
		at := fmt.Sprintf("native.yang[%d]", i)
		for _, k := range slices.Sorted(mapKeys(block)) {
			if !strings.Contains(k, ":") {
				s.errs = append(s.errs, models.FieldError{Path: at + "." + k,
					Message: "a top-level member must be module-qualified (Cisco-IOS-XE-native:native, Cisco-IOS-XR-um-ntp-cfg:ntp)"})
				return
			}
		}
		block, ok := s.nativeSecrets(block, at)
		if !ok {
			continue
		}
		norm := yangjson.NormalizeTree(s.prof, block)
		for _, l := range s.leafOrigins(norm, at) {
			other := routedAt(routed, l.Path)
			if other == "" {
				other = s.openconfigTwin(l.Path)
			}
			if other != "" {
				s.errs = append(s.errs, models.FieldError{Path: l.Intent,
					Message: fmt.Sprintf("sets %s, which the structured intent at %s also sets; keep one", l.Path, other)})
				continue
			}
			s.origins = append(s.origins, l)
		}
		s.nativeTree = yangjson.Merge(s.prof, s.nativeTree, norm)
		if s.ownNative {
			s.ownLists(norm)
		}
	}
}

// ownLists records the paths (without keys) of the lists block sets, for
// authoritative native.yang.
func (s *render) ownLists(block map[string]any) {
	var walk func(v any, sch *profiles.Node, path string)
	walk = func(v any, sch *profiles.Node, path string) {
		if sch == nil {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				_, local, ok := strings.Cut(k, ":")
				if !ok {
					local = k
				}
				cs := sch.Children[local]
				if path == "" {
					cs, local = s.prof.NativeTop(k), k
				}
				walk(c, cs, path+"/"+local)
			}
		case []any:
			if !sch.List || sch.IsLeaf() {
				return
			}
			if !slices.Contains(s.nativeOwned, path) {
				s.nativeOwned = append(s.nativeOwned, path)
			}
			for _, it := range x {
				walk(it, sch, path)
			}
		}
	}
	walk(block, s.prof.Native, "")
	slices.Sort(s.nativeOwned)
}

// routedAt returns the intent of the routed path that p lies at or below.
func routedAt(routed []providers.NativeOrigin, p string) string {
	k := schemaKey(p)
	for _, r := range routed {
		rk := schemaKey(r.Path)
		if k == rk || strings.HasPrefix(k, rk+"/") {
			return r.Intent
		}
	}
	return ""
}

// leafOrigins lists the leaves of tree with their data paths (keys as
// positions: "/native/interface/GigabitEthernet[0]/mtu") and the intent
// path each has under the block at ("native.yang[0].native.interface...").
func (s *render) leafOrigins(tree map[string]any, at string) []providers.NativeOrigin {
	var out []providers.NativeOrigin
	var walk func(v any, sch *profiles.Node, path, intent string)
	walk = func(v any, sch *profiles.Node, path, intent string) {
		switch x := v.(type) {
		case map[string]any:
			if len(x) == 0 {
				out = append(out, providers.NativeOrigin{Path: path, Intent: intent})
			}
			for _, k := range slices.Sorted(mapKeys(x)) {
				var c *profiles.Node
				switch {
				case path == "":
					c = s.prof.NativeTop(k)
				case sch != nil:
					_, local, _ := strings.Cut(k, ":")
					if local == "" {
						local = k
					}
					c = sch.Children[local]
				}
				walk(x[k], c, path+"/"+k, intent+"."+k)
			}
		case []any:
			if sch != nil && sch.List && !sch.IsLeaf() {
				for i, it := range x {
					walk(it, sch, path+entryKeys(sch, it), intent+"["+strconv.Itoa(i)+"]")
				}
				return
			}
			out = append(out, providers.NativeOrigin{Path: path, Intent: intent})
		default:
			out = append(out, providers.NativeOrigin{Path: path, Intent: intent})
		}
	}
	walk(tree, nil, "", at)
	return out
}

// entryKeys is the key predicate of list entry it ("[name=1/0/1]").
func entryKeys(sch *profiles.Node, it any) string {
	m, _ := it.(map[string]any)
	var b strings.Builder
	for _, k := range sch.Keys {
		fmt.Fprintf(&b, "[%s=%s]", k, keyEscape(yangjson.Text(m[k])))
	}
	return b.String()
}

// schemaKey strips module prefixes from a leaf path so that paths of the
// routes and of the blocks compare.
func schemaKey(p string) string {
	parts := strings.Split(p, "/")
	for i, seg := range parts {
		if j := strings.IndexByte(seg, ':'); j >= 0 && (strings.IndexByte(seg, '[') < 0 || j < strings.IndexByte(seg, '[')) {
			parts[i] = seg[j+1:]
		}
	}
	return strings.Join(parts, "/")
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// openconfigTwin returns the intent path of the structured value that sets
// the same device setting over OpenConfig as the native leaf at p, or "".
// It knows the settings switchyard renders that the native models of
// IOS-XE and IOS-XR name too: hostname, domain name, the login method list
// default, and an interface's description, mtu and shutdown.
func (s *render) openconfigTwin(p string) string {
	k := schemaKey(p)
	switch k {
	case "/native/hostname", "/hostname/system-network-name":
		if s.cfg.Hostname != "" {
			return "hostname"
		}
	case "/native/ip/domain/name":
		if s.cfg.DomainName != "" {
			return "domain_name"
		}
	}
	if strings.HasPrefix(k, "/native/aaa/authentication/login[name=default]/") ||
		strings.HasPrefix(k, "/aaa/authentication/login/authentication-list[list-name=default]/") {
		return s.defaultLoginOverOpenConfig()
	}
	rest, ok := strings.CutPrefix(k, "/native/interface/")
	if !ok {
		return ""
	}
	kind, tail, _ := strings.Cut(rest, "[name=")
	number, leaf, _ := strings.Cut(tail, "]/")
	for _, ref := range s.ifaces {
		if ref.name != kind+number {
			continue
		}
		switch {
		case leaf == "description" && ref.in.Description != "":
			return ref.path + ".description"
		case leaf == "mtu" && ref.in.MTU != 0:
			return ref.path + ".mtu"
		case leaf == "shutdown" && ref.in.Enabled != nil:
			return ref.path + ".enabled"
		}
	}
	return ""
}

// secretRef returns the intent path of the first secret reference in v
// (a mapping whose only key is env or file), or "".
func secretRef(v any, at string) string {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			for k, c := range x {
				if _, scalar := c.(string); scalar && (k == "env" || k == "file") {
					return at
				}
			}
		}
		for _, k := range slices.Sorted(mapKeys(x)) {
			if r := secretRef(x[k], at+"."+k); r != "" {
				return r
			}
		}
	case []any:
		for i, it := range x {
			if r := secretRef(it, at+"["+strconv.Itoa(i)+"]"); r != "" {
				return r
			}
		}
	}
	return ""
}

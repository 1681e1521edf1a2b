// Package profilegen derives a platform profile from a YangModels-style
// release folder: the hello files Cisco publishes (capability*.xml,
// netconf-capabilities.xml), the modules and the deviation modules. It keeps
// the facts only (capabilities, modules with revisions and deviations, the
// writable OpenConfig schema after the deviations, every not-supported node
// with the deviation file and line it comes from, the rollback mechanism);
// it never copies a YANG file.
package profilegen

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/openconfig/goyang/pkg/yang"

	"github.com/switchyard/switchyard/profiles"
)

// Options say which release to derive.
type Options struct {
	// Platform and Release name the profile ("iosxe", "17.18.1").
	Platform, Release string
	// Dir is the release folder (modules, deviation modules, hellos).
	Dir string
	// Hello is the hello file inside Dir. Empty: the only capability file
	// of the folder; several are an error that lists them.
	Hello string
	// Source describes Dir for the profile ("YangModels vendor/cisco/xe/17181");
	// empty: the folder's base name.
	Source string
	// ExtraCapabilities are protocol capabilities to add when the published
	// hello leaves them out (IOS-XR publishes modules only). They are
	// recorded in the profile's warnings as supplied, not published.
	ExtraCapabilities []string
	// Native, when set, adds the writable schema of the platform's own
	// modules (Profile.Native).
	Native *NativeOptions
	// UnvendoredOpenConfig are advertised OpenConfig modules switchyard
	// has no generated Go structs for (models/openconfig): their writable
	// schema goes to Profile.Native instead of Profile.Schema, so that
	// their subtrees travel typed by the profile, as native ones do.
	UnvendoredOpenConfig []string
}

// modulePrefix selects the modules whose writable schema the profile keeps.
const modulePrefix = "openconfig-"

// Generate derives the profile.
func Generate(o Options) (*profiles.Profile, error) {
	if o.Platform == "" || o.Release == "" || o.Dir == "" {
		return nil, errors.New("profilegen: platform, release and folder are required")
	}
	helloFile, err := findHello(o.Dir, o.Hello)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(helloFile)
	if err != nil {
		return nil, fmt.Errorf("profilegen: %w", err)
	}
	caps, mods, err := parseHello(data)
	if err != nil {
		return nil, fmt.Errorf("profilegen: %s: %w", helloFile, err)
	}
	p := &profiles.Profile{Platform: o.Platform, Release: o.Release, Capabilities: caps, Modules: mods,
		Source: source(o) + " " + filepath.Base(helloFile)}
	if hw := hardware(filepath.Base(helloFile)); hw != "" {
		p.Hardware = hw
	}
	for _, c := range o.ExtraCapabilities {
		if !slices.Contains(p.Capabilities, c) {
			p.Capabilities = append(p.Capabilities, c)
			p.Warnings = append(p.Warnings, "capability not in the published hello, supplied at import: "+c)
		}
	}
	s, err := buildSchema(o.Dir, mods, o.UnvendoredOpenConfig)
	if err != nil {
		return nil, err
	}
	p.Schema, p.Unsupported, p.Retyped = s.root, s.unsupported, s.retyped
	p.Warnings = append(p.Warnings, s.warnings...)
	if len(s.native.Children) > 0 {
		p.Native = s.native
		p.Warnings = append(p.Warnings, unvendoredWarnings(s.native, o.UnvendoredOpenConfig)...)
	}
	p.Identities = s.identities
	if o.Native != nil {
		ns, err := buildNative(o.Dir, *o.Native, &p.Modules)
		if err != nil {
			return nil, err
		}
		switch {
		case len(ns.root.Children) == 0:
		case p.Native == nil:
			p.Native = ns.root
		default:
			maps.Copy(p.Native.Children, ns.root.Children)
		}
		maps.Copy(p.Identities, ns.identities)
		p.Unsupported = append(p.Unsupported, ns.unsupported...)
		p.Warnings = append(p.Warnings, ns.warnings...)
	}
	if len(p.Identities) == 0 {
		p.Identities = nil
	}
	data, err = p.Marshal()
	if err != nil {
		return nil, err
	}
	out, err := profiles.Parse(data, "generated")
	if err != nil {
		return nil, err
	}
	out.Rollback = rollback(out, o.Dir)
	return out, nil
}

func source(o Options) string {
	if o.Source != "" {
		return o.Source
	}
	return filepath.Base(filepath.Clean(o.Dir))
}

// findHello returns the hello file to read.
func findHello(dir, name string) (string, error) {
	if name != "" {
		return filepath.Join(dir, filepath.Base(name)), nil
	}
	var found []string
	for _, pat := range []string{"capability*.xml", "capabilities*.xml", "netconf-capabilities.xml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		found = append(found, m...)
	}
	slices.Sort(found)
	found = slices.Compact(found)
	switch len(found) {
	case 0:
		return "", fmt.Errorf("profilegen: no hello (capability*.xml, capabilities*.xml, netconf-capabilities.xml) in %s", dir)
	case 1:
		return found[0], nil
	}
	names := make([]string, len(found))
	for i, f := range found {
		names[i] = filepath.Base(f)
	}
	return "", fmt.Errorf("profilegen: %s has several hellos, choose one: %s", dir, strings.Join(names, ", "))
}

// hardware is the variant part of a hello file name: capability-cat9k.xml
// gives cat9k.
func hardware(base string) string {
	s := strings.TrimSuffix(base, ".xml")
	for _, p := range []string{"capabilities-", "capability-"} {
		if v, ok := strings.CutPrefix(s, p); ok {
			return v
		}
	}
	return ""
}

// rollback decides the NETCONF rollback mechanism from the hello: RFC 6241
// confirmed commit when advertised, else IOS-XE's cisco-ia revert timer
// when the release ships cisco-ia with a rollback RPC that takes one.
func rollback(p *profiles.Profile, dir string) profiles.Rollback {
	for _, v := range []string{"1.1", "1.0"} {
		c := "urn:ietf:params:netconf:capability:confirmed-commit:" + v
		if p.HasCapability(c) {
			return profiles.Rollback{NETCONF: profiles.RollbackConfirmedCommit, Detail: c}
		}
	}
	if p.Module("cisco-ia") != nil {
		if loc := revertTimer(dir); loc != "" {
			return profiles.Rollback{NETCONF: profiles.RollbackCiscoIA, Detail: "cisco-ia rpc rollback, leaf revert-timer (" + loc + ")"}
		}
	}
	return profiles.Rollback{NETCONF: profiles.RollbackNone, Detail: "the hello has no :confirmed-commit and no timed rollback RPC"}
}

// revertTimer returns where cisco-ia's rollback RPC declares its
// revert-timer, or "".
func revertTimer(dir string) string {
	ms := yang.NewModules()
	ms.AddPath(dir)
	if err := ms.Read("cisco-ia"); err != nil {
		return ""
	}
	ms.Process()
	m, ok := ms.Modules["cisco-ia"]
	if !ok {
		return ""
	}
	for _, rpc := range m.RPC {
		if rpc.Name != "rollback" || rpc.Input == nil {
			continue
		}
		for _, l := range rpc.Input.Leaf {
			if l.Name == "revert-timer" {
				return location(l.Source)
			}
		}
	}
	return ""
}

// location is "file.yang:line" for a statement.
func location(s *yang.Statement) string {
	if s == nil {
		return "unknown"
	}
	loc := s.Location()
	parts := strings.Split(loc, ":")
	if len(parts) >= 3 {
		return filepath.Base(strings.Join(parts[:len(parts)-2], ":")) + ":" + parts[len(parts)-2]
	}
	return filepath.Base(loc)
}

// FileName is the file a profile is written to: "iosxe-17.18.1.json".
func FileName(p *profiles.Profile) string {
	r := strings.NewReplacer("(", "-", ")", "", "/", "-", " ", "-").Replace(p.Release)
	return p.Platform + "-" + r + ".json"
}

// unvendoredWarnings say, for each unvendored module whose schema went to
// the native schema, why and where.
func unvendoredWarnings(native *profiles.Node, modules []string) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(native.Children)) {
		mod := native.Children[name].Module
		if slices.Contains(modules, mod) {
			out = append(out, fmt.Sprintf("%s (/%s) is kept in the native schema: switchyard has no generated "+
				"OpenConfig structs for it, so its subtrees travel as RFC 7951 trees typed by this profile", mod, name))
		}
	}
	for _, m := range modules {
		if !slices.ContainsFunc(slices.Collect(maps.Values(native.Children)), func(n *profiles.Node) bool { return n.Module == m }) {
			out = append(out, fmt.Sprintf("unvendored OpenConfig module %s is not advertised or has no writable node", m))
		}
	}
	return out
}

package profilegen

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/openconfig/goyang/pkg/yang"

	"github.com/switchyard/switchyard/profiles"
)

// NativeOptions say which part of a platform's own YANG model (IOS-XE
// Cisco-IOS-XE-native, IOS-XR Cisco-IOS-XR-um-*-cfg) the profile keeps.
type NativeOptions struct {
	// Modules are the native modules to read: the modules whose top-level
	// nodes the roots name and the modules that augment them with what the
	// roots keep. A module the hello does not advertise is taken from the
	// yang library file (YangSet) when it lists it, with a warning.
	Modules []string
	// Roots are the schema paths kept, local names from the top
	// ("/native/logging", "/ntp/source"): a node is kept when it is on the
	// way to a root or below one.
	Roots []string
	// YangSet is the ietf-yang-library reply of the same hardware
	// (yang-set-<hw>.xml), read for modules the published hello omits.
	YangSet string
}

// buildNative parses the native modules with the deviations that apply to
// them and returns their writable schema restricted to the roots.
func buildNative(dir string, o NativeOptions, mods *[]profiles.Module) (*schema, error) {
	s := &schema{root: &profiles.Node{Children: map[string]*profiles.Node{}}, isNative: true, roots: o.Roots,
		isTarget:   func(module string) bool { return slices.Contains(o.Modules, module) },
		identities: map[string]string{}}
	if err := addFromYangSet(dir, o, mods, s); err != nil {
		return nil, err
	}
	byName := map[string]profiles.Module{}
	for _, m := range *mods {
		byName[m.Name] = m
	}
	ms := yang.NewModules()
	ms.AddPath(dir)
	devs := map[string]bool{}
	var selected []string
	for _, name := range o.Modules {
		m, ok := byName[name]
		if !ok {
			s.warnings = append(s.warnings, fmt.Sprintf("native module %s is advertised neither by the hello nor by the yang library", name))
			continue
		}
		if err := ms.Read(name); err != nil {
			s.warnings = append(s.warnings, fmt.Sprintf("native module %s is advertised but not published in the folder: %v", name, err))
			continue
		}
		selected = append(selected, name)
		for _, d := range m.Deviations {
			devs[d] = true
		}
	}
	if len(selected) == 0 {
		// A folder without the platform's native YANG (a lab export of
		// OpenConfig only): a profile without native routes.
		s.warnings = append(s.warnings, "no native module could be read: the release takes no native route")
		return s, nil
	}
	s.load(ms, dir, selected, devs, "deviation module %s is named but not published in the folder")
	return s, nil
}

// addFromYangSet adds to mods the native modules the hello omits that the
// yang library lists (with their deviations, and the deviation modules).
func addFromYangSet(dir string, o NativeOptions, mods *[]profiles.Module, s *schema) error {
	var missing []string
	for _, name := range o.Modules {
		if !slices.ContainsFunc(*mods, func(m profiles.Module) bool { return m.Name == name }) {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 || o.YangSet == "" {
		return nil
	}
	file := filepath.Join(dir, filepath.Base(o.YangSet))
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("profilegen: %w", err)
	}
	lib, err := parseYangLibrary(data)
	if err != nil {
		return fmt.Errorf("profilegen: %s: %w", file, err)
	}
	add := func(m profiles.Module) {
		if !slices.ContainsFunc(*mods, func(x profiles.Module) bool { return x.Name == m.Name }) {
			*mods = append(*mods, m)
		}
	}
	for _, name := range missing {
		m, ok := lib[name]
		if !ok {
			continue
		}
		add(m)
		s.warnings = append(s.warnings, fmt.Sprintf("module %s is not in the published hello; taken from %s", name, filepath.Base(file)))
		for _, d := range m.Deviations {
			if dm, ok := lib[d]; ok {
				add(dm)
			}
		}
	}
	slices.SortFunc(*mods, func(a, b profiles.Module) int { return strings.Compare(a.Name, b.Name) })
	return nil
}

// onRoot reports whether the schema path p (local names) leads to one of
// roots or lies below one. No roots keeps everything.
func onRoot(roots []string, p string) bool {
	if len(roots) == 0 {
		return true
	}
	for _, r := range roots {
		if r == p || strings.HasPrefix(r, p+"/") || strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}

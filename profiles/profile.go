package profiles

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Rollback mechanisms a release offers over NETCONF (Profile.Rollback.NETCONF).
const (
	// RollbackConfirmedCommit is RFC 6241 confirmed commit (:confirmed-commit).
	RollbackConfirmedCommit = "confirmed-commit"
	// RollbackCiscoIA is IOS-XE's cisco-ia module: a checkpoint, then
	// `rollback` with a revert timer (minutes 1-120) that a `revert`
	// cancels or brings forward.
	RollbackCiscoIA = "cisco-ia-revert-timer"
	// RollbackNone means the release offers no device-side timer over NETCONF.
	RollbackNone = "none"
)

// Profile is one platform release. It is immutable once loaded and safe for
// concurrent use.
type Profile struct {
	// Platform is the switchyard platform name (iosxe, iosxr, nxos, ios).
	Platform string `json:"platform"`
	// Release is the release as Cisco writes it ("17.18.1", "10.6(3)").
	Release string `json:"release"`
	// Hardware names the hello variant the profile was made from ("cat9k").
	Hardware string `json:"hardware,omitempty"`
	// Source says where the facts come from (folder and hello file).
	Source string `json:"source"`
	// Capabilities are the NETCONF protocol capabilities of the hello
	// (urn:ietf:params:netconf:...), in the order the device sends them.
	Capabilities []string `json:"capabilities"`
	// Modules are the YANG modules the hello advertises, sorted by name.
	Modules []Module `json:"modules"`
	// Rollback is how a pushed change reverts by itself on this release.
	Rollback Rollback `json:"rollback"`
	// Unsupported are the nodes of the OpenConfig modules (and of the
	// native subtrees kept) that the release's deviation modules mark
	// not-supported, sorted by path.
	Unsupported []Unsupported `json:"unsupported"`
	// Retyped are the leaves of the unvendored OpenConfig modules in
	// Native whose type a deviation replaces (`deviate replace { type … }`),
	// with the deviation's file and line, so that a value the new type
	// refuses names it. Sorted by path.
	Retyped []Unsupported `json:"retyped,omitempty"`
	// Schema is the writable (config true) tree of the advertised
	// OpenConfig modules, with the deviations applied.
	Schema *Node `json:"schema"`
	// Native is the writable tree of the platform's own modules
	// (Cisco-IOS-XE-native, Cisco-IOS-XR-um-*-cfg), and of the advertised
	// OpenConfig modules switchyard has no generated structs for
	// (openconfig-spanning-tree on NX-OS), after the deviations,
	// restricted to the subtrees switchyard routes intent to and checks
	// native.yang blocks against; nil when the profile has none.
	Native *Node `json:"native,omitempty"`
	// Identities are the namespaces of the modules that define the
	// identities identityref leaves of Native take (module name ->
	// namespace), advertised or not: NX-OS 10.6(3) advertises
	// openconfig-spanning-tree but not openconfig-spanning-tree-types.
	// Such a leaf's Type lists the identities it takes
	// ("identityref openconfig-spanning-tree-types:MSTP|…").
	Identities map[string]string `json:"identities,omitempty"`
	// Shared are subtrees of Native stored once (see Compact); a file
	// references them by id, Parse puts them back in place.
	Shared map[string]*Node `json:"shared,omitempty"`
	// Warnings are problems the generator met (a module file missing from
	// the published folder, a deviation whose target does not exist).
	Warnings []string `json:"warnings,omitempty"`

	// Origin is "shipped" or the file the profile was read from.
	Origin string             `json:"-"`
	ns     map[string]*Module // namespace -> module
	byName map[string]*Module
	// deviated indexes Unsupported by local-name schema path; emptied
	// holds every strict ancestor of those paths.
	deviated map[string]*Unsupported
	emptied  map[string]bool
	// retyped indexes Retyped by local-name schema path.
	retyped map[string]*Unsupported
	// data is DataModules, computed once.
	data []string
}

// Module is one advertised YANG module.
type Module struct {
	Name       string   `json:"name"`
	Revision   string   `json:"revision,omitempty"`
	Namespace  string   `json:"namespace"`
	Deviations []string `json:"deviations,omitempty"`
	Features   []string `json:"features,omitempty"`
}

// Rollback names the rollback mechanism of each transport.
type Rollback struct {
	// NETCONF is one of the Rollback* constants.
	NETCONF string `json:"netconf"`
	// Detail says what the mechanism rests on (capability, module, RPC).
	Detail string `json:"detail,omitempty"`
}

// Unsupported is one node removed by a `deviate not-supported`.
type Unsupported struct {
	// Path is the schema path, module-qualified where the module changes
	// ("/openconfig-system:system/ntp/servers").
	Path string `json:"path"`
	// Source is the deviation module file and line ("x-deviations.yang:42").
	Source string `json:"source"`
}

// Node is a node of the writable schema. Containers have Children only;
// lists have Keys too; leaves and leaf-lists have a Type.
type Node struct {
	// Module is set where the node's module differs from its parent's.
	Module string   `json:"m,omitempty"`
	Keys   []string `json:"k,omitempty"`
	List   bool     `json:"l,omitempty"`
	Type   string   `json:"t,omitempty"`
	// Ref names a subtree of Profile.Shared this node is (in files only).
	Ref string `json:"r,omitempty"`
	// Presence marks a presence container (meaningful when empty).
	Presence bool             `json:"p,omitempty"`
	Children map[string]*Node `json:"c,omitempty"`
}

// IsLeaf reports whether n is a leaf or a leaf-list.
func (n *Node) IsLeaf() bool { return n.Type != "" }

// ID is "platform release", the name a profile is known by.
func (p *Profile) ID() string { return p.Platform + " " + p.Release }

// Module returns the advertised module called name, or nil.
func (p *Profile) Module(name string) *Module { return p.byName[name] }

// ModuleByNamespace returns the advertised module with namespace ns, or nil.
func (p *Profile) ModuleByNamespace(ns string) *Module { return p.ns[ns] }

// HasCapability reports whether the hello carries the protocol capability
// uri (compared without its query string).
func (p *Profile) HasCapability(uri string) bool {
	for _, c := range p.Capabilities {
		if base, _, _ := strings.Cut(c, "?"); base == uri {
			return true
		}
	}
	return false
}

// Hello returns every capability URI the device sends: the protocol
// capabilities, then one per module (namespace?module=…&revision=…
// &deviations=…), as RFC 6020 §5.6.4 spells them.
func (p *Profile) Hello() []string {
	out := slices.Clone(p.Capabilities)
	for _, m := range p.Modules {
		u := m.Namespace + "?module=" + m.Name
		if m.Revision != "" {
			u += "&revision=" + m.Revision
		}
		if len(m.Features) > 0 {
			u += "&features=" + strings.Join(m.Features, ",")
		}
		if len(m.Deviations) > 0 {
			u += "&deviations=" + strings.Join(m.Deviations, ",")
		}
		out = append(out, u)
	}
	return out
}

// Parse decodes a profile file and checks that it is complete.
func Parse(data []byte, origin string) (*Profile, error) {
	var p Profile
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("profile %s: %w", origin, err)
	}
	p.Origin = origin
	if err := p.init(); err != nil {
		return nil, fmt.Errorf("profile %s: %w", origin, err)
	}
	return &p, nil
}

// Marshal encodes p as the profile file format (indented JSON; the schema
// tree on few lines so that files stay reviewable).
func (p *Profile) Marshal() ([]byte, error) {
	q := *p
	q.Compact()
	return json.MarshalIndent(&q, "", " ")
}

func (p *Profile) init() error {
	switch {
	case p.Platform == "" || p.Release == "":
		return fmt.Errorf("platform and release are required")
	case p.Schema == nil:
		return fmt.Errorf("schema is missing")
	}
	if err := p.expand(); err != nil {
		return err
	}
	p.ns = make(map[string]*Module, len(p.Modules))
	p.byName = make(map[string]*Module, len(p.Modules))
	for i := range p.Modules {
		m := &p.Modules[i]
		p.byName[m.Name] = m
		if m.Namespace != "" {
			p.ns[m.Namespace] = m
		}
	}
	slices.SortFunc(p.Unsupported, func(a, b Unsupported) int { return cmp.Compare(a.Path, b.Path) })
	p.deviated = make(map[string]*Unsupported, len(p.Unsupported))
	p.emptied = map[string]bool{}
	for i := range p.Unsupported {
		lp := localPath(p.Unsupported[i].Path)
		if _, dup := p.deviated[lp]; !dup {
			p.deviated[lp] = &p.Unsupported[i]
		}
		for j := strings.LastIndexByte(lp, '/'); j > 0; j = strings.LastIndexByte(lp[:j], '/') {
			p.emptied[lp[:j]] = true
		}
	}
	p.retyped = make(map[string]*Unsupported, len(p.Retyped))
	for i := range p.Retyped {
		p.retyped[localPath(p.Retyped[i].Path)] = &p.Retyped[i]
	}
	p.data = p.dataModules()
	return nil
}

// DataModules returns the modules that own nodes of the writable schema
// (the modules an edit can put data in), sorted.
func (p *Profile) DataModules() []string { return slices.Clone(p.data) }

func (p *Profile) dataModules() []string {
	seen := map[string]bool{}
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.Module != "" {
			seen[n.Module] = true
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(p.Schema)
	if p.Native != nil {
		walk(p.Native)
	}
	out := make([]string, 0, len(seen))
	for m := range seen {
		out = append(out, m)
	}
	slices.Sort(out)
	return out
}

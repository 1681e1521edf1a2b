package profiles

import (
	"strings"
	"sync"

	"github.com/openconfig/goyang/pkg/yang"
)

// NativeTop returns the node of the native schema for the top-level member
// name of an RFC 7951 tree ("Cisco-IOS-XE-native:native"), or nil when
// the profile has no such native subtree.
func (p *Profile) NativeTop(member string) *Node {
	if p == nil || p.Native == nil {
		return nil
	}
	mod, local, ok := strings.Cut(member, ":")
	if !ok {
		return nil
	}
	n := p.Native.Children[local]
	if n == nil || n.Module != mod {
		return nil
	}
	return n
}

// IsNativeNamespace reports whether ns is the namespace of a module that
// holds a top-level node of the native schema.
func (p *Profile) IsNativeNamespace(ns string) bool {
	m := p.ModuleByNamespace(ns)
	if m == nil || p.Native == nil {
		return false
	}
	for _, c := range p.Native.Children {
		if c.Module == m.Name {
			return true
		}
	}
	return false
}

// nativeEntries caches the goyang form of each profile's native schema.
var nativeEntries sync.Map // *Profile -> *yang.Entry

// NativeEntry returns the native schema as a goyang entry tree (containers,
// presence containers with their container statement as Node, lists with
// their keys, leaves with their base type), the form the
// differ walks. It is built once per profile; nil when the profile has no
// native schema.
func (p *Profile) NativeEntry() *yang.Entry {
	if p == nil || p.Native == nil {
		return nil
	}
	if e, ok := nativeEntries.Load(p); ok {
		return e.(*yang.Entry)
	}
	e := toEntry("", p.Native, nil, map[*Node]*yang.Entry{})
	actual, _ := nativeEntries.LoadOrStore(p, e)
	return actual.(*yang.Entry)
}

// toEntry converts n. Shared subtrees convert once per parent chain is not
// needed: entries only point down, so a shared node may share its entry
// except for Parent, which the differ does not use.
func toEntry(name string, n *Node, parent *yang.Entry, done map[*Node]*yang.Entry) *yang.Entry {
	if e, ok := done[n]; ok {
		return e
	}
	e := &yang.Entry{Name: name, Parent: parent}
	switch {
	case n.IsLeaf():
		e.Kind = yang.LeafEntry
		kind, _, _ := strings.Cut(n.Type, " ")
		e.Type = &yang.YangType{Name: kind, Kind: yangKind(kind)}
		if n.List {
			e.ListAttr = &yang.ListAttr{}
		}
	default:
		e.Kind = yang.DirectoryEntry
		e.Dir = make(map[string]*yang.Entry, len(n.Children))
		if n.List {
			e.ListAttr = &yang.ListAttr{}
			e.Key = strings.Join(n.Keys, " ")
		}
		if n.Presence {
			// as goyang has it: the container statement with its presence
			e.Node = &yang.Container{Name: name, Presence: &yang.Value{Name: "true"}}
		}
		done[n] = e
		for cn, c := range n.Children {
			e.Dir[cn] = toEntry(cn, c, e, done)
		}
	}
	return e
}

func yangKind(name string) yang.TypeKind {
	for k, n := range yang.TypeKindToName {
		if n == name {
			return k
		}
	}
	return yang.Ystring
}

// IdentityNamespace returns the namespace of module mod for an identity
// value ("mod:NAME"): the advertised module's, else the one Identities
// records; "" when neither knows it.
func (p *Profile) IdentityNamespace(mod string) string {
	if m := p.Module(mod); m != nil {
		return m.Namespace
	}
	return p.Identities[mod]
}

// IsPlatformNative reports whether the profile's native schema holds a
// module of the platform's own model (not only unvendored OpenConfig
// modules, whose names start with "openconfig-").
func (p *Profile) IsPlatformNative() bool {
	if p == nil || p.Native == nil {
		return false
	}
	for _, c := range p.Native.Children {
		if !strings.HasPrefix(c.Module, "openconfig-") {
			return true
		}
	}
	return false
}

// Deviation returns the not-supported deviation that removes the schema
// node at schemaPath (local names, "/stp/global/config/enabled-protocol")
// or its nearest ancestor, or nil.
func (p *Profile) Deviation(schemaPath string) *Unsupported {
	return p.deviation(localPath(schemaPath))
}

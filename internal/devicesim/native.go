package devicesim

import (
	"encoding/xml"

	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/profiles"
)

// nativeSchema is the Schema of a release simulator whose profile has a
// native schema: list keys and validation of the native subtrees come from
// the profile (their leaves were checked against it when edited, see
// checkRelease), the rest from the inner schema.
type nativeSchema struct {
	inner Schema
	p     *profiles.Profile
}

// withNative wraps s when the release has native subtrees.
func withNative(s Schema, p *profiles.Profile) Schema {
	if p == nil || p.Native == nil {
		return s
	}
	return nativeSchema{inner: s, p: p}
}

// ListKeys answers for native paths from the profile's native schema.
func (s nativeSchema) ListKeys(path []xml.Name) []string {
	if len(path) == 0 || !s.p.IsNativeNamespace(path[0].Space) {
		return s.inner.ListKeys(path)
	}
	n := s.p.Native
	for _, name := range path {
		if n = n.Children[name.Local]; n == nil {
			return nil
		}
	}
	switch {
	case n.IsLeaf() && n.List:
		return []string{LeafListKey}
	case n.List:
		return n.Keys
	}
	return nil
}

// Validate validates the OpenConfig part with the inner schema.
func (s nativeSchema) Validate(root *xmltree.Element) error {
	if root == nil {
		return s.inner.Validate(root)
	}
	oc := &xmltree.Element{Name: root.Name, Attrs: root.Attrs}
	for _, c := range root.Children {
		if !s.p.IsNativeNamespace(c.Name.Space) {
			oc.Children = append(oc.Children, c)
		}
	}
	return s.inner.Validate(oc)
}

// IsDeterministic is the inner schema's answer.
func (s nativeSchema) IsDeterministic() bool {
	ds, ok := s.inner.(DeterministicSchema)
	return ok && ds.IsDeterministic()
}

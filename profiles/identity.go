package profiles

import (
	"encoding/xml"
	"strings"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// Identity returns the RFC 7951 value ("module:IDENTITY") of an identityref
// written as text ("prefix:IDENTITY" in XML, whatever the prefix, or the
// bare name) for a leaf of type typ ("identityref module:A|module:B"): the
// identity of that name the type lists. ok is false when typ lists none of
// that name.
func Identity(typ, text string) (value string, ok bool) {
	kind, spec, _ := strings.Cut(typ, " ")
	if kind != "identityref" || spec == "" {
		return "", false
	}
	name := text
	if _, n, found := strings.Cut(text, ":"); found {
		name = n
	}
	for id := range strings.SplitSeq(spec, "|") {
		if _, idName, found := strings.Cut(id, ":"); found && idName == name {
			return id, true
		}
	}
	return "", false
}

// CanonicalIdentities rewrites, in the native nodes of a payload, every
// identityref leaf the native schema types to its canonical form: the
// identity's module as prefix, declared on the leaf with the module's
// namespace. A device stores identities, not the sender's prefixes; so
// does a simulator that calls this before storing an edit.
func (p *Profile) CanonicalIdentities(nodes []*xmltree.Element) {
	if p.Native == nil {
		return
	}
	for _, e := range nodes {
		if p.IsNativeNamespace(e.Name.Space) {
			p.canonicalIdentities(e, p.Native.Children[e.Name.Local])
		}
	}
}

func (p *Profile) canonicalIdentities(e *xmltree.Element, n *Node) {
	if n == nil {
		return
	}
	if !n.IsLeaf() {
		for _, c := range e.Children {
			p.canonicalIdentities(c, n.Children[c.Name.Local])
		}
		return
	}
	v, ok := Identity(n.Type, strings.TrimSpace(e.Text))
	if !ok {
		return
	}
	mod, _, _ := strings.Cut(v, ":")
	ns := p.IdentityNamespace(mod)
	if ns == "" {
		return
	}
	e.Text = v
	attrs := []xml.Attr{{Name: xml.Name{Space: "xmlns", Local: mod}, Value: ns}}
	for _, a := range e.Attrs {
		if a.Name.Space != "xmlns" {
			attrs = append(attrs, a)
		}
	}
	e.Attrs = attrs
}

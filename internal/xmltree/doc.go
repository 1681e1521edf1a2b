// Package xmltree is the small, namespace-aware XML element tree that the
// device simulator keeps in its datastores and that internal/ocxml converts to
// and from ygot GoStructs.
//
// An Element has a namespace-qualified name, attributes, character data and
// ordered children. Mixed content is not kept: an element with children has no
// text. Namespace declarations (xmlns, xmlns:p) are not kept as attributes;
// names carry the namespace URI instead, and Marshal declares namespaces again
// where they change, so the output is canonical: equal trees give equal bytes.
package xmltree

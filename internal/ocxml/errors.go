package ocxml

import "fmt"

// Error tags of RFC 6241 Appendix A that Unmarshal and Schema.Validate set.
const (
	// TagUnknownElement: an element that the schema does not have at its
	// position.
	TagUnknownElement = "unknown-element"
	// TagUnknownNamespace: an element whose local name the schema has at
	// its position, but in another namespace.
	TagUnknownNamespace = "unknown-namespace"
	// TagBadElement: a container with text, a leaf with children, or a
	// list entry that appears twice.
	TagBadElement = "bad-element"
	// TagInvalidValue: a leaf value that does not parse as its type or
	// violates a YANG restriction.
	TagInvalidValue = "invalid-value"
	// TagMissingElement: a list entry without one of its key leaves.
	TagMissingElement = "missing-element"
	// TagOperationFailed: a schema validation failure that cannot be tied to
	// a single leaf.
	TagOperationFailed = "operation-failed"
)

// Error is a problem with an XML document, found while decoding or
// validating it. Schema.Validate returns it so that a NETCONF server can
// fill in rpc-error's error-tag, error-path and error-message.
type Error struct {
	// Tag is an RFC 6241 error-tag, one of the Tag constants.
	Tag string
	// Path locates the offending element by local names with list keys,
	// e.g. /interfaces/interface[name=Gi1]/config/mtu. It is empty when the
	// problem concerns the whole document.
	Path string
	// XPath is Path as an XPath expression with namespace prefixes, for
	// error-path, e.g. /oc-if:interfaces/oc-if:interface[oc-if:name='Gi1'];
	// Namespaces maps its prefixes to namespace URIs.
	XPath      string
	Namespaces map[string]string
	// Message says what is wrong, without the path.
	Message string
}

// Error implements error as "path: message".
func (e *Error) Error() string {
	if e.Path == "" {
		return "ocxml: " + e.Message
	}
	return fmt.Sprintf("ocxml: %s: %s", e.Path, e.Message)
}

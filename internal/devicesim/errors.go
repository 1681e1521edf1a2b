package devicesim

import (
	"encoding/xml"
	"errors"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// Namespaces used on the wire.
const (
	// NSBase is the NETCONF base namespace of RFC 6241.
	NSBase = "urn:ietf:params:xml:ns:netconf:base:1.0"
)

// ErrFraming is returned by the frame reader when the peer breaks RFC 6242
// framing; the server then closes the session.
var ErrFraming = errors.New("netconf framing error")

// ErrClosed is returned by Fleet methods after Close.
var ErrClosed = errors.New("devicesim: closed")

// Error types of RFC 6241 Appendix A.
const (
	ErrTypeTransport   = "transport"
	ErrTypeRPC         = "rpc"
	ErrTypeProtocol    = "protocol"
	ErrTypeApplication = "application"
)

// Error tags of RFC 6241 Appendix A that the simulator returns.
const (
	TagInUse                 = "in-use"
	TagInvalidValue          = "invalid-value"
	TagMissingAttribute      = "missing-attribute"
	TagBadAttribute          = "bad-attribute"
	TagUnknownElement        = "unknown-element"
	TagMissingElement        = "missing-element"
	TagBadElement            = "bad-element"
	TagUnknownNamespace      = "unknown-namespace"
	TagAccessDenied          = "access-denied"
	TagLockDenied            = "lock-denied"
	TagDataExists            = "data-exists"
	TagDataMissing           = "data-missing"
	TagOperationNotSupported = "operation-not-supported"
	TagOperationFailed       = "operation-failed"
	TagMalformedMessage      = "malformed-message"
)

// RPCError is one <rpc-error> of RFC 6241 §4.3. It is also the error type
// that a Schema returns to set the error-path and error-tag of a validation
// failure; other errors from a Schema become operation-failed.
type RPCError struct {
	// Type is the error-type; empty means application.
	Type string
	// Tag is the error-tag; empty means operation-failed (or invalid-value
	// for a Schema error).
	Tag string
	// Severity is "error" (the default when empty) or "warning".
	Severity string
	// AppTag is the optional error-app-tag.
	AppTag string
	// Path is the error-path, an XPath expression; Namespaces declares its
	// prefixes (prefix to URI).
	Path       string
	Namespaces map[string]string
	// Message is the human-readable error-message.
	Message string
	// Info holds the children of error-info (e.g. session-id, bad-element).
	Info []*xmltree.Element
}

// Error implements error.
func (e *RPCError) Error() string {
	var b strings.Builder
	b.WriteString(e.tag())
	if e.Path != "" {
		b.WriteString(" at " + e.Path)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	return b.String()
}

func (e *RPCError) tag() string {
	if e.Tag == "" {
		return TagOperationFailed
	}
	return e.Tag
}

// element renders e as an <rpc-error> element.
func (e *RPCError) element() *xmltree.Element {
	typ, sev := e.Type, e.Severity
	if typ == "" {
		typ = ErrTypeApplication
	}
	if sev == "" {
		sev = "error"
	}
	el := xmltree.New(NSBase, "rpc-error",
		xmltree.NewLeaf(NSBase, "error-type", typ),
		xmltree.NewLeaf(NSBase, "error-tag", e.tag()),
		xmltree.NewLeaf(NSBase, "error-severity", sev))
	if e.AppTag != "" {
		el.Children = append(el.Children, xmltree.NewLeaf(NSBase, "error-app-tag", e.AppTag))
	}
	if e.Path != "" {
		p := xmltree.NewLeaf(NSBase, "error-path", e.Path)
		for _, prefix := range sortedKeys(e.Namespaces) {
			p.Attrs = append(p.Attrs, xml.Attr{
				Name: xml.Name{Space: "xmlns", Local: prefix}, Value: e.Namespaces[prefix]})
		}
		el.Children = append(el.Children, p)
	}
	if e.Message != "" {
		m := xmltree.NewLeaf(NSBase, "error-message", e.Message)
		m.Attrs = []xml.Attr{{Name: xml.Name{Space: "http://www.w3.org/XML/1998/namespace", Local: "lang"}, Value: "en"}}
		el.Children = append(el.Children, m)
	}
	if len(e.Info) > 0 {
		el.Children = append(el.Children, xmltree.New(NSBase, "error-info", e.Info...))
	}
	return el
}

// newError builds an RPCError of type typ and tag with a message.
func newError(typ, tag, msg string) *RPCError {
	return &RPCError{Type: typ, Tag: tag, Message: msg}
}

// withInfo appends error-info leaves (name, value pairs) in the base namespace.
func (e *RPCError) withInfo(kv ...string) *RPCError {
	for i := 0; i+1 < len(kv); i += 2 {
		e.Info = append(e.Info, xmltree.NewLeaf(NSBase, kv[i], kv[i+1]))
	}
	return e
}

// lockDenied is the lock-denied error naming the session that holds the lock.
func lockDenied(holder uint32, msg string) *RPCError {
	return newError(ErrTypeProtocol, TagLockDenied, msg).
		withInfo("session-id", strconv.FormatUint(uint64(holder), 10))
}

// inUse is the in-use error naming the session that holds the resource.
func inUse(holder uint32, msg string) *RPCError {
	return newError(ErrTypeProtocol, TagInUse, msg).
		withInfo("session-id", strconv.FormatUint(uint64(holder), 10))
}

// notSupported is the operation-not-supported error for op.
func notSupported(msg string) *RPCError {
	return newError(ErrTypeProtocol, TagOperationNotSupported, msg)
}

// missingElement is the missing-element error for a required parameter.
func missingElement(name, msg string) *RPCError {
	return newError(ErrTypeProtocol, TagMissingElement, msg).withInfo("bad-element", name)
}

// invalidValue is the invalid-value error for a bad parameter value.
func invalidValue(msg string) *RPCError {
	return newError(ErrTypeProtocol, TagInvalidValue, msg)
}

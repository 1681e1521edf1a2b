package netconf

import (
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/internal/transport/sshauth"
	"strings"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// Sentinel errors. Dial and the Session methods wrap them with the device
// address and the operation; test for them with errors.Is.
var (
	// ErrHostKeyUnknown is returned by Dial when the known_hosts file has no
	// key for the device. Add the device's key to the file (after checking
	// its fingerprint out of band) and dial again.
	ErrHostKeyUnknown = sshauth.ErrHostKeyUnknown
	// ErrHostKeyChanged is returned by Dial when the device presents a key
	// other than the one in the known_hosts file: either the device was
	// replaced or re-keyed, or someone is impersonating it.
	ErrHostKeyChanged = sshauth.ErrHostKeyChanged
	// ErrAuthFailed is returned by Dial when the device refused the
	// credentials (the credentials themselves are never part of the error).
	ErrAuthFailed = sshauth.ErrAuthFailed
	// ErrClosed is returned by Session methods called after Close.
	ErrClosed = errors.New("netconf session is closed")
	// ErrBroken is returned by Session methods after the SSH connection
	// failed or an operation was abandoned; the session must be closed and
	// a new one dialled.
	ErrBroken = errors.New("netconf session is broken")
	// ErrUnsupported is returned, before anything is sent, for a request
	// that needs a capability the server did not advertise.
	ErrUnsupported = errors.New("not supported by the server")
	// ErrBadReply is returned when the server's reply is not a well-formed
	// <rpc-reply>.
	ErrBadReply = errors.New("malformed rpc-reply")
	// ErrInvalidArgument is returned, before anything is sent, for a
	// request the caller built wrongly (unknown datastore, option value).
	ErrInvalidArgument = errors.New("invalid argument")
)

// Error tags of RFC 6241 Appendix A.
const (
	TagInUse                 = "in-use"
	TagInvalidValue          = "invalid-value"
	TagTooBig                = "too-big"
	TagMissingAttribute      = "missing-attribute"
	TagBadAttribute          = "bad-attribute"
	TagUnknownAttribute      = "unknown-attribute"
	TagMissingElement        = "missing-element"
	TagBadElement            = "bad-element"
	TagUnknownElement        = "unknown-element"
	TagUnknownNamespace      = "unknown-namespace"
	TagAccessDenied          = "access-denied"
	TagLockDenied            = "lock-denied"
	TagResourceDenied        = "resource-denied"
	TagRollbackFailed        = "rollback-failed"
	TagDataExists            = "data-exists"
	TagDataMissing           = "data-missing"
	TagOperationNotSupported = "operation-not-supported"
	TagOperationFailed       = "operation-failed"
	TagMalformedMessage      = "malformed-message"
)

// RPCError is one <rpc-error> of a server reply (RFC 6241 §4.3).
type RPCError struct {
	// Type is the error-type: transport, rpc, protocol or application.
	Type string
	// Tag is the error-tag, one of the TagX constants.
	Tag string
	// Severity is "error" or "warning".
	Severity string
	// AppTag is the error-app-tag, "" when absent.
	AppTag string
	// Path is the error-path, an XPath expression naming the node the
	// error is about; "" when absent.
	Path string
	// PathNamespaces maps the prefixes in scope at the error-path element
	// to their namespace URIs, so Path can be resolved.
	PathNamespaces map[string]string
	// Message is the human-readable error-message, "" when absent.
	Message string
	// Info maps the local name of each leaf child of error-info to its text
	// (for example "session-id", "bad-element"); nil when there is none.
	Info map[string]string
	// RawInfo holds the children of error-info as parsed.
	RawInfo []*xmltree.Element
}

// Error returns "TAG [at PATH]: MESSAGE [(info)]".
func (e *RPCError) Error() string {
	var b strings.Builder
	b.WriteString(e.Tag)
	if e.Severity == "warning" {
		b.WriteString(" (warning)")
	}
	if e.Path != "" {
		b.WriteString(" at " + e.Path)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if id := e.Info["session-id"]; id != "" {
		b.WriteString(" (session-id " + id + ")")
	}
	if el := e.Info["bad-element"]; el != "" {
		b.WriteString(" (bad-element " + el + ")")
	}
	return b.String()
}

// SessionID returns the session-id of the error-info, which names the
// session holding a lock for lock-denied and in-use; "" when absent.
func (e *RPCError) SessionID() string { return e.Info["session-id"] }

// ReplyError is an <rpc-reply> that held one or more <rpc-error> elements
// of severity error. Its Unwrap exposes each *RPCError, so errors.As finds
// the first one.
type ReplyError struct {
	// Errors are the rpc-errors of the reply in document order; warnings
	// included.
	Errors []*RPCError
}

// Error lists the rpc-errors.
func (e *ReplyError) Error() string {
	if len(e.Errors) == 1 {
		return "rpc-error " + e.Errors[0].Error()
	}
	parts := make([]string, len(e.Errors))
	for i, re := range e.Errors {
		parts[i] = re.Error()
	}
	return fmt.Sprintf("%d rpc-errors: %s", len(e.Errors), strings.Join(parts, "; "))
}

// Unwrap returns the rpc-errors.
func (e *ReplyError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, re := range e.Errors {
		out[i] = re
	}
	return out
}

// RPCErrors returns every *RPCError in err's chain (all of a ReplyError's),
// or nil.
func RPCErrors(err error) []*RPCError {
	var re *ReplyError
	if errors.As(err, &re) {
		return re.Errors
	}
	var one *RPCError
	if errors.As(err, &one) {
		return []*RPCError{one}
	}
	return nil
}

// HasErrorTag reports whether any rpc-error in err's chain has the tag.
func HasErrorTag(err error, tag string) bool {
	for _, re := range RPCErrors(err) {
		if re.Tag == tag {
			return true
		}
	}
	return false
}

// IsLockDenied reports whether err holds a lock-denied rpc-error: another
// session holds the lock (its id is the error's SessionID), or the
// candidate has uncommitted changes from another session.
func IsLockDenied(err error) bool { return HasErrorTag(err, TagLockDenied) }

// IsInUse reports whether err holds an in-use rpc-error: a resource, such
// as a datastore or a pending confirmed commit, belongs to another session.
func IsInUse(err error) bool { return HasErrorTag(err, TagInUse) }

// IsAccessDenied reports whether err holds an access-denied rpc-error.
func IsAccessDenied(err error) bool { return HasErrorTag(err, TagAccessDenied) }

// IsDataMissing reports whether err holds a data-missing rpc-error, as a
// delete of a node that does not exist returns.
func IsDataMissing(err error) bool { return HasErrorTag(err, TagDataMissing) }

// IsDataExists reports whether err holds a data-exists rpc-error, as a
// create of a node that exists returns.
func IsDataExists(err error) bool { return HasErrorTag(err, TagDataExists) }

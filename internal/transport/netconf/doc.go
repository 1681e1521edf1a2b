// Package netconf is switchyard's thin NETCONF (RFC 6241) client over SSH
// (RFC 6242), built on scrapligo's netconf driver with its pure Go
// "standard" SSH transport.
//
// Dial opens a Session after verifying the device's SSH host key against a
// known_hosts file; an unknown or changed key is refused (ErrHostKeyUnknown,
// ErrHostKeyChanged) unless the caller explicitly asked for insecure mode.
// scrapligo handles the SSH channel, the hello exchange, the choice of
// framing (base:1.1 chunked framing when both sides support it, base:1.0
// end-of-message framing otherwise) and message-id matching. This package
// builds every request body with encoding/xml or xmltree (so user values are
// always escaped), parses every reply with encoding/xml, and turns
// <rpc-error> elements into *RPCError values that callers inspect with
// errors.As or the IsX helpers.
//
// Every operation takes a context and is bounded by Config.Timeout; a
// Session runs one operation at a time (calls from several goroutines are
// serialised). Errors name the device address and the operation and never
// contain credentials.
package netconf

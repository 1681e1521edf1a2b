// Package netconf is switchyard's thin NETCONF (RFC 6241) client over SSH
// (RFC 6242), built on scrapligo's netconf driver with its pure Go
// "standard" SSH transport.
//
// Dial opens a Session after verifying the device's SSH host key against a
// known_hosts file; an unknown or changed key is refused (ErrHostKeyUnknown,
// ErrHostKeyChanged) unless the caller explicitly asked for insecure mode.
// scrapligo handles the SSH channel, the client's hello, the choice of
// framing (base:1.1 chunked framing when both sides support it, base:1.0
// end-of-message framing otherwise) and message-id matching. The server's
// hello is read by this package beneath scrapligo (sshauth.Login.Hello):
// a scanner without regular expressions reads its capabilities, module
// capabilities and session-id, a run parses each distinct hello once
// (identity.Cache.Shared, keyed by the SHA-256 of the hello without its
// session-id), and scrapligo is handed a hello of only the base
// capabilities and the session-id, from which it chooses the framing as
// before. A release's hello of hundreds of capabilities cost scrapligo's
// regular expressions about 8 ms per session. This package
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

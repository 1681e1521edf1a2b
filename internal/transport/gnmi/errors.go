package gnmi

import "errors"

// Sentinel errors. Dial and the Client methods wrap them with the target
// address and the operation; test for them with errors.Is. Errors from the
// target also wrap its gRPC status: use status.Code(err).
var (
	// ErrCertificate is returned by Dial when the target's TLS certificate
	// does not verify against the configured CA (unknown authority, wrong
	// name or address, expired). Either the CA is the wrong one or someone
	// is impersonating the target.
	ErrCertificate = errors.New("target certificate not trusted")
	// ErrAuthFailed is returned by Dial when the target refused the
	// credentials (the credentials themselves are never part of the error).
	ErrAuthFailed = errors.New("gnmi authentication failed")
	// ErrUnsupported is returned by Dial when the target does not offer
	// the JSON_IETF encoding.
	ErrUnsupported = errors.New("not supported by the target")
	// ErrInvalidArgument is returned, before anything is sent, for a
	// request the caller built wrongly (bad path, unencodable value,
	// missing commit id).
	ErrInvalidArgument = errors.New("invalid argument")
	// ErrClosed is returned by Client methods called after Close.
	ErrClosed = errors.New("gnmi client is closed")
)
